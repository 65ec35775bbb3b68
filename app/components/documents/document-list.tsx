import { Link, useFetcher, useLocation, useSearchParams } from "@remix-run/react";
import { Download, FileStack, Paperclip } from "lucide-react";
import { useEffect, useState, type MouseEvent } from "react";
import { useTranslation } from "react-i18next";
import { AudienceBadge } from "~/components/entry-channel";
import { LocalTime } from "~/components/local-time";
import { buttonClasses } from "~/components/ui/button";
import { EmptyState } from "~/components/ui/empty-state";
import { isFiltered } from "./document-filters";
import { formatBytes, KindIcon } from "./kind-icon";
import type { DocumentsPage, DocumentView } from "./types";

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
  const fetcher = useFetcher<DocumentsPage>();
  const [loaded, setLoaded] = useState<DocumentsPage[]>([]);

  useEffect(() => {
    const page = fetcher.data;
    if (page && Array.isArray(page.documents)) {
      setLoaded((pages) => (pages.includes(page) ? pages : [...pages, page]));
    }
  }, [fetcher.data]);

  const shown = new Set<string>();
  const documents: DocumentView[] = [];
  for (const document of [data, ...loaded].flatMap((page) => page.documents)) {
    if (shown.has(document.id)) continue;
    shown.add(document.id);
    documents.push(document);
  }
  const nextCursor = loaded.length > 0 ? loaded.at(-1)!.nextCursor : data.nextCursor;
  const lastLoaded = loaded.at(-1)?.documents.length;
  const nextParams = new URLSearchParams(params);
  if (nextCursor) nextParams.set("cursor", nextCursor);
  const newestParams = new URLSearchParams(params);
  newestParams.delete("cursor");
  const paged = Boolean(params.get("cursor"));
  const loading = fetcher.state !== "idle";

  const loadMore = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey || event.button !== 0) {
      return;
    }
    event.preventDefault();
    if (!loading) fetcher.load(fetchPath(nextParams));
  };

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

      <p className="sr-only" aria-live="polite">
        {lastLoaded !== undefined ? t("documents.loadedMore", { count: lastLoaded }) : ""}
      </p>

      {nextCursor || paged ? (
        <nav
          className="flex flex-wrap items-center justify-between gap-3"
          aria-label={t("documents.pages")}
        >
          {paged ? (
            <Link to={`?${newestParams}`} className={buttonClasses("ghost")}>
              {t("documents.newest")}
            </Link>
          ) : (
            <span />
          )}
          {nextCursor ? (
            <Link
              to={`?${nextParams}`}
              onClick={loadMore}
              className={buttonClasses("secondary")}
              aria-disabled={loading || undefined}
              data-testid="load-more"
            >
              {loading ? t("documents.loadingMore") : t("documents.loadMore")}
            </Link>
          ) : null}
        </nav>
      ) : null}
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
              {formatBytes(document.sizeBytes, i18n.language)}
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
            <p className="mt-1 flex items-center gap-1.5 text-sm">
              <Paperclip aria-hidden className="size-3.5 shrink-0 text-slate-500" />
              <Link
                to={`/projects/${document.projectId}/history/${document.entry.id}`}
                className="text-brand-700 hover:underline"
              >
                {document.entry.subject
                  ? t("documents.attachedTo", { subject: document.entry.subject })
                  : t("documents.attachedToUntitled")}
              </Link>
            </p>
          ) : null}
        </div>
      </div>
      <a
        href={`/documents/${document.id}/download`}
        className={buttonClasses("secondary", "self-start sm:self-center")}
        aria-label={t("documents.downloadNamed", { name: document.fileName })}
        data-testid="document-download"
      >
        <Download aria-hidden className="size-4" />
        {t("documents.download")}
      </a>
    </div>
  );
}
