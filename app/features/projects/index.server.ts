export {
  findProject,
  listMemberships,
  hostOrganizationName,
  membershipState,
  peopleOfMembership,
  projectIfLoaded,
  projectWithMemberships,
  type UnrevokedMembership,
  seesEveryProject,
} from "./project.server";
