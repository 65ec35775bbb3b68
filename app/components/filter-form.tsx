import { Form, Link, useSearchParams } from "@remix-run/react";
import { ChevronDown, SlidersHorizontal } from "lucide-react";
import { useId, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { buttonClasses } from "~/components/ui/button";
import { cn } from "~/components/ui/cn";
import { DateInput } from "~/components/ui/date-input";
import { displayDay, parseDay } from "~/kernel/day-input";
import { useTimeZone } from "~/components/use-time-zone";

const fieldBase =
  "min-h-11 w-full min-w-0 rounded-lg border bg-white px-3 text-base font-normal sm:text-sm";
const fieldClasses = `${fieldBase} border-slate-300`;
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
  if (type === "date") return <FilterDay label={label} name={name} />;
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

/**
 * A day of the filter form, typed as the reader writes days. The URL keeps what was typed
 * ("31.12.2026" or ISO); the field shows the day in the reader's format, or the text as typed
 * with a hint when it is no day (the list then ignores it).
 */
function FilterDay({ label, name }: { label: string; name: string }) {
  const { t, i18n } = useTranslation();
  const [params] = useSearchParams();
  const id = `filter-${useId()}`;
  const value = (params.get(name) ?? "").trim();
  const invalid = value !== "" && !parseDay(value);
  const errorId = `${id}-error`;
  return (
    <div className={labelClasses}>
      <label htmlFor={id}>{label}</label>
      <DateInput
        id={id}
        name={name}
        defaultValue={displayDay(value, i18n.language)}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? errorId : undefined}
        className={cn(fieldBase, invalid ? "border-red-500" : "border-slate-300")}
      />
      {invalid ? (
        <p id={errorId} className="text-sm font-medium text-red-700">
          {t("dateInput.invalidDay")}
        </p>
      ) : null}
    </div>
  );
}

/** The "from" and "to" days of a filter form. */
export function DateRangeFields({ from, to }: { from: string; to: string }) {
  return (
    <>
      <FilterDay label={from} name="from" />
      <FilterDay label={to} name="to" />
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
