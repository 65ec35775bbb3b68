import { randomUUID } from "node:crypto";
import { rm } from "node:fs/promises";
import { eq, sql } from "drizzle-orm";
import sharp from "sharp";
import { audienceIdFor } from "#db/audiences";
import { db, type Database } from "#db/client.server";
import { documents, documentVersions, type Audience } from "#db/schema";
import type { Actor, AppAbility } from "#policies/ability";
import { documentSubject } from "~/features/documents/document-subject.server";
import { documentSubjectOf, type DocumentRow } from "~/features/documents/document.server";
import { audienceField, type PolicyProject } from "~/features/sharing/index.server";
import { recordAudit, type AuditActor } from "~/kernel/audit/audit.server";
import { storage } from "~/kernel/storage/storage.server";
import type { ReceivedFile } from "~/kernel/files/upload.server";
import { titleFromFileName } from "~/kernel/files/file-name";

export class DocumentWriteDenied extends Error {}

/** A received file now in storage, with its thumbnail when one could be made. */
export type StoredFile = ReceivedFile & { storageKey: string; thumbnailKey: string | null };

const THUMBNAIL_WIDTH = 480;

/** A generated key: random, lower-case, never derived from what the user sent. */
export const newStorageKey = () => randomUUID();

/** A small WebP of an image, or null when the image cannot be read (it is kept anyway). */
async function thumbnailOf(file: ReceivedFile): Promise<string | null> {
  if (file.kind !== "image") return null;
  const target = `${file.path}.thumb.webp`;
  try {
    const info = await sharp(file.path, { limitInputPixels: 100_000_000, animated: false })
      .rotate()
      .resize({
        width: THUMBNAIL_WIDTH,
        height: THUMBNAIL_WIDTH,
        fit: "inside",
        withoutEnlargement: true,
      })
      .webp({ quality: 75 })
      .toFile(target);
    const key = newStorageKey();
    await (
      await storage()
    ).put(key, {
      path: target,
      size: info.size,
      contentType: "image/webp",
      name: "thumbnail.webp",
    });
    return key;
  } catch {
    return null;
  } finally {
    await rm(target, { force: true });
  }
}

/** Puts received files into storage. On any failure, what was already stored is removed. */
export async function storeFiles(files: ReceivedFile[]): Promise<StoredFile[]> {
  const store = await storage();
  const stored: StoredFile[] = [];
  try {
    for (const file of files) {
      const storageKey = newStorageKey();
      await store.put(storageKey, file);
      stored.push({ ...file, storageKey, thumbnailKey: null });
      stored[stored.length - 1]!.thumbnailKey = await thumbnailOf(file);
    }
    return stored;
  } catch (error) {
    await discardStored(stored);
    throw error;
  }
}

/** Removes stored files whose rows were never written (a failed transaction). */
export async function discardStored(stored: StoredFile[]) {
  const keys = stored.flatMap((file) =>
    file.thumbnailKey ? [file.storageKey, file.thumbnailKey] : [file.storageKey],
  );
  if (keys.length) await (await storage()).remove(keys).catch(() => undefined);
}

export type DocumentInput = {
  audience: Audience;
  audienceOrganizationIds: string[];
  /** One title for a single file; several files take their file names. */
  title?: string;
  description?: string;
  /** Attachments of an entry carry its audience (the caller passes the entry's). */
  entryId?: string | null;
  /** Files sent with a request are read by the request's readers (`request` for the policy). */
  requestId?: string | null;
  request?: { organizationId: string; assignedOrganizationId: string | null };
};

/** A new document's title: the one given for a single file, else the file's name. */
export function documentTitle(
  fileName: string,
  input: Pick<DocumentInput, "title">,
  files: number,
) {
  return files === 1 && input.title?.trim() ? input.title.trim() : titleFromFileName(fileName);
}

/** May the actor upload these as documents of the project (or attachments of the entry)? */
export function mayCreateDocuments(
  ability: AppAbility,
  actor: Actor,
  project: PolicyProject,
  input: DocumentInput,
) {
  return ability.can(
    "create",
    documentSubject(project, {
      entryId: input.entryId ?? null,
      requestId: input.requestId ?? null,
      request: input.request ?? null,
      audience: audienceField(input),
      authorId: actor.id,
      authorOrganizationId: actor.organizationId,
    }),
  );
}

/**
 * Writes the document rows of stored files and their audit events, in the caller's
 * transaction (an entry with its attachments commits as one).
 */
