import type { AppLoadContext } from "@remix-run/node";
import type { TFunction } from "i18next";
import { translatorOf } from "~/kernel/locale.server";
import { findDocument } from "~/features/documents/document.server";
import { mayOpenDocuments } from "~/features/documents/document-subject.server";
import { documentSubject } from "~/features/documents/document-subject.server";
import {
  addVersion,
  createDocuments,
  documentTitle,
  DocumentWriteDenied,
  mayAddVersion,
} from "~/features/documents/document-write.server";
import { projectForPolicy } from "~/features/sharing/index.server";
import { audienceChoices, resolveAudience } from "~/features/sharing/index.server";
import { findProject } from "~/features/projects/index.server";
import {
  MAX_FILES_PER_REQUEST,
  receiveUpload,
  UploadRejected,
  type RefusedFile,
} from "~/kernel/files/upload.server";
import { env } from "~/kernel/env.server";
import type { UploadFields, UploadResult } from "~/features/documents/types";
import { forbidden, notFound, requireAbility } from "~/kernel/permissions.server";

/**
 * The project of a documents page: 404 unless the reader may open its documents (the
 * documents section, or the host).
 */
export async function requireDocumentsProject(
  request: Request,
  context: AppLoadContext,
  projectId: string | undefined,
) {
  const current = await requireAbility(request, context);
  const found = await findProject(current.ability, projectId ?? "");
  if (!found) notFound();
  const project = await projectForPolicy(found.project.id, { scope: current.ability });
  if (!project || !mayOpenDocuments(current.ability, project)) notFound();
  return { current, found, project };
}

const limitMb = () => env().UPLOAD_MAX_MB;

/** One sentence per refused file, naming it. */
export function refusalMessage(
  t: TFunction,
  refused: Pick<RefusedFile, "name" | "reason" | "detail">,
) {
  const detail =
    refused.detail &&
    t(`documents.detectedKinds.${refused.detail}`, { defaultValue: refused.detail });
  const values = { name: refused.name, limit: limitMb(), detail };
  if ((refused.reason === "mismatch" || refused.reason === "notText") && refused.detail) {
    return t(`documents.refusals.${refused.reason}Detail`, values);
  }
  return t(`documents.refusals.${refused.reason}`, values);
}

/** 413 for a file or a request over the size limit, 400 for any other refusal. */
export const refusalStatus = (reason: string) => (reason === "tooLarge" ? 413 : 400);

/** The sentence for a request refused as a whole (too large, too many files, not multipart). */
export function rejectedMessage(t: TFunction, error: UploadRejected) {
  return t(`documents.rejected.${error.reason}`, {
    limit: limitMb(),
    count: MAX_FILES_PER_REQUEST,
  });
}

const emptyFields = (): UploadFields => ({
  audience: "",
  audienceOrganizationIds: [],
  title: "",
  description: "",
});

/**
 * Receives a documents upload (the resource route and the page's plain form alike): check the
 * permission before reading a byte, stream and check the files, resolve the audience, store.
 * Temporary files are always removed.
 */
export async function handleDocumentUpload(
  request: Request,
  context: AppLoadContext,
  projectId: string | undefined,
): Promise<{ status: number; result: UploadResult }> {
  const { current, project } = await requireDocumentsProject(request, context, projectId);
  const t = await translatorOf(request, context);
  if (!current.ability.can("create", documentSubject(project))) {
    forbidden(t("documents.errors.createForbidden"));
  }
  const answer = (status: number, result: Partial<UploadResult>) => ({
    status,
    result: { created: [], refused: [], error: null, fields: emptyFields(), ...result },
  });

  let upload;
  try {
    upload = await receiveUpload(request);
  } catch (error) {
    if (!(error instanceof UploadRejected)) throw error;
    return answer(refusalStatus(error.reason), {
      error: { field: "files", message: rejectedMessage(t, error) },
    });
  }
  try {
    const field = (name: string) => upload.fields.get(name)?.[0]?.trim() ?? "";
    const fields: UploadFields = {
      audience: field("audience"),
      audienceOrganizationIds: upload.fields.get("audienceOrganizationIds") ?? [],
      title: field("title").slice(0, 200),
      description: field("description").slice(0, 2000),
    };
    const refused = upload.refused.map((file) => ({
      name: file.name,
      reason: file.reason,
      message: refusalMessage(t, file),
    }));
    const choices = audienceChoices(current.ability, project, "documents");
    const audience = resolveAudience(
      choices,
      fields.audience || choices.defaultPreset,
      fields.audienceOrganizationIds,
    );
    if (!audience.ok) {
      const field =
        audience.error === "audienceOrganizations" ? "audienceOrganizationIds" : "audience";
      return answer(400, {
        fields,
        refused,
        error: { field, message: t(`documents.errors.${audience.error}`) },
      });
    }
    if (upload.files.length === 0) {
      return answer(refused.some((file) => file.reason === "tooLarge") ? 413 : 400, {
        fields,
        refused,
        error: refused.length
          ? null
          : { field: "files", message: t("documents.upload.chooseFiles") },
      });
    }
    let ids: string[];
    try {
      ids = await createDocuments(
        current.ability,
        current.policyActor,
        current.auditActor,
        project,
        upload.files,
        {
          audience: audience.audience,
          audienceOrganizationIds: audience.organizationIds,
          title: fields.title,
          description: fields.description,
        },
      );
    } catch (error) {
      if (error instanceof DocumentWriteDenied) forbidden(t("documents.errors.createForbidden"));
      throw error;
    }
    const created = ids.map((id, index) => {
      const fileName = upload.files[index]!.name;
      return { id, title: documentTitle(fileName, fields, ids.length), fileName };
    });
    return answer(200, { fields, refused, created });
  } finally {
    await upload.cleanup();
  }
}

export type VersionResult = { error: string | null; version: number | null };

/** A new version of a document from a one-file form; 404/403 as for every write. */
export async function handleNewVersion(
  request: Request,
  context: AppLoadContext,
  params: { projectId?: string; documentId?: string },
): Promise<{ status: number; result: VersionResult }> {
  const current = await requireAbility(request, context);
  const t = await translatorOf(request, context);
  const document = await findDocument(current.ability, params.documentId ?? "", params.projectId);
  if (!document) notFound();
  const project = document.policyProject;
  if (!mayAddVersion(current.ability, project, document)) {
    forbidden(t("documents.errors.versionForbidden"));
  }
  let upload;
  try {
    upload = await receiveUpload(request);
  } catch (error) {
    if (!(error instanceof UploadRejected)) throw error;
    return {
      status: refusalStatus(error.reason),
      result: { error: rejectedMessage(t, error), version: null },
    };
  }
  try {
    const [refused] = upload.refused;
    if (refused) {
      return {
        status: refusalStatus(refused.reason),
        result: { error: refusalMessage(t, refused), version: null },
      };
    }
    if (upload.files.length !== 1) {
      return { status: 400, result: { error: t("documents.errors.singleFile"), version: null } };
    }
    try {
      const version = await addVersion(
        current.ability,
        current.policyActor,
        current.auditActor,
        project,
        document,
        upload.files[0]!,
      );
      return { status: 200, result: { error: null, version: version.number } };
    } catch (error) {
      if (error instanceof DocumentWriteDenied) forbidden(t("documents.errors.versionForbidden"));
      throw error;
    }
  } finally {
    await upload.cleanup();
  }
}
