import { and, asc, desc, eq, gt, inArray, isNull, lte, or, sql, type SQL } from "drizzle-orm";
import { alias, type PgSelectBase, type SelectedFields } from "drizzle-orm/pg-core";
import { db } from "#db/client.server";
import {
  audiences,
  documents,
  documentVersions,
  organizations,
  projects,
  requestComments,
  requestEvents,
  requests,
  users,
  openRequestStatuses,
  type RequestCommentAudience,
  type RequestPriority,
  type RequestStatus,
  type RequestType,
} from "#db/schema";
import { actorOfAbility, type AppAbility } from "#policies/ability";
import { accessibleWhere } from "#policies/to-sql";
import {
  projectForPolicy,
  readableDocuments,
  readsInternalItems,
} from "~/features/sharing/index.server";
import { isUuid } from "~/kernel/query-input";
import { requestSubject, type StoredRequest } from "./request-subject.server";

export const REQUEST_PAGE_SIZE = 25;

export type SlaFilter = "at_risk" | "breached";

export type RequestFilters = {
  /** `open` (the default): new, in progress or waiting; `all`: every status. */
  status?: RequestStatus | "open" | "all";
  type?: RequestType;
  priority?: RequestPriority;
  projectId?: string;
  accountId?: string;
  ownerId?: string;
  assignedOrganizationId?: string;
  sla?: SlaFilter;
};

export type RequestCursor = { dueRank: string; id: string };

const owners = alias(users, "request_owner");
const openers = alias(users, "request_opener");
const accounts = alias(organizations, "request_account");
const assignees = alias(organizations, "request_assignee");

