import type { AppLoadContext } from "@remix-run/node";
import { findDocument, findVersion } from "~/features/documents/document.server";
import type { AuditAction } from "~/kernel/audit/actions";
import { recordAudit } from "~/kernel/audit/audit.server";
import { fileResponse } from "~/kernel/files/file-response.server";
import { previewable } from "~/kernel/files/file-check.server";
import { notFound, requireAbility } from "~/kernel/permissions.server";

const FILE_ACCESS = ["download", "preview", "thumbnail"] as const;
export type FileAccess = (typeof FILE_ACCESS)[number];

export function isFileAccess(value: string | undefined): value is FileAccess {
  return (FILE_ACCESS as readonly (string | undefined)[]).includes(value);
}

const AUDITED: Record<FileAccess, AuditAction | null> = {
  download: "document.downloaded",
  preview: "document.previewed",
  // The thumbnail is part of the page the reader opened (audited as viewed), not a file access.
  thumbnail: null,
};

/**
 * Serves a document's file (its newest version, or the one named) to a reader who may read the
 * document; everyone else gets the same 404 as for a document that does not exist. Downloads and
 * previews are audited before the first byte leaves.
 */
export async function serveDocumentFile(
  request: Request,
  context: AppLoadContext,
  params: { documentId?: string; versionId?: string },
  access: FileAccess,
) {
  const current = await requireAbility(request, context);
  const document = await findDocument(current.ability, params.documentId ?? "");
  if (!document) notFound();
  const version = await findVersion(document.id, params.versionId);
  if (!version) notFound();
  if (access === "thumbnail") {
    if (!version.thumbnailKey) notFound();
    return fileResponse(
      {
        storageKey: version.thumbnailKey,
        fileName: "thumbnail.webp",
        contentType: "image/webp",
      },
      "inline",
    );
  }
  if (access === "preview" && !previewable(version.contentType)) notFound();
  await recordAudit(current.auditActor, {
    action: AUDITED[access]!,
    subjectType: "Document",
    subjectId: document.id,
    projectId: document.projectId,
    details: { versionId: version.id, version: version.number },
    personal: { fileName: version.fileName },
  });
  return fileResponse(version, access === "preview" ? "inline" : "attachment");
}
