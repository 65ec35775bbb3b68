import { createInstance, type TFunction } from "i18next";
import { languages, type Language } from "#db/schema/values";
import { de } from "~/locales/de";
import { en } from "~/locales/en";

export { languages, type Language };
export const fallbackLanguage: Language = "en";
export const defaultNamespace = "common";

export const resources = { de: { common: de }, en: { common: en } };

const numberFormats = new Map<string, Intl.NumberFormat>();

/** Every number put into a sentence in the reader's format: "1.234" in German, "1,234" in English. */
function formatValue(
  value: unknown,
  _format: string | undefined,
  language: string | undefined,
): string {
  if (typeof value !== "number") return value as string;
  const locale = formatLocaleOf(language ?? fallbackLanguage);
  let format = numberFormats.get(locale);
  if (!format) numberFormats.set(locale, (format = new Intl.NumberFormat(locale)));
  return format.format(value);
}

export const i18nConfig = {
  supportedLngs: [...languages],
  fallbackLng: fallbackLanguage,
  defaultNS: defaultNamespace,
  ns: [defaultNamespace],
  resources,
  interpolation: { escapeValue: false, alwaysFormat: true, format: formatValue },
};

export function isLanguage(value: unknown): value is Language {
  return (languages as readonly unknown[]).includes(value);
}

/**
 * The locale dates and numbers are written in. English readers get British formats (a 24-hour
 * clock, day before month): our English speakers work with German firms, not in the US.
 */
export function formatLocaleOf(language: string) {
  return language === "de" ? "de-DE" : "en-GB";
}

const translators = new Map<Language, TFunction>();

/** A translation function fixed to one language; the same on the server and in the browser. */
export function translatorFor(language: Language): TFunction {
  let t = translators.get(language);
  if (!t) {
    const instance = createInstance();
    // The catalogues are bundled, so initialising is synchronous.
    void instance.init({ ...i18nConfig, lng: language, initImmediate: false });
    t = instance.t;
    translators.set(language, t);
  }
  return t;
}
