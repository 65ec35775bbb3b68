export {
  findProject,
  listMemberships,
  membershipSubject,
  revokeMembership,
  updateMembership,
  hostOrganizationName,
  membershipState,
  peopleOfMembership,
  projectIfLoaded,
  projectWithMemberships,
  type UnrevokedMembership,
  seesEveryProject,
} from "./project.server";
