import { useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { entryChannels } from "#db/schema/values";
import {
  DateRangeFields,
  FilterButtons,
  FilterPanel,
  FilterSelect,
} from "~/components/filter-form";
import { cn } from "~/components/ui/cn";
import type { TimelineData } from "~/features/history/types";

/** The URL parameters that narrow a timeline (the cursor and the visit baseline do not). */
export const TIMELINE_FILTERS = ["channel", "party", "author", "from", "to", "project"] as const;

export function isFiltered(params: URLSearchParams) {
  return TIMELINE_FILTERS.some((name) => params.get(name));
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
  const toOptions = (items: { id: string; name: string }[]) =>
    items.map((item) => ({ value: item.id, label: item.name }));
  const clear = data.seen ? `?${new URLSearchParams({ seen: data.seen })}` : ".";
  return (
    <FilterPanel
      label={t("history.filters.label")}
      active={TIMELINE_FILTERS.filter((name) => params.get(name)).length}
      className={cn(
        "grid gap-3 border-t border-slate-200 p-4 sm:grid-cols-2 sm:border-t-0",
        data.projects
          ? "lg:grid-cols-4 lg:items-end"
          : "lg:grid-cols-[repeat(5,minmax(0,1fr))_auto] lg:items-end",
      )}
      hidden={data.seen ? <input type="hidden" name="seen" value={data.seen} /> : null}
    >
      {data.projects ? (
        <FilterSelect
          label={t("history.filters.project")}
          name="project"
          all={t("history.filters.allProjects")}
          options={toOptions(data.projects)}
        />
      ) : null}
      <FilterSelect
        label={t("history.filters.channel")}
        name="channel"
        all={t("history.filters.allChannels")}
        options={entryChannels.map((channel) => ({
          value: channel,
          label: t(`history.channels.${channel}`),
        }))}
      />
      <FilterSelect
        label={t("history.filters.party")}
        name="party"
        all={t("history.filters.allParties")}
        options={toOptions(data.parties)}
      />
      <FilterSelect
        label={t("history.filters.author")}
        name="author"
        all={t("history.filters.allAuthors")}
        options={toOptions(data.authors)}
      />
      <DateRangeFields from={t("history.filters.from")} to={t("history.filters.to")} />
      <FilterButtons
        className={cn(
          "flex gap-2 sm:col-span-2",
          data.projects ? "lg:col-span-2" : "lg:col-span-1",
        )}
        apply={t("history.filters.apply")}
        clear={t("history.filters.clear")}
        clearTo={clear}
        filtered={isFiltered(params)}
      />
    </FilterPanel>
  );
}
