import type { MetaFunction } from "@remix-run/node";
import { isLanguage, translatorFor } from "~/i18n";

/**
 * The `meta` of a page whose title is a catalogue string: "Projekte · Ambit" in the reader's
 * language, which the root loader decided.
 */
export function pageTitle(key: string): MetaFunction {
  return ({ matches }) => {
    const locale = (matches.find((match) => match.id === "root")?.data as { locale?: unknown })
      ?.locale;
    const t = translatorFor(isLanguage(locale) ? locale : "de");
    return [{ title: `${t(key)} · Ambit` }];
  };
}
