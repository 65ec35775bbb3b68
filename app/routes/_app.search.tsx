import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { ChevronLeft, ChevronRight, LifeBuoy, Search, SearchX } from "lucide-react";
import { useTranslation } from "react-i18next";
import { ChannelIcon, Direction } from "~/features/history/components/entry-channel";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { LocalTime } from "~/components/local-time";
import { Button, buttonClasses } from "~/components/ui/button";
import { cn } from "~/components/ui/cn";
import { EmptyState } from "~/components/ui/empty-state";
import { translatorOf } from "~/kernel/locale.server";
import { redactionLabels } from "~/features/accounts/contact-redaction.server";
import {
  parseSearchQuery,
  redactSearchResults,
  SEARCH_MAX_LENGTH,
  SEARCH_MIN_LENGTH,
  searchableProjects,
  searchEntries,
  searchRequests,
  type HighlightSegment,
  type RequestSearchResult,
} from "~/features/search/search.server";
import { findProject } from "~/features/projects/project.server";
import { recordAudit } from "~/kernel/audit/audit.server";
import { requireAbility } from "~/kernel/permissions.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.metaTitle ?? "Ambit" },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const current = await requireAbility(request, context);
  const { ability } = current;
  const t = await translatorOf(request, context);
  const url = new URL(request.url);
  const typed = url.searchParams.get("q");
  const [menu, chosen] = await Promise.all([
    searchableProjects(ability),
    // A project the reader may not read is ignored, exactly like one that does not exist.
    findProject(ability, url.searchParams.get("project") ?? ""),
  ]);
  const project = chosen ? { id: chosen.project.id, name: chosen.project.name } : undefined;
  const common = {
    typed: typed ?? "",
    projects: (menu ?? (project ? [project] : [])).map(({ id, name }) => ({ id, name })),
    projectId: project?.id ?? null,
    metaTitle: t("search.metaTitle"),
  };
  if (typed === null) return { ...common, state: "initial" as const };

  const parsed = parseSearchQuery(typed);
  if (!parsed.ok) {
    const limit = parsed.error === "tooLong" ? SEARCH_MAX_LENGTH : SEARCH_MIN_LENGTH;
    return {
      ...common,
      state: "invalid" as const,
      error: t(`search.errors.${parsed.error}`, { count: limit }),
    };
  }

  const requested = Number.parseInt(url.searchParams.get("page") ?? "1", 10);
  // Requests and their comments are found beside the entries: the best few of each kind, shown
  // on the first page and counted on every page.
  const [entryHits, requestHits] = await Promise.all([
    searchEntries(ability, parsed.query, { page: requested, projectId: project?.id }),
    searchRequests(ability, parsed.query, { projectId: project?.id }),
  ]);
  let found = entryHits;
  // A page past the end (an old link, a changed result set) shows the last one instead.
  if (found.results.length === 0 && found.pageCount > 0 && found.page > found.pageCount) {
    found = await searchEntries(ability, parsed.query, {
      page: found.pageCount,
      projectId: project?.id,
    });
  }
  // Contact persons' addresses and numbers only for readers with the contacts section.
  found = await redactSearchResults(current, redactionLabels(t), parsed.query, found);
  await recordAudit(current.auditActor, {
    action: "search.performed",
    subjectType: "Entry",
    projectId: project?.id ?? null,
    personal: { query: parsed.query },
    details: {
      resultCount: found.total,
      requestResultCount: requestHits.total,
      page: found.page,
    },
  });
  return {
    ...common,
    state: "results" as const,
    metaTitle: t("search.metaTitleFor", { query: parsed.query }),
    query: parsed.query,
    projectName: project?.name ?? null,
    ...found,
    requests: {
      total: requestHits.total,
      results: found.page === 1 ? requestHits.results : [],
    },
  };
}

function Highlighted({ segments }: { segments: HighlightSegment[] }) {
  return (
    <>
      {segments.map((segment, index) =>
        segment.mark ? (
          <mark key={index} className="rounded-sm bg-amber-200/70 px-0.5 text-inherit">
            {segment.text}
          </mark>
        ) : (
          <span key={index}>{segment.text}</span>
        ),
      )}
    </>
  );
}

const fieldClasses =
  "min-h-11 w-full rounded-lg border bg-white text-base font-normal text-slate-900 shadow-sm sm:text-sm";

