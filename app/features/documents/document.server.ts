import { and, desc, eq, gte, ilike, isNull, lt, or, sql, type SQL } from "drizzle-orm";
import { alias, QueryBuilder } from "drizzle-orm/pg-core";
import { db } from "#db/client.server";
import {
  audiences,
  auditEvents,
  documents,
  documentVersions,
  entries,
  organizations,
  users,
  type DocumentKind,
} from "#db/schema";
import type { AppAbility } from "#policies/ability";
import { documentSubject } from "~/features/documents/document-subject.server";
import {
  audienceField,
  audienceNamesColumn,
  audienceOrganizationIdsColumn,
  projectForPolicy,
  type PolicyProject,
} from "~/features/sharing/index.server";
import { accessibleWhere } from "#policies/to-sql";
import { readableDocuments } from "~/features/sharing/index.server";
import { isUuid, containsPattern } from "~/kernel/query-input";
import { startOfDayIn } from "~/kernel/time-zone";

export const DOCUMENT_PAGE_SIZE = 25;

export type DocumentFilters = {
  kind?: DocumentKind;
  uploaderId?: string;
  /** Inclusive calendar days, `YYYY-MM-DD`, in the reader's time zone. */
  from?: string;
  to?: string;
  timeZone?: string;
  /** Words of the title. */
  q?: string;
};

/** `updatedAt` as `cursorAt` gives it: microseconds, which a Date would round away. */
export type DocumentCursor = { updatedAt: Date | string; id: string };

const uploaders = alias(users, "document_uploader");
const uploaderOrganizations = alias(organizations, "document_uploader_org");

/**
 * The newest version of each document, looked up per listed row (a lateral join): the list
 * then walks the documents index newest first and stops at a page, where a join on "number =
 * max(number)" made the planner read and sort every match of a title search.
 */
const currentVersions = new QueryBuilder()
  .select({
    id: documentVersions.id,
    number: documentVersions.number,
    fileName: documentVersions.fileName,
    sizeBytes: documentVersions.sizeBytes,
    contentType: documentVersions.contentType,
    thumbnailKey: documentVersions.thumbnailKey,
  })
  .from(documentVersions)
  .where(eq(documentVersions.documentId, documents.id))
  .orderBy(desc(documentVersions.number))
  .limit(1)
  .as("current_version");

