import { and, asc, desc, eq, gte, inArray, lt, ne, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { db, queryRows } from "#db/client.server";
import {
  audiences,
  entries,
  entryRevisions,
  organizations,
  projects,
  users,
  type Audience,
  type EntryChannel,
} from "#db/schema";
import { type AppAbility } from "#policies/ability";
import { accessibleWhere } from "#policies/to-sql";
import {
  audienceNamesColumn,
  audienceOrganizationIdsColumn,
  readableEntries,
} from "~/features/sharing/index.server";
import { attachmentsColumn } from "~/features/documents/index.server";
import { isUuid } from "~/kernel/query-input";
import { oncePer } from "~/kernel/once-per.server";
import { startOfDayIn } from "~/kernel/time-zone";

export const ENTRY_PAGE_SIZE = 25;
/** "New since your last visit" counts up to this many. */
export const NEW_ENTRIES_CAP = 100;

export type EntryFilters = {
  channel?: EntryChannel;
  /** The author's party (organisation). */
  organizationId?: string;
  authorId?: string;
  /** Inclusive calendar days, `YYYY-MM-DD`, in the reader's time zone. */
  from?: string;
  to?: string;
  timeZone?: string;
  /** Only on the account timeline: one of the account's projects. */
  projectId?: string;
};

export type EntryCursor = { occurredAt: Date; id: string };

/** Whose timeline: one project, or every project of one customer account. */
export type TimelineScope = { kind: "project"; id: string } | { kind: "account"; id: string };

const authors = alias(users, "entry_author");
const authorOrganizations = alias(organizations, "entry_author_org");

/** The entries of one project the reader may read: the policy's SQL filter and the project. */
async function readable(ability: AppAbility, projectId: string): Promise<SQL> {
  return and(eq(entries.projectId, projectId), await readableEntries(ability, [projectId]))!;
}

/** The entries the reader may read in the account's projects (or the one chosen of them). */
async function readableInAccount(ability: AppAbility, accountId: string, projectId?: string) {
  return (await accountScope(ability, accountId, projectId)).where;
}

/** The account's projects the reader may open, by name: read once per request. */
function readableAccountProjects(ability: AppAbility, accountId: string) {
  return oncePer(ability, `account-projects:${accountId}`, () =>
    db()
      .select({ id: projects.id, name: projects.name })
      .from(projects)
      .where(accountProjects(ability, accountId))
      .orderBy(asc(projects.name), asc(projects.id)),
  );
}

/**
 * The projects a timeline covers: the project, or the account's projects the reader may open
 * (only the chosen one with the project filter). The same once-per-request read as the entries'.
 */
export async function timelineProjectIds(
  ability: AppAbility,
  scope: TimelineScope,
  projectId?: string,
): Promise<string[]> {
  if (!isUuid(scope.id)) return [];
  if (scope.kind === "project") return [scope.id];
  const only = projectId && isUuid(projectId) ? projectId : undefined;
  return (await readableAccountProjects(ability, scope.id))
    .filter((project) => !only || project.id === only)
    .map((project) => project.id);
}

/** The account's projects the reader may open, and the entries of them the reader may read. */
async function accountScope(ability: AppAbility, accountId: string, projectId?: string) {
  const only = projectId && isUuid(projectId) ? projectId : undefined;
  const projectIds = (await readableAccountProjects(ability, accountId))
    .filter((project) => !only || project.id === only)
    .map((project) => project.id);
  return { projectIds, where: await readableEntries(ability, projectIds) };
}

/**
 * Above this many projects, an account's timeline is read newest first across all of them
 * rather than project by project: one page per project costs more than the walk then.
 */
const LATERAL_PROJECTS = 40;

/**
 * The account's projects that can hold entries for this reader. Every Entry read rule needs what
 * the Project read rule needs, so this only prunes early; the Entry filter still decides.
 */
function accountProjects(ability: AppAbility, accountId: string): SQL {
  return and(eq(projects.accountId, accountId), accessibleWhere(ability, "read", "Project"))!;
}

function filterConditions(filters: EntryFilters): (SQL | undefined)[] {
  const conditions: (SQL | undefined)[] = [];
  if (filters.channel) conditions.push(eq(entries.channel, filters.channel));
  if (filters.organizationId && isUuid(filters.organizationId)) {
    conditions.push(eq(entries.authorOrganizationId, filters.organizationId));
  }
  if (filters.authorId && isUuid(filters.authorId)) {
    conditions.push(eq(entries.authorId, filters.authorId));
  }
  const from = startOfDayIn(filters.from, filters.timeZone);
  if (from) conditions.push(gte(entries.occurredAt, from));
  // The end is the next midnight, not +24 h: a day with a clock change is 23 or 25 hours long.
  const to = startOfDayIn(filters.to, filters.timeZone, 1);
  if (to) conditions.push(lt(entries.occurredAt, to));
  return conditions;
}

/**
 * Strictly older than the cursor in the timeline's order (when it happened, then id). A row
 * comparison, so the timeline index seeks to the cursor instead of reading every newer row.
 */
function olderThan(after: EntryCursor | undefined): SQL | undefined {
  if (!after) return undefined;
  return sql`(${entries.occurredAt}, ${entries.id}) < (${after.occurredAt.toISOString()}::timestamptz, ${after.id}::uuid)`;
}

/** An entry's own columns on a timeline, with its audience's kind (looked up per listed row). */
const entryRowColumns = {
  id: entries.id,
  projectId: entries.projectId,
  channel: entries.channel,
  direction: entries.direction,
  occurredAt: entries.occurredAt,
  subject: entries.subject,
  bodyText: entries.bodyText,
  audience:
    sql<Audience>`(select ${audiences.kind} from ${audiences} where ${audiences.id} = ${entries.audienceId})`.as(
      "audience",
    ),
  /** A custom audience's organisations by name (for readers who may see the sharing). */
  audienceNames: audienceNamesColumn(entries.audienceId).as("audience_names"),
  authorId: entries.authorId,
  authorOrganizationId: entries.authorOrganizationId,
  redactedAt: entries.redactedAt,
  createdAt: entries.createdAt,
};

/** …with the names of its author and the author's organisation. */
const entryColumns = {
  ...entryRowColumns,
  authorName: authors.name,
  authorOrganizationName: authorOrganizations.name,
};

/** The first `ENTRY_PAGE_SIZE` rows, and the cursor after them when one more row was fetched. */
function toPage<Row extends { occurredAt: Date; id: string }>(rows: Row[]) {
  const page = rows.slice(0, ENTRY_PAGE_SIZE);
  const last = page.at(-1);
  return {
    entries: page,
    next:
      rows.length > ENTRY_PAGE_SIZE && last
        ? ({ occurredAt: last.occurredAt, id: last.id } as EntryCursor)
        : null,
  };
}

/** One page of a project's timeline, newest first, with keyset pagination. */
export async function listProjectEntries(
  ability: AppAbility,
  projectId: string,
  filters: EntryFilters = {},
  after?: EntryCursor,
) {
  if (!isUuid(projectId)) return { entries: [], next: null };
  const rows = await db()
    .select({
      ...entryColumns,
      attachments: await attachmentsColumn(ability, [projectId], sql`${entries.id}`),
    })
    .from(entries)
    .innerJoin(authors, eq(authors.id, entries.authorId))
    .innerJoin(authorOrganizations, eq(authorOrganizations.id, entries.authorOrganizationId))
    .where(and(await readable(ability, projectId), ...filterConditions(filters), olderThan(after)))
    .orderBy(desc(entries.occurredAt), desc(entries.id))
    .limit(ENTRY_PAGE_SIZE + 1);
  return toPage(rows);
}

/**
 * One page of a customer account's timeline: the entries the reader may read in all of the
 * account's projects, merged newest first, with keyset pagination.
 *
 * Each project contributes its own newest page through a LATERAL subquery on the project timeline
 * index, and only those few rows are merged: one ordered index scan per project instead of
 * sorting every entry of the account. An account with many projects is read newest first across
 * all of them instead, where a page needs fewer rows than one page from every project.
 */
export async function listAccountEntries(
  ability: AppAbility,
  accountId: string,
  filters: EntryFilters = {},
  after?: EntryCursor,
  /** Project by project, or newest first across all; `auto` picks by the number of projects. */
  strategy: "auto" | "per-project" | "newest" = "auto",
) {
  if (!isUuid(accountId)) return { entries: [], next: null };
  const scope = await accountScope(ability, accountId, filters.projectId);
  if (scope.projectIds.length === 0) return { entries: [], next: null };
  const readableHere = scope.where;
  const walk =
    strategy === "newest" || (strategy === "auto" && scope.projectIds.length > LATERAL_PROJECTS);
  if (walk) {
    const rows = await db()
      .select({
        ...entryColumns,
        projectName: projects.name,
        attachments: await attachmentsColumn(ability, scope.projectIds, sql`${entries.id}`),
      })
      .from(entries)
      .innerJoin(projects, eq(projects.id, entries.projectId))
      .innerJoin(authors, eq(authors.id, entries.authorId))
      .innerJoin(authorOrganizations, eq(authorOrganizations.id, entries.authorOrganizationId))
      .where(and(readableHere, ...filterConditions(filters), olderThan(after)))
      .orderBy(desc(entries.occurredAt), desc(entries.id))
      .limit(ENTRY_PAGE_SIZE + 1);
    return toPage(rows);
  }
  const perProject = db()
    .select(entryRowColumns)
    .from(entries)
    .where(
      and(
        eq(entries.projectId, projects.id),
        readableHere,
        ...filterConditions(filters),
        olderThan(after),
      ),
    )
    .orderBy(desc(entries.occurredAt), desc(entries.id))
    .limit(ENTRY_PAGE_SIZE + 1)
    .as("project_page");
  const rows = await db()
    .select({
      ...perProject._.selectedFields,
      projectName: projects.name,
      attachments: await attachmentsColumn(ability, scope.projectIds, sql`${perProject.id}`),
      authorName: authors.name,
      authorOrganizationName: authorOrganizations.name,
    })
    .from(projects)
    .innerJoinLateral(perProject, sql`true`)
    .innerJoin(authors, eq(authors.id, perProject.authorId))
    .innerJoin(authorOrganizations, eq(authorOrganizations.id, perProject.authorOrganizationId))
    .where(inArray(projects.id, scope.projectIds))
    .orderBy(desc(perProject.occurredAt), desc(perProject.id))
    .limit(ENTRY_PAGE_SIZE + 1);
  return toPage(rows);
}

/**
 * SQL counting how many entries of the timeline the reader may read were logged by someone else
 * after `since` (an SQL timestamp): the same SQL filter as the timeline's pages, so nothing
 * unreadable is counted. Counted up to a cap: "100+ new entries" says enough, and a busy project
 * stays fast.
 */
export async function newEntriesCountSql(
  ability: AppAbility,
  scope: TimelineScope,
  filters: EntryFilters,
  since: SQL,
  readerId: string,
): Promise<SQL> {
  if (!isUuid(scope.id)) return sql`0`;
  const conditions = [
    scope.kind === "project"
      ? await readable(ability, scope.id)
      : await readableInAccount(ability, scope.id, filters.projectId),
    ...filterConditions(filters),
    // Later by at least a millisecond, as the browser compares the loaded rows (a JavaScript
    // Date has no finer grain); a bare comparison on the column so its index applies.
    sql`${entries.createdAt} >= ${since} + interval '1 millisecond'`,
    ne(entries.authorId, readerId),
  ];
  return sql`(select count(*)::int from (
    select ${entries.id} from ${entries} where ${and(...conditions)} limit ${NEW_ENTRIES_CAP}
  ) as new_rows)`;
}

export type FilterOption = { id: string; name: string };

/**
 * The filter menus: every author of an entry the reader may read in these projects, and their
 * parties. The project's authors come from the (project, author, audience) index by a loose scan,
 * one seek per distinct author rather than a walk over the entries; each is then kept if one
 * probe of the same index finds an entry of theirs in the project the reader may read. Exact,
 * and a few milliseconds in a project of a hundred thousand entries.
 */
async function authorsAndParties(
  projectIds: string[],
  readableHere: SQL,
): Promise<{ authors: FilterOption[]; parties: FilterOption[] }> {
  if (projectIds.length === 0) return { authors: [], parties: [] };
  const ids = sql`array[${sql.join(
    projectIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  )}]`;
  const nextAuthor = (after: SQL | undefined) => sql`(
    select e.author_id from ${entries} e where e.project_id = pa.project_id
    ${after ? sql`and e.author_id > ${after}` : sql``} order by e.author_id limit 1)`;
  const rows = await queryRows<{
    author_id: string;
    author_name: string;
    party_id: string;
    party_name: string;
  }>(
    db(),
    sql`with recursive pa(project_id, author_id) as (
          select pa.project_id, ${nextAuthor(undefined)} from unnest(${ids}) as pa(project_id)
          union all
          select pa.project_id, ${nextAuthor(sql`pa.author_id`)} from pa
          where pa.author_id is not null
        ), readable_authors as (
          select distinct pa.author_id from pa
          where pa.author_id is not null and exists (
            select 1 from ${entries}
            where ${entries.projectId} = pa.project_id and ${entries.authorId} = pa.author_id
              and ${readableHere})
        )
        select ${users.id} as author_id, ${users.name} as author_name,
          ${organizations.id} as party_id, ${organizations.name} as party_name
        from readable_authors
        inner join ${users} on ${users.id} = readable_authors.author_id
        inner join ${organizations} on ${organizations.id} = ${users.organizationId}`,
  );
  const menu = (pairs: [string, string][]) =>
    [...new Map(pairs).entries()]
      .map(([id, name]) => ({ id, name }))
      .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  return {
    authors: menu(rows.map((row) => [row.author_id, row.author_name])),
    parties: menu(rows.map((row) => [row.party_id, row.party_name])),
  };
}

/** Authors and parties of the entries the reader may read in this project (filter menus). */
export async function entryFilterOptions(ability: AppAbility, projectId: string) {
  if (!isUuid(projectId)) return { authors: [], parties: [] };
  return authorsAndParties([projectId], await readable(ability, projectId));
}

/**
 * The account timeline's filter menus: authors and parties of the entries the reader may read in
 * the account, and the account's projects the reader may read.
 */
export async function accountEntryFilterOptions(ability: AppAbility, accountId: string) {
  if (!isUuid(accountId)) return { authors: [], parties: [], projects: [] };
  const [people, projectRows] = await Promise.all([
    accountScope(ability, accountId).then(({ projectIds, where }) =>
      authorsAndParties(projectIds, where),
    ),
    readableAccountProjects(ability, accountId),
  ]);
  return { ...people, projects: projectRows };
}

/** One entry of the project the reader may read, or undefined (callers answer 404 either way). */
export async function findEntry(ability: AppAbility, projectId: string, entryId: string) {
  if (!isUuid(projectId) || !isUuid(entryId)) return undefined;
  const [row] = await db()
    .select({
      ...entryColumns,
      body: entries.body,
      bodyHtml: entries.bodyHtml,
      details: entries.details,
      redactionReason: entries.redactionReason,
      threadKey: entries.threadKey,
      messageId: entries.messageId,
      createdAt: entries.createdAt,
      updatedAt: entries.updatedAt,
      audienceId: entries.audienceId,
      audienceOrganizationIds: audienceOrganizationIdsColumn(entries.audienceId),
      attachments: await attachmentsColumn(ability, [projectId], sql`${entries.id}`),
    })
    .from(entries)
    .innerJoin(authors, eq(authors.id, entries.authorId))
    .innerJoin(authorOrganizations, eq(authorOrganizations.id, entries.authorOrganizationId))
    .where(and(eq(entries.id, entryId), await readable(ability, projectId)));
  return row;
}

/** The edits of an entry, newest first, with the editor's name. */
export async function listRevisions(entryId: string) {
  return db()
    .select({
      id: entryRevisions.id,
      editorName: users.name,
      before: entryRevisions.before,
      after: entryRevisions.after,
      createdAt: entryRevisions.createdAt,
    })
    .from(entryRevisions)
    .innerJoin(users, eq(users.id, entryRevisions.editorId))
    .where(eq(entryRevisions.entryId, entryId))
    .orderBy(desc(entryRevisions.createdAt), desc(entryRevisions.id));
}
