import { Link, useLocation, useSearchParams } from "@remix-run/react";
import { FileStack } from "lucide-react";
import { useTranslation } from "react-i18next";
import { AudienceBadge } from "~/features/sharing";
import { LoadMoreNav, useLoadMore } from "~/components/load-more";
import { LocalTime } from "~/components/local-time";
import { EmptyState } from "~/components/ui/empty-state";
import { AttachedTo, DownloadLink } from "./document-links";
import { isFiltered } from "./document-filters";
import { KindIcon } from "./kind-icon";
import { formatBytes } from "~/kernel/files/format-bytes";
import type { DocumentsPage, DocumentView } from "~/features/documents/types";
import { formatLocaleOf } from "~/i18n";

/**
 * The project's documents, newest first, with "load more". Like the timeline, "load more" is a
 * link to the next keyset page (works without JavaScript); with JavaScript it appends the page.
 */
export function DocumentList(props: {
  data: DocumentsPage;
  fetchPath: (search: URLSearchParams) => string;
  canUpload: boolean;
}) {
  const location = useLocation();
  // Every navigation (a filter, a page, a revalidation after an upload) starts over.
  return <List key={location.key} {...props} />;
}

function List({
  data,
  fetchPath,
  canUpload,
}: {
  data: DocumentsPage;
  fetchPath: (search: URLSearchParams) => string;
  canUpload: boolean;
}) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const { items: documents, nav } = useLoadMore({
    data,
    list: "documents",
    cursorParam: "cursor",
    fetchPath,
  });

  return (
    <div className="flex flex-col gap-4">
      {documents.length === 0 ? (
        <EmptyState
          className="rounded-xl bg-white py-12"
          icon={FileStack}
          title={t("documents.empty.title")}
          body={
            isFiltered(params)
              ? t("documents.empty.filtered")
              : canUpload
                ? `${t("documents.empty.body")} ${t("documents.empty.bodyUpload")}`
                : t("documents.empty.body")
          }
        />
      ) : (
        <ul
          className="divide-y divide-slate-100 overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm"
          data-testid="document-list"
        >
          {documents.map((document) => (
            <li key={document.id}>
              <DocumentRow document={document} />
            </li>
          ))}
        </ul>
      )}

      <LoadMoreNav
        state={nav}
        labels={{
          pages: t("documents.pages"),
          newest: t("documents.newest"),
          loadMore: t("documents.loadMore"),
          loadingMore: t("documents.loadingMore"),
          loadedMore: (count) => t("documents.loadedMore", { count }),
        }}
      />
    </div>
  );
}

function DocumentRow({ document }: { document: DocumentView }) {
  const { t, i18n } = useTranslation();
  const href = `/projects/${document.projectId}/documents/${document.id}`;
  return (
    <div
      className="flex flex-col gap-3 px-4 py-4 sm:flex-row sm:items-center sm:gap-4 sm:px-5"
      data-testid="document-row"
    >
      <div className="flex min-w-0 flex-1 gap-3 sm:gap-4">
        {document.hasThumbnail ? (
          <img
            src={`/documents/${document.id}/thumbnail`}
            alt=""
            loading="lazy"
            className="size-12 shrink-0 rounded-lg border border-slate-200 bg-slate-50 object-cover"
          />
        ) : (
          <KindIcon kind={document.kind} className="size-12" />
        )}
        <div className="min-w-0 flex-1">
          <div className="flex flex-wrap items-start justify-between gap-x-3 gap-y-1">
            <Link
              to={href}
              className="min-w-0 font-semibold break-words text-slate-900 hover:text-brand-800 hover:underline"
              data-testid="document-title"
            >
              {document.title}
            </Link>
            {document.audience ? <AudienceBadge audience={document.audience} /> : null}
          </div>
          <p className="mt-0.5 flex flex-wrap items-center gap-x-2 text-sm text-slate-600">
            <span className="min-w-0 break-all">{document.fileName}</span>
            {/* The size and version wrap together, so no line starts with "·". */}
            <span className="inline-flex items-center gap-2 whitespace-nowrap">
              <span aria-hidden>·</span>
              {formatBytes(document.sizeBytes, formatLocaleOf(i18n.language))}
              {document.versionNumber > 1 ? (
                <span className="rounded bg-slate-100 px-1.5 text-xs font-medium text-slate-700">
                  {t("documents.version", { number: document.versionNumber })}
                </span>
              ) : null}
            </span>
          </p>
          <p className="mt-0.5 flex flex-wrap items-center gap-x-2 text-sm text-slate-600">
            <span>
              {t("documents.byline", {
                name: document.uploaderName,
                organization: document.uploaderOrganizationName,
              })}
            </span>
            <span aria-hidden className="hidden sm:inline">
              ·
            </span>
            <LocalTime iso={document.updatedAt} />
          </p>
          {document.entry ? (
            <AttachedTo projectId={document.projectId} entry={document.entry} />
          ) : null}
        </div>
      </div>
      <DownloadLink
        document={document}
        variant="secondary"
        className="self-start sm:self-center"
        testId="document-download"
      />
    </div>
  );
}