export default function SearchPage() {
  const data = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const searching = navigation.state === "loading" && navigation.location.pathname === "/search";
  const error = data.state === "invalid" ? data.error : null;

  const pageLink = (page: number) => {
    const next = new URLSearchParams(params);
    if (page > 1) next.set("page", String(page));
    else next.delete("page");
    return `/search?${next}`;
  };
  const allProjects = new URLSearchParams(params);
  allProjects.delete("project");
  allProjects.delete("page");

  return (
    <div className="flex flex-col gap-6">
      <header>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">
          {t("search.title")}
        </h1>
        <p className="mt-1 max-w-2xl text-slate-600">{t("search.intro")}</p>
      </header>

      <Form
        method="get"
        action="/search"
        role="search"
        aria-label={t("search.title")}
        className={cn(
          "grid gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:items-start",
          data.projects.length > 1
            ? "sm:grid-cols-[minmax(0,2fr)_minmax(0,1fr)_auto]"
            : "sm:grid-cols-[minmax(0,1fr)_auto]",
        )}
      >
        <div className="flex flex-col gap-1.5">
          <label htmlFor="search-q" className="text-sm font-medium text-slate-800">
            {t("search.form.label")}
          </label>
          <span className="relative">
            <Search
              aria-hidden
              className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-slate-400"
            />
            <input
              // A new search (or going back) shows what that URL searched for.
              key={data.typed}
              id="search-q"
              type="search"
              name="q"
              defaultValue={data.typed}
              placeholder={t("search.form.placeholder")}
              autoComplete="off"
              enterKeyHint="search"
              data-search-input="page"
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? "search-q-error" : undefined}
              className={cn(
                fieldClasses,
                "pr-3 pl-9",
                error ? "border-red-500" : "border-slate-300",
              )}
            />
          </span>
          {error ? (
            <p id="search-q-error" className="text-sm font-medium text-red-700">
              {error}
            </p>
          ) : null}
        </div>
        {data.projects.length > 1 ? (
          <div className="flex flex-col gap-1.5">
            <label htmlFor="search-project" className="text-sm font-medium text-slate-800">
              {t("search.form.project")}
            </label>
            <select
              key={data.projectId ?? ""}
              id="search-project"
              name="project"
              defaultValue={data.projectId ?? ""}
              className={cn(fieldClasses, "border-slate-300 px-3")}
            >
              <option value="">{t("search.form.allProjects")}</option>
              {data.projects.map((project) => (
                <option key={project.id} value={project.id}>
                  {project.name}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <div className="flex flex-col gap-1.5">
          {/* Lines the button up with the fields, whose labels sit above them. */}
          <span aria-hidden className="hidden text-sm sm:block">
            &nbsp;
          </span>
          <Button type="submit" pending={searching} className="min-h-11">
            {t("search.form.submit")}
          </Button>
        </div>
      </Form>

      {data.state === "results" ? (
        <Results data={data} pageLink={pageLink} allProjects={`/search?${allProjects}`} />
      ) : data.state === "initial" ? (
        <EmptyState
          className="rounded-xl bg-white py-12"
          icon={Search}
          title={t("search.initial.title")}
          body={
            <>
              {t("search.initial.body")}
              <span className="mt-2 block">{t("search.initial.tips")}</span>
            </>
          }
        />
      ) : null}
    </div>
  );
}

type ResultsData = Extract<ReturnType<typeof useLoaderData<typeof loader>>, { state: "results" }>;

function Results({
  data,
  pageLink,
  allProjects,
}: {
  data: ResultsData;
  pageLink: (page: number) => string;
  allProjects: string;
}) {
  const { t } = useTranslation();
  // Entries and requests (with their comments) together.
  const total = data.total + data.requests.total;
  const count = data.capped
    ? t("search.countCapped", { count: total, query: data.query })
    : data.projectName
      ? t("search.countInProject", {
          count: total,
          query: data.query,
          project: data.projectName,
        })
      : t("search.count", { count: total, query: data.query });

  if (total === 0) {
    return (
      <>
        <p className="sr-only" role="status">
          {count}
        </p>
        <EmptyState
          className="rounded-xl bg-white py-12"
          icon={SearchX}
          title={t("search.empty.title", { query: data.query })}
          body={t(data.projectId ? "search.empty.bodyInProject" : "search.empty.body")}
          action={
            data.projectId ? (
              <Link to={allProjects} className={buttonClasses("secondary")}>
                {t("search.empty.allProjects")}
              </Link>
            ) : undefined
          }
        />
      </>
    );
  }

  return (
    <section aria-labelledby="search-count" className="flex flex-col gap-4">
      <p
        id="search-count"
        role="status"
        className="text-sm font-medium text-slate-700"
        data-testid="search-count"
      >
        {count}
      </p>
      {data.requests.results.length > 0 ? (
        <RequestResults results={data.requests.results} total={data.requests.total} />
      ) : null}
      {data.requests.results.length > 0 && data.results.length > 0 ? (
        <h2 className="text-base font-semibold text-slate-900">{t("search.entriesTitle")}</h2>
      ) : null}
      <ol
        className={cn("flex flex-col gap-3", data.results.length === 0 && "hidden")}
        aria-label={t("search.resultsLabel")}
      >
        {data.results.map((result) => (
          <li
            key={result.id}
            className="relative flex gap-3 rounded-xl border border-slate-200 bg-white px-4 py-4 shadow-sm hover:border-brand-200 hover:bg-slate-50 has-focus-visible:outline-2 has-focus-visible:outline-offset-2 has-focus-visible:outline-brand-600 sm:px-5"
            data-testid="search-result"
          >
            <ChannelIcon channel={result.channel} />
            <div className="min-w-0 flex-1">
              <h2 className="font-semibold break-words text-slate-900">
                {/* The whole card is the link's target; the name stays the subject alone. */}
                <Link
                  to={`/projects/${result.projectId}/history/${result.id}`}
                  className="after:absolute after:inset-0 after:rounded-xl focus-visible:outline-none"
                >
                  <Highlighted segments={result.subject} />
                </Link>
              </h2>
              <p className="mt-0.5 text-sm break-words text-slate-600">
                {t("search.inProject", {
                  project: result.projectName,
                  account: result.accountName,
                })}
              </p>
              <p className="mt-0.5 flex flex-wrap items-center gap-x-2 gap-y-0.5 text-sm text-slate-600">
                <span>
                  {t("search.byline", {
                    author: result.authorName,
                    organization: result.authorOrganizationName,
                  })}
                </span>
                <span aria-hidden className="hidden sm:inline">
                  ·
                </span>
                <span className="whitespace-nowrap">
                  <LocalTime iso={result.occurredAt} />
                </span>
                <span aria-hidden>·</span>
                <span className="whitespace-nowrap">
                  <Direction direction={result.direction} />
                </span>
              </p>
              {result.snippet.length > 0 ? (
                <p className="mt-2 line-clamp-3 text-sm break-words text-slate-700">
                  <Highlighted segments={result.snippet} />
                </p>
              ) : null}
            </div>
          </li>
        ))}
      </ol>

      {data.pageCount > 1 ? (
        <nav
          aria-label={t("search.pagination.label")}
          className="flex items-center justify-between gap-3"
        >
          {data.page > 1 ? (
            <Link to={pageLink(data.page - 1)} className={buttonClasses("secondary")} rel="prev">
              <ChevronLeft aria-hidden className="size-4" />
              {t("search.pagination.previous")}
            </Link>
          ) : (
            <span />
          )}
          <p className="text-sm text-slate-600">
            {t("search.pagination.status", { page: data.page, count: data.pageCount })}
          </p>
          {data.page < data.pageCount ? (
            <Link to={pageLink(data.page + 1)} className={buttonClasses("secondary")} rel="next">
              {t("search.pagination.next")}
              <ChevronRight aria-hidden className="size-4" />
            </Link>
          ) : (
            <span />
          )}
        </nav>
      ) : null}
    </section>
  );
}

/** The requests and comments on requests that match, as a group above the entries. */
function RequestResults({ results, total }: { results: RequestSearchResult[]; total: number }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="search-requests" className="flex flex-col gap-3">
      <div>
        <h2 id="search-requests" className="text-base font-semibold text-slate-900">
          {t("search.requests.title")}
        </h2>
        {total > results.length ? (
          <p className="text-sm text-slate-600">
            {t("search.requests.more", { shown: results.length, total })}
          </p>
        ) : null}
      </div>
      <ol className="flex flex-col gap-3" aria-label={t("search.requests.label")}>
        {results.map((result) => (
          <li
            key={result.id}
            className="relative flex gap-3 rounded-xl border border-slate-200 bg-white px-4 py-4 shadow-sm hover:border-brand-200 hover:bg-slate-50 has-focus-visible:outline-2 has-focus-visible:outline-offset-2 has-focus-visible:outline-brand-600 sm:px-5"
            data-testid="search-request-result"
          >
            <span className="flex size-9 shrink-0 items-center justify-center rounded-full bg-slate-100 text-slate-600 ring-1 ring-slate-200">
              <LifeBuoy aria-hidden className="size-4" />
            </span>
            <div className="min-w-0 flex-1">
              <p className="text-sm font-medium text-brand-700">
                {result.kind === "comment" && result.audience
                  ? t(`search.requests.comment.${result.audience}`, {
                      reference: result.reference,
                    })
                  : t("search.requests.request", { reference: result.reference })}
              </p>
              <h3 className="font-semibold break-words text-slate-900">
                {/* A comment's result opens its request, where the conversation is. */}
                <Link
                  to={`/requests/${result.requestId}`}
                  className="after:absolute after:inset-0 after:rounded-xl focus-visible:outline-none"
                >
                  <Highlighted segments={result.title} />
                </Link>
              </h3>
              <p className="mt-0.5 text-sm break-words text-slate-600">
                {t("search.inProject", {
                  project: result.projectName,
                  account: result.accountName,
                })}
              </p>
              <p className="mt-0.5 flex flex-wrap items-center gap-x-2 gap-y-0.5 text-sm text-slate-600">
                <span>
                  {t("search.byline", {
                    author: result.authorName,
                    organization: result.authorOrganizationName,
                  })}
                </span>
                <span aria-hidden className="hidden sm:inline">
                  ·
                </span>
                <span className="whitespace-nowrap">
                  <LocalTime iso={result.occurredAt} />
                </span>
              </p>
              {result.snippet.length > 0 ? (
                <p className="mt-2 line-clamp-3 text-sm break-words text-slate-700">
                  <Highlighted segments={result.snippet} />
                </p>
              ) : null}
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
