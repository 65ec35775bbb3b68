import { Link } from "@remix-run/react";
import { EyeOff, FolderKanban } from "lucide-react";
import { useTranslation } from "react-i18next";
import { channelIcons } from "~/features/history";
import { LocalTime, useFormatting } from "~/components/local-time";
import type { HomeProjectView } from "~/features/home/types";

/** The reader's most recently active projects, each with its latest activity and what is new. */
export function HomeProjectList({ projects }: { projects: HomeProjectView[] }) {
  return (
    <ul className="-mx-5 -my-4 divide-y divide-slate-100" data-testid="home-projects">
      {projects.map((project) => (
        <li key={project.id}>
          <ProjectRow project={project} />
        </li>
      ))}
    </ul>
  );
}

function ProjectRow({ project }: { project: HomeProjectView }) {
  // With activity, the row opens the timeline, where the new entries are marked.
  const to = project.latest ? `/projects/${project.id}/history` : `/projects/${project.id}`;
  return (
    <Link
      to={to}
      className="flex gap-3 px-5 py-3.5 hover:bg-slate-50 focus-visible:bg-slate-50"
      data-testid="home-project"
    >
      <span className="mt-0.5 flex size-8 shrink-0 items-center justify-center rounded-lg bg-slate-100 text-slate-600">
        <FolderKanban aria-hidden className="size-4" />
      </span>
      <div className="min-w-0 flex-1">
        <div className="flex items-start justify-between gap-3">
          <p className="min-w-0 font-semibold break-words text-slate-900">{project.name}</p>
          <NewCount project={project} />
        </div>
        <p className="truncate text-sm text-slate-600">{project.accountName}</p>
        <Latest project={project} />
      </div>
    </Link>
  );
}

function NewCount({ project }: { project: HomeProjectView }) {
  const { t } = useTranslation();
  const { locale, timeZone } = useFormatting();
  if (!project.lastVisit || project.newCount === 0) return null;
  const date = new Intl.DateTimeFormat(locale, {
    day: "numeric",
    month: "short",
    hour: "numeric",
    minute: "2-digit",
    timeZone,
  }).format(new Date(project.lastVisit));
  const count = project.newCount;
  return (
    <span
      className="inline-flex shrink-0 items-center rounded-full bg-brand-600 px-2 py-0.5 text-xs font-semibold whitespace-nowrap text-white"
      title={t(project.newCapped ? "home.newSinceTitleMany" : "home.newSinceTitle", {
        count,
        date,
      })}
      data-testid="home-project-new"
      suppressHydrationWarning
    >
      {t(project.newCapped ? "home.newCountMany" : "home.newCount", { count })}
    </span>
  );
}

function Latest({ project }: { project: HomeProjectView }) {
  const { t } = useTranslation();
  const latest = project.latest;
  if (!latest) {
    return (
      <p className="mt-1 text-sm text-slate-500 italic" data-testid="home-project-quiet">
        {t("home.noActivity")}
      </p>
    );
  }
  const Icon = latest.redacted ? EyeOff : (channelIcons[latest.channel] ?? FolderKanban);
  // The subject gets the row's width (cut short if need be), the time a line of its own.
  return (
    <div className="mt-1 text-sm text-slate-600">
      <p className="flex min-w-0 items-center gap-1.5">
        <Icon aria-hidden className="size-3.5 shrink-0 text-slate-500" />
        <span className="sr-only">
          {t("home.latestLabel")}
          {": "}
          {latest.redacted ? null : t(`history.channels.${latest.channel}`)}
        </span>
        <span className="min-w-0 truncate" data-testid="home-project-latest">
          {latest.redacted ? (
            <span className="italic">{t("home.latestRedacted")}</span>
          ) : (
            latest.subject
          )}
        </span>
      </p>
      <p className="mt-0.5 pl-5 text-xs text-slate-500">
        <LocalTime iso={latest.occurredAt} />
      </p>
    </div>
  );
}
