import { useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { documentKinds } from "#db/schema/values";
import {
  DateRangeFields,
  FilterButtons,
  FilterInput,
  FilterPanel,
  FilterSelect,
} from "~/components/filter-form";

/** The URL parameters that narrow the list (the cursor does not). */
export const DOCUMENT_FILTERS = ["q", "kind", "uploader", "from", "to"] as const;

export function isFiltered(params: URLSearchParams) {
  return DOCUMENT_FILTERS.some((name) => params.get(name));
}

/** The documents' filters: a GET form, so every filter lives in the URL (like the history's). */
export function DocumentFilters({ uploaders }: { uploaders: { id: string; name: string }[] }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  return (
    <FilterPanel
      label={t("documents.filters.label")}
      active={DOCUMENT_FILTERS.filter((name) => params.get(name)).length}
      className="grid gap-3 border-t border-slate-200 p-4 sm:grid-cols-2 sm:border-t-0 lg:grid-cols-[minmax(0,1.5fr)_repeat(4,minmax(0,1fr))_auto] lg:items-end"
      testId="document-filters"
    >
      <FilterInput
        label={t("documents.filters.q")}
        name="q"
        type="search"
        placeholder={t("documents.filters.qPlaceholder")}
      />
      <FilterSelect
        label={t("documents.filters.kind")}
        name="kind"
        all={t("documents.filters.allKinds")}
        options={documentKinds.map((kind) => ({
          value: kind,
          label: t(`documents.kinds.${kind}`),
        }))}
      />
      <FilterSelect
        label={t("documents.filters.uploader")}
        name="uploader"
        all={t("documents.filters.allUploaders")}
        options={uploaders.map((uploader) => ({ value: uploader.id, label: uploader.name }))}
      />
      <DateRangeFields from={t("documents.filters.from")} to={t("documents.filters.to")} />
      <FilterButtons
        className="flex gap-2 sm:col-span-2 lg:col-span-1"
        apply={t("documents.filters.apply")}
        clear={t("documents.filters.clear")}
        clearTo="."
        filtered={isFiltered(params)}
      />
    </FilterPanel>
  );
}
