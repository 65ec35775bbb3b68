import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Send } from "lucide-react";
import { useTranslation } from "react-i18next";
import { buttonClasses } from "~/components/ui/button";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { EmlImportZone } from "~/features/history/components/eml-import";
import { LogEntryActions } from "~/features/history/components/log-entry-actions";
import { TimelineFeed } from "~/features/history/components/timeline-feed";
import { TimelineFilters } from "~/features/history/components/timeline-filters";
import { translatorOf } from "~/kernel/locale.server";
import { redactionLabels } from "~/features/accounts/contact-redaction.server";
import { mayLogEntries } from "~/features/history/entry-subject.server";
import { maySendFrom } from "~/features/mail-out/index.server";
import { projectForPolicy } from "~/features/sharing/index.server";
import { findProject } from "~/features/projects/project.server";
import { loadTimeline } from "~/features/history/timeline.server";
import { notFound, requireAbility } from "~/kernel/permissions.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const current = await requireAbility(request, context);
  const found = await findProject(current.ability, params.projectId ?? "");
  if (!found) notFound();
  const projectId = found.project.id;
  const labels = redactionLabels(await translatorOf(request, context));
  const [timeline, project] = await Promise.all([
    loadTimeline(current, { kind: "project", id: projectId }, new URL(request.url), labels),
    projectForPolicy(projectId, { scope: current.ability }),
  ]);
  const canLog = Boolean(project && mayLogEntries(current.ability, project));
  const canSend = Boolean(project && maySendFrom(current.ability, project));
  return { projectId, canLog, canSend, ...timeline };
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
        {data.canLog || data.canSend ? (
          <div className="flex flex-wrap items-center gap-1.5 sm:gap-2">
            {data.canLog ? <LogEntryActions projectId={data.projectId} /> : null}
            {data.canSend ? (
              <Link
                to={`/projects/${data.projectId}/history/email`}
                className={buttonClasses("secondary")}
                data-testid="write-email"
              >
                <Send aria-hidden className="size-4 shrink-0" />
                {t("mailOut.write")}
              </Link>
            ) : null}
          </div>
        ) : null}
        {data.canLog ? <EmlImportZone projectId={data.projectId} collapsed /> : null}
      </div>
      <TimelineFilters data={data} />
      <TimelineFeed data={data} fetchPath={fetchPath} emptyBody={t("history.empty.body")} />
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
