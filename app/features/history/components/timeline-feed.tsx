import { Link, useLocation, useSearchParams } from "@remix-run/react";
import { EyeOff, FolderKanban, History, LifeBuoy, Sparkles } from "lucide-react";
import { useTranslation } from "react-i18next";
import { ChannelIcon, Direction } from "~/features/history/components/entry-channel";
import { AudienceBadge } from "~/features/sharing";
import { useFormatting } from "~/components/local-time";
import { LoadMoreNav, useLoadMore } from "~/components/load-more";
import { cn } from "~/components/ui/cn";
import { EmptyState } from "~/components/ui/empty-state";
import { TimelineAttachments } from "./entry-attachments";
import { isFiltered } from "./timeline-filters";
import type {
  TimelineData,
  TimelineEntryView,
  TimelineLine,
  TimelineRequestView,
} from "~/features/history/types";

function groupByDay(entries: TimelineLine[], timeZone: string) {
  const key = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  });
  const groups: { day: string; entries: TimelineLine[] }[] = [];
  for (const entry of entries) {
    const day = key.format(new Date(entry.occurredAt));
    const last = groups.at(-1);
    if (last?.day === day) last.entries.push(entry);
    else groups.push({ day, entries: [entry] });
  }
  return groups;
}

/**
 * A timeline's entries, with request activity among them, grouped by day, newest first, with the
 * "new since your last visit" line and "load more". Shared by the project and the account
 * timeline.
 *
 * "Load more" is a link to the next keyset page (it works without JavaScript and can be shared);
 * with JavaScript it fetches that page and appends it instead.
 */
export function TimelineFeed(props: {
  data: TimelineData;
  /** The route's own URL for a fetch of the next page (index routes need `?index`). */
  fetchPath: (search: URLSearchParams) => string;
  emptyBody: string;
}) {
  const location = useLocation();
  // Every navigation (a filter, a page, the tab again) starts over with what the loader sent.
  return <Feed key={location.key} {...props} />;
}

function Feed({
  data,
  fetchPath,
  emptyBody,
}: {
  data: TimelineData;
  fetchPath: (search: URLSearchParams) => string;
  emptyBody: string;
}) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const { locale, timeZone } = useFormatting();
  const { items: entries, nav } = useLoadMore({
    data,
    list: "lines",
    cursorParam: "after",
    fetchPath,
    // The visit baseline rides along, so the next page keeps the "new" markers.
    keep: { seen: data.seen },
  });

  const dayHeading = new Intl.DateTimeFormat(locale, { dateStyle: "full", timeZone });
  const time = new Intl.DateTimeFormat(locale, { timeStyle: "short", timeZone });
  const visit = new Intl.DateTimeFormat(locale, {
    day: "numeric",
    month: "short",
    hour: "numeric",
    minute: "2-digit",
    timeZone,
  });

  return (
    <div className="flex flex-col gap-6">
      {data.newSince && data.newSince.count > 0 ? (
        <p
          className="flex items-center gap-2 rounded-xl border border-brand-200 bg-brand-50 px-4 py-3 text-sm font-medium text-brand-900"
          data-testid="new-since"
        >
          <Sparkles aria-hidden className="size-4 shrink-0 text-brand-700" />
          <span suppressHydrationWarning>
            {t(data.newSince.capped ? "history.newSinceMany" : "history.newSince", {
              count: data.newSince.count,
              date: visit.format(new Date(data.newSince.since)),
            })}
          </span>
        </p>
      ) : null}

      {entries.length === 0 ? (
        <EmptyState
          className="rounded-xl bg-white py-12"
          icon={History}
          title={t("history.empty.title")}
          body={isFiltered(params) ? t("history.empty.filtered") : emptyBody}
        />
      ) : (
        <div className="flex flex-col gap-6" data-testid="timeline">
          {groupByDay(entries, timeZone).map((group) => (
            <section key={group.day} aria-labelledby={`day-${group.day}`}>
              <h3
                id={`day-${group.day}`}
                className="mb-2 text-sm font-semibold text-slate-600"
                suppressHydrationWarning
              >
                {dayHeading.format(new Date(group.entries[0]!.occurredAt))}
              </h3>
              <ol className="divide-y divide-slate-100 overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm">
                {group.entries.map((entry) => (
                  <li key={entry.id}>
                    {entry.kind === "request" ? (
                      <RequestRow
                        line={entry}
                        time={time.format(new Date(entry.occurredAt))}
                        customerView={data.customerView}
                      />
                    ) : (
                      <EntryRow entry={entry} time={time.format(new Date(entry.occurredAt))} />
                    )}
                  </li>
                ))}
              </ol>
            </section>
          ))}
        </div>
      )}

      <LoadMoreNav
        state={nav}
        spinner
        labels={{
          pages: t("history.pages"),
          newest: t("history.newestEntries"),
          loadMore: t("history.loadMore"),
          loadingMore: t("history.loadingMore"),
          loadedMore: (count) => t("history.loadedMore", { count }),
        }}
      />
    </div>
  );
}

export function NewBadge() {
  const { t } = useTranslation();
  return (
    <span
      className="inline-flex shrink-0 items-center rounded-full bg-brand-600 px-2 py-0.5 text-xs font-semibold text-white"
      data-testid="new-badge"
    >
      {t("history.newBadge")}
    </span>
  );
}

