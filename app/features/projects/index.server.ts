export { findProject, hostOrganizationName, membershipState, namedPeople } from "./project.server";