const listColumns = {
  id: requests.id,
  reference: requests.reference,
  title: requests.title,
  type: requests.type,
  priority: requests.priority,
  status: requests.status,
  projectId: requests.projectId,
  projectName: projects.name,
  organizationId: requests.organizationId,
  accountName: accounts.name,
  ownerId: requests.ownerId,
  ownerName: owners.name,
  openedById: requests.openedById,
  openedByName: openers.name,
  assignedOrganizationId: requests.assignedOrganizationId,
  assignedOrganizationName: assignees.name,
  dueAt: requests.dueAt,
  atRiskAt: requests.atRiskAt,
  firstRespondedAt: requests.firstRespondedAt,
  resolvedAt: requests.resolvedAt,
  reopenableUntil: requests.reopenableUntil,
  rating: requests.rating,
  createdAt: requests.createdAt,
  updatedAt: requests.updatedAt,
  /** The exact rank for a keyset cursor (microseconds survive the round trip as text). */
  cursorRank: sql<string>`to_char(${requests.dueRank} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
};

/** Requests with their project, account, owner, opener and assignee joined, as `columns`. */
function joinedRequests<Columns extends SelectedFields>(columns: Columns) {
  const query = db()
    .select(columns as SelectedFields)
    .from(requests)
    .innerJoin(projects, eq(projects.id, requests.projectId))
    .innerJoin(accounts, eq(accounts.id, requests.organizationId))
    .innerJoin(owners, eq(owners.id, requests.ownerId))
    .innerJoin(openers, eq(openers.id, requests.openedById))
    .leftJoin(assignees, eq(assignees.id, requests.assignedOrganizationId));
  // Drizzle's types cannot chain joins on a generic selection: the chain is typed for any
  // columns, and the query retyped for these, with the nullability its joins gave it.
  return query as unknown as PgSelectBase<
    "requests",
    Columns,
    "partial",
    (typeof query)["_"]["nullabilityMap"]
  >;
}

function baseQuery() {
  return joinedRequests(listColumns);
}

/** A request's page: the list's columns, its description, rating and source entry. */
const detailColumns = {
  ...listColumns,
  descriptionHtml: requests.descriptionHtml,
  descriptionText: requests.descriptionText,
  ratingComment: requests.ratingComment,
  ratedAt: requests.ratedAt,
  sourceEntryId: requests.sourceEntryId,
};

export type RequestRow = Awaited<ReturnType<ReturnType<typeof baseQuery>["execute"]>>[number];

function filterWhere(filters: RequestFilters, now: Date): (SQL | undefined)[] {
  const status = filters.status ?? "open";
  const id = (value: string | undefined) => (value && isUuid(value) ? value : undefined);
  const projectId = id(filters.projectId);
  const accountId = id(filters.accountId);
  const ownerId = id(filters.ownerId);
  const assigned = id(filters.assignedOrganizationId);
  return [
    status === "open"
      ? inArray(requests.status, [...openRequestStatuses])
      : status === "all"
        ? undefined
        : eq(requests.status, status),
    filters.type ? eq(requests.type, filters.type) : undefined,
    filters.priority ? eq(requests.priority, filters.priority) : undefined,
    projectId ? eq(requests.projectId, projectId) : undefined,
    accountId ? eq(requests.organizationId, accountId) : undefined,
    ownerId ? eq(requests.ownerId, ownerId) : undefined,
    assigned ? eq(requests.assignedOrganizationId, assigned) : undefined,
    filters.sla === "breached" ? lte(requests.dueAt, now) : undefined,
    // `due_rank` is `due_at` when one is set: bounding it lets the queue's index start at
    // `now` instead of walking every overdue request first.
    filters.sla === "at_risk"
      ? and(lte(requests.atRiskAt, now), gt(requests.dueAt, now), gt(requests.dueRank, now))
      : undefined,
  ];
}

/**
 * One page of the requests the reader may read, what falls due first at the top, after the
 * cursor. The policy's filter is the only thing deciding whose requests these are: the host's
 * queue, a customer's own requests and a partner's assigned ones are the same query.
 */
export async function listRequests(
  ability: AppAbility,
  filters: RequestFilters = {},
  cursor?: RequestCursor,
  { now = new Date(), pageSize = REQUEST_PAGE_SIZE }: { now?: Date; pageSize?: number } = {},
) {
  const rows = await baseQuery()
    .where(
      and(
        accessibleWhere(ability, "read", "Request"),
        ...filterWhere(filters, now),
        cursor
          ? sql`(${requests.dueRank}, ${requests.id}) > (${cursor.dueRank}::timestamptz, ${cursor.id}::uuid)`
          : undefined,
      ),
    )
    .orderBy(asc(requests.dueRank), asc(requests.id))
    .limit(pageSize + 1);
  const page = rows.slice(0, pageSize);
  const last = page.at(-1);
  return {
    requests: page,
    next: rows.length > pageSize && last ? { dueRank: last.cursorRank, id: last.id } : null,
  };
}

/** How many open requests the reader may read (the navigation's badge, the project tab). */
export async function countOpenRequests(ability: AppAbility, projectId?: string) {
  const [row] = await db()
    .select({ n: sql<number>`count(*)::int` })
    .from(requests)
    .where(
      and(
        accessibleWhere(ability, "read", "Request"),
        inArray(requests.status, [...openRequestStatuses]),
        projectId && isUuid(projectId) ? eq(requests.projectId, projectId) : undefined,
      ),
    );
  return row?.n ?? 0;
}

/**
 * One request the reader may read, or undefined (missing and not allowed look alike): the SQL
 * filter finds it, CASL confirms it in memory with the project's live memberships.
 */
export async function findRequest(ability: AppAbility, requestId: string) {
  if (!isUuid(requestId)) return undefined;
  const [row] = await joinedRequests(detailColumns).where(
    and(eq(requests.id, requestId), accessibleWhere(ability, "read", "Request")),
  );
  if (!row) return undefined;
  const project = await projectForPolicy(row.projectId, { scope: ability });
  if (!project) return undefined;
  const stored: StoredRequest = {
    id: row.id,
    projectId: row.projectId,
    organizationId: row.organizationId,
    assignedOrganizationId: row.assignedOrganizationId,
    status: row.status,
    type: row.type,
    priority: row.priority,
    openedById: row.openedById,
    ownerId: row.ownerId,
    reopenableUntil: row.reopenableUntil,
  };
  if (!ability.can("read", requestSubject(project, stored))) return undefined;
  return { ...row, stored, policyProject: project };
}

export type FoundRequest = NonNullable<Awaited<ReturnType<typeof findRequest>>>;

const commentAuthors = alias(users, "comment_author");
const commentOrganizations = alias(organizations, "comment_author_org");
const eventActors = alias(users, "event_actor");
const eventOrganizations = alias(organizations, "event_actor_org");

/** The comments on the request the reader may read, oldest first. */
export function readableComments(ability: AppAbility, requestId: string) {
  return db()
    .select({
      id: requestComments.id,
      audience: sql<RequestCommentAudience>`${audiences.kind}`,
      bodyHtml: requestComments.bodyHtml,
      bodyText: requestComments.bodyText,
      authorId: requestComments.authorId,
      authorName: commentAuthors.name,
      authorOrganizationId: requestComments.authorOrganizationId,
      authorOrganizationName: commentOrganizations.name,
      createdAt: requestComments.createdAt,
    })
    .from(requestComments)
    .innerJoin(audiences, eq(audiences.id, requestComments.audienceId))
    .innerJoin(commentAuthors, eq(commentAuthors.id, requestComments.authorId))
    .innerJoin(
      commentOrganizations,
      eq(commentOrganizations.id, requestComments.authorOrganizationId),
    )
    .where(
      and(
        eq(requestComments.requestId, requestId),
        accessibleWhere(ability, "read", "RequestComment"),
      ),
    )
    .orderBy(asc(requestComments.createdAt), asc(requestComments.id));
}

/**
 * The lines of the request's history the reader may see. Host staff see all of it; the
 * customer and the assigned partner see how it moved (opened, status, priority, type, rating)
 * and a partner also the hand-overs to or from its own organisation. Owners are host business.
 */
export function visibleEvents(ability: AppAbility, requestId: string) {
  const context = actorOfAbility(ability);
  const everything = readsInternalItems(ability);
  const organizationId = context?.actor.organizationId ?? "";
  const publicKinds = ["opened", "status", "priority", "type", "rated"];
  return db()
    .select({
      id: requestEvents.id,
      kind: requestEvents.kind,
      fromValue: requestEvents.fromValue,
      toValue: requestEvents.toValue,
      reason: requestEvents.reason,
      at: requestEvents.at,
      actorName: eventActors.name,
      actorOrganizationName: eventOrganizations.name,
      fromOrganizationName: sql<
        string | null
      >`(select name from organizations o where ${requestEvents.kind} = 'assigned' and o.id::text = ${requestEvents.fromValue})`,
      toOrganizationName: sql<
        string | null
      >`(select name from organizations o where ${requestEvents.kind} = 'assigned' and o.id::text = ${requestEvents.toValue})`,
      toUserName: sql<
        string | null
      >`(select name from users u where ${requestEvents.kind} = 'owner' and u.id::text = ${requestEvents.toValue})`,
    })
    .from(requestEvents)
    .leftJoin(eventActors, eq(eventActors.id, requestEvents.actorId))
    .leftJoin(eventOrganizations, eq(eventOrganizations.id, requestEvents.actorOrganizationId))
    .where(
      and(
        eq(requestEvents.requestId, requestId),
        everything
          ? undefined
          : or(
              inArray(requestEvents.kind, publicKinds as never[]),
              and(
                eq(requestEvents.kind, "assigned"),
                or(
                  eq(requestEvents.toValue, organizationId),
                  eq(requestEvents.fromValue, organizationId),
                ),
              ),
            ),
      ),
    )
    .orderBy(asc(requestEvents.at), asc(requestEvents.id));
}

/** The files sent with the request that the reader may read (its readers read them all). */
export async function requestFiles(ability: AppAbility, request: FoundRequest) {
  const readable = await readableDocuments(ability, [request.projectId]);
  return db()
    .select({
      id: documents.id,
      title: documents.title,
      kind: documents.kind,
      fileName: documentVersions.fileName,
      sizeBytes: documentVersions.sizeBytes,
      contentType: documentVersions.contentType,
      hasThumbnail: sql<boolean>`${documentVersions.thumbnailKey} is not null`,
    })
    .from(documents)
    .innerJoin(
      documentVersions,
      and(eq(documentVersions.documentId, documents.id), eq(documentVersions.number, 1)),
    )
    .where(
      and(
        eq(documents.requestId, request.id),
        eq(documents.projectId, request.projectId),
        isNull(documents.redactedAt),
        readable,
      ),
    )
    .orderBy(asc(documents.createdAt), desc(documents.id));
}

/** Who can own a request: the host's administrators and account managers. */
export function ownerChoices(ability: AppAbility) {
  return db()
    .select({ id: users.id, name: users.name })
    .from(users)
    .innerJoin(organizations, eq(organizations.id, users.organizationId))
    .where(
      and(
        eq(organizations.kind, "host"),
        inArray(users.role, ["admin", "account_manager"]),
        isNull(users.disabledAt),
        accessibleWhere(ability, "read", "User"),
      ),
    )
    .orderBy(asc(users.name));
}

/** Is there any request in the project the reader may read (a partner's assignment)? */
export async function hasReadableRequest(ability: AppAbility, projectId: string) {
  if (!isUuid(projectId)) return false;
  const [row] = await db()
    .select({ id: requests.id })
    .from(requests)
    .where(and(eq(requests.projectId, projectId), accessibleWhere(ability, "read", "Request")))
    .limit(1);
  return Boolean(row);
}
