import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { Plus } from "lucide-react";
import { useTranslation } from "react-i18next";
import { requestPriorities, requestTypes } from "#db/schema/values";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { FilterCombobox } from "~/components/filter-combobox";
import { FilterButtons, FilterPanel, FilterSelect } from "~/components/filter-form";
import { pageTitle } from "~/components/page-title";
import { buttonClasses } from "~/components/ui/button";
import { RequestList, RequestStatusFilter } from "~/features/requests";
import { listRequests } from "~/features/requests/request.server";
import {
  chosenFilterOptions,
  queueOwnerChoices,
} from "~/features/requests/request-filter-options.server";
import {
  decodeRequestCursor,
  encodeRequestCursor,
  requestFiltersFrom,
  requestListItem,
  requestPerspective,
} from "~/features/requests/request-views.server";
import { requireAbility } from "~/kernel/permissions.server";

export const meta: MetaFunction = pageTitle("requests.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { ability } = await requireAbility(request, context);
  const url = new URL(request.url);
  const filters = requestFiltersFrom(url);
  const now = new Date();
  const perspective = requestPerspective(ability);
  const host = perspective === "host";
  const [page, chosen, owners] = await Promise.all([
    listRequests(ability, filters, decodeRequestCursor(url.searchParams.get("cursor")), { now }),
    host ? chosenFilterOptions(ability, filters) : null,
    host ? queueOwnerChoices(ability) : null,
  ]);
  return {
    now: now.toISOString(),
    perspective,
    mayOpen: ability.can("create", "Request"),
    requests: page.requests.map(requestListItem),
    nextCursor: page.next ? encodeRequestCursor(page.next) : null,
    choices: chosen && owners ? { ...chosen, owners } : null,
  };
}

export default function RequestsPage() {
  const { now, perspective, mayOpen, requests, nextCursor, choices } =
    useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const filtered = [...params.keys()].some((key) => key !== "cursor" && params.get(key));
  const next = new URLSearchParams(params);
  if (nextCursor) next.set("cursor", nextCursor);
  const intro = {
    host: t("requests.queueIntro"),
    customer: t("requests.customerIntro"),
    partner: t("requests.partnerIntro"),
  }[perspective];
  const emptyBody = filtered ? t("requests.empty.filtered") : t(`requests.empty.${perspective}`);
  return (
    <div className="flex flex-col gap-6">
      <header className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900 sm:text-3xl">
            {perspective === "host" ? t("requests.queueTitle") : t("requests.title")}
          </h1>
          <p className="mt-1 text-slate-600">{intro}</p>
        </div>
        {mayOpen ? (
          <Link to="/requests/new" className={buttonClasses("primary")}>
            <Plus className="size-4" aria-hidden="true" />
            {t("requests.open")}
          </Link>
        ) : null}
      </header>
      <FilterPanel
        label={t("requests.filters.label")}
        active={[...params.keys()].filter((key) => key !== "cursor" && params.get(key)).length}
        className="grid grid-cols-1 gap-3 border-t border-slate-200 p-4 sm:grid-cols-2 sm:border-t-0 lg:grid-cols-4 lg:items-end"
      >
        <RequestStatusFilter customerView={perspective === "customer"} />
        <FilterSelect
          label={t("requests.filters.type")}
          name="type"
          all={t("requests.filters.allTypes")}
          options={requestTypes.map((type) => ({
            value: type,
            label: t(`requests.types.${type}`),
          }))}
        />
        <FilterSelect
          label={t("requests.filters.priority")}
          name="priority"
          all={t("requests.filters.allPriorities")}
          options={requestPriorities.map((priority) => ({
            value: priority,
            label: t(`requests.priorities.${priority}`),
          }))}
        />
        {choices ? (
          <>
            <FilterSelect
              label={t("requests.filters.sla")}
              name="sla"
              all={t("requests.filters.anySla")}
              options={[
                { value: "at_risk", label: t("requests.filters.atRisk") },
                { value: "breached", label: t("requests.filters.breached") },
              ]}
            />
            <FilterCombobox
              label={t("requests.filters.project")}
              name="project"
              all={t("requests.filters.allProjects")}
              source="/requests/filter-options?filter=project"
              selected={choices.project}
            />
            <FilterCombobox
              label={t("requests.filters.account")}
              name="account"
              all={t("requests.filters.allAccounts")}
              source="/requests/filter-options?filter=account"
              selected={choices.account}
            />
            <FilterSelect
              label={t("requests.filters.owner")}
              name="owner"
              all={t("requests.filters.anyone")}
              options={choices.owners.map((row) => ({ value: row.id, label: row.name }))}
            />
            <FilterCombobox
              label={t("requests.filters.assigned")}
              name="assigned"
              all={t("requests.filters.anyOrganization")}
              source="/requests/filter-options?filter=assigned"
              selected={choices.assigned}
            />
          </>
        ) : null}
        <FilterButtons
          className="flex items-end gap-2 lg:col-span-2"
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
        emptyBody={emptyBody}
      />
      {nextCursor ? (
        <Link to={`?${next.toString()}`} className={buttonClasses("secondary", "self-center")}>
          {t("requests.loadMore")}
        </Link>
      ) : null}
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
