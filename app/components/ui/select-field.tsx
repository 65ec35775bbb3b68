import type { ReactNode, SelectHTMLAttributes } from "react";
import { cn } from "./cn";
import { FieldFrame, fieldDescription } from "./field-frame";

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
  const { invalid, ...described } = fieldDescription(selectProps.id, hint, errors);
  return (
    <FieldFrame id={selectProps.id} label={label} hint={hint} errors={errors}>
      <select {...selectProps} {...described} className={selectClasses(invalid)}>
        {children}
      </select>
    </FieldFrame>
  );
}
