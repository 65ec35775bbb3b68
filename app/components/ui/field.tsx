import type { InputHTMLAttributes, ReactNode } from "react";
import { cn } from "./cn";

type FieldProps = {
  label: ReactNode;
  inputProps: InputHTMLAttributes<HTMLInputElement> & { id: string };
  errors?: string[];
  hint?: ReactNode;
  className?: string;
};

/** A labelled input with its hint and its errors, announced to screen readers. */
export function Field({ label, inputProps, errors, hint, className }: FieldProps) {
  const errorId = `${inputProps.id}-error`;
  const hintId = `${inputProps.id}-hint`;
  const invalid = Boolean(errors?.length);
  const describedBy = [hint ? hintId : null, invalid ? errorId : null].filter(Boolean).join(" ");
  return (
    <div className={cn("flex flex-col gap-1.5", className)}>
      <label htmlFor={inputProps.id} className="text-sm font-medium text-slate-800">
        {label}
      </label>
      <input
        {...inputProps}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy || undefined}
        className={cn(
          "min-h-11 rounded-lg border bg-white px-3 text-base text-slate-900 shadow-sm placeholder:text-slate-400 sm:text-sm",
          invalid ? "border-red-500" : "border-slate-300",
          inputProps.className,
        )}
      />
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
