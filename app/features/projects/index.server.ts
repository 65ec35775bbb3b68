export {
  findProject,
  hostOrganizationName,
  membershipState,
  peopleOfMembership,
  seesEveryProject,
} from "./project.server";
