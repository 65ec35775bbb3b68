import { and, eq, getTableColumns, gt, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { db, type Database } from "#db/client.server";
import { documents, entries, memberships } from "#db/schema";
import { actorOfAbility, type AppAbility } from "#policies/ability";
import { accessibleWhere, compileWithKnown, PolicyCompileError } from "#policies/to-sql";
import { membershipState, projectIfLoaded } from "~/features/projects/index.server";
import { oncePer } from "~/kernel/once-per.server";

/** The project items an audience applies to, with the column naming their project. */
const ITEMS = {
  Entry: entries.projectId,
  Document: documents.projectId,
} as const;
type ItemSubject = keyof typeof ITEMS;

/*
 * Which entries (or documents) of which projects may the reader read — as SQL that stays cheap at a million
 * entries. The Entry rules have a project-level part (a live membership of the reader's
 * organisation with the history section) and an entry-level part (the audience). The
 * project-level part is decided here, in memory and by CASL's own interpreter, for the projects
 * at hand; the database then checks only the audience of each entry, in the projects that
 * passed. Projects whose reader's memberships look alike share one compiled condition.
 */

const dialect = new PgDialect();
const keyOf = (condition: SQL) => {
  const query = dialect.sqlToQuery(condition);
  return `${query.sql}|${JSON.stringify(query.params)}`;
};

type OwnMembership = Record<string, unknown> & { userIds: string[] };

/** What a rule can ask of a membership; rows equal in these are equal to the policy. */
const signatureOf = (membership: OwnMembership) =>
  JSON.stringify([
    membership.organizationId,
    membership.access,
    [...(membership.sections as string[])].sort(),
    membership.expiresAt ? "expires" : "open",
    membership.revokedAt,
    membership.narrowed,
    [...membership.userIds].sort(),
  ]);

/** The reader's organisation's live memberships of these projects, by project (with named people). */
async function ownMemberships(
  database: Database,
  organizationId: string,
  projectIds: string[] | null,
  now: Date,
) {
  const rows = await database
    .select({
      ...getTableColumns(memberships),
      // Only a narrowed membership names its people.
      // Qualified by hand: drizzle leaves a single-table query's selected columns bare.
      userIds: sql<string[]>`case when "memberships"."narrowed" then coalesce((
        select json_agg(mu.user_id) from membership_users mu
        where mu.membership_id = "memberships"."id"), '[]'::json)
        else '[]'::json end`,
    })
    .from(memberships)
    .where(
      and(
        eq(memberships.organizationId, organizationId),
        isNull(memberships.revokedAt),
        or(isNull(memberships.expiresAt), gt(memberships.expiresAt, now)),
        projectIds ? inArray(memberships.projectId, projectIds) : undefined,
      ),
    );
  const byProject = new Map<string, OwnMembership[]>();
  for (const row of rows) {
    byProject.set(row.projectId, [...(byProject.get(row.projectId) ?? []), row]);
  }
  return byProject;
}

/**
 * One project's own memberships from the reader's read of that project, when the request has
 * made it already (a project page's layout does, with the memberships): no statement of its own.
 * Undefined otherwise, or when the reader may not see the project; the caller then asks the
 * database.
 */
async function ownMembershipsOfReadableProject(
  ability: AppAbility,
  projectId: string,
  { actor, now }: NonNullable<ReturnType<typeof actorOfAbility>>,
) {
  const project = await projectIfLoaded(ability, projectId);
  if (!project) return undefined;
  const own: OwnMembership[] = project.memberships
    .filter(
      (row) =>
        row.membership.organizationId === actor.organizationId &&
        membershipState(row.membership, now) === "active",
    )
    .map((row) => ({
      ...row.membership,
      userIds: row.membership.narrowed ? row.people.map((person) => person.id) : [],
    }));
  return new Map(own.length > 0 ? [[projectId, own]] : []);
}

/**
 * The reader's organisation's live memberships (as of the ability's moment), by project, loaded
 * once per ability: the Viewer builds one ability per request, so every part of a page shares one
 * load. Only `projectIds` (or all, for null) are handed out.
 */
export async function readerMemberships(
  ability: AppAbility,
  projectIds: string[] | null,
  database: Database = db(),
): Promise<Map<string, OwnMembership[]>> {
  const context = actorOfAbility(ability);
  if (!context) return new Map();
  if (projectIds?.length === 1 && database === db()) {
    const fromProject = await ownMembershipsOfReadableProject(ability, projectIds[0]!, context);
    if (fromProject) return fromProject;
  }
  const all = await oncePer(ability, "reader-memberships", () =>
    ownMemberships(database, context.actor.organizationId, null, context.now),
  );
  if (!projectIds) return all;
  return new Map(projectIds.flatMap((id) => (all.has(id) ? [[id, all.get(id)!] as const] : [])));
}

/**
 * The shortcut is sound only if other organisations' memberships never decide what this reader
 * reads. Checked on every call against a membership that would grant everything if it counted.
 */
function assertOnlyOwnMembershipsCount(
  ability: AppAbility,
  subjectType: ItemSubject,
  organizationId: string,
) {
  const stranger = {
    id: "00000000-0000-4000-8000-000000000000",
    organizationId: `not-${organizationId}`,
    access: "contribute",
    sections: ["history", "documents", "requests", "contacts"],
    expiresAt: null,
    revokedAt: null,
    narrowed: false,
    userIds: [],
  };
  const without = compileWithKnown(ability, "read", subjectType, {
    known: { project: { memberships: [] } },
  });
  const withStranger = compileWithKnown(ability, "read", subjectType, {
    known: { project: { memberships: [stranger] } },
  });
  const same =
    typeof without.condition === "boolean" || typeof withStranger.condition === "boolean"
      ? without.condition === withStranger.condition
      : keyOf(without.condition) === keyOf(withStranger.condition);
  if (!same) {
    throw new PolicyCompileError(`${subjectType} rules depend on other organisations' memberships`);
  }
}

/**
 * The entries the reader may read, restricted to `projectIds` (or to every project, `null`), as
 * one WHERE clause on `entries`.
 */
export function readableEntries(
  ability: AppAbility,
  projectIds: string[] | null,
  database: Database = db(),
) {
  return readableItems(ability, "Entry", projectIds, database);
}

/** The same for documents (and entries' attachments), as a WHERE clause on `documents`. */
export function readableDocuments(
  ability: AppAbility,
  projectIds: string[] | null,
  database: Database = db(),
) {
  return readableItems(ability, "Document", projectIds, database);
}

/**
 * The entries the reader may read in each of `projectIds`, one condition per project that names
 * that project alone (absent: nothing readable there). For queries that read project by project
 * (a UNION or LATERAL per project): asked of one OR over every project, the planner may read all
 * of their entries for each project.
 */
export async function readableEntriesByProject(
  ability: AppAbility,
  projectIds: string[],
  database: Database = db(),
) {
  const scope = await itemScope(ability, "Entry", projectIds, database);
  const byProject = new Map<string, SQL>();
  const groups = "plain" in scope ? [{ condition: scope.plain, projectIds }] : scope.groups;
  for (const group of groups) {
    for (const projectId of group.projectIds) {
      byProject.set(projectId, and(eq(entries.projectId, projectId), group.condition)!);
    }
  }
  return byProject;
}

async function readableItems(
  ability: AppAbility,
  subjectType: ItemSubject,
  projectIds: string[] | null,
  database: Database,
) {
  const projectColumn = ITEMS[subjectType];
  const scope = await itemScope(ability, subjectType, projectIds, database);
  if ("plain" in scope) {
    const only = projectIds ? inArray(projectColumn, projectIds) : undefined;
    return and(only, scope.plain) ?? sql`true`;
  }
  if (scope.groups.length === 0) return sql`false`;
  return or(
    ...scope.groups.map((group) => and(inArray(projectColumn, group.projectIds), group.condition)),
  )!;
}

type ItemScope =
  /** No project-level part (host staff), or no actor to ask: one filter for every project. */
  | { plain: SQL }
  /** Projects whose reader's memberships look alike, each group with its one condition. */
  | { groups: { condition: SQL; projectIds: string[] }[] };

async function itemScope(
  ability: AppAbility,
  subjectType: ItemSubject,
  projectIds: string[] | null,
  database: Database,
): Promise<ItemScope> {
  if (projectIds && projectIds.length === 0) return { groups: [] };
  const placeholder = compileWithKnown(ability, "read", subjectType, {
    known: { project: { memberships: [] } },
  });
  const context = actorOfAbility(ability);
  if (!placeholder.consulted || !context) {
    return { plain: accessibleWhere(ability, "read", subjectType) };
  }
  const { actor } = context;
  assertOnlyOwnMembershipsCount(ability, subjectType, actor.organizationId);
  const own = await readerMemberships(ability, projectIds, database);
  // Projects where the reader's memberships look alike get the same condition: compile once.
  const bySignature = new Map<string, { memberships: OwnMembership[]; projectIds: string[] }>();
  for (const [projectId, list] of own) {
    const signature = JSON.stringify(list.map(signatureOf).sort());
    const group = bySignature.get(signature) ?? { memberships: list, projectIds: [] };
    group.projectIds.push(projectId);
    bySignature.set(signature, group);
  }
  const groups = new Map<string, { condition: SQL; projectIds: string[] }>();
  for (const { memberships: list, projectIds: ids } of bySignature.values()) {
    const { condition } = compileWithKnown(ability, "read", subjectType, {
      known: { project: { memberships: list } },
    });
    if (condition === false) continue;
    const compiled = condition === true ? sql`true` : condition;
    const key = keyOf(compiled);
    const group = groups.get(key) ?? { condition: compiled, projectIds: [] };
    group.projectIds.push(...ids);
    groups.set(key, group);
  }
  return { groups: [...groups.values()] };
}
