export {
  findProject,
  hostOrganizationName,
  membershipState,
  peopleOfMembership,
  projectIfLoaded,
  projectWithMemberships,
  type UnrevokedMembership,
  seesEveryProject,
} from "./project.server";
