import { and, asc, desc, eq, gt, gte, ilike, inArray, lt, sql, type SQL } from "drizzle-orm";
import { db, queryRows } from "#db/client.server";
import {
  accessReviews,
  auditEvents,
  contacts,
  documents,
  entries,
  invitations,
  memberships,
  organizations,
  projects,
  requests,
  users,
} from "#db/schema";
import type { AppAbility } from "#policies/ability";
import { accessibleWhere } from "#policies/to-sql";
import { auditActions, isAuditAction } from "~/kernel/audit/actions";
import { containsPattern, isUuid } from "~/kernel/query-input";
import { startOfDayIn } from "~/kernel/time-zone";
import { personalPartErased, readableDetails } from "~/kernel/audit/personal";
import type { AuditQuery } from "./audit-query.server";
import { auditItemTypes, type AuditEventView, type AuditItemType } from "./types";

export const AUDIT_PAGE = 50;

const itemTitles = {
  entry: { table: entries, id: entries.id, title: sql`${entries.subject}` },
  document: { table: documents, id: documents.id, title: sql`${documents.title}` },
  request: { table: requests, id: requests.id, title: sql`${requests.title}` },
  contact: { table: contacts, id: contacts.id, title: sql`${contacts.name}` },
  project: { table: projects, id: projects.id, title: sql`${projects.name}` },
  user: { table: users, id: users.id, title: sql`${users.name} || ' ' || ${users.email}` },
} as const;

/** Items found by words of their title: beyond this many, the reader is asked for more words. */
export const ITEM_MATCH_LIMIT = 500;

/** More items match the words than the explorer looks up; the filter says so. */
export class TooManyItems extends Error {}

/**
 * The ids of the items of the kind whose title or name contains `text`. Looked up first, so the
 * log is then read through its (subject, seq) index for just these items, instead of testing
 * every event of the kind against the items (seconds at ten million events).
 */
async function itemIdsMatching(type: AuditItemType, text: string) {
  const { table, id, title } = itemTitles[type];
  const rows = await db()
    .select({ id: sql<string>`${id}::text` })
    .from(table)
    .where(ilike(title, containsPattern(text)))
    .limit(ITEM_MATCH_LIMIT + 1);
  if (rows.length > ITEM_MATCH_LIMIT) throw new TooManyItems();
  return rows.map((row) => row.id);
}

/**
 * Events are numbered as they are appended and stamped a moment before, by the process that
 * wrote them: how far the two orders may disagree. A time range becomes a seq range with this
 * much room on each side; the time condition itself is applied as well.
 */
const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * The seq range that holds every event of the days asked for: after the last event stamped
 * well before the first day, and before the first event stamped well after the last. Each is
 * one step along the occurred_at index, however large the log.
 */
async function seqRange(query: AuditQuery) {
  const from = query.from ? startOfDayIn(query.from, query.timeZone) : undefined;
  const until = query.to ? startOfDayIn(query.to, query.timeZone, 1) : undefined;
  const [before, after] = await Promise.all([
    from
      ? db()
          .select({ seq: auditEvents.seq })
          .from(auditEvents)
          .where(lt(auditEvents.occurredAt, new Date(from.getTime() - CLOCK_SKEW_MS)))
          .orderBy(desc(auditEvents.occurredAt))
          .limit(1)
      : [],
    until
      ? db()
          .select({ seq: auditEvents.seq })
          .from(auditEvents)
          .where(gte(auditEvents.occurredAt, new Date(until.getTime() + CLOCK_SKEW_MS)))
          .orderBy(asc(auditEvents.occurredAt))
          .limit(1)
      : [],
  ]);
  return { from, until, afterSeq: before[0]?.seq, beforeSeq: after[0]?.seq };
}

/**
 * What a query selects: the events `where` matches and, when items were found by words of their
 * title, of those only the events about one of `itemIds` (kept apart, so that a page reads each
 * item's newest events through the subject index; see `auditRows`).
 */
export type AuditSelection = { where: SQL; itemIds?: string[] };

/** Every condition of the query in one (for counting). */
export async function auditWhere(ability: AppAbility, query: AuditQuery): Promise<SQL> {
  const { where, itemIds } = await auditSelection(ability, query);
  return itemIds ? and(where, aboutOneOf(itemIds))! : where;
}

const aboutOneOf = (itemIds: string[]) =>
  itemIds.length ? inArray(auditEvents.subjectId, itemIds) : sql`false`;

