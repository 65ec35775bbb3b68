import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { Plus } from "lucide-react";
import { useTranslation } from "react-i18next";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { FilterButtons, FilterPanel } from "~/components/filter-form";
import { buttonClasses } from "~/components/ui/button";
import { RequestList, RequestStatusFilter } from "~/features/requests";
import {
  listRequests,
  mayOpenRequestIn,
  mayOpenRequestsTab,
  requestListItem,
} from "~/features/requests/index.server";
import {
  decodeRequestCursor,
  encodeRequestCursor,
  requestFiltersFrom,
  requestPerspective,
} from "~/features/requests/request-views.server";
import { projectForPolicy } from "~/features/sharing/index.server";
import { notFound, requireAbility } from "~/kernel/permissions.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { ability } = await requireAbility(request, context);
  const project = await projectForPolicy(params.projectId ?? "", { scope: ability });
  if (!project || !(await mayOpenRequestsTab(ability, project))) notFound();
  const url = new URL(request.url);
  const now = new Date();
  const filters = { ...requestFiltersFrom(url), projectId: project.id };
  const page = await listRequests(
    ability,
    filters,
    decodeRequestCursor(url.searchParams.get("cursor")),
    {
      now,
    },
  );
  return {
    now: now.toISOString(),
    projectId: project.id,
    perspective: requestPerspective(ability),
    mayOpen: mayOpenRequestIn(ability, project),
    requests: page.requests.map(requestListItem),
    nextCursor: page.next ? encodeRequestCursor(page.next) : null,
  };
}

export default function ProjectRequests() {
  const { now, projectId, perspective, mayOpen, requests, nextCursor } =
    useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const filtered = Boolean(params.get("status"));
  const next = new URLSearchParams(params);
  if (nextCursor) next.set("cursor", nextCursor);
  return (
    <section className="flex flex-col gap-4" aria-labelledby="project-requests">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 id="project-requests" className="text-lg font-semibold text-slate-900">
            {t("requests.title")}
          </h2>
          <p className="text-sm text-slate-600">{t("requests.projectIntro")}</p>
        </div>
        {mayOpen ? (
          <Link to={`/requests/new?project=${projectId}`} className={buttonClasses("primary")}>
            <Plus className="size-4" aria-hidden="true" />
            {t("requests.open")}
          </Link>
        ) : null}
      </div>
      <FilterPanel
        label={t("requests.filters.label")}
        active={filtered ? 1 : 0}
        className="grid grid-cols-1 gap-3 border-t border-slate-200 p-4 sm:grid-cols-[minmax(0,16rem)_auto] sm:border-t-0 sm:items-end"
      >
        <RequestStatusFilter customerView={perspective === "customer"} />
        <FilterButtons
          className="flex items-end gap-2"
          apply={t("requests.filters.apply")}
          clear={t("requests.filters.clear")}
          clearTo="."
          filtered={filtered}
        />
      </FilterPanel>
      <RequestList
        requests={requests}
        now={now}
        customerView={perspective === "customer"}
        showProject={false}
        emptyBody={filtered ? t("requests.empty.filtered") : t(`requests.empty.${perspective}`)}
      />
      {nextCursor ? (
        <Link to={`?${next.toString()}`} className={buttonClasses("secondary", "self-center")}>
          {t("requests.loadMore")}
        </Link>
      ) : null}
    </section>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
