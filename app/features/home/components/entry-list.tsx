import { Link } from "@remix-run/react";
import { EyeOff, FolderKanban } from "lucide-react";
import { useTranslation } from "react-i18next";
import { ChannelIcon } from "~/features/history";
import { LocalTime } from "~/components/local-time";
import { NewBadge } from "~/features/history";
import { cn } from "~/components/ui/cn";
import type { HomeEntryView } from "~/features/home/types";

/** The newest entries the reader may read, across their projects, each opening its entry. */
export function HomeEntryList({ entries }: { entries: HomeEntryView[] }) {
  return (
    <ol className="-mx-5 -my-4 divide-y divide-slate-100" data-testid="home-entries">
      {entries.map((entry) => (
        <li key={entry.id}>
          <EntryRow entry={entry} />
        </li>
      ))}
    </ol>
  );
}

function EntryRow({ entry }: { entry: HomeEntryView }) {
  const { t } = useTranslation();
  return (
    <Link
      to={`/projects/${entry.projectId}/history/${entry.id}`}
      className={cn(
        "flex gap-3 px-5 py-3.5 hover:bg-slate-50 focus-visible:bg-slate-50",
        entry.isNew && "bg-brand-50/60",
      )}
      data-testid={entry.redacted ? "home-entry-tombstone" : "home-entry"}
    >
      {entry.redacted ? (
        <span className="flex size-9 shrink-0 items-center justify-center rounded-full bg-slate-100 text-slate-500">
          <EyeOff aria-hidden className="size-4" />
        </span>
      ) : (
        <ChannelIcon channel={entry.channel} />
      )}
      {/* From sm up the time sits beside the subject; on a phone it comes last. */}
      <div className="grid min-w-0 flex-1 gap-x-3 sm:grid-cols-[minmax(0,1fr)_auto]">
        <p className="flex min-w-0 flex-wrap items-center gap-x-2 gap-y-1 sm:col-start-1">
          {entry.isNew ? <NewBadge /> : null}
          {entry.redacted ? (
            <span className="font-medium text-slate-500 italic">{t("history.redacted")}</span>
          ) : (
            <span className="min-w-0 font-semibold break-words text-slate-900">
              {entry.subject}
            </span>
          )}
        </p>
        <p className="mt-0.5 flex min-w-0 items-center gap-1 text-sm font-medium text-brand-700 sm:col-start-1">
          <FolderKanban aria-hidden className="size-3.5 shrink-0" />
          <span className="sr-only">{t("history.projectLabel")}: </span>
          <span className="truncate" data-testid="home-entry-project">
            {entry.projectName}
          </span>
        </p>
        <p className="mt-0.5 text-sm text-slate-600 sm:col-start-1">
          {t("history.byline", {
            author: entry.authorName,
            organization: entry.authorOrganizationName,
          })}
        </p>
        <p className="mt-0.5 text-sm text-slate-600 sm:col-start-2 sm:row-start-1 sm:mt-0 sm:text-right sm:text-slate-500">
          <LocalTime iso={entry.occurredAt} />
        </p>
      </div>
    </Link>
  );
}
