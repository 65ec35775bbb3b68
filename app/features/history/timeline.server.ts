import { sql, type SQL } from "drizzle-orm";
import { db, queryRows } from "#db/client.server";
import { timelineVisits } from "#db/schema";
import { entryChannels, type EntryChannel } from "#db/schema/values";
import { actorOfAbility, type AppAbility } from "#policies/ability";
import type {
  TimelineData,
  TimelineEntryView,
  TimelineLine,
  TimelineRequestView,
} from "~/features/history/types";
import { contactRedaction, type RedactionLabels } from "~/features/accounts/index.server";
import {
  accountEntryFilterOptions,
  newEntriesCountSql,
  NEW_ENTRIES_CAP,
  ENTRY_PAGE_SIZE,
  entryFilterOptions,
  listAccountEntries,
  listProjectEntries,
  timelineProjectIds,
  type EntryCursor,
  type EntryFilters,
  type TimelineScope,
} from "~/features/history/entry.server";
import { listRequestActivity, type RequestActivity } from "~/features/requests/index.server";
import { maySeeSharing } from "~/features/sharing/index.server";
import { isUuid } from "~/kernel/query-input";
import { decodeTimeCursor, encodePageCursor } from "~/kernel/page-cursor.server";
import { parseDay } from "~/kernel/day-input";
import { startOfDayIn, timeZoneOrUtc } from "~/kernel/time-zone";

const EXCERPT_LENGTH = 220;

export function encodeCursor(cursor: EntryCursor) {
  return encodePageCursor(cursor.occurredAt.toISOString(), cursor.id);
}

/** A cursor from the URL, or undefined for anything malformed (which shows the first page). */
export function decodeCursor(value: string | null): EntryCursor | undefined {
  const cursor = decodeTimeCursor(value);
  return cursor && { occurredAt: cursor.at, id: cursor.id };
}

