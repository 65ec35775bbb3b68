import { asc, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { db } from "#db/client.server";
import { projects, type RequestStatus } from "#db/schema";
import type { AppAbility } from "#policies/ability";
import { accessibleWhere } from "#policies/to-sql";
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
 * The projects the reader reads and may open a request in (for their customer), by name: in one
 * query, each project stands as the request `customerRequest` would open there (its customer's,
 * unassigned, new), and the policy's create rule for requests filters them in SQL, as
 * `mayOpenRequestIn` would ask of each. A rule naming a field that row lacks fails to compile.
 */
export function openableProjects(ability: AppAbility) {
  const opened = db()
    .select({
      projectId: projects.id,
      name: projects.name,
      organizationId: projects.accountId,
      assignedOrganizationId: sql<string | null>`null::uuid`.as("assigned_organization_id"),
      status: sql<RequestStatus>`'new'`.as("status"),
      reopenableUntil: sql<Date | null>`null::timestamptz`.as("reopenable_until"),
    })
    .from(projects)
    .where(accessibleWhere(ability, "read", "Project"))
    .as("opened_request");
  // The compiler looks a subject's columns up by field name, which the subquery's fields are.
  const asRequest = { table: opened as unknown as PgTable };
  return db()
    .select({ id: opened.projectId, name: opened.name })
    .from(opened)
    .where(accessibleWhere(ability, "create", "Request", asRequest))
    .orderBy(asc(opened.name));
}

/**
 * Does the project show its Requests tab: to readers of its customer's requests (host staff, the
 * customer with the requests section), and to a partner with a request assigned there.
 */
export async function mayOpenRequestsTab(ability: AppAbility, project: PolicyProject) {
  if (ability.can("read", customerRequest(project))) return true;
  return hasReadableRequest(ability, project.id);
}