/** The events the query asks for that the reader may read. */
export async function auditSelection(
  ability: AppAbility,
  query: AuditQuery,
): Promise<AuditSelection> {
  let itemIds: string[] | undefined;
  const conditions: (SQL | undefined)[] = [accessibleWhere(ability, "read", "AuditEvent")];
  if (query.actorId) conditions.push(eq(auditEvents.actorUserId, query.actorId));
  if (query.organizationId)
    conditions.push(eq(auditEvents.actorOrganizationId, query.organizationId));
  if (query.projectId) conditions.push(eq(auditEvents.projectId, query.projectId));
  if (query.itemType) {
    conditions.push(eq(auditEvents.subjectType, auditItemTypes[query.itemType]));
    if (query.itemId) conditions.push(eq(auditEvents.subjectId, query.itemId));
    if (query.itemText) itemIds = await itemIdsMatching(query.itemType, query.itemText);
  }
  if (query.actions) conditions.push(inArray(auditEvents.action, query.actions));
  if (query.ip) conditions.push(eq(auditEvents.ip, query.ip));
  if (query.from || query.to) {
    const range = await seqRange(query);
    if (range.afterSeq != null) conditions.push(gt(auditEvents.seq, range.afterSeq));
    if (range.beforeSeq != null) conditions.push(lt(auditEvents.seq, range.beforeSeq));
    if (range.from) conditions.push(gte(auditEvents.occurredAt, range.from));
    if (range.until) conditions.push(lt(auditEvents.occurredAt, range.until));
  }
  return { where: and(...conditions)!, itemIds };
}

export type AuditRow = typeof auditEvents.$inferSelect;

/** A page of the events selected, newest first, after the seq `before` (exclusive). */
export async function auditRows(
  { where, itemIds }: AuditSelection,
  before: number | undefined,
  limit: number,
) {
  const pageWhere = (condition?: SQL) =>
    and(where, before ? lt(auditEvents.seq, before) : undefined, condition);
  if (!itemIds) {
    return db()
      .select()
      .from(auditEvents)
      .where(pageWhere())
      .orderBy(desc(auditEvents.seq))
      .limit(limit);
  }
  if (itemIds.length === 0) return [];
  // Each item's newest events through the subject index, then the newest of those. Asked for
  // all of them at once, PostgreSQL either walks the log backwards until the page is full (most
  // of it, when the items have a few hundred events) or sorts every event of the items (tens of
  // thousands, when one of them is read all day): this reads at most `limit` per item.
  const newest = await queryRows<{ seq: number }>(
    db(),
    sql`select newest.seq::float8 as seq
      from unnest(array[${sql.join(
        itemIds.map((id) => sql`${id}`),
        sql`, `,
      )}]::text[]) as item(id)
      cross join lateral (
        select ${auditEvents.seq} as seq from ${auditEvents}
        where ${pageWhere(sql`${auditEvents.subjectId} = item.id`)}
        order by ${auditEvents.seq} desc limit ${limit}
      ) newest
      order by newest.seq desc limit ${limit}`,
  );
  if (newest.length === 0) return [];
  return db()
    .select()
    .from(auditEvents)
    .where(
      inArray(
        auditEvents.seq,
        newest.map((row) => row.seq),
      ),
    )
    .orderBy(desc(auditEvents.seq));
}

/** The events of one page of the explorer, newest first, and where the next page starts. */
export async function listAuditEvents(
  ability: AppAbility,
  query: AuditQuery,
  before: number | undefined,
): Promise<{ events: AuditEventView[]; nextBefore: number | null }> {
  const rows = await auditRows(await auditSelection(ability, query), before, AUDIT_PAGE + 1);
  const shown = rows.slice(0, AUDIT_PAGE);
  return {
    events: await describeAuditEvents(shown),
    nextBefore: rows.length > AUDIT_PAGE ? shown.at(-1)!.seq : null,
  };
}

/** A page cursor: a positive seq, or undefined. */
export function seqCursor(value: string | null) {
  if (!value || !/^\d{1,18}$/.test(value)) return undefined;
  const seq = Number(value);
  return Number.isSafeInteger(seq) && seq > 0 ? seq : undefined;
}

const uuidsOf = (values: (string | null | undefined)[]) => [
  ...new Set(values.filter((value): value is string => Boolean(value && isUuid(value)))),
];

/**
 * Names for the people, organisations, projects and items of a page of events, in one query per
 * kind; each event then as the explorer and the export show it.
 */
