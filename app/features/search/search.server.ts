import { asc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { db, queryRows } from "#db/client.server";
import {
  entries,
  organizations,
  projects,
  requestComments,
  requests,
  type RequestCommentAudience,
} from "#db/schema";
import type { AppAbility } from "#policies/ability";
import { accessibleWhere } from "#policies/to-sql";
import {
  contactRedaction,
  seesAllContactDetails,
  type RedactionLabels,
  type RedactionReader,
} from "~/features/accounts/index.server";
import { readableEntries } from "~/features/sharing/index.server";
import { isUuid } from "~/kernel/query-input";

export const SEARCH_PAGE_SIZE = 20;
/** Ranked results are paged by offset; nobody reads hundreds of hits, and deep offsets cost. */
export const SEARCH_MAX_PAGE = 10;
/** Searches rank the newest this many matches (every page there is). */
export const SEARCH_CANDIDATES = SEARCH_PAGE_SIZE * SEARCH_MAX_PAGE;
export const SEARCH_MIN_LENGTH = 2;
/** Up to this many readable projects, the search page offers them as a filter menu. */
const PROJECT_MENU_LIMIT = 200;
export const SEARCH_MAX_LENGTH = 200;

// Private-use characters: ts_headline wraps matches in them, and the UI turns them into <mark>.
const START = "\uE000";
const STOP = "\uE001";
const GAP = "\uE002";
const SENTINELS = new RegExp(`[${START}${STOP}${GAP}]`, "g");

export type SearchQueryError = "empty" | "tooShort" | "tooLong";

/** The search text as typed, trimmed and checked for length (in characters, not code units). */
export function parseSearchQuery(
  raw: string,
): { ok: true; query: string } | { ok: false; error: SearchQueryError } {
  const query = raw.replace(SENTINELS, "").trim();
  const length = [...query].length;
  if (length === 0) return { ok: false, error: "empty" };
  if (length < SEARCH_MIN_LENGTH) return { ok: false, error: "tooShort" };
  if (length > SEARCH_MAX_LENGTH) return { ok: false, error: "tooLong" };
  return { ok: true, query };
}

export type HighlightSegment = { text: string; mark: boolean };

/** A ts_headline result split at its sentinels; nested or unpaired sentinels do no harm. */
export function highlightSegments(headline: string): HighlightSegment[] {
  const segments: HighlightSegment[] = [];
  let depth = 0;
  let text = "";
  const flush = () => {
    if (!text) return;
    const mark = depth > 0;
    const last = segments.at(-1);
    if (last && last.mark === mark) last.text += text;
    else segments.push({ text, mark });
    text = "";
  };
  for (const char of headline) {
    if (char === START || char === STOP) {
      flush();
      depth = char === START ? depth + 1 : Math.max(0, depth - 1);
    } else {
      text += char;
    }
  }
  flush();
  return segments;
}

/** Fragments joined by an ellipsis, with one where the body goes on before or after them. */
function snippetSegments(
  row: Pick<Row, "body_headline" | "cut_start" | "cut_end">,
): HighlightSegment[] {
  const text = row.body_headline.replace(/\s+/g, " ").trim();
  if (!text) return [];
  const joined = `${row.cut_start ? "… " : ""}${text.replaceAll(GAP, " … ")}${row.cut_end ? " …" : ""}`;
  return highlightSegments(joined);
}

export type SearchResult = {
  id: string;
  projectId: string;
  projectName: string;
  accountName: string;
  channel: string;
  direction: string;
  occurredAt: string;
  authorName: string;
  authorOrganizationName: string;
  subject: HighlightSegment[];
  snippet: HighlightSegment[];
};

type Row = {
  total: number;
  id: string | null;
  project_id: string;
  project_name: string;
  account_name: string;
  channel: string;
  direction: string;
  occurred_at: string;
  author_name: string;
  author_organization_name: string;
  subject_headline: string;
  body_headline: string;
  cut_start: boolean;
  cut_end: boolean;
};

const HIGHLIGHT = `StartSel=${START}, StopSel=${STOP}`;
const WHOLE = `${HIGHLIGHT}, HighlightAll=true`;
const FRAGMENTS = `${HIGHLIGHT}, MaxFragments=2, MinWords=10, MaxWords=20, FragmentDelimiter="${GAP}"`;
/** Whitespace and punctuation a fragment may stop short of at the end of the body. */
const ENDING = " \t\r\n.,;:!?…";
/** Bodies up to this many characters are shown whole; longer ones as fragments around matches. */
const WHOLE_BODY_LENGTH = 240;

/**
 * The headline of `text` in German, or in English when German stemming highlights nothing: a
 * query matches under either stemming, and ts_headline parses the text with one of them.
 */
function headline(text: SQL, options: SQL) {
  return sql`(select case when strpos(german.headline, ${START}) > 0 then german.headline
      else ts_headline('english', ${text}, search_query.english, ${options}) end
    from (select ts_headline('german', ${text}, search_query.german, ${options}) as headline) german)`;
}

/** The parsed query under both stemmings, as the CTE `search_query`. */
function searchQuery(query: string) {
  return sql`search_query as (
        select german, english, german || english as query
        from (select websearch_to_tsquery('german', ${query}) as german,
                     websearch_to_tsquery('english', ${query}) as english) parsed
        -- A query of stop words or only exclusions would match nothing or everything unindexed.
        where querytree(german || english) not in ('', 'T')
      )`;
}

/**
 * The headlines of a subject and body (after `search_query`): the subject whole, the body whole
 * or as fragments around the matches, and whether the fragments leave text out before or after.
 */
function headlineJoins(subject: SQL, body: SQL) {
  return sql`
      -- Sentinels typed into an entry would otherwise turn into highlights.
      left join lateral (
        select translate(${subject}, ${START + STOP + GAP}, '') as subject,
               translate(${body}, ${START + STOP + GAP}, '') as body
      ) clean on true
      left join lateral (
        select ${headline(sql`clean.subject`, sql`${WHOLE}`)} as value
      ) subject_headline on true
      left join lateral (
        select case when length(clean.body) <= ${WHOLE_BODY_LENGTH}
          then ${headline(sql`clean.body`, sql`${WHOLE}`)}
          else ${headline(sql`clean.body`, sql`${FRAGMENTS}`)} end as value
      ) body_headline on true
      left join lateral (
        select split_part(plain, ${GAP}, 1) as first,
               rtrim(split_part(plain, ${GAP}, -1), ${ENDING}) as last
        from (select translate(body_headline.value, ${START + STOP}, '') as plain) headline
      ) body_plain on true`;
}

const headlineColumns = sql`subject_headline.value as subject_headline, body_headline.value as body_headline,
             not starts_with(ltrim(clean.body), body_plain.first) as cut_start,
             right(rtrim(clean.body, ${ENDING}), length(body_plain.last)) <> body_plain.last as cut_end`;

/** Above this many estimated matches in all entries, a word counts as common. */
const COMMON_MATCHES = 20_000;

/** Does the planner expect `query` to match many entries (from its statistics, no scan)? */
async function isCommon(query: string) {
  const [plan] = await queryRows<{ "QUERY PLAN": unknown }>(
    db(),
    sql`explain (format json) select 1 from ${entries}
      where ${entries.searchVector} @@ (websearch_to_tsquery('german', ${query}) || websearch_to_tsquery('english', ${query}))`,
  );
  const raw = plan?.["QUERY PLAN"];
  const parsed = (typeof raw === "string" ? JSON.parse(raw) : raw) as [
    { Plan: { "Plan Rows": number } },
  ];
  return (parsed[0]?.Plan["Plan Rows"] ?? 0) > COMMON_MATCHES;
}

/**
 * One page of the history entries the reader may read that match `query`, best first, with the
 * number of all of them. Matches under German or English stemming (`websearch_to_tsquery`
 * syntax: "phrases", -exclusions, or). The permission filter and the match are materialised
 * first and only that set is ranked, so ranking never walks entries the reader cannot see and
 * the count is of readable entries only. Redacted entries are never found.
 */
export async function searchEntries(
  ability: AppAbility,
  query: string,
  options: {
    page?: number;
    projectId?: string;
    /** How matches are found; `auto` asks the planner's statistics (tests pin one). */
    strategy?: "auto" | "newest" | "index";
  } = {},
): Promise<{
  total: number;
  /** The newest SEARCH_CANDIDATES matches were ranked; there may be more. */
  capped: boolean;
  page: number;
  pageCount: number;
  results: SearchResult[];
}> {
  const page = Math.min(Math.max(1, Math.trunc(options.page ?? 1) || 1), SEARCH_MAX_PAGE);
  const readableHere = await readableEntries(
    ability,
    options.projectId && isUuid(options.projectId) ? [options.projectId] : null,
  );
  // A common word is found fastest by walking the newest entries (and stopping at enough
  // matches); a rare one through the GIN index. Comparing the operator's result with `is true`
  // keeps the planner off the GIN index.
  const strategy = options.strategy ?? "auto";
  const walk = strategy === "newest" || (strategy === "auto" && (await isCommon(query)));
  // Spelled out rather than taken from the CTE, so the planner sees the words it estimates.
  const tsquery = sql`(websearch_to_tsquery('german', ${query}) || websearch_to_tsquery('english', ${query}))`;
  const match = walk
    ? sql`(${entries.searchVector} @@ ${tsquery}) is true`
    : sql`${entries.searchVector} @@ ${tsquery}`;
  // For a rare word, an expression keeps the planner from walking the newest-first index
  // (and so every entry) in search of too few matches; it sorts the few GIN hits instead.
  const newest = walk ? sql`${entries.occurredAt}` : sql`(${entries.occurredAt} + interval '0 s')`;
  const rows = await queryRows<Row>(
    db(),
    sql`with ${searchQuery(query)},
      permitted as materialized (
        select ${entries.id} as id, ${entries.occurredAt} as occurred_at,
               ${entries.searchVector} as search_vector
        from ${entries} cross join search_query
        where ${match}
          and ${entries.redactedAt} is null
          and ${readableHere}
        -- The newest matches only: a common word matches a fifth of a million entries, and
        -- ranking them all would take seconds. Rare words are found through the GIN index.
        order by ${newest} desc, ${entries.id} desc
        limit ${SEARCH_CANDIDATES}
      ),
      ranked as (
        select permitted.id, permitted.occurred_at,
               ts_rank_cd(permitted.search_vector, search_query.query) as rank
        from permitted cross join search_query
        order by rank desc, permitted.occurred_at desc, permitted.id desc
        limit ${SEARCH_PAGE_SIZE} offset ${(page - 1) * SEARCH_PAGE_SIZE}
      )
      select counted.total, ranked.id, entry.project_id, project.name as project_name,
             account.name as account_name, entry.channel, entry.direction,
             to_char(entry.occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as occurred_at,
             author.name as author_name, author_org.name as author_organization_name,
             ${headlineColumns}
      -- One row even when the page is empty, so the count always comes back.
      from (select count(*)::int as total from permitted) counted
      left join ranked on true
      left join entries entry on entry.id = ranked.id
      left join projects project on project.id = entry.project_id
      left join organizations account on account.id = project.account_id
      left join users author on author.id = entry.author_id
      left join organizations author_org on author_org.id = entry.author_organization_id
      left join search_query on true
      ${headlineJoins(sql`entry.subject`, sql`entry.body_text`)}
      order by ranked.rank desc, ranked.occurred_at desc, ranked.id desc`,
  );
  const total = Number(rows[0]?.total ?? 0);
  const pageCount = Math.min(Math.ceil(total / SEARCH_PAGE_SIZE), SEARCH_MAX_PAGE);
  return {
    total,
    capped: total >= SEARCH_CANDIDATES,
    page,
    pageCount,
    results: rows
      .filter((row) => row.id !== null)
      .map((row) => ({
        id: row.id!,
        projectId: row.project_id,
        projectName: row.project_name,
        accountName: row.account_name,
        channel: row.channel,
        direction: row.direction,
        occurredAt: row.occurred_at,
        authorName: row.author_name,
        authorOrganizationName: row.author_organization_name,
        subject: highlightSegments(row.subject_headline),
        snippet: snippetSegments(row),
      })),
  };
}

/** Requests, and comments on requests, each: at most this many results beside the entries. */
export const REQUEST_RESULTS_PER_KIND = 5;

/** A request (its title and description) or a comment on one that matches the search. */
export type RequestSearchResult = {
  /** The request's id, or the comment's. */
  id: string;
  kind: "request" | "comment";
  requestId: string;
  reference: string;
  /** The request's title, with what matches marked. */
  title: HighlightSegment[];
  /** The description's or the comment's text around what matches. */
  snippet: HighlightSegment[];
  /** A comment's kind: public reply, partner note or internal note. */
  audience: RequestCommentAudience | null;
  projectId: string;
  projectName: string;
  accountName: string;
  /** When the request was opened, or the comment written. */
  occurredAt: string;
  authorName: string;
  authorOrganizationName: string;
};

type RequestRow = Omit<Row, "id" | "channel" | "direction" | "total"> & {
  requests: number;
  comments: number;
  id: string | null;
  kind: "request" | "comment";
  request_id: string;
  reference: string;
  audience: RequestCommentAudience | null;
};

/**
 * The requests and the comments on requests the reader may read that match `query`, the best
 * few of each kind, with how many of each there are. As for entries, the policy's SQL filters
 * (Request; for comments RequestComment and Request both) and the match are materialised first
 * through the GIN indexes, the newest SEARCH_CANDIDATES of each kind, and only that set is
 * ranked: a public reply reaches every reader of its request, a partner note only the host and
 * the assigned partner, an internal note only the host. One statement.
 */
export async function searchRequests(
  ability: AppAbility,
  query: string,
  options: { projectId?: string } = {},
): Promise<{ total: number; capped: boolean; results: RequestSearchResult[] }> {
  const projectId = options.projectId && isUuid(options.projectId) ? options.projectId : undefined;
  const tsquery = sql`(websearch_to_tsquery('german', ${query}) || websearch_to_tsquery('english', ${query}))`;
  const inProject = projectId ? sql`and ${requests.projectId} = ${projectId}::uuid` : sql``;
  const rows = await queryRows<RequestRow>(
    db(),
    sql`with ${searchQuery(query)},
      permitted_requests as materialized (
        select ${requests.id} as id, ${requests.createdAt} as occurred_at,
               ${requests.searchVector} as search_vector
        from ${requests} cross join search_query
        where ${requests.searchVector} @@ ${tsquery}
          and ${accessibleWhere(ability, "read", "Request")}
          ${inProject}
        order by ${requests.createdAt} desc, ${requests.id} desc
        limit ${SEARCH_CANDIDATES}
      ),
      permitted_comments as materialized (
        select ${requestComments.id} as id, ${requestComments.requestId} as request_id,
               ${requestComments.createdAt} as occurred_at,
               ${requestComments.searchVector} as search_vector
        from ${requestComments}
        inner join ${requests} on ${requests.id} = ${requestComments.requestId}
        cross join search_query
        where ${requestComments.searchVector} @@ ${tsquery}
          and ${accessibleWhere(ability, "read", "RequestComment")}
          and ${accessibleWhere(ability, "read", "Request")}
          ${inProject}
        order by ${requestComments.createdAt} desc, ${requestComments.id} desc
        limit ${SEARCH_CANDIDATES}
      ),
      ranked as (
        (select 'request' as kind, permitted.id, permitted.id as request_id, permitted.occurred_at,
                ts_rank_cd(permitted.search_vector, search_query.query) as rank
         from permitted_requests permitted cross join search_query
         order by rank desc, permitted.occurred_at desc, permitted.id desc
         limit ${REQUEST_RESULTS_PER_KIND})
        union all
        (select 'comment' as kind, permitted.id, permitted.request_id, permitted.occurred_at,
                ts_rank_cd(permitted.search_vector, search_query.query) as rank
         from permitted_comments permitted cross join search_query
         order by rank desc, permitted.occurred_at desc, permitted.id desc
         limit ${REQUEST_RESULTS_PER_KIND})
      )
      select counted.requests, counted.comments, ranked.kind, ranked.id, ranked.request_id,
             request.reference, request.project_id, project.name as project_name,
             account.name as account_name, audience.kind as audience,
             to_char(ranked.occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as occurred_at,
             author.name as author_name, author_org.name as author_organization_name,
             ${headlineColumns}
      -- One row even when nothing matches, so the counts always come back.
      from (select (select count(*) from permitted_requests)::int as requests,
                   (select count(*) from permitted_comments)::int as comments) counted
      left join ranked on true
      left join requests request on request.id = ranked.request_id
      left join request_comments comment on comment.id = ranked.id and ranked.kind = 'comment'
      left join audiences audience on audience.id = comment.audience_id
      left join projects project on project.id = request.project_id
      left join organizations account on account.id = request.organization_id
      left join users author on author.id = coalesce(comment.author_id, request.opened_by_id)
      left join organizations author_org
        on author_org.id = coalesce(comment.author_organization_id, request.opened_by_organization_id)
      left join search_query on true
      ${headlineJoins(
        sql`request.title`,
        sql`case when ranked.kind = 'comment' then comment.body_text else request.description_text end`,
      )}
      order by ranked.rank desc, ranked.occurred_at desc, ranked.id desc`,
  );
  const total = Number(rows[0]?.requests ?? 0) + Number(rows[0]?.comments ?? 0);
  return {
    total,
    capped:
      Number(rows[0]?.requests ?? 0) >= SEARCH_CANDIDATES ||
      Number(rows[0]?.comments ?? 0) >= SEARCH_CANDIDATES,
    results: rows
      .filter((row) => row.id !== null)
      .map((row) => ({
        id: row.id!,
        kind: row.kind,
        requestId: row.request_id,
        reference: row.reference,
        title: highlightSegments(row.subject_headline),
        snippet: snippetSegments(row),
        audience: row.kind === "comment" ? row.audience : null,
        projectId: row.project_id,
        projectName: row.project_name,
        accountName: row.account_name,
        occurredAt: row.occurred_at,
        authorName: row.author_name,
        authorOrganizationName: row.author_organization_name,
      })),
  };
}

type HeadlineRow = Pick<Row, "subject_headline" | "body_headline" | "cut_start" | "cut_end"> & {
  id: string;
};

/**
 * Search results as the reader may see them. A subject or body that mentions a contact person's
 * address or number the reader may not read is highlighted again from its redacted text, so no
 * snippet shows the value, nor cuts a number short where it would no longer be recognised.
 */
export async function redactSearchResults<Found extends { results: SearchResult[] }>(
  reader: RedactionReader,
  labels: RedactionLabels,
  query: string,
  found: Found,
): Promise<Found> {
  if (found.results.length === 0 || seesAllContactDetails(reader.ability)) return found;
  const rows = await db()
    .select({
      id: entries.id,
      projectId: entries.projectId,
      subject: entries.subject,
      bodyText: entries.bodyText,
    })
    .from(entries)
    .where(
      inArray(
        entries.id,
        found.results.map((result) => result.id),
      ),
    );
  const redaction = await contactRedaction(reader, labels, {
    projectIds: [...new Set(rows.map((row) => row.projectId))],
    texts: rows.flatMap((row) => [row.subject, row.bodyText]),
  });
  const changed = rows.filter(
    (row) => redaction.hides(row.subject) || redaction.hides(row.bodyText),
  );
  if (changed.length === 0) return found;
  const values = sql.join(
    changed.map(
      (row) =>
        sql`(${row.id}::uuid, ${redaction.text(row.subject)}::text, ${redaction.text(row.bodyText)}::text)`,
    ),
    sql`, `,
  );
  const headlines = await queryRows<HeadlineRow>(
    db(),
    sql`with ${searchQuery(query)}
      select source.id, ${headlineColumns}
      from (values ${values}) as source(id, subject, body)
      left join search_query on true
      ${headlineJoins(sql`source.subject`, sql`source.body`)}`,
  );
  const byId = new Map(headlines.map((row) => [row.id, row]));
  return {
    ...found,
    results: found.results.map((result) => {
      const row = byId.get(result.id);
      return row
        ? {
            ...result,
            subject: highlightSegments(row.subject_headline),
            snippet: snippetSegments(row),
          }
        : result;
    }),
  };
}

const accounts = alias(organizations, "account");

/** The projects the reader may read, for narrowing a search to one of them. */
export async function searchableProjects(ability: AppAbility) {
  const rows = await db()
    .select({ id: projects.id, name: projects.name, accountName: accounts.name })
    .from(projects)
    .innerJoin(accounts, eq(accounts.id, projects.accountId))
    .where(accessibleWhere(ability, "read", "Project"))
    .orderBy(asc(projects.name), asc(projects.id))
    .limit(PROJECT_MENU_LIMIT + 1);
  // A menu of thousands of projects helps nobody and costs every search page.
  return rows.length > PROJECT_MENU_LIMIT ? null : rows;
}
