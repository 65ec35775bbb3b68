import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { EmlImportZone } from "~/features/history/components/eml-import";
import { LogEntryActions } from "~/features/history/components/log-entry-actions";
import { TimelineFeed } from "~/features/history/components/timeline-feed";
import { TimelineFilters } from "~/features/history/components/timeline-filters";
import { translatorOf } from "~/kernel/locale.server";
import { redactionLabels } from "~/features/accounts/contact-redaction.server";
import { mayLogEntries } from "~/features/history/entry-subject.server";
import { findProject } from "~/features/projects/project.server";
import { loadTimeline } from "~/features/history/timeline.server";
import { notFound, requireAbility } from "~/kernel/permissions.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const current = await requireAbility(request, context);
  const found = await findProject(current.ability, params.projectId ?? "");
  if (!found) notFound();
  const projectId = found.project.id;
  const labels = redactionLabels(await translatorOf(request, context));
  const [timeline, canLog] = await Promise.all([
    loadTimeline(current, { kind: "project", id: projectId }, new URL(request.url), labels),
    mayLogEntries(current.ability, projectId),
  ]);
  return { projectId, canLog, ...timeline };
}

// An index route answers a fetch only when asked with `?index` (else its parent layout would).
const fetchPath = (search: URLSearchParams) => `?index&${search}`;

export default function ProjectHistory() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-col gap-4">
        <div>
          <h2 className="text-lg font-semibold text-slate-900">{t("history.title")}</h2>
          <p className="mt-1 text-sm text-slate-600">{t("history.intro")}</p>
        </div>
        {data.canLog ? <LogEntryActions projectId={data.projectId} /> : null}
        {data.canLog ? <EmlImportZone projectId={data.projectId} collapsed /> : null}
      </div>
      <TimelineFilters data={data} />
      <TimelineFeed data={data} fetchPath={fetchPath} emptyBody={t("history.empty.body")} />
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
