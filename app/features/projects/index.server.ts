export {
  findProject,
  hostOrganizationName,
  membershipState,
  peopleOfMembership,
  projectWithMemberships,
  type UnrevokedMembership,
  seesEveryProject,
} from "./project.server";
