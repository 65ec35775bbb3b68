import { and, desc, eq, gte, ilike, inArray, isNull, lt, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { db } from "#db/client.server";
import {
  auditEvents,
  documentAudienceOrganizations,
  documents,
  documentVersions,
  entries,
  organizations,
  users,
  type DocumentKind,
} from "#db/schema";
import type { AppAbility } from "#policies/ability";
import { documentSubject } from "~/models/document-subject.server";
import { projectForPolicy, type PolicyProject } from "~/models/entry-subject.server";
import { readableDocuments } from "~/models/item-scope.server";
import { isUuid, containsPattern } from "~/utils/query-input";
import { startOfDayIn } from "~/utils/time-zone";

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

export type DocumentCursor = { updatedAt: Date; id: string };

const uploaders = alias(users, "document_uploader");
const uploaderOrganizations = alias(organizations, "document_uploader_org");
const currentVersions = alias(documentVersions, "current_version");

/** The newest version of each document, joined once per row by its unique (document, number). */
const newestVersion = sql`${currentVersions.number} = (select max(v.number) from ${documentVersions} v where v.document_id = ${documents.id})`;

const listColumns = {
  id: documents.id,
  projectId: documents.projectId,
  entryId: documents.entryId,
  title: documents.title,
  description: documents.description,
  kind: documents.kind,
  audience: documents.audience,
  uploaderId: documents.uploaderId,
  uploaderName: uploaders.name,
  uploaderOrganizationId: documents.uploaderOrganizationId,
  uploaderOrganizationName: uploaderOrganizations.name,
  createdAt: documents.createdAt,
  updatedAt: documents.updatedAt,
  redactedAt: documents.redactedAt,
  versionId: currentVersions.id,
  versionNumber: currentVersions.number,
  fileName: currentVersions.fileName,
  sizeBytes: currentVersions.sizeBytes,
  contentType: currentVersions.contentType,
  hasThumbnail: sql<boolean>`${currentVersions.thumbnailKey} is not null`,
};

function baseQuery() {
  return db()
    .select(listColumns)
    .from(documents)
    .innerJoin(currentVersions, and(eq(currentVersions.documentId, documents.id), newestVersion))
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
        filterWhere(filters),
        cursor
          ? sql`(${documents.updatedAt}, ${documents.id}) < (${cursor.updatedAt.toISOString()}::timestamptz, ${cursor.id}::uuid)`
          : undefined,
      ),
    )
    .orderBy(desc(documents.updatedAt), desc(documents.id))
    .limit(pageSize + 1);
  return { documents: rows.slice(0, pageSize), hasMore: rows.length > pageSize };
}

/** The people who uploaded documents the reader may read here, for the uploader filter. */
export async function documentUploaders(ability: AppAbility, projectId: string) {
  const readable = await readableDocuments(ability, [projectId]);
  return db()
    .selectDistinct({ id: users.id, name: users.name })
    .from(documents)
    .innerJoin(users, eq(users.id, documents.uploaderId))
    .where(and(eq(documents.projectId, projectId), readable, isNull(documents.redactedAt)))
    .orderBy(users.name)
    .limit(200);
}

/**
 * One document the reader may read, or undefined (missing and not allowed look alike). The SQL
 * filter finds it; CASL confirms it in memory, as for every single-record read.
 */
export async function findDocument(ability: AppAbility, documentId: string, projectId?: string) {
  if (!isUuid(documentId) || (projectId !== undefined && !isUuid(projectId))) return undefined;
  const [row] = await baseQuery().where(
    and(eq(documents.id, documentId), projectId ? eq(documents.projectId, projectId) : undefined),
  );
  if (!row || row.redactedAt) return undefined;
  const readable = await readableDocuments(ability, [row.projectId]);
  const [visible] = await db()
    .select({ id: documents.id })
    .from(documents)
    .where(and(eq(documents.id, row.id), readable));
  if (!visible) return undefined;
  const audienceOrganizationIds = await audienceOrganizationIdsOf(row.id);
  const project = await projectForPolicy(row.projectId);
  if (!project || !ability.can("read", documentSubjectOf(project, row, audienceOrganizationIds))) {
    return undefined;
  }
  return { ...row, audienceOrganizationIds };
}

/** A stored document as CASL sees it (the policy calls the uploader the author). */
export function documentSubjectOf(
  project: PolicyProject,
  row: Pick<
    DocumentRow,
    "id" | "entryId" | "audience" | "kind" | "uploaderId" | "uploaderOrganizationId"
  >,
  audienceOrganizationIds: string[],
) {
  return documentSubject(project, {
    id: row.id,
    entryId: row.entryId,
    audience: row.audience,
    kind: row.kind,
    authorId: row.uploaderId,
    authorOrganizationId: row.uploaderOrganizationId,
    audienceOrganizationIds,
  });
}

export async function audienceOrganizationIdsOf(documentId: string) {
  const rows = await db()
    .select({ id: documentAudienceOrganizations.organizationId })
    .from(documentAudienceOrganizations)
    .where(eq(documentAudienceOrganizations.documentId, documentId));
  return rows.map((row) => row.id);
}

/** Names of a custom audience's organisations, for the badge. */
export async function audienceOrganizationNamesOf(documentId: string) {
  const rows = await db()
    .select({ name: organizations.name })
    .from(documentAudienceOrganizations)
    .innerJoin(organizations, eq(organizations.id, documentAudienceOrganizations.organizationId))
    .where(eq(documentAudienceOrganizations.documentId, documentId))
    .orderBy(organizations.name);
  return rows.map((row) => row.name);
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

/** The attachments of entries the reader may read, by entry (they share the entry's audience). */
export async function attachmentsOf(ability: AppAbility, projectId: string, entryIds: string[]) {
  if (entryIds.length === 0) return new Map<string, DocumentRow[]>();
  const readable = await readableDocuments(ability, [projectId]);
  const rows = await baseQuery()
    .where(and(inArray(documents.entryId, entryIds), readable, isNull(documents.redactedAt)))
    .orderBy(documents.createdAt);
  const byEntry = new Map<string, DocumentRow[]>();
  for (const row of rows) {
    byEntry.set(row.entryId!, [...(byEntry.get(row.entryId!) ?? []), row]);
  }
  return byEntry;
}

/** The entry an attachment belongs to, for the "attached to" link. */
export async function entryOfAttachment(entryId: string) {
  const [row] = await db()
    .select({ id: entries.id, subject: entries.subject, channel: entries.channel })
    .from(entries)
    .where(eq(entries.id, entryId));
  return row;
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
