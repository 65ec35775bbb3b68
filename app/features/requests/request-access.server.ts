import type { AppAbility } from "#policies/ability";
import type { PolicyProject } from "~/features/sharing/index.server";
import { hasReadableRequest } from "./request.server";
import { requestSubject } from "./request-subject.server";

const customerRequest = (project: PolicyProject) =>
  requestSubject(project, {
    organizationId: project.accountId,
    assignedOrganizationId: null,
    status: "new",
  });

/** May the reader open requests in this project (for its customer)? */
export function mayOpenRequestIn(ability: AppAbility, project: PolicyProject) {
  return ability.can("create", customerRequest(project));
}

/**
 * Does the project show its Requests tab: to readers of its customer's requests (host staff, the
 * customer with the requests section), and to a partner with a request assigned there.
 */
export async function mayOpenRequestsTab(ability: AppAbility, project: PolicyProject) {
  if (ability.can("read", customerRequest(project))) return true;
  return hasReadableRequest(ability, project.id);
}
