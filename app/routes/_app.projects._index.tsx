import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { FolderKanban, Plus, Search } from "lucide-react";
import { useTranslation } from "react-i18next";
import { projectStatuses, type ProjectStatus } from "#db/schema/values";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { StatusBadge } from "~/features/projects/components/project-status";
import { buttonClasses } from "~/components/ui/button";
import { EmptyState } from "~/components/ui/empty-state";
import {
  accountsWithVisibleProjects,
  listProjects,
  seesEveryProject,
} from "~/features/projects/project.server";
import { isUuid } from "~/kernel/query-input";
import { decodePageCursor, encodePageCursor } from "~/kernel/page-cursor.server";
import { requireAbility } from "~/kernel/permissions.server";
import { pageTitle } from "~/components/page-title";
import { Pager } from "~/components/ui/pager";

export const meta = pageTitle("projects.title");

function projectCursor(value: string | null) {
  const cursor = decodePageCursor(value);
  return cursor && { name: cursor.key, id: cursor.id };
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { ability } = await requireAbility(request, context);
  const url = new URL(request.url);
  const accountId = url.searchParams.get("account") ?? "";
  const status = url.searchParams.get("status") ?? "";
  const q = (url.searchParams.get("q") ?? "").trim().slice(0, 100);
  const { projects, next } = await listProjects(ability, {
    accountId: isUuid(accountId) ? accountId : undefined,
    status: projectStatuses.includes(status as ProjectStatus)
      ? (status as ProjectStatus)
      : undefined,
    q: q || undefined,
    after: projectCursor(url.searchParams.get("after")),
  });
  return {
    projects: projects.map((project) => ({
      ...project,
      updatedAt: project.updatedAt.toISOString(),
    })),
    nextCursor: next ? encodePageCursor(next.name, next.id) : null,
    accounts: await accountsWithVisibleProjects(ability),
    host: seesEveryProject(ability),
    canCreate: ability.can("create", "Project"),
  };
}

export default function ProjectsPage() {
  const data = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  const filtered = Boolean(params.get("q") || params.get("account") || params.get("status"));
  const paged = Boolean(params.get("after"));
  const nextParams = new URLSearchParams(params);
  if (data.nextCursor) nextParams.set("after", data.nextCursor);
  const firstParams = new URLSearchParams(params);
  firstParams.delete("after");

  return (
    <div className="flex flex-col gap-6">
      <header className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">
            {t("projects.title")}
          </h1>
          <p className="mt-1 text-slate-600">
            {t(data.host ? "projects.intro.host" : "projects.intro.external")}
          </p>
        </div>
        {data.canCreate ? (
          <Link to="/projects/new" className={buttonClasses("primary")}>
            <Plus aria-hidden className="size-4" />
            {t("projects.newProject")}
          </Link>
        ) : null}
      </header>

      <Form
        method="get"
        className="grid gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-[minmax(0,2fr)_minmax(0,1fr)_minmax(0,1fr)_auto] sm:items-end"
      >
        <label className="flex flex-col gap-1.5 text-sm font-medium text-slate-800">
          {t("projects.searchLabel")}
          <span className="relative">
            <Search
              aria-hidden
              className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-slate-400"
            />
            <input
              type="search"
              name="q"
              defaultValue={params.get("q") ?? ""}
              placeholder={t("projects.searchPlaceholder")}
              className="min-h-11 w-full rounded-lg border border-slate-300 bg-white pr-3 pl-9 text-base font-normal sm:text-sm"
            />
          </span>
        </label>
        <label className="flex flex-col gap-1.5 text-sm font-medium text-slate-800">
          {t("projects.accountFilter")}
          <select
            name="account"
            defaultValue={params.get("account") ?? ""}
            className="min-h-11 rounded-lg border border-slate-300 bg-white px-3 text-base font-normal sm:text-sm"
          >
            <option value="">{t("projects.allAccounts")}</option>
            {data.accounts.map((account) => (
              <option key={account.id} value={account.id}>
                {account.name}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1.5 text-sm font-medium text-slate-800">
          {t("projects.statusFilter")}
          <select
            name="status"
            defaultValue={params.get("status") ?? ""}
            className="min-h-11 rounded-lg border border-slate-300 bg-white px-3 text-base font-normal sm:text-sm"
          >
            <option value="">{t("projects.allStatuses")}</option>
            {projectStatuses.map((status) => (
              <option key={status} value={status}>
                {t(`projects.status.${status}`)}
              </option>
            ))}
          </select>
        </label>
        <div className="flex gap-2">
          <button type="submit" className={buttonClasses("secondary")}>
            {t("projects.apply")}
          </button>
          {filtered ? (
            <Link to="/projects" className={buttonClasses("ghost")}>
              {t("projects.clear")}
            </Link>
          ) : null}
        </div>
      </Form>

      {data.projects.length === 0 ? (
        <EmptyState
          className="rounded-xl bg-white py-12"
          icon={FolderKanban}
          title={t("projects.empty.title")}
          body={
            filtered
              ? t("projects.empty.filtered")
              : t(data.host ? "projects.empty.host" : "projects.empty.external")
          }
        />
      ) : (
        <ul
          className="divide-y divide-slate-100 overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm"
          data-testid="project-list"
        >
          {data.projects.map((project) => (
            <li key={project.id}>
              <Link
                to={`/projects/${project.id}`}
                className="flex flex-col gap-1 px-5 py-4 hover:bg-slate-50 sm:flex-row sm:items-center sm:gap-4"
              >
                <div className="min-w-0 flex-1">
                  <p className="truncate font-semibold text-slate-900">{project.name}</p>
                  <p className="truncate text-sm text-slate-600">
                    {project.accountName} · {t("projects.ownedBy", { name: project.ownerName })}
                  </p>
                </div>
                <div>
                  <StatusBadge status={project.status} />
                </div>
              </Link>
            </li>
          ))}
        </ul>
      )}

      <Pager
        label={t("projects.title")}
        firstHref={paged ? `?${firstParams}` : null}
        nextHref={data.nextCursor ? `?${nextParams}` : null}
        firstLabel={t("projects.firstPage")}
        nextLabel={t("projects.nextPage")}
      />
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
