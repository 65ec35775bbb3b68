import { useState, type InputHTMLAttributes } from "react";
import { useTranslation } from "react-i18next";
import { buttonClasses } from "./button";
import { cn } from "./cn";

type FileInputProps = Omit<InputHTMLAttributes<HTMLInputElement>, "type"> & {
  id: string;
  name: string;
};

/**
 * A file field that speaks the reader's language: the browser's own "Choose Files / No file
 * chosen" follows the browser, not Ambit. The real input lies invisibly over our button, so it
 * keeps its label, its keyboard focus, dropping files on it and working without JavaScript.
 */
export function FileInput({ className, multiple, onChange, ...props }: FileInputProps) {
  const { t } = useTranslation();
  const [names, setNames] = useState<string[]>([]);
  return (
    <div className={cn("flex min-w-0 flex-wrap items-center gap-x-3 gap-y-1", className)}>
      <span className="relative inline-flex shrink-0">
        <input
          {...props}
          type="file"
          multiple={multiple}
          onChange={(event) => {
            setNames([...(event.currentTarget.files ?? [])].map((file) => file.name));
            onChange?.(event);
          }}
          className="peer absolute inset-0 z-10 w-full cursor-pointer opacity-0"
        />
        <span
          aria-hidden
          className={buttonClasses(
            "secondary",
            "peer-hover:bg-slate-50 peer-focus-visible:ring-2 peer-focus-visible:ring-brand-500 peer-aria-invalid:ring-2 peer-aria-invalid:ring-red-500",
          )}
        >
          {t(multiple ? "files.chooseMany" : "files.chooseOne")}
        </span>
      </span>
      <span aria-hidden className="min-w-0 text-sm break-words text-slate-600">
        {names.length > 0 ? names.join(", ") : t(multiple ? "files.noneMany" : "files.noneOne")}
      </span>
    </div>
  );
}
