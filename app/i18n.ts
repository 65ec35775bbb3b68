import { en } from "~/locales/en";

export const supportedLanguages = ["en"] as const;
export const fallbackLanguage = "en";
export const defaultNamespace = "common";

export const resources = { en: { common: en } };

export const i18nConfig = {
  supportedLngs: [...supportedLanguages],
  fallbackLng: fallbackLanguage,
  defaultNS: defaultNamespace,
  ns: [defaultNamespace],
  resources,
  interpolation: { escapeValue: false },
};
