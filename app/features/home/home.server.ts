import { and, eq, gte, ne, notInArray, sql, type SQL } from "drizzle-orm";
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
import { NEW_ENTRIES_CAP } from "~/features/history/index.server";
import { readableEntries, readableEntriesByProject } from "~/features/sharing/index.server";

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

const accounts = alias(organizations, "account");

/**
 * What the reader's home shows: their most recently active projects, with their newest readable
 * entry and what is new since their last visit, and the newest entries they may read.
 *
 * Everything comes from the timelines' own filter (`readableEntries`), so a timestamp never
 * betrays an entry the reader may not read. The statements are bounded whatever the number of
 * projects, and none runs per project:
 *
 * - A reader with few projects (every partner and customer so far) has each project read on its
 *   own: one statement takes every project's newest readable entries down its timeline index (a
 *   UNION of one small ordered scan per project, each with that project's own condition, so the
 *   planner never scans all the reader's projects for each), which gives both each project's
 *   latest activity and the newest entries overall; another counts what is new in the listed
 *   projects since their visit, on the "logged" index, like the timeline's marker.
 * - Host staff read thousands of projects, where a lookup per project costs tens of
 *   milliseconds: their projects come from a walk down the newest-first index (see `walkProjects`)
 *   and their newest entries from the first rows of that index.
 */
export async function loadHome(reader: Reader, strategy: HomeStrategy = "auto"): Promise<HomeData> {
  const { ability, userId } = reader;
  // One more than the limit says "many"; told to go project by project (tests), all of them.
  const visible = await db()
    .select({
      id: projects.id,
      name: projects.name,
      accountName: accounts.name,
      seenAt: timelineVisits.seenAt,
    })
    .from(projects)
    .innerJoin(accounts, eq(accounts.id, projects.accountId))
    .leftJoin(timelineVisits, visitOf(userId))
    .where(accessibleWhere(ability, "read", "Project"))
    .orderBy(projects.name, projects.id)
    .limit(strategy === "per-project" ? Number.MAX_SAFE_INTEGER : PER_PROJECT_LIMIT + 1);
  if (visible.length === 0) return { projects: [], projectCount: 0, entries: [] };
  const many = strategy !== "per-project" && visible.length > PER_PROJECT_LIMIT;
  const projectCount = many ? null : visible.length;
  if (strategy === "newest" || (strategy === "auto" && many)) {
    const readable = await readableEntries(ability, null);
    const [projectRows, entryRows] = await Promise.all([
      walkProjects(reader, readable),
      entryRowsOf(userId, newest(readable)),
    ]);
    return { projects: projectRows, projectCount, entries: entryRows.map(toHomeEntry) };
  }

  const byProject = await readableEntriesByProject(
    ability,
    visible.map((project) => project.id),
  );
  const recent = byProject.size
    ? await entryRowsOf(userId, unionAll([...byProject.values()].map(newest)))
    : [];
  const latest = new Map<string, EntryRow>();
  for (const row of recent) if (!latest.has(row.project_id)) latest.set(row.project_id, row);
  // Newest activity first; the rest keep the name order they came in.
  const top = visible
    .map((project, index) => ({ project, index, at: latest.get(project.id)?.occurred_at }))
    .sort((a, b) => (b.at ?? "").localeCompare(a.at ?? "") || a.index - b.index)
    .slice(0, HOME_PROJECTS)
    .map(({ project }) => project);
  const counts = await countNew(
    userId,
    top.flatMap((project) => {
      const where = byProject.get(project.id);
      return where && project.seenAt ? [{ id: project.id, where, seenAt: project.seenAt }] : [];
    }),
  );
  return {
    projects: top.map((project) => {
      const row = latest.get(project.id);
      return {
        id: project.id,
        name: project.name,
        accountName: project.accountName,
        latest: row ? latestOf(row) : null,
        lastVisit: project.seenAt,
        newCount: counts.get(project.id) ?? 0,
      };
    }),
    projectCount,
    entries: recent.slice(0, HOME_ENTRIES).map(toHomeEntry),
  };
}

/** The reader's visit to the project's timeline, for a join on `projects`. */
function visitOf(userId: string) {
  return and(
    eq(timelineVisits.userId, userId),
    eq(timelineVisits.scope, "project"),
    eq(timelineVisits.scopeId, projects.id),
  );
}

const ORDER = sql`${entries.occurredAt} desc, ${entries.id} desc`;

