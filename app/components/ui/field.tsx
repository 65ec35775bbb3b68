import type { InputHTMLAttributes, ReactNode } from "react";
import { cn } from "./cn";
import { DateInput, DateTimeInput } from "./date-input";
import { FieldFrame, fieldDescription } from "./field-frame";

type FieldProps = {
  label: ReactNode;
  inputProps: InputHTMLAttributes<HTMLInputElement> & { id: string };
  errors?: string[];
  hint?: ReactNode;
  className?: string;
  /**
   * A date ("31.12.2026") or a date and time in the reader's format, with a calendar button,
   * instead of a plain input. `inputProps.type` is then ignored; `name` is required.
   */
  control?: "date" | "dateTime";
};

/** A labelled input with its hint and its errors, announced to screen readers. */
export function Field({ label, inputProps, errors, hint, className, control }: FieldProps) {
  const { invalid, ...described } = fieldDescription(inputProps.id, hint, errors);
  const props = {
    ...inputProps,
    ...described,
    className: cn(
      "min-h-11 rounded-lg border bg-white px-3 text-base text-slate-900 shadow-sm placeholder:text-slate-400 sm:text-sm",
      invalid ? "border-red-500" : "border-slate-300",
      inputProps.className,
    ),
  };
  let input: ReactNode;
  if (control) {
    const { type: _type, name, ...rest } = props;
    const Control = control === "date" ? DateInput : DateTimeInput;
    input = <Control {...rest} name={name ?? inputProps.id} />;
  } else {
    input = <input {...props} />;
  }
  return (
    <FieldFrame id={inputProps.id} label={label} hint={hint} errors={errors} className={className}>
      {input}
    </FieldFrame>
  );
}
