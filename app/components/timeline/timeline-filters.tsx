import { Form, Link, useSearchParams } from "@remix-run/react";
import { ChevronDown, SlidersHorizontal } from "lucide-react";
import { useTranslation } from "react-i18next";
import { entryChannels } from "#db/schema/values";
import { cn } from "~/components/ui/cn";
import { buttonClasses } from "~/components/ui/button";
import { useBrowserTimeZone } from "~/components/use-time-zone";
import type { TimelineData } from "./types";

/** The URL parameters that narrow a timeline (the cursor and the visit baseline do not). */
export const TIMELINE_FILTERS = ["channel", "party", "author", "from", "to", "project"] as const;

export function isFiltered(params: URLSearchParams) {
  return TIMELINE_FILTERS.some((name) => params.get(name));
}

const fieldClasses =
  "min-h-11 w-full min-w-0 rounded-lg border border-slate-300 bg-white px-3 text-base font-normal sm:text-sm";
const labelClasses = "flex min-w-0 flex-col gap-1.5 text-sm font-medium text-slate-800";

function Select({
  label,
  name,
  all,
  options,
}: {
  label: string;
  name: string;
  all: string;
  options: { value: string; label: string }[];
}) {
  const [params] = useSearchParams();
  return (
    <label className={labelClasses}>
      {label}
      <select name={name} defaultValue={params.get(name) ?? ""} className={fieldClasses}>
        <option value="">{all}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * The filters of a timeline as a GET form, so every filter lives in the URL. The account timeline
 * adds its projects. The visit baseline rides along, so filtering keeps the "new" markers.
 */
export function TimelineFilters({
  data,
}: {
  data: Pick<TimelineData, "authors" | "parties" | "projects" | "seen">;
}) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const timeZone = useBrowserTimeZone();
  const toOptions = (items: { id: string; name: string }[]) =>
    items.map((item) => ({ value: item.id, label: item.name }));
  const clear = data.seen ? `?${new URLSearchParams({ seen: data.seen })}` : ".";
  const active = TIMELINE_FILTERS.filter((name) => params.get(name)).length;
  // On a phone the filters fold away behind one line (unless some are set), so the timeline is
  // on the first screen; from `sm` on they are always shown and the fold line is hidden.
  return (
    <details
      open={active > 0 || undefined}
      className="group rounded-xl border border-slate-200 bg-white shadow-sm sm:[&::details-content]:[content-visibility:visible]"
    >
      <summary className="flex min-h-11 cursor-pointer list-none items-center gap-2 px-4 text-sm font-semibold text-slate-800 sm:hidden [&::-webkit-details-marker]:hidden">
        <SlidersHorizontal aria-hidden className="size-4 text-slate-500" />
        {t("history.filters.label")}
        {active > 0 ? (
          <span className="rounded-full bg-brand-600 px-2 py-0.5 text-xs text-white">{active}</span>
        ) : null}
        <ChevronDown
          aria-hidden
          className="ml-auto size-4 text-slate-500 transition-transform group-open:rotate-180"
        />
      </summary>
      <Form
        method="get"
        aria-label={t("history.filters.label")}
        className={cn(
          "grid gap-3 border-t border-slate-200 p-4 sm:grid-cols-2 sm:border-t-0",
          data.projects
            ? "lg:grid-cols-4 lg:items-end"
            : "lg:grid-cols-[repeat(5,minmax(0,1fr))_auto] lg:items-end",
        )}
      >
        {data.seen ? <input type="hidden" name="seen" value={data.seen} /> : null}
        {timeZone ? <input type="hidden" name="tz" value={timeZone} /> : null}
        {data.projects ? (
          <Select
            label={t("history.filters.project")}
            name="project"
            all={t("history.filters.allProjects")}
            options={toOptions(data.projects)}
          />
        ) : null}
        <Select
          label={t("history.filters.channel")}
          name="channel"
          all={t("history.filters.allChannels")}
          options={entryChannels.map((channel) => ({
            value: channel,
            label: t(`history.channels.${channel}`),
          }))}
        />
        <Select
          label={t("history.filters.party")}
          name="party"
          all={t("history.filters.allParties")}
          options={toOptions(data.parties)}
        />
        <Select
          label={t("history.filters.author")}
          name="author"
          all={t("history.filters.allAuthors")}
          options={toOptions(data.authors)}
        />
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
        <div
          className={cn(
            "flex gap-2 sm:col-span-2",
            data.projects ? "lg:col-span-2" : "lg:col-span-1",
          )}
        >
          <button type="submit" className={buttonClasses("secondary")}>
            {t("history.filters.apply")}
          </button>
          {isFiltered(params) ? (
            <Link to={clear} className={buttonClasses("ghost")}>
              {t("history.filters.clear")}
            </Link>
          ) : null}
        </div>
      </Form>
    </details>
  );
}
