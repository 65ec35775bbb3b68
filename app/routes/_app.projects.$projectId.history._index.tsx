import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { EyeOff, History } from "lucide-react";
import { useTranslation } from "react-i18next";
import { entryChannels, type EntryChannel } from "#db/schema/values";
import { AudienceBadge, ChannelIcon, Direction, useTimeZone } from "~/components/entry-channel";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { buttonClasses } from "~/components/ui/button";
import { EmptyState } from "~/components/ui/empty-state";
import {
  audienceOrganizationNames,
  dayStart,
  entryFilterOptions,
  listProjectEntries,
  type EntryFilters,
} from "~/models/entry.server";
import { findProject } from "~/models/project.server";
import { isUuid } from "~/utils/query-input";
import { notFound, requireAbility } from "~/utils/permissions.server";

const EXCERPT_LENGTH = 220;

function decodeCursor(value: string | null) {
  if (!value) return undefined;
  try {
    const [occurredAt, id] = JSON.parse(Buffer.from(value, "base64url").toString("utf8")) as [
      string,
      string,
    ];
    const date = new Date(occurredAt);
    return typeof occurredAt === "string" && !Number.isNaN(date.getTime()) && isUuid(id)
      ? { occurredAt: date, id }
      : undefined;
  } catch {
    return undefined;
  }
}

function excerpt(text: string) {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > EXCERPT_LENGTH ? `${flat.slice(0, EXCERPT_LENGTH - 1).trimEnd()}…` : flat;
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { ability, organization } = await requireAbility(request, context);
  const found = await findProject(ability, params.projectId ?? "");
  if (!found) notFound();
  const projectId = found.project.id;
  const url = new URL(request.url);
  const get = (name: string) => (url.searchParams.get(name) ?? "").trim();
  const channel = get("channel");
  const filters: EntryFilters = {
    channel: entryChannels.includes(channel as EntryChannel)
      ? (channel as EntryChannel)
      : undefined,
    organizationId: isUuid(get("party")) ? get("party") : undefined,
    authorId: isUuid(get("author")) ? get("author") : undefined,
    from: dayStart(get("from")) ? get("from") : undefined,
    to: dayStart(get("to")) ? get("to") : undefined,
  };
  const host = organization.kind === "host";
  const [{ entries, next }, options] = await Promise.all([
    listProjectEntries(ability, projectId, filters, decodeCursor(url.searchParams.get("after"))),
    entryFilterOptions(ability, projectId),
  ]);
  const audienceNames = host
    ? await audienceOrganizationNames(
        entries.filter((entry) => entry.audience === "custom").map((entry) => entry.id),
      )
    : new Map<string, string[]>();
  return {
    projectId,
    host,
    entries: entries.map((entry) => {
      const redacted = entry.redactedAt !== null;
      return {
        id: entry.id,
        channel: entry.channel,
        direction: entry.direction,
        occurredAt: entry.occurredAt.toISOString(),
        // A redacted entry keeps its place in the timeline, but none of its content.
        subject: redacted ? null : entry.subject,
        excerpt: redacted ? null : excerpt(entry.bodyText),
        authorName: entry.authorName,
        authorOrganizationName: entry.authorOrganizationName,
        redacted,
        // Externals learn nothing about who else an entry is shared with.
        audience: host
          ? { kind: entry.audience, names: audienceNames.get(entry.id) ?? [] }
          : undefined,
      };
    }),
    nextCursor: next
      ? Buffer.from(JSON.stringify([next.occurredAt.toISOString(), next.id])).toString("base64url")
      : null,
    authors: options.authors,
    parties: options.parties,
  };
}

type TimelineEntry = ReturnType<typeof useLoaderData<typeof loader>>["entries"][number];

function groupByDay(entries: TimelineEntry[], timeZone: string) {
  const key = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  });
  const groups: { day: string; entries: TimelineEntry[] }[] = [];
  for (const entry of entries) {
    const day = key.format(new Date(entry.occurredAt));
    const last = groups.at(-1);
    if (last?.day === day) last.entries.push(entry);
    else groups.push({ day, entries: [entry] });
  }
  return groups;
}

const fieldClasses =
  "min-h-11 rounded-lg border border-slate-300 bg-white px-3 text-base font-normal sm:text-sm";
const labelClasses = "flex min-w-0 flex-col gap-1.5 text-sm font-medium text-slate-800";

