import { and, desc, eq, inArray, notInArray, sql, type SQL, type SQLWrapper } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { db, queryRows } from "#db/client.server";
import {
  entries,
  organizations,
  projects,
  timelineVisits,
  users,
  type EntryChannel,
  type EntryDirection,
} from "#db/schema";
import type { AppAbility } from "#policies/ability";
import { accessibleWhere } from "#policies/to-sql";
import { NEW_ENTRIES_CAP } from "~/models/entry.server";
import { readableEntries } from "~/models/item-scope.server";

/** Home lists this many projects (the most recently active) and links to the rest. */
export const HOME_PROJECTS = 8;
/** …and this many of the newest entries across them. */
export const HOME_ENTRIES = 10;
/**
 * Up to this many readable projects, home asks each of them for its own newest entries through
 * the project timeline index; above it, it walks all readable entries newest first instead.
 */
const PER_PROJECT_LIMIT = 40;

export type HomeStrategy = "auto" | "per-project" | "newest";

export type HomeProject = {
  id: string;
  name: string;
  accountName: string;
  /** The newest entry the reader may read in the project; null when there is none. */
  latest: {
    id: string;
    channel: EntryChannel;
    /** Null for a redacted entry: its tombstone shows no content. */
    subject: string | null;
    redacted: boolean;
    occurredAt: Date;
  } | null;
  /** The reader's previous visit to the project's timeline (null: never opened). */
  lastVisit: Date | null;
  /** Readable entries others logged since that visit, counted up to NEW_ENTRIES_CAP. */
  newCount: number;
};

export type HomeEntry = {
  id: string;
  projectId: string;
  projectName: string;
  channel: EntryChannel;
  direction: EntryDirection;
  occurredAt: Date;
  subject: string | null;
  redacted: boolean;
  authorName: string;
  authorOrganizationName: string;
  /** Logged by someone else since the reader's last visit to the project's timeline. */
  isNew: boolean;
};

export type HomeData = {
  projects: HomeProject[];
  /** How many projects the reader may read; null when more than home ever counts. */
  projectCount: number | null;
  entries: HomeEntry[];
};

type Reader = { ability: AppAbility; userId: string };

const authors = alias(users, "entry_author");
const authorOrganizations = alias(organizations, "entry_author_org");

/** The reader's visit to an entry's project timeline (the "new since your last visit" baseline). */
function visitOf(userId: string, projectId: typeof projects.id | typeof entries.projectId) {
  return and(
    eq(timelineVisits.userId, userId),
    eq(timelineVisits.scope, "project"),
    eq(timelineVisits.scopeId, projectId),
  );
}

/**
 * What the reader's home shows: their most recently active projects, with their newest readable
 * entry and what is new since their last visit, and the newest entries they may read.
 *
 * Everything comes from the timelines' own filter (`readableEntries`), so a timestamp never
 * betrays an entry the reader may not read. The queries are bounded whatever the number of
 * projects (see `activeProjects`), and run no query per project.
 */
export async function loadHome(reader: Reader, strategy: HomeStrategy = "auto"): Promise<HomeData> {
  const { ability } = reader;
  // One more than the limit says "many"; told to go project by project (tests), all of them.
  const some = await db()
    .select({ id: projects.id })
    .from(projects)
    .where(accessibleWhere(ability, "read", "Project"))
    .limit(strategy === "per-project" ? Number.MAX_SAFE_INTEGER : PER_PROJECT_LIMIT + 1);
  if (some.length === 0) return { projects: [], projectCount: 0, entries: [] };
  const many = strategy !== "per-project" && some.length > PER_PROJECT_LIMIT;
  const walk = strategy === "newest" || (strategy === "auto" && many);
  // Walking newest first needs no list of projects; per project, the few the reader has.
  const projectIds = walk ? null : some.map((row) => row.id);
  const readable = await readableEntries(ability, projectIds);
  const [projectRows, entryRows] = await Promise.all([
    activeProjects(reader, readable, projectIds),
    newestEntries(reader, readable, projectIds),
  ]);
  return {
    projects: projectRows,
    projectCount: many ? null : some.length,
    entries: entryRows,
  };
}

type ProjectRow = {
  id: string;
  name: string;
  account_name: string;
  latest_id: string | null;
  latest_channel: EntryChannel | null;
  latest_subject: string | null;
  latest_redacted: boolean | null;
  latest_occurred_at: string | null;
  seen_at: string | null;
  new_count: number;
};