const listColumns = {
  id: documents.id,
  projectId: documents.projectId,
  entryId: documents.entryId,
  requestId: documents.requestId,
  /** A request's file is read by the request's readers: its customer and assigned partner. */
  request: sql<{
    organizationId: string;
    assignedOrganizationId: string | null;
  } | null>`(select json_build_object('organizationId', r.organization_id, 'assignedOrganizationId', r.assigned_organization_id) from requests r where r.id = ${documents.requestId})`,
  title: documents.title,
  description: documents.description,
  kind: documents.kind,
  audienceId: documents.audienceId,
  audience: audiences.kind,
  uploaderId: documents.uploaderId,
  uploaderName: uploaders.name,
  uploaderOrganizationId: documents.uploaderOrganizationId,
  uploaderOrganizationName: uploaderOrganizations.name,
  createdAt: documents.createdAt,
  updatedAt: documents.updatedAt,
  /** The exact `updated_at` for a keyset cursor (one upload's documents share it). */
  cursorAt: sql<string>`to_char(${documents.updatedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
  redactedAt: documents.redactedAt,
  versionId: currentVersions.id,
  versionNumber: currentVersions.number,
  fileName: currentVersions.fileName,
  sizeBytes: currentVersions.sizeBytes,
  contentType: currentVersions.contentType,
  hasThumbnail: sql<boolean>`${currentVersions.thumbnailKey} is not null`,
  /** An attachment's entry subject (its readers read the entry: they share its audience). */
  entrySubject: sql<
    string | null
  >`(select ${entries.subject} from ${entries} where ${entries.id} = ${documents.entryId})`,
  /** The organisations of a custom audience (empty for the presets), for the policy. */
  audienceOrganizationIds: audienceOrganizationIdsColumn(documents.audienceId),
  /** The same organisations by name, for the badge. */
  audienceNames: audienceNamesColumn(documents.audienceId),
};

function baseQuery() {
  return db()
    .select(listColumns)
    .from(documents)
    .innerJoinLateral(currentVersions, sql`true`)
    .innerJoin(audiences, eq(audiences.id, documents.audienceId))
    .innerJoin(uploaders, eq(uploaders.id, documents.uploaderId))
    .innerJoin(
      uploaderOrganizations,
      eq(uploaderOrganizations.id, documents.uploaderOrganizationId),
    );
}

export type DocumentRow = Awaited<ReturnType<ReturnType<typeof baseQuery>["execute"]>>[number];

function filterWhere(filters: DocumentFilters): SQL | undefined {
  const from = startOfDayIn(filters.from, filters.timeZone);
  const to = startOfDayIn(filters.to, filters.timeZone, 1);
  const words = (filters.q ?? "").trim().split(/\s+/).filter(Boolean).slice(0, 8);
  return and(
    filters.kind ? eq(documents.kind, filters.kind) : undefined,
    filters.uploaderId && isUuid(filters.uploaderId)
      ? eq(documents.uploaderId, filters.uploaderId)
      : undefined,
    from ? gte(documents.updatedAt, from) : undefined,
    to ? lt(documents.updatedAt, to) : undefined,
    ...words.map((word) => ilike(documents.title, containsPattern(word))),
  );
}

/**
 * One page of the project's documents the reader may read, newest change first, after the
 * cursor. Redacted attachments are left out. Returns one extra row to tell if there is more.
 */
export async function listDocuments(
  ability: AppAbility,
  projectId: string,
  filters: DocumentFilters = {},
  cursor?: DocumentCursor,
  pageSize = DOCUMENT_PAGE_SIZE,
) {
  const readable = await readableDocuments(ability, [projectId]);
  const rows = await baseQuery()
    .where(
      and(
        eq(documents.projectId, projectId),
        readable,
        isNull(documents.redactedAt),
        // A request's files are shown on the request, not among the project's documents.
        isNull(documents.requestId),
        filterWhere(filters),
        cursor
          ? sql`(${documents.updatedAt}, ${documents.id}) < (${typeof cursor.updatedAt === "string" ? cursor.updatedAt : cursor.updatedAt.toISOString()}::timestamptz, ${cursor.id}::uuid)`
          : undefined,
      ),
    )
    .orderBy(desc(documents.updatedAt), desc(documents.id))
    .limit(pageSize + 1);
  return { documents: rows.slice(0, pageSize), hasMore: rows.length > pageSize };
}

/** The uploader filter offers the uploaders of this many newest documents (as the history does). */
const UPLOADER_SAMPLE = 200;

/** The people who uploaded the newest documents the reader may read here, for the filter. */
export async function documentUploaders(ability: AppAbility, projectId: string) {
  const readable = await readableDocuments(ability, [projectId]);
  const newest = db()
    .select({ uploaderId: documents.uploaderId })
    .from(documents)
    .where(
      and(
        eq(documents.projectId, projectId),
        readable,
        isNull(documents.redactedAt),
        isNull(documents.requestId),
      ),
    )
    .orderBy(desc(documents.updatedAt), desc(documents.id))
    .limit(UPLOADER_SAMPLE)
    .as("newest");
  return db()
    .selectDistinct({ id: users.id, name: users.name })
    .from(newest)
    .innerJoin(users, eq(users.id, newest.uploaderId))
    .orderBy(users.name);
}

/**
 * One document the reader may read, or undefined (missing and not allowed look alike). The SQL
 * filter finds it; CASL confirms it in memory, as for every single-record read.
 */
export async function findDocument(ability: AppAbility, documentId: string, projectId?: string) {
  if (!isUuid(documentId) || (projectId !== undefined && !isUuid(projectId))) return undefined;
  const inProject = projectId ?? (await projectOfDocument(documentId));
  // The project as the policy sees it: loaded once per request (the project's layout has it).
  const project = inProject ? await projectForPolicy(inProject, { scope: ability }) : undefined;
  if (!project) return undefined;
  // The policy's SQL filter on this one row, with the project's memberships decided in memory:
  // what is left to plan is the audience, not every membership rule.
  const known = { project: { id: project.id, memberships: project.memberships } };
  const [row] = await baseQuery().where(
    and(
      eq(documents.id, documentId),
      eq(documents.projectId, project.id),
      accessibleWhere(ability, "read", "Document", { known }),
    ),
  );
  if (!row || row.redactedAt) return undefined;
  if (!ability.can("read", documentSubjectOf(project, row, row.audienceOrganizationIds))) {
    return undefined;
  }
  // The project as the policy saw it, for the caller's write checks (no second load).
  return { ...row, policyProject: project };
}

/** The project a document belongs to, for links that name the document alone (downloads). */
async function projectOfDocument(documentId: string) {
  const [row] = await db()
    .select({ projectId: documents.projectId })
    .from(documents)
    .where(eq(documents.id, documentId));
  return row?.projectId;
}

/** A stored document as CASL sees it (the policy calls the uploader the author). */
export function documentSubjectOf(
  project: PolicyProject,
  row: Pick<
    DocumentRow,
    "id" | "entryId" | "audience" | "kind" | "uploaderId" | "uploaderOrganizationId"
  > &
    Partial<Pick<DocumentRow, "requestId" | "request">>,
  audienceOrganizationIds: string[],
) {
  return documentSubject(project, {
    id: row.id,
    entryId: row.entryId,
    requestId: row.requestId ?? null,
    request: row.request ?? null,
    audience: audienceField({ audience: row.audience, audienceOrganizationIds }),
    kind: row.kind,
    authorId: row.uploaderId,
    authorOrganizationId: row.uploaderOrganizationId,
  });
}

/** Every version of a document, newest first, with who uploaded it. */
export async function listVersions(documentId: string) {
  return db()
    .select({
      id: documentVersions.id,
      number: documentVersions.number,
      fileName: documentVersions.fileName,
      sizeBytes: documentVersions.sizeBytes,
      contentType: documentVersions.contentType,
      sha256: documentVersions.sha256,
      hasThumbnail: sql<boolean>`${documentVersions.thumbnailKey} is not null`,
      uploaderName: users.name,
      uploaderOrganizationName: organizations.name,
      createdAt: documentVersions.createdAt,
    })
    .from(documentVersions)
    .innerJoin(users, eq(users.id, documentVersions.uploaderId))
    .innerJoin(organizations, eq(organizations.id, documentVersions.uploaderOrganizationId))
    .where(eq(documentVersions.documentId, documentId))
    .orderBy(desc(documentVersions.number));
}

/** A version's stored file, when it belongs to the document (the caller checked the document). */
export async function findVersion(documentId: string, versionId?: string) {
  if (versionId !== undefined && !isUuid(versionId)) return undefined;
  const [row] = await db()
    .select()
    .from(documentVersions)
    .where(
      and(
        eq(documentVersions.documentId, documentId),
        versionId ? eq(documentVersions.id, versionId) : undefined,
      ),
    )
    .orderBy(desc(documentVersions.number))
    .limit(1);
  return row;
}

/** What a reader sees of an attachment: enough for a download link, a preview, a thumbnail. */
export type AttachmentView = {
  id: string;
  fileName: string;
  sizeBytes: number;
  contentType: string;
  kind: string;
  hasThumbnail: boolean;
};

/**
 * The attachments of the entry whose id `entryId` names, that the reader may read (they share
 * the entry's audience) and that are not redacted, oldest first: one JSON column of the query
 * that reads the entries, so a timeline page and its files are one statement. `projectIds` are
 * the projects those entries can come from (an account timeline spans many).
 */
export async function attachmentsColumn(
  ability: AppAbility,
  projectIds: string[],
  entryId: SQL,
): Promise<SQL<AttachmentView[]>> {
  const readable = await readableDocuments(ability, [...new Set(projectIds)]);
  // Named in full: drizzle would leave them bare in the select list of a query on one table.
  const column = (name: string) => sql`${sql.identifier("documents")}.${sql.identifier(name)}`;
  return sql<AttachmentView[]>`coalesce((
    select json_agg(json_build_object(
      'id', ${column("id")}, 'fileName', cv.file_name, 'sizeBytes', cv.size_bytes,
      'contentType', cv.content_type, 'kind', ${column("kind")},
      'hasThumbnail', cv.thumbnail_key is not null
    ) order by ${column("created_at")})
    from ${documents}
    cross join lateral (
      select dv.file_name, dv.size_bytes, dv.content_type, dv.thumbnail_key
      from ${documentVersions} dv where dv.document_id = ${column("id")}
      order by dv.number desc limit 1
    ) cv
    where ${column("entry_id")} = ${entryId} and ${column("redacted_at")} is null and ${readable}
  ), '[]'::json)`;
}

export const DOCUMENT_ACCESS_ACTIONS = [
  "document.uploaded",
  "document.version_added",
  "document.viewed",
  "document.previewed",
  "document.downloaded",
] as const;

/** Who uploaded, viewed, previewed and downloaded a document, newest first (host only). */
export async function documentAccessHistory(documentId: string, limit = 200) {
  const actors = alias(users, "audit_actor");
  const actorOrganizations = alias(organizations, "audit_actor_org");
  return db()
    .select({
      seq: auditEvents.seq,
      occurredAt: auditEvents.occurredAt,
      action: auditEvents.action,
      actorName: actors.name,
      actorOrganizationName: actorOrganizations.name,
      ip: auditEvents.ip,
      details: auditEvents.details,
      personal: auditEvents.personal,
      personalDigest: auditEvents.personalDigest,
    })
    .from(auditEvents)
    .leftJoin(actors, eq(actors.id, auditEvents.actorUserId))
    .leftJoin(actorOrganizations, eq(actorOrganizations.id, auditEvents.actorOrganizationId))
    .where(
      and(
        eq(auditEvents.subjectType, "Document"),
        eq(auditEvents.subjectId, documentId),
        or(...DOCUMENT_ACCESS_ACTIONS.map((action) => eq(auditEvents.action, action))),
      ),
    )
    .orderBy(desc(auditEvents.seq))
    .limit(limit);
}