function instant(value: string | null) {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** The timeline's filters, cursor and visit baseline from its URL; unknown values are dropped. */
export function parseTimelineQuery(url: URL, scope: TimelineScope["kind"]) {
  const get = (name: string) => (url.searchParams.get(name) ?? "").trim();
  const channel = get("channel");
  const filters: EntryFilters = {
    channel: entryChannels.includes(channel as EntryChannel)
      ? (channel as EntryChannel)
      : undefined,
    organizationId: isUuid(get("party")) ? get("party") : undefined,
    authorId: isUuid(get("author")) ? get("author") : undefined,
    // Typed as the reader writes days ("31.12.2026") or ISO; kept as `YYYY-MM-DD`.
    from: parseDay(get("from")),
    to: parseDay(get("to")),
    timeZone: timeZoneOrUtc(get("tz")),
    projectId: scope === "account" && isUuid(get("project")) ? get("project") : undefined,
  };
  return {
    filters,
    after: decodeCursor(url.searchParams.get("after")),
    seen: instant(url.searchParams.get("seen")),
  };
}

/**
 * Records that the user opened the timeline now and answers when they had opened it before (null
 * on the first visit). With `countNew`, the same statement also counts what is new since the
 * moment it is given (`seen`, or else that previous visit).
 */
export async function recordTimelineVisit(
  userId: string,
  scope: TimelineScope,
  countNew?: { seen: Date | undefined; count: (since: SQL) => Promise<SQL> },
): Promise<{ previous: Date | null; newCount: number | null }> {
  const since = sql`(select at from since)`;
  const newCount = countNew
    ? sql`case when ${since} is null then null else ${await countNew.count(since)} end`
    : sql`null`;
  // One statement: every part of it reads the table as it was before the upsert. The database
  // clock, like entries.created_at, in the milliseconds a URL can carry back.
  const [row] = await queryRows<{ seen_ms: number | string | null; new_count: number | null }>(
    db(),
    sql`with previous as (
          select ${timelineVisits.seenAt} from ${timelineVisits}
          where ${timelineVisits.userId} = ${userId} and ${timelineVisits.scope} = ${scope.kind}
            and ${timelineVisits.scopeId} = ${scope.id}
        ), recorded as (
          insert into ${timelineVisits} (user_id, scope, scope_id, seen_at)
          values (${userId}, ${scope.kind}, ${scope.id}, date_trunc('milliseconds', now()))
          on conflict (user_id, scope, scope_id) do update set seen_at = excluded.seen_at
        ), since as (
          select coalesce(${countNew?.seen?.toISOString() ?? null}::timestamptz,
            (select seen_at from previous)) as at
        )
        select
          (select round(extract(epoch from seen_at) * 1000)::float8 from previous) as seen_ms,
          ${newCount}::int as new_count`,
  );
  return {
    previous: row?.seen_ms == null ? null : new Date(Number(row.seen_ms)),
    newCount: row?.new_count ?? null,
  };
}

function excerpt(text: string) {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > EXCERPT_LENGTH ? `${flat.slice(0, EXCERPT_LENGTH - 1).trimEnd()}…` : flat;
}

type Reader = {
  ability: AppAbility;
  user: { id: string; email: string };
};

/** At most this many lines of request activity on one page of a timeline. */
export const REQUEST_LINES_PER_PAGE = ENTRY_PAGE_SIZE;

type Position = { at: Date; id: string };

/** Is `a` before `b` in a timeline's order (newer, or as new with the greater id)? */
const earlierInOrder = (a: Position, b: Position) =>
  a.at.getTime() > b.at.getTime() || (a.at.getTime() === b.at.getTime() && a.id > b.id);

/**
 * Request activity shows only where it can answer the filters: not under a channel filter (it is
 * no call, email or note); the author and party filters apply to who did it, the date range to
 * when. Loaded with at most one line more than a page shows, newest first after the cursor.
 */
async function requestActivityOf(
  ability: AppAbility,
  scope: TimelineScope,
  filters: EntryFilters,
  after: EntryCursor | undefined,
): Promise<RequestActivity[]> {
  if (filters.channel) return [];
  const projectIds = await timelineProjectIds(ability, scope, filters.projectId);
  return listRequestActivity(ability, {
    projectIds,
    before: after ? { at: after.occurredAt, id: after.id } : undefined,
    from: startOfDayIn(filters.from, filters.timeZone),
    to: startOfDayIn(filters.to, filters.timeZone, 1),
    actorId: filters.authorId,
    actorOrganizationId: filters.organizationId,
    limit: REQUEST_LINES_PER_PAGE + 1,
  });
}

/**
 * Request activity joins the entries' keyset pages without a paging of its own. Both are ordered
 * by (time, id), newest first, and the cursor is a place in that order. A page shows its entries
 * and the request activity of its stretch of time: after the cursor (everything on the first
 * page) and not past the page's last entry, which is the next page's cursor. So each line falls
 * on exactly one page, whatever the times of the entries around it; on the last page (no next
 * cursor, or no entries at all) the stretch runs to the end. A stretch holding more activity
 * than a page shows ends the page early at its last shown line, which becomes the cursor, and
 * entries past that line move to the next page: a page stays bounded, and nothing is skipped.
 */
function mergeRequestActivity<Entry extends { occurredAt: Date; id: string }>(
  page: { entries: Entry[]; next: EntryCursor | null },
  activity: RequestActivity[],
) {
  const last = page.next ? { at: page.next.occurredAt, id: page.next.id } : undefined;
  let lines = last ? activity.filter((line) => earlierInOrder(line, last)) : activity;
  if (lines.length <= REQUEST_LINES_PER_PAGE) return { ...page, activity: lines };
  lines = lines.slice(0, REQUEST_LINES_PER_PAGE);
  const end = lines.at(-1)!;
  return {
    entries: page.entries.filter((entry) =>
      earlierInOrder({ at: entry.occurredAt, id: entry.id }, end),
    ),
    next: { occurredAt: end.at, id: end.id } satisfies EntryCursor,
    activity: lines,
  };
}

/**
 * Everything a timeline page shows, for the project or the account timeline alike: one page of
 * entries, the filter menus, and the "new since your last visit" marker.
 *
 * Opening the first page (no cursor) records a visit. The previous visit travels on in the URL
 * (`seen`), so filtering or paging within the same look keeps comparing against it.
 */
export async function loadTimeline(
  reader: Reader,
  scope: TimelineScope,
  url: URL,
  labels: RedactionLabels,
): Promise<TimelineData> {
  const { ability, user } = reader;
  const { filters, after, seen } = parseTimelineQuery(url, scope.kind);
  const seesSharing = maySeeSharing(ability);

  // Opening the first page records the visit and counts what is new in the same statement.
  const [entryPage, activity, options, visit] = await Promise.all([
    scope.kind === "project"
      ? listProjectEntries(ability, scope.id, filters, after)
      : listAccountEntries(ability, scope.id, filters, after),
    requestActivityOf(ability, scope, filters, after),
    scope.kind === "project"
      ? entryFilterOptions(ability, scope.id).then((found) => ({ ...found, projects: null }))
      : accountEntryFilterOptions(ability, scope.id),
    after
      ? undefined
      : recordTimelineVisit(user.id, scope, {
          seen,
          count: (moment) => newEntriesCountSql(ability, scope, filters, moment, user.id),
        }),
  ]);
  const page = mergeRequestActivity(entryPage, activity);
  const since = seen ?? visit?.previous ?? undefined;
  const newCount = visit?.newCount ?? undefined;
  const rows: ((typeof page.entries)[number] & { projectName?: string })[] = page.entries;
  const shown = rows.filter((entry) => entry.redactedAt === null);
  // Contact persons' addresses and numbers only for readers with the contacts section.
  const redaction = await contactRedaction(reader, labels, {
    projectIds: [...new Set(shown.map((entry) => entry.projectId))],
    texts: shown.flatMap((entry) => [entry.subject, entry.bodyText]),
  });
  const entries: TimelineEntryView[] = rows.map((entry) => {
    const redacted = entry.redactedAt !== null;
    return {
      kind: "entry",
      id: entry.id,
      projectId: entry.projectId,
      projectName: entry.projectName ?? null,
      channel: entry.channel,
      direction: entry.direction,
      occurredAt: entry.occurredAt.toISOString(),
      // A redacted entry keeps its place in the timeline, but none of its content.
      subject: redacted ? null : redaction.text(entry.subject),
      // Redacted before it is cut, so a number is never shortened past recognition.
      excerpt: redacted ? null : excerpt(redaction.text(entry.bodyText)),
      authorName: entry.authorName,
      authorOrganizationName: entry.authorOrganizationName,
      redacted,
      isNew: Boolean(since && entry.createdAt > since && entry.authorId !== user.id),
      attachments: redacted
        ? []
        : entry.attachments.map((file) => ({ id: file.id, fileName: file.fileName })),
      audience: seesSharing ? { kind: entry.audience, names: entry.audienceNames } : undefined,
    };
  });

  const requestLines: TimelineRequestView[] = page.activity.map((line) => ({
    kind: "request",
    id: line.id,
    activity: line.kind,
    occurredAt: line.at.toISOString(),
    requestId: line.requestId,
    reference: line.reference,
    title: line.title,
    projectId: line.projectId,
    projectName: scope.kind === "account" ? line.projectName : null,
    status: line.status,
    actorName: line.actorName,
  }));
  // Both lists are newest first: merge them in the timeline's order.
  const lines: TimelineLine[] = [];
  let next = 0;
  for (const entry of entries) {
    const position = { at: new Date(entry.occurredAt), id: entry.id };
    while (next < requestLines.length) {
      const line = requestLines[next]!;
      if (!earlierInOrder({ at: new Date(line.occurredAt), id: line.id }, position)) break;
      lines.push(line);
      next += 1;
    }
    lines.push(entry);
  }
  lines.push(...requestLines.slice(next));

  return {
    entries,
    lines,
    customerView: actorOfAbility(ability)?.actor.organizationKind === "customer",
    nextCursor: page.next ? encodeCursor(page.next) : null,
    seen: since ? since.toISOString() : null,
    newSince:
      since && newCount !== undefined
        ? { count: newCount, capped: newCount >= NEW_ENTRIES_CAP, since: since.toISOString() }
        : null,
    authors: options.authors,
    parties: options.parties,
    projects: options.projects,
  };
}
