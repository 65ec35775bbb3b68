import { Form, useLocation } from "@remix-run/react";
import { Languages } from "lucide-react";
import { useTranslation } from "react-i18next";
import { cn } from "~/components/ui/cn";
import { languages } from "~/i18n";

/**
 * "Deutsch | English": switches the interface language and comes back to the same page. Each
 * language is named in itself, so a reader lost in the other language still finds their own.
 */
export function LanguageSwitch({ className }: { className?: string }) {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  return (
    <Form
      method="post"
      action="/language"
      className={cn("flex items-center gap-2", className)}
      aria-label={t("nav.language")}
    >
      <input type="hidden" name="returnTo" value={location.pathname + location.search} />
      <Languages aria-hidden className="size-4 shrink-0 text-slate-500" />
      <span className="inline-flex rounded-lg bg-slate-100 p-0.5">
        {languages.map((language) => {
          const current = i18n.language === language;
          return (
            <button
              key={language}
              type="submit"
              name="language"
              value={language}
              lang={language}
              aria-pressed={current}
              className={cn(
                "min-h-8 rounded-md px-2.5 text-xs font-medium",
                current
                  ? "bg-white text-slate-900 shadow-sm ring-1 ring-slate-200"
                  : "text-slate-600 hover:text-slate-900",
              )}
            >
              {t(`languageNames.${language}`)}
            </button>
          );
        })}
      </span>
    </Form>
  );
}
