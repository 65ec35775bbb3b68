import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { documentKinds, type DocumentKind } from "#db/schema/values";
import { DocumentFilters } from "~/features/documents/components/document-filters";
import { DocumentList } from "~/features/documents/components/document-list";
import type { DocumentView, UploadChoices } from "~/features/documents/types";
import { UploadPanel } from "~/features/documents/components/upload-panel";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { translatorOf } from "~/kernel/locale.server";
import { contactRedaction, redactionLabels } from "~/features/accounts/contact-redaction.server";
import {
  documentUploaders,
  listDocuments,
  type DocumentCursor,
  type DocumentRow,
} from "~/features/documents/document.server";
import { documentSubject } from "~/features/documents/document-subject.server";
import { audienceChoices, audienceSummary, maySeeSharing } from "~/features/sharing/index.server";
import {
  handleDocumentUpload,
  requireDocumentsProject,
} from "~/features/documents/document-upload.server";
import { env } from "~/kernel/env.server";
import { decodePageCursor, encodePageCursor } from "~/kernel/page-cursor.server";
import { isUuid } from "~/kernel/query-input";
import { parseDay } from "~/kernel/day-input";
import { timeZoneOrUtc } from "~/kernel/time-zone";

function encodeDocumentCursor(row: Pick<DocumentRow, "cursorAt" | "id">) {
  return encodePageCursor(row.cursorAt, row.id);
}

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;

/** A cursor from the URL, or undefined for anything malformed (which shows the first page). */
function decodeDocumentCursor(value: string | null): DocumentCursor | undefined {
  const cursor = decodePageCursor(
    value,
    (key) => TIMESTAMP.test(key) && !Number.isNaN(new Date(key).getTime()),
  );
  return cursor && { updatedAt: cursor.key, id: cursor.id };
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { current, project } = await requireDocumentsProject(request, context, params.projectId);
  const { ability } = current;
  const url = new URL(request.url);
  const get = (name: string) => (url.searchParams.get(name) ?? "").trim();
  const kind = get("kind");
  const filters = {
    kind: (documentKinds as readonly string[]).includes(kind) ? (kind as DocumentKind) : undefined,
    uploaderId: isUuid(get("uploader")) ? get("uploader") : undefined,
    // Typed as the reader writes days ("31.12.2026") or ISO; kept as `YYYY-MM-DD`.
    from: parseDay(get("from")),
    to: parseDay(get("to")),
    timeZone: timeZoneOrUtc(get("tz")),
    q: get("q").slice(0, 200) || undefined,
  };
  const seesSharing = maySeeSharing(ability);
  const canUpload = ability.can("create", documentSubject(project));
  const [page, uploaders] = await Promise.all([
    listDocuments(
      ability,
      project.id,
      filters,
      decodeDocumentCursor(url.searchParams.get("cursor")),
    ),
    documentUploaders(ability, project.id),
  ]);
  const documents: DocumentView[] = page.documents.map((row) => ({
    id: row.id,
    projectId: row.projectId,
    title: row.title,
    kind: row.kind,
    fileName: row.fileName,
    sizeBytes: Number(row.sizeBytes),
    versionNumber: row.versionNumber,
    hasThumbnail: Boolean(row.hasThumbnail),
    uploaderName: row.uploaderName,
    uploaderOrganizationName: row.uploaderOrganizationName,
    updatedAt: row.updatedAt.toISOString(),
    audience: seesSharing ? { kind: row.audience, names: row.audienceNames } : undefined,
    entry: row.entryId ? { id: row.entryId, subject: row.entrySubject } : null,
  }));
  // Titles and entry subjects name contact persons' numbers only to readers who may read them.
  const redaction = await contactRedaction(
    current,
    redactionLabels(await translatorOf(request, context)),
    {
      projectIds: [project.id],
      texts: documents.flatMap((row) => [row.title, row.entry?.subject]),
    },
  );
  for (const row of documents) {
    row.title = redaction.text(row.title);
    if (row.entry?.subject) row.entry.subject = redaction.text(row.entry.subject);
  }
  const last = page.documents.at(-1);
  let upload: UploadChoices | null = null;
  if (canUpload) {
    const choices = audienceChoices(current.ability, project, "documents");
    upload = {
      ...choices,
      summary: await audienceSummary(project, "documents", current),
      limitMb: env().UPLOAD_MAX_MB,
    };
  }
  return {
    projectId: project.id,
    documents,
    nextCursor: page.hasMore && last ? encodeDocumentCursor(last) : null,
    uploaders,
    upload,
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { status, result } = await handleDocumentUpload(request, context, params.projectId);
  return data(result, { status });
}

// An index route answers a fetch only when asked with `?index` (else its parent layout would).
const fetchPath = (search: URLSearchParams) => `?index&${search}`;

export default function ProjectDocuments() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h2 className="text-lg font-semibold text-slate-900">{t("documents.title")}</h2>
        <p className="mt-1 text-sm text-slate-600">{t("documents.intro")}</p>
      </div>
      {data.upload ? (
        <UploadPanel projectId={data.projectId} choices={data.upload} result={result ?? null} />
      ) : null}
      <DocumentFilters uploaders={data.uploaders} />
      <DocumentList data={data} fetchPath={fetchPath} canUpload={Boolean(data.upload)} />
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
