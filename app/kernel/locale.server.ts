import type { AppLoadContext } from "@remix-run/node";
import { stringifySetCookie } from "cookie";
import { eq, sql } from "drizzle-orm";
import type { TFunction } from "i18next";
import { db, type Database } from "#db/client.server";
import { hostSettings, users } from "#db/schema";
import { isLanguage, translatorFor, type Language } from "~/i18n";
import { readCookie } from "~/kernel/cookies.server";
import { recordAudit, type AuditActor } from "~/kernel/audit/audit.server";
import { HOST_TIME_ZONE, isTimeZone, TIME_ZONE_COOKIE } from "~/kernel/time-zone";
import { viewerOf } from "~/kernel/viewer.server";

/** The language a signed-out visitor picked on the sign-in page. */
export const LANGUAGE_COOKIE = "ambit_language";

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
      return { tag: tag.trim().toLowerCase(), weight: q === undefined ? 1 : Number(q), index };
    })
    .filter((range) => range.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  for (const { tag } of ranked) {
    const primary = tag.split("-")[0];
    if (isLanguage(primary)) return primary;
  }
  return undefined;
}

/** The default of the `host_settings` column, for an installation whose row is missing. */
const INSTALLED_DEFAULT: Language = "de";

async function readHostDefault(executor: Database = db()): Promise<Language> {
  const [row] = await executor.select({ language: hostSettings.defaultLocale }).from(hostSettings);
  return row?.language ?? INSTALLED_DEFAULT;
}

// Every signed-out page needs the setting and it changes seldom: each process reads it at most
// every half minute, so another process's change reaches it within that time.
const SETTINGS_TTL_MS = 30_000;
let cachedDefault: { language: Promise<Language>; readAt: number } | undefined;

/**
 * The host's default language: for whoever has not chosen one and whose browser we do not speak.
 * Error pages need it too, so a database that cannot answer leaves German, not a second error.
 */
export function hostDefaultLanguage(): Promise<Language> {
  if (!cachedDefault || Date.now() - cachedDefault.readAt >= SETTINGS_TTL_MS) {
    const language = readHostDefault().catch(() => {
      cachedDefault = undefined;
      return INSTALLED_DEFAULT;
    });
    cachedDefault = { language, readAt: Date.now() };
  }
  return cachedDefault.language;
}

/** The stored default, read now (for the page that changes it, not through the cache). */
export function currentHostDefaultLanguage() {
  return readHostDefault();
}

/** Sets the host's default language; a change is audited with what it was before. */
export async function setHostDefaultLanguage(language: Language, actor?: AuditActor) {
  await db().transaction(async (tx) => {
    const [row] = await tx
      .select({ language: hostSettings.defaultLocale })
      .from(hostSettings)
      .for("update");
    const previous = row?.language ?? INSTALLED_DEFAULT;
    if (row && previous === language) return;
    await tx
      .insert(hostSettings)
      .values({ defaultLocale: language })
      .onConflictDoUpdate({
        target: hostSettings.id,
        set: { defaultLocale: language, updatedAt: sql`now()` },
      });
    if (actor) {
      await recordAudit(
        actor,
        {
          action: "settings.default_language_changed",
          subjectType: "HostSettings",
          details: { from: previous, to: language },
        },
        tx,
      );
    }
  });
  cachedDefault = { language: Promise.resolve(language), readAt: Date.now() };
}

/** The language a visitor's browser asks for, without anything they chose in Ambit. */
export async function browserLanguageOf(request: Request): Promise<Language> {
  return negotiateLanguage(request.headers.get("Accept-Language")) ?? (await hostDefaultLanguage());
}

const readerLocales = new WeakMap<AppLoadContext, Map<string, Promise<ReaderLocale>>>();

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
  // As with the Viewer: an action's answer and the loaders after it (no JavaScript, one request)
  // each decide, so a page drawn after a change of language speaks the new one.
  const phase = request.method === "GET" || request.method === "HEAD" ? "read" : "write";
  let ofRequest = readerLocales.get(context);
  if (!ofRequest) readerLocales.set(context, (ofRequest = new Map()));
  let locale = ofRequest.get(phase);
  if (!locale) ofRequest.set(phase, (locale = resolveReaderLocale(request, context)));
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