/** A timestamp as ISO 8601 in UTC, the same text from both database drivers. */
const iso = (value: SQL) =>
  sql`to_char(${value} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * The reader's projects by their newest readable entry, newest first, then those with none.
 *
 * A reader with few projects (every partner and customer so far) asks each project for its
 * newest readable entry: one step down the project timeline index each. Host staff read
 * thousands of projects; for them, one lookup per project costs tens of milliseconds, so the
 * query walks readable entries newest first instead and keeps each project the first time it
 * appears (a recursive skip: each step seeks the newest readable entry older than the last one
 * found and outside the projects found so far), stopping at HOME_PROJECTS. Either way one
 * statement, which then counts what is new since the last visit in those few projects only,
 * on the "logged" index like the timeline's marker.
 */
async function activeProjects(
  reader: Reader,
  readable: SQL,
  projectIds: string[] | null,
): Promise<HomeProject[]> {
  const { ability, userId } = reader;
  const order = sql`${entries.occurredAt} desc, ${entries.id} desc`;
  const top = projectIds
    ? sql`top as (
        select ${projects.id} as project_id, latest.id as entry_id, latest.occurred_at
        from ${projects}
        left join lateral (
          select ${entries.id} as id, ${entries.occurredAt} as occurred_at
          from ${entries}
          where ${entries.projectId} = ${projects.id} and ${readable}
          order by ${order}
          limit 1
        ) latest on true
        where ${inArray(projects.id, projectIds)}
        order by latest.occurred_at desc nulls last, ${projects.name}, ${projects.id}
        limit ${HOME_PROJECTS}
      )`
    : sql`walk as (
        (select ${entries.projectId} as project_id, ${entries.id} as entry_id,
            ${entries.occurredAt} as occurred_at, array[${entries.projectId}] as found
          from ${entries}
          where ${readable}
          order by ${order}
          limit 1)
        union all
        select step.project_id, step.entry_id, step.occurred_at, walk.found || step.project_id
        from walk cross join lateral (
          select ${entries.projectId} as project_id, ${entries.id} as entry_id,
            ${entries.occurredAt} as occurred_at
          from ${entries}
          where ${readable}
            and (${entries.occurredAt}, ${entries.id}) < (walk.occurred_at, walk.entry_id)
            and ${entries.projectId} <> all(walk.found)
          order by ${order}
          limit 1
        ) step
        where cardinality(walk.found) < ${HOME_PROJECTS}
      ),
      top as (
        select walk.project_id, walk.entry_id, walk.occurred_at
        from walk join ${projects} on ${projects.id} = walk.project_id
        where ${accessibleWhere(ability, "read", "Project")}
      )`;
  const rows = await queryRows<ProjectRow>(
    db(),
    sql`with recursive ${top}
      select project.id, project.name, account.name as account_name,
        latest.id as latest_id, latest.channel as latest_channel,
        case when latest.redacted_at is null then latest.subject end as latest_subject,
        latest.redacted_at is not null as latest_redacted,
        ${iso(sql`top.occurred_at`)} as latest_occurred_at,
        ${iso(sql`visit.seen_at`)} as seen_at,
        coalesce(fresh.count, 0)::int as new_count
      from top
      join ${projects} project on project.id = top.project_id
      join ${organizations} account on account.id = project.account_id
      left join ${entries} latest on latest.id = top.entry_id
      left join ${timelineVisits} visit on visit.user_id = ${userId}
        and visit.scope = 'project' and visit.scope_id = top.project_id
      left join lateral (
        select count(*) as count from (
          select 1 from ${entries}
          where ${entries.projectId} = top.project_id and ${readable}
            and ${entries.createdAt} >= visit.seen_at + interval '1 millisecond'
            and ${entries.authorId} <> ${userId}
          limit ${NEW_ENTRIES_CAP}
        ) new_rows
      ) fresh on visit.seen_at is not null
      order by top.occurred_at desc nulls last, project.name, project.id`,
  );
  const found = rows.map(toHomeProject);
  if (projectIds || found.length >= HOME_PROJECTS) return found;
  // The walk ran out of readable entries: every other project has no readable activity yet.
  return [...found, ...(await quietProjects(reader, found))];
}

function toHomeProject(row: ProjectRow): HomeProject {
  return {
    id: row.id,
    name: row.name,
    accountName: row.account_name,
    latest:
      row.latest_id && row.latest_channel && row.latest_occurred_at
        ? {
            id: row.latest_id,
            channel: row.latest_channel,
            subject: row.latest_redacted ? null : row.latest_subject,
            redacted: Boolean(row.latest_redacted),
            occurredAt: new Date(row.latest_occurred_at),
          }
        : null,
    lastVisit: row.seen_at ? new Date(row.seen_at) : null,
    newCount: Number(row.new_count),
  };
}

/** Projects without any readable entry, by name, to fill the list after the active ones. */
async function quietProjects(reader: Reader, found: HomeProject[]): Promise<HomeProject[]> {
  const accounts = alias(organizations, "account");
  const rows = await db()
    .select({
      id: projects.id,
      name: projects.name,
      accountName: accounts.name,
      seenAt: timelineVisits.seenAt,
    })
    .from(projects)
    .innerJoin(accounts, eq(accounts.id, projects.accountId))
    .leftJoin(timelineVisits, visitOf(reader.userId, projects.id))
    .where(
      and(
        accessibleWhere(reader.ability, "read", "Project"),
        found.length
          ? notInArray(
              projects.id,
              found.map((project) => project.id),
            )
          : undefined,
      ),
    )
    .orderBy(projects.name, projects.id)
    .limit(HOME_PROJECTS - found.length);
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    accountName: row.accountName,
    latest: null,
    lastVisit: row.seenAt,
    newCount: 0,
  }));
}

/** Logged by someone else since the reader's last visit to the project's timeline. */
function isNewSql(userId: string, entry: { createdAt: SQLWrapper; authorId: SQLWrapper }) {
  // Later by at least a millisecond: the same test as the timeline's marker and countNewEntries.
  return sql<
    boolean | null
  >`(${entry.createdAt} >= ${timelineVisits.seenAt} + interval '1 millisecond' and ${entry.authorId} <> ${userId})`;
}

/**
 * The newest entries the reader may read across their projects. Like the account timeline: per
 * project through its timeline index when the reader has few projects, else newest first
 * through the all-projects index, stopping at HOME_ENTRIES readable rows.
 */
async function newestEntries(
  reader: Reader,
  readable: SQL,
  projectIds: string[] | null,
): Promise<HomeEntry[]> {
  const { userId } = reader;
  const ownColumns = {
    id: entries.id,
    projectId: entries.projectId,
    channel: entries.channel,
    direction: entries.direction,
    occurredAt: entries.occurredAt,
    subject: entries.subject,
    redactedAt: entries.redactedAt,
    authorId: entries.authorId,
    authorOrganizationId: entries.authorOrganizationId,
    createdAt: entries.createdAt,
  };
  const names = {
    authorName: authors.name,
    authorOrganizationName: authorOrganizations.name,
    projectName: projects.name,
  };
  let rows;
  if (projectIds) {
    const perProject = db()
      .select(ownColumns)
      .from(entries)
      .where(and(eq(entries.projectId, projects.id), readable))
      .orderBy(desc(entries.occurredAt), desc(entries.id))
      .limit(HOME_ENTRIES)
      .as("project_page");
    rows = await db()
      .select({ ...perProject._.selectedFields, ...names, isNew: isNewSql(userId, perProject) })
      .from(projects)
      .innerJoinLateral(perProject, sql`true`)
      .innerJoin(authors, eq(authors.id, perProject.authorId))
      .innerJoin(authorOrganizations, eq(authorOrganizations.id, perProject.authorOrganizationId))
      .leftJoin(timelineVisits, visitOf(userId, projects.id))
      .where(inArray(projects.id, projectIds))
      .orderBy(desc(perProject.occurredAt), desc(perProject.id))
      .limit(HOME_ENTRIES);
  } else {
    rows = await db()
      .select({ ...ownColumns, ...names, isNew: isNewSql(userId, entries) })
      .from(entries)
      .innerJoin(projects, eq(projects.id, entries.projectId))
      .innerJoin(authors, eq(authors.id, entries.authorId))
      .innerJoin(authorOrganizations, eq(authorOrganizations.id, entries.authorOrganizationId))
      .leftJoin(timelineVisits, visitOf(userId, entries.projectId))
      .where(readable)
      .orderBy(desc(entries.occurredAt), desc(entries.id))
      .limit(HOME_ENTRIES);
  }
  return rows.map((row) => {
    const redacted = row.redactedAt !== null;
    return {
      id: row.id,
      projectId: row.projectId,
      projectName: row.projectName,
      channel: row.channel,
      direction: row.direction,
      occurredAt: row.occurredAt,
      // A redacted entry keeps its place on home, but none of its content.
      subject: redacted ? null : row.subject,
      redacted,
      authorName: row.authorName,
      authorOrganizationName: row.authorOrganizationName,
      isNew: Boolean(row.isNew),
    };
  });
}
