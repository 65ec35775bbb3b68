import type { AppLoadContext } from "@remix-run/node";
import { stringifySetCookie } from "cookie";
import { eq, sql } from "drizzle-orm";
import type { TFunction } from "i18next";
import { db } from "#db/client.server";
import { hostSettings, users } from "#db/schema";
import { isLanguage, translatorFor, type Language } from "~/i18n";
import { readCookie } from "~/kernel/cookies.server";
import { HOST_TIME_ZONE, isTimeZone } from "~/kernel/time-zone";
import { viewerOf } from "~/kernel/viewer.server";

/** The language a signed-out visitor picked on the sign-in page. */
export const LANGUAGE_COOKIE = "ambit_language";
/** The browser's time zone, written by the page once it runs (see `TimeZoneReporter`). */
export const TIME_ZONE_COOKIE = "ambit_time_zone";

/** How the reader of this request is spoken to: their language and the zone of their clock. */
export type ReaderLocale = { language: Language; timeZone: string };

/** The first language of an `Accept-Language` header that we speak, by the header's weights. */
export function negotiateLanguage(header: string | null): Language | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { tag: tag.toLowerCase(), weight: q === undefined ? 1 : Number(q), index };
    })
    .filter((range) => range.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  for (const { tag } of ranked) {
    const primary = tag.split("-")[0];
    if (isLanguage(primary)) return primary;
  }
  return undefined;
}

// Read at most every half minute: the setting changes seldom, and every signed-out page needs it.
const SETTINGS_TTL_MS = 30_000;
let cachedDefault: { language: Language; readAt: number } | undefined;

/** The host's default language: for whoever has not chosen one and whose browser we do not speak. */
export async function hostDefaultLanguage(): Promise<Language> {
  if (cachedDefault && Date.now() - cachedDefault.readAt < SETTINGS_TTL_MS) {
    return cachedDefault.language;
  }
  const [row] = await db().select({ language: hostSettings.defaultLocale }).from(hostSettings);
  const language = row?.language ?? "de";
  cachedDefault = { language, readAt: Date.now() };
  return language;
}

export async function setHostDefaultLanguage(language: Language) {
  await db()
    .insert(hostSettings)
    .values({ defaultLocale: language })
    .onConflictDoUpdate({
      target: hostSettings.id,
      set: { defaultLocale: language, updatedAt: sql`now()` },
    });
  cachedDefault = { language, readAt: Date.now() };
}

/** The language a visitor's browser asks for, without anything they chose in Ambit. */
export async function browserLanguageOf(request: Request): Promise<Language> {
  return negotiateLanguage(request.headers.get("Accept-Language")) ?? (await hostDefaultLanguage());
}

const readerLocales = new WeakMap<AppLoadContext, Promise<ReaderLocale>>();

async function resolveReaderLocale(request: Request, context: AppLoadContext) {
  const user = (await viewerOf(request, context))?.user;
  const picked = readCookie(request, LANGUAGE_COOKIE);
  const language =
    user?.locale ?? (isLanguage(picked) ? picked : undefined) ?? (await browserLanguageOf(request));
  const browserZone = readCookie(request, TIME_ZONE_COOKIE);
  const timeZone =
    user?.timeZone ?? (browserZone && isTimeZone(browserZone) ? browserZone : HOST_TIME_ZONE);
  return { language, timeZone };
}

/**
 * The reader's language: the one they chose (stored on them), else the one they picked while
 * signed out, else their browser's, else the host's default. Their time zone: the one they chose,
 * else their browser's, else the host's. Worked out once per request.
 */
export function readerLocaleOf(request: Request, context: AppLoadContext): Promise<ReaderLocale> {
  let locale = readerLocales.get(context);
  if (!locale) readerLocales.set(context, (locale = resolveReaderLocale(request, context)));
  return locale;
}

/** The translation function in the reader's language. */
export async function translatorOf(request: Request, context: AppLoadContext): Promise<TFunction> {
  return translatorFor((await readerLocaleOf(request, context)).language);
}

/** The cookie that keeps a signed-out visitor's language for a year. */
export function languageCookie(language: Language, secure: boolean) {
  return stringifySetCookie(LANGUAGE_COOKIE, language, {
    httpOnly: true,
    sameSite: "lax",
    secure,
    path: "/",
    maxAge: 365 * 24 * 3600,
  });
}

export function clearLanguageCookie(secure: boolean) {
  return stringifySetCookie(LANGUAGE_COOKIE, "", {
    httpOnly: true,
    sameSite: "lax",
    secure,
    path: "/",
    maxAge: 0,
  });
}

/**
 * How an email reaches its recipient: in the language they chose, else the one their browser
 * asked for when they last signed in, else the host's default; in their zone, else the host's.
 */
export async function recipientLocaleOf(
  user: Pick<typeof users.$inferSelect, "locale" | "browserLocale" | "timeZone">,
): Promise<ReaderLocale> {
  return {
    language: user.locale ?? user.browserLocale ?? (await hostDefaultLanguage()),
    timeZone: user.timeZone ?? HOST_TIME_ZONE,
  };
}

/**
 * Remembers the language a user read the sign-in page in (picked there, else their browser's),
 * for the emails they get before they choose one.
 */
export async function rememberSignInLanguage(
  user: Pick<typeof users.$inferSelect, "id" | "browserLocale">,
  request: Request,
) {
  const picked = readCookie(request, LANGUAGE_COOKIE);
  const language = isLanguage(picked)
    ? picked
    : negotiateLanguage(request.headers.get("Accept-Language"));
  if (!language || language === user.browserLocale) return;
  await db().update(users).set({ browserLocale: language }).where(eq(users.id, user.id));
}
