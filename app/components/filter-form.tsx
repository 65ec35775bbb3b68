import { Form, Link, useSearchParams } from "@remix-run/react";
import { ChevronDown, SlidersHorizontal } from "lucide-react";
import type { ReactNode } from "react";
import { buttonClasses } from "~/components/ui/button";
import { useTimeZone } from "~/components/use-time-zone";

const fieldClasses =
  "min-h-11 w-full min-w-0 rounded-lg border border-slate-300 bg-white px-3 text-base font-normal sm:text-sm";
const labelClasses = "flex min-w-0 flex-col gap-1.5 text-sm font-medium text-slate-800";

/**
 * A list's filters as a GET form, so every filter lives in the URL (the timelines, the
 * documents). On a phone they fold away behind one line unless some are set, so the list is on
 * the first screen; from `sm` on they are always shown and the fold line is hidden.
 */
export function FilterPanel({
  label,
  active,
  className,
  hidden,
  children,
  testId,
}: {
  label: string;
  /** How many filters are set. */
  active: number;
  /** The form's grid classes. */
  className: string;
  /** Hidden fields that ride along before the reader's time zone. */
  hidden?: ReactNode;
  children: ReactNode;
  testId?: string;
}) {
  const timeZone = useTimeZone();
  return (
    <details
      open={active > 0 || undefined}
      className="group rounded-xl border border-slate-200 bg-white shadow-sm sm:[&::details-content]:[content-visibility:visible]"
    >
      <summary className="flex min-h-11 cursor-pointer list-none items-center gap-2 px-4 text-sm font-semibold text-slate-800 sm:hidden [&::-webkit-details-marker]:hidden">
        <SlidersHorizontal aria-hidden className="size-4 text-slate-500" />
        {label}
        {active > 0 ? (
          <span className="rounded-full bg-brand-600 px-2 py-0.5 text-xs text-white">{active}</span>
        ) : null}
        <ChevronDown
          aria-hidden
          className="ml-auto size-4 text-slate-500 transition-transform group-open:rotate-180"
        />
      </summary>
      <Form method="get" aria-label={label} className={className} data-testid={testId}>
        {hidden}
        {/* Date filters count the reader's calendar days. */}
        {timeZone ? <input type="hidden" name="tz" value={timeZone} /> : null}
        {children}
      </Form>
    </details>
  );
}

/** A select of the filter form, "all" first, showing the value in the URL. */
export function FilterSelect({
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

/** A plain input of the filter form (search, date), showing the value in the URL. */
export function FilterInput({
  label,
  name,
  type,
  placeholder,
}: {
  label: string;
  name: string;
  type: "search" | "date";
  placeholder?: string;
}) {
  const [params] = useSearchParams();
  return (
    <label className={labelClasses}>
      {label}
      <input
        type={type}
        name={name}
        defaultValue={params.get(name) ?? ""}
        placeholder={placeholder}
        className={fieldClasses}
      />
    </label>
  );
}

/** The "from" and "to" days of a filter form. */
export function DateRangeFields({ from, to }: { from: string; to: string }) {
  return (
    <>
      <FilterInput label={from} name="from" type="date" />
      <FilterInput label={to} name="to" type="date" />
    </>
  );
}

/** "Apply", and "Clear" while a filter is set. */
export function FilterButtons({
  className,
  apply,
  clear,
  clearTo,
  filtered,
}: {
  className: string;
  apply: string;
  clear: string;
  clearTo: string;
  filtered: boolean;
}) {
  return (
    <div className={className}>
      <button type="submit" className={buttonClasses("secondary")}>
        {apply}
      </button>
      {filtered ? (
        <Link to={clearTo} className={buttonClasses("ghost")}>
          {clear}
        </Link>
      ) : null}
    </div>
  );
}
