import type { ReactNode, SelectHTMLAttributes } from "react";
import { cn } from "./cn";

/** The look of a select, shared with selects that are not fields (filters). */
export const selectClasses = (invalid: boolean) =>
  cn(
    "min-h-11 w-full rounded-lg border bg-white px-3 text-base text-slate-900 shadow-sm disabled:bg-slate-50 disabled:text-slate-500 sm:text-sm",
    invalid ? "border-red-500" : "border-slate-300",
  );

/** A labelled select with its hint and its errors, announced to screen readers. */
export function SelectField({
  label,
  hint,
  errors,
  selectProps,
  children,
}: {
  label: ReactNode;
  hint?: ReactNode;
  errors?: string[];
  selectProps: SelectHTMLAttributes<HTMLSelectElement> & { id: string };
  children: ReactNode;
}) {
  const invalid = Boolean(errors?.length);
  const hintId = `${selectProps.id}-hint`;
  const errorId = `${selectProps.id}-error`;
  const describedBy = [hint ? hintId : null, invalid ? errorId : null].filter(Boolean).join(" ");
  return (
    <div className="flex flex-col gap-1.5">
      <label htmlFor={selectProps.id} className="text-sm font-medium text-slate-800">
        {label}
      </label>
      <select
        {...selectProps}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy || undefined}
        className={selectClasses(invalid)}
      >
        {children}
      </select>
      {hint ? (
        <p id={hintId} className="text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
      {invalid ? (
        <p id={errorId} className="text-sm font-medium text-red-700">
          {errors!.join(" ")}
        </p>
      ) : null}
    </div>
  );
}