export async function insertDocuments(
  executor: Database,
  actor: Actor,
  auditActor: AuditActor,
  project: PolicyProject,
  stored: StoredFile[],
  input: DocumentInput,
) {
  const ids: string[] = [];
  const audienceId = await audienceIdFor(
    executor,
    input.audience,
    input.audience === "custom" ? input.audienceOrganizationIds : [],
  );
  for (const file of stored) {
    const title = documentTitle(file.name, input, stored.length);
    const [row] = await executor
      .insert(documents)
      .values({
        projectId: project.id,
        entryId: input.entryId ?? null,
        requestId: input.requestId ?? null,
        title,
        description: input.description?.trim() ?? "",
        kind: file.kind,
        audienceId,
        uploaderId: actor.id,
        uploaderOrganizationId: actor.organizationId,
      })
      .returning({ id: documents.id });
    const documentId = row!.id;
    const [version] = await executor
      .insert(documentVersions)
      .values(versionValues(documentId, 1, actor, file))
      .returning({ id: documentVersions.id });
    await recordAudit(
      auditActor,
      {
        action: "document.uploaded",
        subjectType: "Document",
        subjectId: documentId,
        projectId: project.id,
        details: {
          versionId: version!.id,
          version: 1,
          sizeBytes: file.size,
          sha256: file.sha256,
          audience: input.audience,
          audienceOrganizationIds: input.audienceOrganizationIds,
          entryId: input.entryId ?? null,
          ...(input.requestId ? { requestId: input.requestId } : {}),
        },
        // A file name is typed by a person and often names one.
        personal: { fileName: file.name },
      },
      executor,
    );
    ids.push(documentId);
  }
  return ids;
}

function versionValues(documentId: string, number: number, actor: Actor, file: StoredFile) {
  return {
    documentId,
    number,
    fileName: file.name,
    sizeBytes: file.size,
    contentType: file.contentType,
    sha256: file.sha256,
    storageKey: file.storageKey,
    thumbnailKey: file.thumbnailKey,
    uploaderId: actor.id,
    uploaderOrganizationId: actor.organizationId,
  };
}

/**
 * Uploads new documents: the permission is checked first, then the files are stored, then the
 * rows are written; a failed write removes the stored files again.
 */
export async function createDocuments(
  ability: AppAbility,
  actor: Actor,
  auditActor: AuditActor,
  project: PolicyProject,
  files: ReceivedFile[],
  input: DocumentInput,
) {
  if (!mayCreateDocuments(ability, actor, project, input)) throw new DocumentWriteDenied();
  const stored = await storeFiles(files);
  try {
    return await db().transaction((tx) =>
      insertDocuments(tx, actor, auditActor, project, stored, input),
    );
  } catch (error) {
    await discardStored(stored);
    throw error;
  }
}

/** May the actor upload a new version of this document (its uploader, or host staff)? */
export function mayAddVersion(
  ability: AppAbility,
  project: PolicyProject,
  document: DocumentRow & { audienceOrganizationIds: string[] },
) {
  return ability.can(
    "update",
    documentSubjectOf(project, document, document.audienceOrganizationIds),
  );
}

/** A new version of a document; the newest version is what the document is from now on. */
export async function addVersion(
  ability: AppAbility,
  actor: Actor,
  auditActor: AuditActor,
  project: PolicyProject,
  document: DocumentRow & { audienceOrganizationIds: string[] },
  file: ReceivedFile,
) {
  if (!mayAddVersion(ability, project, document)) throw new DocumentWriteDenied();
  const [stored] = await storeFiles([file]);
  try {
    return await db().transaction(async (tx) => {
      // Numbers are taken under the document's row lock: two uploads at once get 2 and 3.
      await tx.execute(
        sql`select 1 from ${documents} where ${documents.id} = ${document.id} for update`,
      );
      const [{ next }] = (await tx
        .select({ next: sql<number>`coalesce(max(${documentVersions.number}), 0) + 1` })
        .from(documentVersions)
        .where(eq(documentVersions.documentId, document.id))) as [{ next: number }];
      const [version] = await tx
        .insert(documentVersions)
        .values(versionValues(document.id, Number(next), actor, stored!))
        .returning({ id: documentVersions.id, number: documentVersions.number });
      await tx
        .update(documents)
        .set({ kind: stored!.kind, updatedAt: new Date() })
        .where(eq(documents.id, document.id));
      await recordAudit(
        auditActor,
        {
          action: "document.version_added",
          subjectType: "Document",
          subjectId: document.id,
          projectId: project.id,
          details: {
            versionId: version!.id,
            version: version!.number,
            sizeBytes: stored!.size,
            sha256: stored!.sha256,
          },
          personal: { fileName: stored!.name },
        },
        tx,
      );
      return version!;
    });
  } catch (error) {
    await discardStored([stored!]);
    throw error;
  }
}
