import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { StatusBadge } from "~/features/projects/components/project-status";
import { cn } from "~/components/ui/cn";
import { mayOpenDocuments } from "~/features/documents/document-subject.server";
import { projectForPolicy } from "~/features/sharing/audience.server";
import { findProject, membershipSubject } from "~/features/projects/project.server";
import { mayOpenHistory } from "~/features/history/entry-subject.server";
import { mayOpenRequestsTab } from "~/features/requests/index.server";
import { recordAudit } from "~/kernel/audit/audit.server";
import { notFound, requireAbility } from "~/kernel/permissions.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.project.name} · Ambit` : "Ambit" },
];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const current = await requireAbility(request, context);
  const found = await findProject(current.ability, params.projectId ?? "");
  if (!found) notFound();
  const { project } = found;
  await recordAudit(current.auditActor, {
    action: "project.viewed",
    subjectType: "Project",
    subjectId: project.id,
    projectId: project.id,
    details: { path: new URL(request.url).pathname },
  });
  // The tabs ask the policy whether the reader may open the section at all (the lists' SQL
  // filters still decide each item).
  const policyProject = await projectForPolicy(project.id, { scope: current.ability });
  return {
    showHistory: Boolean(policyProject && mayOpenHistory(current.ability, policyProject)),
    showDocuments: Boolean(policyProject && mayOpenDocuments(current.ability, policyProject)),
    showRequests: Boolean(
      policyProject && (await mayOpenRequestsTab(current.ability, policyProject)),
    ),
    project: {
      id: project.id,
      name: project.name,
      status: project.status,
      accountId: project.accountId,
      accountName: found.accountName,
    },
    canManageMembers: current.ability.can("manage", membershipSubject(project)),
  };
}

export default function ProjectLayout() {
  const { project, showHistory, showDocuments, showRequests } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const tabs = [
    { to: ".", label: t("projects.tabs.overview"), end: true },
    ...(showHistory ? [{ to: "history", label: t("history.tab"), end: false }] : []),
    ...(showDocuments ? [{ to: "documents", label: t("documents.tab"), end: false }] : []),
    ...(showRequests ? [{ to: "requests", label: t("requests.tab"), end: false }] : []),
    { to: "members", label: t("projects.tabs.members"), end: false },
  ];
  return (
    <div className="flex flex-col gap-6">
      <header>
        <p className="text-sm font-medium text-brand-700">{project.accountName}</p>
        <div className="mt-1 flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900 sm:text-3xl">
            {project.name}
          </h1>
          <StatusBadge status={project.status} />
        </div>
        {/* German tab names are long: on a phone the row scrolls instead of widening the page. */}
        <nav
          aria-label={project.name}
          className="mt-5 flex gap-1 overflow-x-auto shadow-[inset_0_-1px_0_#e2e8f0] [scrollbar-width:none]"
        >
          {tabs.map((tab) => (
            <NavLink
              key={tab.label}
              to={tab.to}
              end={tab.end}
              className={({ isActive }) =>
                cn(
                  "shrink-0 border-b-2 px-2.5 py-2 text-sm font-medium whitespace-nowrap sm:px-3",
                  isActive
                    ? "border-brand-600 text-brand-800"
                    : "border-transparent text-slate-600 hover:text-slate-900",
                )
              }
            >
              {tab.label}
            </NavLink>
          ))}
        </nav>
      </header>
      <Outlet />
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