/** A project's newest HOME_ENTRIES readable entries (or, with `readable` for all, the reader's). */
const newest = (where: SQL) =>
  sql`select ${entries.id}, ${entries.projectId}, ${entries.channel}, ${entries.direction},
      ${entries.occurredAt}, ${entries.subject}, ${entries.redactedAt}, ${entries.authorId},
      ${entries.authorOrganizationId}, ${entries.createdAt}
    from ${entries} where ${where} order by ${ORDER} limit ${HOME_ENTRIES}`;

/** Subqueries joined with UNION ALL, each keeping its own ORDER BY and LIMIT. */
const unionAll = (parts: SQL[]) =>
  sql.join(
    parts.map((part) => sql`(${part})`),
    sql` union all `,
  );

/** A timestamp as ISO 8601 in UTC, the same text from both database drivers. */
const iso = (value: SQL) =>
  sql`to_char(${value} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

type EntryRow = {
  id: string;
  project_id: string;
  project_name: string;
  channel: EntryChannel;
  direction: EntryDirection;
  occurred_at: string;
  subject: string | null;
  redacted: boolean;
  author_name: string;
  author_organization_name: string;
  is_new: boolean;
};

/**
 * The picked entries newest first, with their project, author and "new" mark: the first
 * HOME_ENTRIES of them, and each project's newest (its latest activity).
 */
async function entryRowsOf(userId: string, picked: SQL) {
  return queryRows<EntryRow>(
    db(),
    sql`select * from (
        select entry.id, entry.project_id, project.name as project_name, entry.channel,
          entry.direction, ${iso(sql`entry.occurred_at`)} as occurred_at,
          -- A redacted entry keeps its place on home, but none of its content.
          case when entry.redacted_at is null then entry.subject end as subject,
          entry.redacted_at is not null as redacted,
          author.name as author_name, author_org.name as author_organization_name,
          -- Logged by someone else since the visit: the timeline's "new" mark.
          coalesce(entry.created_at >= visit.seen_at + interval '1 millisecond'
            and entry.author_id <> ${userId}, false) as is_new,
          row_number() over (order by entry.occurred_at desc, entry.id desc) as newest_rank,
          row_number() over (partition by entry.project_id
            order by entry.occurred_at desc, entry.id desc) as project_rank
        from (${picked}) entry
        join ${projects} project on project.id = entry.project_id
        join ${users} author on author.id = entry.author_id
        join ${organizations} author_org on author_org.id = entry.author_organization_id
        left join ${timelineVisits} visit on visit.user_id = ${userId}
          and visit.scope = 'project' and visit.scope_id = entry.project_id
      ) ranked
      where newest_rank <= ${HOME_ENTRIES} or project_rank = 1
      order by newest_rank`,
  );
}

function toHomeEntry(row: EntryRow): HomeEntry {
  return {
    id: row.id,
    projectId: row.project_id,
    projectName: row.project_name,
    channel: row.channel,
    direction: row.direction,
    occurredAt: new Date(row.occurred_at),
    subject: row.redacted ? null : row.subject,
    redacted: Boolean(row.redacted),
    authorName: row.author_name,
    authorOrganizationName: row.author_organization_name,
    isNew: Boolean(row.is_new),
  };
}

function latestOf(row: EntryRow): NonNullable<HomeProject["latest"]> {
  return {
    id: row.id,
    channel: row.channel,
    subject: row.redacted ? null : row.subject,
    redacted: Boolean(row.redacted),
    occurredAt: new Date(row.occurred_at),
  };
}

/**
 * Readable entries others logged in each project since the reader's visit, up to the
 * timeline's cap: one small range scan of the "logged" index per project, in one statement.
 */
async function countNew(userId: string, visited: { id: string; where: SQL; seenAt: Date }[]) {
  const counts = new Map<string, number>();
  if (visited.length === 0) return counts;
  const rows = await queryRows<{ project_id: string; count: number }>(
    db(),
    sql`select project_id, count from (${unionAll(
      visited.map(
        ({ id, where, seenAt }) => sql`select ${id}::uuid as project_id, count(*)::int as count
          from (select 1 from ${entries}
            where ${where}
              and ${gte(entries.createdAt, new Date(seenAt.getTime() + 1))}
              and ${ne(entries.authorId, userId)}
            limit ${NEW_ENTRIES_CAP}) new_rows`,
      ),
    )}) counted`,
  );
  for (const row of rows) counts.set(row.project_id, Number(row.count));
  return counts;
}

type ProjectRow = {
  id: string;
  name: string;
  account_name: string;
  latest_id: string;
  latest_channel: EntryChannel;
  latest_subject: string | null;
  latest_redacted: boolean;
  latest_occurred_at: string;
  seen_at: string | null;
};

/**
 * The reader's projects by their newest readable entry, read newest first across all of them
 * for a reader of many projects: the walk keeps each project the first time it appears (a
 * recursive skip: each step seeks the newest readable entry older than the last one found and
 * outside the projects found so far), stopping at HOME_PROJECTS; what is new since the last
 * visit is counted for those few, on the "logged" index.
 */
async function walkProjects(reader: Reader, readable: SQL): Promise<HomeProject[]> {
  const { ability, userId } = reader;
  const rows = await queryRows<ProjectRow>(
    db(),
    sql`with recursive walk(project_id, entry_id, occurred_at, found) as (
        -- A seed row, so that the filter is written (and planned) once, in the recursive step.
        select null::uuid, null::uuid, null::timestamptz, array[]::uuid[]
        union all
        select step.project_id, step.entry_id, step.occurred_at, walk.found || step.project_id
        from walk cross join lateral (
          select ${entries.projectId} as project_id, ${entries.id} as entry_id,
            ${entries.occurredAt} as occurred_at
          from ${entries}
          where ${readable}
            and (${entries.occurredAt}, ${entries.id}) < (
              coalesce(walk.occurred_at, 'infinity'::timestamptz),
              coalesce(walk.entry_id, 'ffffffff-ffff-ffff-ffff-ffffffffffff'::uuid))
            and ${entries.projectId} <> all(walk.found)
          order by ${ORDER}
          limit 1
        ) step
        where cardinality(walk.found) < ${HOME_PROJECTS}
      )
      select project.id, project.name, account.name as account_name,
        latest.id as latest_id, latest.channel as latest_channel,
        case when latest.redacted_at is null then latest.subject end as latest_subject,
        latest.redacted_at is not null as latest_redacted,
        ${iso(sql`walk.occurred_at`)} as latest_occurred_at,
        ${iso(sql`visit.seen_at`)} as seen_at
      from walk
      join ${projects} project on project.id = walk.project_id
      join ${organizations} account on account.id = project.account_id
      join ${entries} latest on latest.id = walk.entry_id
      left join ${timelineVisits} visit on visit.user_id = ${userId}
        and visit.scope = 'project' and visit.scope_id = walk.project_id
      where ${accessibleWhere(ability, "read", "Project", { table: alias(projects, "project") })}
      order by walk.occurred_at desc, walk.entry_id desc`,
  );
  // What is new is counted as in the per-project case, with each project's own condition.
  const visited = rows.filter((row) => row.seen_at !== null);
  const byProject = visited.length
    ? await readableEntriesByProject(
        ability,
        visited.map((row) => row.id),
      )
    : new Map<string, SQL>();
  const counts = await countNew(
    userId,
    visited.flatMap((row) => {
      const where = byProject.get(row.id);
      return where ? [{ id: row.id, where, seenAt: new Date(row.seen_at!) }] : [];
    }),
  );
  const found: HomeProject[] = rows.map((row) => ({
    id: row.id,
    name: row.name,
    accountName: row.account_name,
    latest: {
      id: row.latest_id,
      channel: row.latest_channel,
      subject: row.latest_redacted ? null : row.latest_subject,
      redacted: Boolean(row.latest_redacted),
      occurredAt: new Date(row.latest_occurred_at),
    },
    lastVisit: row.seen_at ? new Date(row.seen_at) : null,
    newCount: counts.get(row.id) ?? 0,
  }));
  if (found.length >= HOME_PROJECTS) return found;
  // The walk ran out of readable entries: every other project has no readable activity yet.
  return [...found, ...(await quietProjects(reader, found))];
}

/** Projects without any readable entry, by name, to fill the list after the active ones. */
async function quietProjects(reader: Reader, found: HomeProject[]): Promise<HomeProject[]> {
  const rows = await db()
    .select({
      id: projects.id,
      name: projects.name,
      accountName: accounts.name,
      seenAt: timelineVisits.seenAt,
    })
    .from(projects)
    .innerJoin(accounts, eq(accounts.id, projects.accountId))
    .leftJoin(timelineVisits, visitOf(reader.userId))
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