/** The account timeline names each line's project above it. */
function ProjectName({ name, testId }: { name: string | null; testId: string }) {
  const { t } = useTranslation();
  if (!name) return null;
  return (
    <p className="mb-0.5 flex min-w-0 items-center gap-1 text-xs font-medium text-brand-700">
      <FolderKanban aria-hidden className="size-3.5 shrink-0" />
      <span className="sr-only">{t("history.projectLabel")}: </span>
      <span className="break-words" data-testid={testId}>
        {name}
      </span>
    </p>
  );
}

/** A request of the project was opened, changed its status or got a public reply. */
function RequestRow({
  line,
  time,
  customerView,
}: {
  line: TimelineRequestView;
  time: string;
  customerView: boolean;
}) {
  const { t } = useTranslation();
  const status = line.status
    ? line.status === "waiting_on_customer" && !customerView
      ? t("requests.hostStatuses.waiting_on_customer")
      : t(`requests.statuses.${line.status}`)
    : "";
  const actor = line.actorName ?? t("history.requestActivity.system");
  const text =
    line.activity === "opened"
      ? t("history.requestActivity.opened", { reference: line.reference, title: line.title })
      : line.activity === "status"
        ? t("history.requestActivity.status", { reference: line.reference, status })
        : t("history.requestActivity.reply", { reference: line.reference, name: actor });
  return (
    <Link
      to={`/requests/${line.requestId}`}
      className="flex gap-3 px-5 py-3 hover:bg-slate-50 focus-visible:bg-slate-50"
      data-testid="request-activity"
    >
      <span
        className="flex size-9 shrink-0 items-center justify-center rounded-full bg-slate-100 text-slate-600 ring-1 ring-slate-200"
        title={t("history.requestActivity.label")}
      >
        <LifeBuoy aria-hidden className="size-4" />
        <span className="sr-only">{t("history.requestActivity.label")}</span>
      </span>
      <div className="min-w-0 flex-1">
        <ProjectName name={line.projectName} testId="request-project" />
        <p className="font-medium break-words text-slate-800">{text}</p>
        <p className="mt-0.5 flex flex-wrap items-center gap-x-2 gap-y-0.5 text-sm text-slate-600">
          {line.activity === "opened" ? null : (
            <>
              <span className="min-w-0 break-words">{line.title}</span>
              <span aria-hidden className="hidden sm:inline">
                ·
              </span>
            </>
          )}
          {line.activity === "reply" ? null : (
            <>
              <span>{actor}</span>
              <span aria-hidden>·</span>
            </>
          )}
          <time dateTime={line.occurredAt} suppressHydrationWarning className="whitespace-nowrap">
            {time}
          </time>
        </p>
      </div>
    </Link>
  );
}

function EntryRow({ entry, time }: { entry: TimelineEntryView; time: string }) {
  const { t } = useTranslation();
  // On narrow screens the time wraps under the byline, so no line starts with "·".
  const meta = (
    <p className="mt-0.5 flex flex-wrap items-center gap-x-2 gap-y-0.5 text-sm text-slate-600">
      <span>
        {t("history.byline", {
          author: entry.authorName,
          organization: entry.authorOrganizationName,
        })}
      </span>
      <span className="inline-flex items-center gap-2 whitespace-nowrap">
        <span aria-hidden className="hidden sm:inline">
          ·
        </span>
        <time dateTime={entry.occurredAt} suppressHydrationWarning>
          {time}
        </time>
        <span aria-hidden>·</span>
        <Direction direction={entry.direction} />
      </span>
    </p>
  );
  // On the account timeline each entry names its project, above the subject.
  const project = <ProjectName name={entry.projectName} testId="entry-project" />;
  const rowClasses = cn("flex gap-3 px-5 py-4", entry.isNew && "bg-brand-50/60");
  if (entry.redacted) {
    return (
      <div className={rowClasses} data-testid="entry-tombstone">
        <span className="flex size-9 shrink-0 items-center justify-center rounded-full bg-slate-100 text-slate-500">
          <EyeOff aria-hidden className="size-4" />
        </span>
        <div className="min-w-0 flex-1">
          {project}
          <div className="flex flex-wrap items-center gap-2">
            {entry.isNew ? <NewBadge /> : null}
            <p className="font-medium text-slate-500 italic">{t("history.redacted")}</p>
          </div>
          {meta}
        </div>
      </div>
    );
  }
  const row = (
    <Link
      to={`/projects/${entry.projectId}/history/${entry.id}`}
      className={cn(rowClasses, "hover:bg-slate-50 focus-visible:bg-slate-50")}
      data-testid="entry-row"
    >
      <ChannelIcon channel={entry.channel} />
      <div className="min-w-0 flex-1">
        {project}
        <div className="flex flex-wrap items-start justify-between gap-x-3 gap-y-1">
          <p className="flex min-w-0 flex-wrap items-center gap-x-2 gap-y-1 font-semibold break-words text-slate-900">
            {entry.isNew ? <NewBadge /> : null}
            <span className="min-w-0 break-words">{entry.subject}</span>
          </p>
          {entry.audience ? <AudienceBadge audience={entry.audience} /> : null}
        </div>
        {meta}
        {entry.excerpt ? (
          <p className="mt-1.5 line-clamp-2 text-sm text-slate-700">{entry.excerpt}</p>
        ) : null}
      </div>
    </Link>
  );
  if (!entry.attachments?.length) return row;
  // The download links sit beside the row's link, never inside it (no link in a link).
  return (
    <div className={cn(entry.isNew && "bg-brand-50/60")}>
      {row}
      <div className="-mt-2 pr-5 pb-4 pl-17">
        <TimelineAttachments attachments={entry.attachments} />
      </div>
    </div>
  );
}