export async function describeAuditEvents(rows: AuditRow[]): Promise<AuditEventView[]> {
  const ofType = (type: string) =>
    uuidsOf(rows.filter((row) => row.subjectType === type).map((row) => row.subjectId));
  const userIds = uuidsOf([...rows.map((row) => row.actorUserId), ...ofType("User")]);
  const organizationIds = uuidsOf([
    ...rows.map((row) => row.actorOrganizationId),
    ...ofType("Organization"),
    ...ofType("Account"),
    // A capture address is logged by its organisation.
    ...ofType("CaptureAddress"),
  ]);
  const projectIds = uuidsOf([...rows.map((row) => row.projectId), ...ofType("Project")]);
  const none = Promise.resolve([]);
  const [
    userRows,
    organizationRows,
    projectRows,
    entryRows,
    documentRows,
    requestRows,
    contactRows,
    membershipRows,
    reviewRows,
    invitationRows,
  ] = await Promise.all([
    userIds.length
      ? db()
          .select({ id: users.id, name: users.name, email: users.email })
          .from(users)
          .where(inArray(users.id, userIds))
      : none,
    organizationIds.length
      ? db()
          .select({ id: organizations.id, name: organizations.name })
          .from(organizations)
          .where(inArray(organizations.id, organizationIds))
      : none,
    projectIds.length
      ? db()
          .select({ id: projects.id, name: projects.name })
          .from(projects)
          .where(inArray(projects.id, projectIds))
      : none,
    ofType("Entry").length
      ? db()
          .select({ id: entries.id, name: entries.subject, projectId: entries.projectId })
          .from(entries)
          .where(inArray(entries.id, ofType("Entry")))
      : none,
    ofType("Document").length
      ? db()
          .select({ id: documents.id, name: documents.title, projectId: documents.projectId })
          .from(documents)
          .where(inArray(documents.id, ofType("Document")))
      : none,
    ofType("Request").length
      ? db()
          .select({ id: requests.id, name: requests.title })
          .from(requests)
          .where(inArray(requests.id, ofType("Request")))
      : none,
    ofType("Contact").length
      ? db()
          .select({ id: contacts.id, name: contacts.name, accountId: contacts.accountId })
          .from(contacts)
          .where(inArray(contacts.id, ofType("Contact")))
      : none,
    ofType("Membership").length
      ? db()
          .select({ id: memberships.id, name: organizations.name })
          .from(memberships)
          .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
          .where(inArray(memberships.id, ofType("Membership")))
      : none,
    ofType("AccessReview").length
      ? db()
          .select({ id: accessReviews.id, name: accessReviews.title })
          .from(accessReviews)
          .where(inArray(accessReviews.id, ofType("AccessReview")))
      : none,
    ofType("Invitation").length
      ? db()
          .select({ id: invitations.id, name: invitations.email })
          .from(invitations)
          .where(inArray(invitations.id, ofType("Invitation")))
      : none,
  ]);
  const byId = <T extends { id: string }>(list: T[]) => new Map(list.map((row) => [row.id, row]));
  const people = byId(userRows);
  const organizationNames = byId(organizationRows);
  const projectNames = byId(projectRows);
  const items: Record<string, Map<string, { name: string | null; href: string | null }>> = {
    User: new Map(userRows.map((row) => [row.id, { name: row.name, href: null }])),
    Organization: new Map(organizationRows.map((row) => [row.id, { name: row.name, href: null }])),
    CaptureAddress: new Map(
      organizationRows.map((row) => [row.id, { name: row.name, href: null }]),
    ),
    Membership: new Map(membershipRows.map((row) => [row.id, { name: row.name, href: null }])),
    AccessReview: new Map(
      reviewRows.map((row) => [row.id, { name: row.name, href: `/reviews/${row.id}` }]),
    ),
    // An invitation is named by the address it went to.
    Invitation: new Map(invitationRows.map((row) => [row.id, { name: row.name, href: null }])),
    Account: new Map(
      organizationRows.map((row) => [row.id, { name: row.name, href: `/accounts/${row.id}` }]),
    ),
    Project: new Map(
      projectRows.map((row) => [row.id, { name: row.name, href: `/projects/${row.id}` }]),
    ),
    Entry: new Map(
      entryRows.map((row) => [
        row.id,
        { name: row.name, href: `/projects/${row.projectId}/history/${row.id}` },
      ]),
    ),
    Document: new Map(
      documentRows.map((row) => [
        row.id,
        { name: row.name, href: `/projects/${row.projectId}/documents/${row.id}` },
      ]),
    ),
    Request: new Map(
      requestRows.map((row) => [row.id, { name: row.name, href: `/requests/${row.id}` }]),
    ),
    Contact: new Map(
      contactRows.map((row) => [
        row.id,
        { name: row.name, href: `/accounts/${row.accountId}/contacts/${row.id}` },
      ]),
    ),
  };
  return rows.map((row) => {
    const person = row.actorUserId ? people.get(row.actorUserId) : undefined;
    const named =
      row.subjectType && row.subjectId ? items[row.subjectType]?.get(row.subjectId) : undefined;
    const version = (row.details as { version?: unknown }).version;
    return {
      seq: row.seq,
      occurredAt: row.occurredAt.toISOString(),
      action: row.action,
      group: isAuditAction(row.action) ? auditActions[row.action] : null,
      actor: row.actorUserId
        ? {
            id: row.actorUserId,
            name: person?.name ?? null,
            email: person?.email ?? null,
            organization: row.actorOrganizationId
              ? (organizationNames.get(row.actorOrganizationId)?.name ?? null)
              : null,
          }
        : null,
      item:
        row.subjectType && row.subjectId
          ? {
              type: row.subjectType,
              id: row.subjectId,
              label: named?.name ?? null,
              href: named?.href ?? null,
            }
          : null,
      project: row.projectId
        ? { id: row.projectId, name: projectNames.get(row.projectId)?.name ?? null }
        : null,
      ip: row.ip,
      userAgent: row.userAgent,
      version: typeof version === "number" ? version : null,
      details: readableDetails(row),
      erased: personalPartErased(row),
    };
  });
}
