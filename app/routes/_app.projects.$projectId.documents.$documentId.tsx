import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ArrowLeft, Download, ExternalLink } from "lucide-react";
import { useTranslation } from "react-i18next";
import { ErrorText } from "~/features/sharing/components/audience-picker";
import { AttachedTo, DownloadLink } from "~/features/documents/components/document-links";
import { KindIcon } from "~/features/documents/components/kind-icon";
import { formatBytes } from "~/kernel/files/format-bytes";
import { AudienceBadge } from "~/features/sharing/components/audience-badge";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { LocalTime } from "~/components/local-time";
import { Button, buttonClasses } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { translatorOf } from "~/kernel/locale.server";
import {
  documentAccessHistory,
  documentSubjectOf,
  findDocument,
  listVersions,
} from "~/features/documents/document.server";
import { maySeeSharing, sharingExplanation } from "~/features/sharing/index.server";
import { VisibilityPanel } from "~/features/sharing";
import { mayAddVersion } from "~/features/documents/document-write.server";
import { contactRedaction, redactionLabels } from "~/features/accounts/contact-redaction.server";
import { findProject } from "~/features/projects/project.server";
import { recordAudit } from "~/kernel/audit/audit.server";
import { handleNewVersion } from "~/features/documents/document-upload.server";
import { fileTypeOf, previewable } from "~/kernel/files/file-check.server";
import { subject } from "#policies/ability";
import { notFound, requireAbility } from "~/kernel/permissions.server";
import { redirectWithToast } from "~/kernel/toast.server";
import { personalPartErased, readableDetails } from "~/kernel/audit/personal";
import { formatLocaleOf } from "~/i18n";
import { FileInput } from "~/components/ui/file-input";

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: loaded ? `${loaded.document.title} · Ambit` : "Ambit" },
];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const current = await requireAbility(request, context);
  const found = await findProject(current.ability, params.projectId ?? "");
  if (!found) notFound();
  const document = await findDocument(current.ability, params.documentId ?? "", found.project.id);
  if (!document) notFound();
  const project = document.policyProject;
  await recordAudit(current.auditActor, {
    action: "document.viewed",
    subjectType: "Document",
    subjectId: document.id,
    projectId: document.projectId,
    details: { versionId: document.versionId, version: document.versionNumber },
  });
  const seesSharing = maySeeSharing(current.ability);
  // Who opened the document is audit data: the policy's `read AuditEvent` decides, field by field.
  const accessEvent = subject("AuditEvent", { subjectType: "Document", subjectId: document.id });
  const seesAccess = current.ability.can("read", accessEvent);
  const seesAddresses = current.ability.can("read", accessEvent, "ip");
  const [versions, accessRows] = await Promise.all([
    listVersions(document.id),
    seesAccess ? documentAccessHistory(document.id) : Promise.resolve(null),
  ]);
  const entry = document.entryId ? { id: document.entryId, subject: document.entrySubject } : null;
  const versionNumbers = new Map(versions.map((version) => [version.id, version.number]));
  // Title, description and entry subject name contact persons' numbers only to their readers.
  const redaction = await contactRedaction(
    current,
    redactionLabels(await translatorOf(request, context)),
    {
      projectIds: [document.projectId],
      texts: [document.title, document.description, entry?.subject],
    },
  );
  // Newest first, as listed: a version may be of another type than the one before it.
  const fileTypes = versions.map((version) => fileTypeOf(version.contentType));
  const fileType = fileTypeOf(document.contentType);
  return {
    document: {
      id: document.id,
      projectId: document.projectId,
      title: redaction.text(document.title),
      description: redaction.text(document.description),
      kind: document.kind,
      contentType: document.contentType,
      fileName: document.fileName,
      hasThumbnail: Boolean(document.hasThumbnail),
      uploaderName: document.uploaderName,
      uploaderOrganizationName: document.uploaderOrganizationName,
      createdAt: document.createdAt.toISOString(),
      previewable: previewable(document.contentType),
      fileType,
      earlierFileTypes: [...new Set(fileTypes.slice(1))].filter((type) => type !== fileType),
    },
    audience: seesSharing ? { kind: document.audience, names: document.audienceNames } : null,
    explain: seesSharing
      ? await sharingExplanation(
          current,
          project,
          (asOf) => documentSubjectOf(asOf, document, document.audienceOrganizationIds),
          document.entryId ? "history" : "documents",
        )
      : null,
    entry: entry ? { id: entry.id, subject: redaction.text(entry.subject ?? "") } : null,
    versions: versions.map((version, index) => ({
      id: version.id,
      fileType: fileTypes[index]!,
      previousFileType: fileTypes[index + 1] ?? null,
      typeChanged: index + 1 < fileTypes.length && fileTypes[index] !== fileTypes[index + 1],
      number: version.number,
      fileName: version.fileName,
      sizeBytes: Number(version.sizeBytes),
      sha256: version.sha256,
      previewable: previewable(version.contentType),
      uploaderName: version.uploaderName,
      uploaderOrganizationName: version.uploaderOrganizationName,
      createdAt: version.createdAt.toISOString(),
    })),
    showsAddresses: seesAddresses,
    accessHistory: accessRows
      ? accessRows.map((row) => {
          const details = readableDetails(row);
          const versionId = typeof details.versionId === "string" ? details.versionId : null;
          const number =
            typeof details.version === "number"
              ? details.version
              : versionId
                ? (versionNumbers.get(versionId) ?? null)
                : null;
          return {
            seq: String(row.seq),
            occurredAt: row.occurredAt.toISOString(),
            action: row.action,
            actorName: row.actorName,
            actorOrganizationName: row.actorOrganizationName,
            ip: seesAddresses ? row.ip : null,
            erased: personalPartErased(row),
            version: number,
          };
        })
      : null,
    canAddVersion: mayAddVersion(current.ability, project, document),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { status, result } = await handleNewVersion(request, context, params);
  if (result.version !== null) {
    const t = await translatorOf(request, context);
    return redirectWithToast(`/projects/${params.projectId}/documents/${params.documentId}`, {
      tone: "success",
      message: t("documents.page.versionAdded", { number: result.version }),
    });
  }
  return data(result, { status });
}

