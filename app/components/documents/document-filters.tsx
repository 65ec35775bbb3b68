import { Form, Link, useSearchParams } from "@remix-run/react";
import { ChevronDown, SlidersHorizontal } from "lucide-react";
import { useTranslation } from "react-i18next";
import { documentKinds } from "#db/schema/values";
import { buttonClasses } from "~/components/ui/button";
import { useBrowserTimeZone } from "~/components/use-time-zone";

/** The URL parameters that narrow the list (the cursor does not). */
export const DOCUMENT_FILTERS = ["q", "kind", "uploader", "from", "to"] as const;

export function isFiltered(params: URLSearchParams) {
  return DOCUMENT_FILTERS.some((name) => params.get(name));
}

const fieldClasses =
  "min-h-11 w-full min-w-0 rounded-lg border border-slate-300 bg-white px-3 text-base font-normal sm:text-sm";
const labelClasses = "flex min-w-0 flex-col gap-1.5 text-sm font-medium text-slate-800";

/**
 * The documents' filters as a GET form, so every filter lives in the URL (like the history's).
 * On a phone they fold away behind one line unless some are set.
 */
export function DocumentFilters({ uploaders }: { uploaders: { id: string; name: string }[] }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const timeZone = useBrowserTimeZone();
  const active = DOCUMENT_FILTERS.filter((name) => params.get(name)).length;
  return (
    <details
      open={active > 0 || undefined}
      className="group rounded-xl border border-slate-200 bg-white shadow-sm sm:[&::details-content]:[content-visibility:visible]"
    >
      <summary className="flex min-h-11 cursor-pointer list-none items-center gap-2 px-4 text-sm font-semibold text-slate-800 sm:hidden [&::-webkit-details-marker]:hidden">
        <SlidersHorizontal aria-hidden className="size-4 text-slate-500" />
        {t("documents.filters.label")}
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
        aria-label={t("documents.filters.label")}
        className="grid gap-3 border-t border-slate-200 p-4 sm:grid-cols-2 sm:border-t-0 lg:grid-cols-[minmax(0,1.5fr)_repeat(4,minmax(0,1fr))_auto] lg:items-end"
        data-testid="document-filters"
      >
        {timeZone ? <input type="hidden" name="tz" value={timeZone} /> : null}
        <label className={labelClasses}>
          {t("documents.filters.q")}
          <input
            type="search"
            name="q"
            defaultValue={params.get("q") ?? ""}
            placeholder={t("documents.filters.qPlaceholder")}
            className={fieldClasses}
          />
        </label>
        <label className={labelClasses}>
          {t("documents.filters.kind")}
          <select name="kind" defaultValue={params.get("kind") ?? ""} className={fieldClasses}>
            <option value="">{t("documents.filters.allKinds")}</option>
            {documentKinds.map((kind) => (
              <option key={kind} value={kind}>
                {t(`documents.kinds.${kind}`)}
              </option>
            ))}
          </select>
        </label>
        <label className={labelClasses}>
          {t("documents.filters.uploader")}
          <select
            name="uploader"
            defaultValue={params.get("uploader") ?? ""}
            className={fieldClasses}
          >
            <option value="">{t("documents.filters.allUploaders")}</option>
            {uploaders.map((uploader) => (
              <option key={uploader.id} value={uploader.id}>
                {uploader.name}
              </option>
            ))}
          </select>
        </label>
        <label className={labelClasses}>
          {t("documents.filters.from")}
          <input
            type="date"
            name="from"
            defaultValue={params.get("from") ?? ""}
            className={fieldClasses}
          />
        </label>
        <label className={labelClasses}>
          {t("documents.filters.to")}
          <input
            type="date"
            name="to"
            defaultValue={params.get("to") ?? ""}
            className={fieldClasses}
          />
        </label>
        <div className="flex gap-2 sm:col-span-2 lg:col-span-1">
          <button type="submit" className={buttonClasses("secondary")}>
            {t("documents.filters.apply")}
          </button>
          {isFiltered(params) ? (
            <Link to="." className={buttonClasses("ghost")}>
              {t("documents.filters.clear")}
            </Link>
          ) : null}
        </div>
      </Form>
    </details>
  );
}