export default function ProjectHistory() {
  const data = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const { t, i18n } = useTranslation();
  const timeZone = useTimeZone();
  const filtered = ["channel", "party", "author", "from", "to"].some((name) => params.get(name));
  const paged = Boolean(params.get("after"));
  const olderParams = new URLSearchParams(params);
  if (data.nextCursor) olderParams.set("after", data.nextCursor);
  const newestParams = new URLSearchParams(params);
  newestParams.delete("after");
  const dayHeading = new Intl.DateTimeFormat(i18n.language, { dateStyle: "full", timeZone });
  const time = new Intl.DateTimeFormat(i18n.language, { timeStyle: "short", timeZone });

  return (
    <div className="flex flex-col gap-6">
      <div>
        <h2 className="text-lg font-semibold text-slate-900">{t("history.title")}</h2>
        <p className="mt-1 text-sm text-slate-600">{t("history.intro")}</p>
      </div>

      <Form
        method="get"
        aria-label={t("history.filters.label")}
        className="grid gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-2 lg:grid-cols-[repeat(5,minmax(0,1fr))_auto] lg:items-end"
      >
        <label className={labelClasses}>
          {t("history.filters.channel")}
          <select
            name="channel"
            defaultValue={params.get("channel") ?? ""}
            className={fieldClasses}
          >
            <option value="">{t("history.filters.allChannels")}</option>
            {entryChannels.map((channel) => (
              <option key={channel} value={channel}>
                {t(`history.channels.${channel}`)}
              </option>
            ))}
          </select>
        </label>
        <label className={labelClasses}>
          {t("history.filters.party")}
          <select name="party" defaultValue={params.get("party") ?? ""} className={fieldClasses}>
            <option value="">{t("history.filters.allParties")}</option>
            {data.parties.map((party) => (
              <option key={party.id} value={party.id}>
                {party.name}
              </option>
            ))}
          </select>
        </label>
        <label className={labelClasses}>
          {t("history.filters.author")}
          <select name="author" defaultValue={params.get("author") ?? ""} className={fieldClasses}>
            <option value="">{t("history.filters.allAuthors")}</option>
            {data.authors.map((author) => (
              <option key={author.id} value={author.id}>
                {author.name}
              </option>
            ))}
          </select>
        </label>
        <label className={labelClasses}>
          {t("history.filters.from")}
          <input
            type="date"
            name="from"
            defaultValue={params.get("from") ?? ""}
            className={fieldClasses}
          />
        </label>
        <label className={labelClasses}>
          {t("history.filters.to")}
          <input
            type="date"
            name="to"
            defaultValue={params.get("to") ?? ""}
            className={fieldClasses}
          />
        </label>
        <div className="flex gap-2 sm:col-span-2 lg:col-span-1">
          <button type="submit" className={buttonClasses("secondary")}>
            {t("history.filters.apply")}
          </button>
          {filtered ? (
            <Link to="." className={buttonClasses("ghost")}>
              {t("history.filters.clear")}
            </Link>
          ) : null}
        </div>
      </Form>

      {data.entries.length === 0 ? (
        <EmptyState
          className="rounded-xl bg-white py-12"
          icon={History}
          title={t("history.empty.title")}
          body={filtered ? t("history.empty.filtered") : t("history.empty.body")}
        />
      ) : (
        <div className="flex flex-col gap-6" data-testid="timeline">
          {groupByDay(data.entries, timeZone).map((group) => (
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
                    <EntryRow entry={entry} time={time.format(new Date(entry.occurredAt))} />
                  </li>
                ))}
              </ol>
            </section>
          ))}
        </div>
      )}

      {data.nextCursor || paged ? (
        <nav className="flex justify-between gap-3" aria-label={t("history.title")}>
          {paged ? (
            <Link to={`?${newestParams}`} className={buttonClasses("ghost")}>
              {t("history.newestEntries")}
            </Link>
          ) : (
            <span />
          )}
          {data.nextCursor ? (
            <Link to={`?${olderParams}`} className={buttonClasses("secondary")}>
              {t("history.olderEntries")}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}

function EntryRow({ entry, time }: { entry: TimelineEntry; time: string }) {
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
  if (entry.redacted) {
    return (
      <div className="flex gap-3 px-5 py-4" data-testid="entry-tombstone">
        <span className="flex size-9 shrink-0 items-center justify-center rounded-full bg-slate-100 text-slate-500">
          <EyeOff aria-hidden className="size-4" />
        </span>
        <div className="min-w-0 flex-1">
          <p className="font-medium text-slate-500 italic">{t("history.redacted")}</p>
          {meta}
        </div>
      </div>
    );
  }
  return (
    <Link
      to={entry.id}
      className="flex gap-3 px-5 py-4 hover:bg-slate-50 focus-visible:bg-slate-50"
      data-testid="entry-row"
    >
      <ChannelIcon channel={entry.channel} />
      <div className="min-w-0 flex-1">
        <div className="flex flex-wrap items-start justify-between gap-x-3 gap-y-1">
          <p className="min-w-0 font-semibold break-words text-slate-900">{entry.subject}</p>
          {entry.audience ? <AudienceBadge audience={entry.audience} /> : null}
        </div>
        {meta}
        {entry.excerpt ? (
          <p className="mt-1.5 line-clamp-2 text-sm text-slate-700">{entry.excerpt}</p>
        ) : null}
      </div>
    </Link>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