export default function DocumentPage() {
  const {
    document,
    audience,
    explain,
    entry,
    versions,
    accessHistory,
    showsAddresses,
    canAddVersion,
  } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t, i18n } = useTranslation();
  const newest = versions[0];
  const fileTypeName = (type: string) => t(`documents.fileTypes.${type}`);
  const isPdf = document.contentType === "application/pdf";
  const preview = `/documents/${document.id}/preview`;
  return (
    <div className="flex flex-col gap-6">
      <div>
        <Link
          to={`/projects/${document.projectId}/documents`}
          className="inline-flex items-center gap-1.5 text-sm font-medium text-brand-700 hover:underline"
        >
          <ArrowLeft aria-hidden className="size-4" />
          {t("documents.page.back")}
        </Link>
      </div>

      <section className="flex flex-col gap-4 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:flex-row sm:items-start sm:p-5">
        <KindIcon kind={document.kind} className="size-12" />
        <div className="min-w-0 flex-1">
          <div className="flex flex-wrap items-start justify-between gap-3">
            <h2 className="min-w-0 text-xl font-semibold break-words text-slate-900">
              {document.title}
            </h2>
            {audience ? <AudienceBadge audience={audience} /> : null}
          </div>
          <p className="mt-1 text-sm text-slate-600">
            {t("documents.byline", {
              name: document.uploaderName,
              organization: document.uploaderOrganizationName,
            })}{" "}
            · <LocalTime iso={document.createdAt} />
          </p>
          <p className="mt-1 text-sm text-slate-600" data-testid="document-type">
            {document.earlierFileTypes.length
              ? t("documents.page.fileTypeWithEarlier", {
                  type: fileTypeName(document.fileType),
                  earlier: new Intl.ListFormat(formatLocaleOf(i18n.language), {
                    type: "conjunction",
                  }).format(document.earlierFileTypes.map(fileTypeName)),
                })
              : t("documents.page.fileType", { type: fileTypeName(document.fileType) })}
          </p>
          {entry ? <AttachedTo projectId={document.projectId} entry={entry} /> : null}
          {document.description ? (
            <p className="mt-3 text-sm whitespace-pre-line text-slate-800">
              {document.description}
            </p>
          ) : null}
        </div>
        <DownloadLink
          document={document}
          variant="primary"
          className="self-start"
          testId="download-current"
        />
      </section>

      <Card
        title={t("documents.page.preview")}
        actions={
          document.previewable ? (
            <a
              href={preview}
              target="_blank"
              rel="noreferrer"
              className={buttonClasses("secondary")}
              data-testid="open-preview"
            >
              <ExternalLink aria-hidden className="size-4" />
              {t("documents.page.openPreview")}
              <span className="sr-only">({t("documents.page.openPreviewHint")})</span>
            </a>
          ) : null
        }
      >
        {!document.previewable ? (
          <p className="text-sm text-slate-600">{t("documents.page.noPreview")}</p>
        ) : isPdf ? (
          // No `sandbox` attribute: Chromium refuses to show a PDF in a sandboxed frame. The
          // response sandboxes itself (CSP `sandbox`, nosniff, inline only for PDFs and images).
          <iframe
            src={preview}
            title={t("documents.page.pdfPreviewTitle", { title: document.title })}
            className="h-[70vh] min-h-96 w-full rounded-lg border border-slate-200 bg-slate-50"
            data-testid="pdf-preview"
          />
        ) : (
          <img
            src={preview}
            alt={t("documents.thumbnailAlt", { title: document.title })}
            className="mx-auto max-h-[70vh] max-w-full rounded-lg border border-slate-200"
            data-testid="image-preview"
          />
        )}
      </Card>

      <Card title={t("documents.page.versions")}>
        <ol className="-my-2 divide-y divide-slate-100" data-testid="versions">
          {versions.map((version) => (
            <li
              key={version.id}
              className="flex flex-col gap-2 py-3 sm:flex-row sm:items-center sm:gap-4"
              data-testid="version-row"
            >
              <div className="min-w-0 flex-1">
                <p className="flex flex-wrap items-center gap-2 text-sm font-semibold text-slate-900">
                  {t("documents.version", { number: version.number })}
                  {version === newest ? (
                    <span className="rounded-full bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-800">
                      {t("documents.page.current")}
                    </span>
                  ) : null}
                  {version.typeChanged && version.previousFileType ? (
                    <span
                      className="rounded-full bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-900"
                      data-testid="type-changed"
                    >
                      {t("documents.page.typeChanged", {
                        type: fileTypeName(version.fileType),
                        previous: fileTypeName(version.previousFileType),
                      })}
                    </span>
                  ) : null}
                </p>
                <p className="text-sm break-all text-slate-700">
                  {version.fileName} · {fileTypeName(version.fileType)} ·{" "}
                  {formatBytes(version.sizeBytes, formatLocaleOf(i18n.language))}
                </p>
                <p className="text-sm text-slate-600">
                  {t("documents.byline", {
                    name: version.uploaderName,
                    organization: version.uploaderOrganizationName,
                  })}{" "}
                  · <LocalTime iso={version.createdAt} />
                </p>
                <p className="text-xs text-slate-500">
                  {t("documents.page.sha256")}{" "}
                  <code title={version.sha256} className="font-mono">
                    {version.sha256.slice(0, 12)}
                  </code>
                </p>
              </div>
              <div className="flex flex-wrap gap-2">
                {version.previewable ? (
                  <a
                    href={`/documents/${document.id}/versions/${version.id}/preview`}
                    target="_blank"
                    rel="noreferrer"
                    className={buttonClasses("ghost")}
                    aria-label={`${t("documents.page.preview")}: ${t("documents.version", { number: version.number })}`}
                  >
                    {t("documents.page.preview")}
                  </a>
                ) : null}
                <a
                  href={`/documents/${document.id}/versions/${version.id}/download`}
                  className={buttonClasses("secondary")}
                  aria-label={t("documents.downloadNamed", {
                    name: t("documents.version", { number: version.number }),
                  })}
                  data-testid="version-download"
                >
                  <Download aria-hidden className="size-4" />
                  {t("documents.download")}
                </a>
              </div>
            </li>
          ))}
        </ol>
      </Card>

      {canAddVersion ? (
        <Card
          title={t("documents.page.newVersion")}
          description={t("documents.page.newVersionHint")}
        >
          <Form
            // A new version remounts the form: the file just uploaded is no longer chosen.
            key={newest?.id}
            method="post"
            encType="multipart/form-data"
            className="flex flex-col gap-3 sm:flex-row sm:items-end"
            data-testid="new-version-form"
          >
            <div className="flex min-w-0 flex-1 flex-col gap-1.5">
              <label htmlFor="new-version-file" className="text-sm font-medium text-slate-800">
                {t("documents.page.newVersionFile")}
              </label>
              <FileInput
                id="new-version-file"
                name="file"
                required
                aria-invalid={result?.error ? true : undefined}
                aria-describedby={result?.error ? "version-error" : undefined}
              />
            </div>
            <Button type="submit" pending={navigation.state === "submitting"}>
              {t("documents.page.newVersionSubmit")}
            </Button>
          </Form>
          <div className="mt-2">
            <ErrorText id="version-error" errors={result?.error ? [result.error] : undefined} />
          </div>
        </Card>
      ) : null}

      {explain ? (
        <VisibilityPanel explanation={explain} item={entry ? "attachment" : "document"} />
      ) : null}

      {accessHistory ? (
        <Card
          title={t("documents.page.accessHistory")}
          description={t("documents.page.accessHistoryHint")}
        >
          {accessHistory.length === 0 ? (
            <p className="text-sm text-slate-600">{t("documents.page.accessEmpty")}</p>
          ) : (
            <div className="-mx-5 overflow-x-auto">
              <table
                className="w-full min-w-[30rem] text-left text-sm sm:min-w-[40rem]"
                data-testid="access-history"
              >
                <thead className="border-b border-slate-200 text-xs font-semibold tracking-wide text-slate-600 uppercase">
                  <tr>
                    <th scope="col" className="px-5 py-2">
                      {t("documents.page.who")}
                    </th>
                    <th scope="col" className="hidden px-3 py-2 sm:table-cell">
                      {t("documents.page.organization")}
                    </th>
                    <th scope="col" className="px-3 py-2">
                      {t("documents.page.action")}
                    </th>
                    <th scope="col" className="px-3 py-2">
                      {t("documents.page.number")}
                    </th>
                    <th scope="col" className="px-3 py-2">
                      {t("documents.page.when")}
                    </th>
                    {showsAddresses ? (
                      <th scope="col" className="px-5 py-2">
                        {t("documents.page.ip")}
                      </th>
                    ) : null}
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {accessHistory.map((row) => (
                    <tr key={row.seq} data-testid="access-row">
                      <td className="px-5 py-2 font-medium text-slate-900">
                        {row.actorName ?? t("documents.page.unknown")}
                        {/* On a phone the organisation goes under the name, not in a column. */}
                        <span className="block text-xs font-normal text-slate-600 sm:hidden">
                          {row.actorOrganizationName ?? "—"}
                        </span>
                      </td>
                      <td className="hidden px-3 py-2 text-slate-700 sm:table-cell">
                        {row.actorOrganizationName ?? "—"}
                      </td>
                      <td className="px-3 py-2 text-slate-700">
                        {t(`documents.page.actions.${row.action.replace("document.", "")}`, {
                          defaultValue: row.action,
                        })}
                      </td>
                      <td className="px-3 py-2 text-slate-700">{row.version ?? "—"}</td>
                      <td className="px-3 py-2 whitespace-nowrap text-slate-700">
                        <LocalTime iso={row.occurredAt} />
                      </td>
                      {showsAddresses ? (
                        <td className="px-5 py-2 font-mono text-xs text-slate-600">
                          {row.erased ? t("compliance.audit.erased") : (row.ip ?? "—")}
                        </td>
                      ) : null}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Card>
      ) : null}
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
