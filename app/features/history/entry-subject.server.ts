import { and, asc, eq, sql } from "drizzle-orm";
import { db } from "#db/client.server";
import { memberships, organizations, projects } from "#db/schema";
import { subject, type AppAbility } from "#policies/ability";
import { membershipState, namedPeople } from "~/features/projects/index.server";
import { isUuid } from "~/kernel/query-input";

/**
 * A project as the policy sees it in memory: its live memberships with their named people.
 * Writes are checked against this (reads are filtered in SQL by the same rules).
 */
export async function projectForPolicy(projectId: string, now = new Date()) {
  if (!isUuid(projectId)) return undefined;
  const [project] = await db()
    .select({ id: projects.id, accountId: projects.accountId, ownerId: projects.ownerId })
    .from(projects)
    .where(eq(projects.id, projectId));
  if (!project) return undefined;
  const rows = await db()
    .select({
      membership: memberships,
      organizationName: organizations.name,
      organizationKind: organizations.kind,
    })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .where(and(eq(memberships.projectId, projectId), sql`${memberships.revokedAt} is null`))
    .orderBy(asc(organizations.name));
  const live = rows.filter((row) => membershipState(row.membership, now) === "active");
  // Only narrowed memberships name people; most projects have none, and then no query is sent.
  const ids = live.filter((row) => row.membership.narrowed).map((row) => row.membership.id);
  const named = await namedPeople(ids);
  const peopleOf = (membershipId: string) =>
    named.filter((person) => person.membershipId === membershipId);
  return {
    ...project,
    /** With the named people of narrowed memberships. */
    liveMemberships: live.map((row) => ({ ...row, people: peopleOf(row.membership.id) })),
    memberships: live.map((row) => ({
      ...row.membership,
      userIds: peopleOf(row.membership.id).map((person) => person.id),
    })),
  };
}

export type PolicyProject = NonNullable<Awaited<ReturnType<typeof projectForPolicy>>>;

/** An entry (existing or about to be written) tagged for CASL, inside its project. */
export function entrySubject(project: PolicyProject, fields: Record<string, unknown> = {}) {
  return subject("Entry", {
    ...fields,
    projectId: project.id,
    project: { id: project.id, memberships: project.memberships },
  });
}

/** May the reader log new entries in this project (the "Log a call…" actions)? */
export async function mayLogEntries(ability: AppAbility, projectId: string) {
  const project = await projectForPolicy(projectId);
  return Boolean(project && ability.can("create", entrySubject(project)));
}
