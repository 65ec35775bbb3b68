import { generateHOTP } from "@oslojs/otp";
import { desc, eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { db } from "#db/client.server";
import { auditEvents, hostSettings, users } from "#db/schema";
import { loader as rootLoader } from "~/root";
import { action as languageAction } from "~/routes/language";
import { action as accountAction } from "~/routes/_app.account._index";
import { action as settingsAction, loader as settingsLoader } from "~/routes/_app.admin.settings";
import {
  completeEnrolment,
  matchTotp,
  openSealedKey,
  startEnrolment,
} from "~/features/identity/two-factor.server";
import { setHostDefaultLanguage } from "~/kernel/locale.server";
import { createSession } from "~/kernel/session.server";
import { SESSION_COOKIE } from "~/kernel/cookies.server";
import { demoEmails, type DemoPerson } from "../support/demo-people";
import { makeRequestContext, setCookies } from "../support/request";

// Which language and clock a reader gets: their own choice, else the one they picked while signed
// out, else their browser's, else the host's default; and how each of those choices is made.

const BASE = "http://localhost:3000";

async function userOf(person: DemoPerson) {
  const [row] = await db().select().from(users).where(eq(users.email, demoEmails[person]));
  if (!row) throw new Error(`no user ${person}`);
  return row;
}

/** A fully signed-in session (second factor done) for a demo person. */
async function sessionOf(person: DemoPerson) {
  const { token } = await createSession((await userOf(person)).id, {
    ip: "203.0.113.60",
    userAgent: "language-choice-test",
    twoFactorVerified: true,
  });
  return token;
}

type Visit = {
  acceptLanguage?: string;
  cookies?: Record<string, string>;
  token?: string;
};

function headersFor({ acceptLanguage, cookies = {}, token }: Visit) {
  const headers = new Headers();
  if (acceptLanguage) headers.set("Accept-Language", acceptLanguage);
  const jar = { ...cookies, ...(token ? { [SESSION_COOKIE]: token } : {}) };
  const pairs = Object.entries(jar).map(([name, value]) => `${name}=${value}`);
  if (pairs.length > 0) headers.set("Cookie", pairs.join("; "));
  return headers;
}

/** What the root loader gives every page of this visit: its language and time zone. */
async function pageLocale(visit: Visit = {}) {
  const result = await rootLoader({
    request: new Request(new URL("/", BASE), { headers: headersFor(visit) }),
    params: {},
    context: makeRequestContext(),
  });
  return result.data;
}

function post(path: string, fields: Record<string, string>, visit: Visit = {}) {
  const headers = headersFor({ acceptLanguage: "en-GB", ...visit });
  headers.set("Content-Type", "application/x-www-form-urlencoded");
  return new Request(new URL(path, BASE), {
    method: "POST",
    headers,
    body: new URLSearchParams(fields),
  });
}

/** The language switch of the account menu and the signed-out pages. */
async function chooseLanguage(fields: Record<string, string>, visit: Visit = {}) {
  return languageAction({
    request: post("/language", fields, visit),
    params: {},
    context: makeRequestContext(),
  });
}

async function savePreferences(token: string, fields: { locale: string; timeZone: string }) {
  return accountAction({
    request: post("/account", { intent: "preferences", ...fields }, { token }),
    params: {},
    context: makeRequestContext(),
  });
}

async function storedDefault() {
  const [row] = await db().select({ language: hostSettings.defaultLocale }).from(hostSettings);
  return row?.language ?? "de";
}

async function newestAudit() {
  const [event] = await db().select().from(auditEvents).orderBy(desc(auditEvents.seq)).limit(1);
  return event;
}

/** The Response a loader or action threw. */
async function thrownBy(run: () => Promise<unknown>) {
  const thrown = await run().then(
    () => null,
    (error: unknown) => error,
  );
  expect(thrown).toBeInstanceOf(Response);
  return thrown as Response;
}

describe("the reader's language and time zone on every page", () => {
  test("a signed-out visitor reads their browser's language", async () => {
    expect((await pageLocale({ acceptLanguage: "en-GB,en;q=0.9" })).locale).toBe("en");
    expect((await pageLocale({ acceptLanguage: "de-DE,de;q=0.9,en;q=0.5" })).locale).toBe("de");
  });

  test("a browser that asks for no language, or none we speak, gets the host's default", async () => {
    expect((await pageLocale()).locale).toBe("de");
    expect((await pageLocale({ acceptLanguage: "fr-FR, it" })).locale).toBe("de");
    try {
      await setHostDefaultLanguage("en");
      expect((await pageLocale()).locale).toBe("en");
      expect((await pageLocale({ acceptLanguage: "fr-FR" })).locale).toBe("en");
      // A browser we speak still wins over the default.
      expect((await pageLocale({ acceptLanguage: "de-AT" })).locale).toBe("de");
    } finally {
      await setHostDefaultLanguage("de");
    }
    expect((await pageLocale()).locale).toBe("de");
  });

  test("the language picked on a signed-out page beats the browser's", async () => {
    const page = await pageLocale({ acceptLanguage: "en-GB", cookies: { ambit_language: "de" } });
    expect(page.locale).toBe("de");
    // A cookie naming a language we do not speak is ignored.
    const odd = await pageLocale({ acceptLanguage: "en-GB", cookies: { ambit_language: "fr" } });
    expect(odd.locale).toBe("en");
  });

  test("a user's stored choice beats their browser and a cookie picked signed out", async () => {
    const eva = await sessionOf("eva");
    const page = await pageLocale({
      token: eva,
      acceptLanguage: "en-GB",
      cookies: { ambit_language: "en" },
    });
    expect(page.locale).toBe("de");
    const lena = await sessionOf("lena");
    expect(
      (
        await pageLocale({
          token: lena,
          acceptLanguage: "de-DE",
          cookies: { ambit_language: "de" },
        })
      ).locale,
    ).toBe("en");
  });

  test("a user who has not chosen reads their browser's language", async () => {
    const anna = await sessionOf("anna");
    expect((await pageLocale({ token: anna, acceptLanguage: "en-GB" })).locale).toBe("en");
    expect((await pageLocale({ token: anna, acceptLanguage: "de-DE" })).locale).toBe("de");
  });

  test("the clock runs in Berlin unless the browser reports a real zone", async () => {
    expect(await pageLocale()).toMatchObject({
      timeZone: "Europe/Berlin",
      timeZoneChosen: false,
    });
    const reported = await pageLocale({ cookies: { ambit_time_zone: "America%2FNew_York" } });
    expect(reported).toMatchObject({ timeZone: "America/New_York", timeZoneChosen: false });
    for (const bogus of ["Mars%2FOlympus", "%3Cscript%3E", "", "x".repeat(200)]) {
      const page = await pageLocale({ cookies: { ambit_time_zone: bogus } });
      expect(page.timeZone, bogus).toBe("Europe/Berlin");
    }
  });

  test("a user's stored time zone beats the one their browser reports", async () => {
    const paul = await userOf("paul");
    await db().update(users).set({ timeZone: "Asia/Tokyo" }).where(eq(users.id, paul.id));
    const page = await pageLocale({
      token: await sessionOf("paul"),
      cookies: { ambit_time_zone: "America%2FNew_York" },
    });
    expect(page).toMatchObject({ timeZone: "Asia/Tokyo", timeZoneChosen: true });
  });
});

describe("POST /language", () => {
  test("signed out, it keeps the pick in a cookie and returns to the page it came from", async () => {
    const response = await chooseLanguage({ language: "de", returnTo: "/login" });
    expect(response).toBeInstanceOf(Response);
    const reply = response as Response;
    expect(reply.status).toBe(302);
    expect(reply.headers.get("Location")).toBe("/login");
    const cookie = setCookies(reply).get("ambit_language");
    expect(cookie?.value).toBe("de");
    expect(cookie?.attributes.has("httponly")).toBe(true);
    expect(cookie?.attributes.get("samesite")?.toLowerCase()).toBe("lax");
    expect(cookie?.attributes.get("path")).toBe("/");
    // Kept well beyond the browser session.
    expect(Number(cookie?.attributes.get("max-age"))).toBeGreaterThan(30 * 24 * 3600);

    // The next page, from the same English browser, is German.
    const next = await pageLocale({ acceptLanguage: "en-GB", cookies: { ambit_language: "de" } });
    expect(next.locale).toBe("de");
  });

  test("a local return path with its query is kept", async () => {
    const reply = (await chooseLanguage({
      language: "en",
      returnTo: "/forgot-password?email=a%40b.example",
    })) as Response;
    expect(reply.status).toBe(302);
    expect(reply.headers.get("Location")).toBe("/forgot-password?email=a%40b.example");
  });

  test.each([
    ["//evil.example"],
    ["https://evil.example"],
    ["/\\evil.example"],
    ["/\t/evil.example"],
    ["/\n/evil.example"],
    ["javascript:alert(1)"],
  ])("the return path %j never sends the visitor off-site", async (returnTo) => {
    const reply = (await chooseLanguage({ language: "en", returnTo })) as Response;
    expect(reply.status).toBe(302);
    const location = reply.headers.get("Location") ?? "";
    // Resolved as a browser would (it drops tabs and newlines), it stays on this site.
    expect(new URL(location, BASE).origin).toBe(BASE);
    expect(location).toBe("/");
    expect(setCookies(reply).get("ambit_language")?.value).toBe("en");
  });

  test("a language we do not speak is refused and nothing is kept", async () => {
    const anna = await sessionOf("anna");
    for (const language of ["fr", "", "DE", "de-AT"]) {
      const result = await chooseLanguage({ language, returnTo: "/" }, { token: anna });
      expect(result, language).not.toBeInstanceOf(Response);
      const reply = result as { init?: ResponseInit | null };
      expect(reply.init?.status, language).toBe(400);
      expect(new Headers(reply.init?.headers).get("Set-Cookie"), language).toBeNull();
    }
    expect((await userOf("anna")).locale).toBeNull();
  });

  test("signed in, the choice is stored on the user and follows them to any browser", async () => {
    const tom = await sessionOf("tom");
    expect((await userOf("tom")).locale).toBeNull();
    const reply = (await chooseLanguage(
      { language: "de", returnTo: "/projects" },
      { token: tom },
    )) as Response;
    expect(reply.status).toBe(302);
    expect(reply.headers.get("Location")).toBe("/projects");
    expect(setCookies(reply).get("ambit_language")?.value).toBe("de");
    expect((await userOf("tom")).locale).toBe("de");
    // Another English browser of Tom's, without the cookie, still gets German.
    const elsewhere = await pageLocale({ token: await sessionOf("tom"), acceptLanguage: "en-GB" });
    expect(elsewhere.locale).toBe("de");
  });

  test("a session still waiting for its second factor only sets the cookie", async () => {
    // Jonas enrols in two-factor, then signs in with his password only.
    const jonas = await userOf("jonas");
    expect(jonas.locale).toBeNull();
    const enrolment = await startEnrolment(jonas);
    const key = openSealedKey(enrolment.sealedKey)!;
    const step = matchTotp(key, generateHOTP(key, BigInt(Math.floor(Date.now() / 30_000)), 6))!;
    await completeEnrolment(jonas, key, step, { ip: "203.0.113.61", userAgent: "test" });
    const pending = await createSession(jonas.id, {
      ip: "203.0.113.61",
      userAgent: "language-choice-test",
      twoFactorVerified: false,
    });

    const reply = (await chooseLanguage(
      { language: "en", returnTo: "/login/two-factor" },
      { token: pending.token },
    )) as Response;
    expect(reply.status).toBe(302);
    expect(reply.headers.get("Location")).toBe("/login/two-factor");
    expect(setCookies(reply).get("ambit_language")?.value).toBe("en");
    // Whoever knows only his password cannot change what Jonas reads.
    expect((await userOf("jonas")).locale).toBeNull();
  });
});

describe("language and time zone in the account preferences", () => {
  test("Tom chooses German and New York time; every page follows", async () => {
    const tom = await sessionOf("tom");
    const reply = (await savePreferences(tom, {
      locale: "de",
      timeZone: "America/New_York",
    })) as Response;
    expect(reply).toBeInstanceOf(Response);
    expect(reply.status).toBe(302);
    expect(reply.headers.get("Location")).toBe("/account");
    const cookies = setCookies(reply);
    expect(cookies.get("ambit_language")?.value).toBe("de");
    // The confirmation is already in the language he chose.
    expect(cookies.get("ambit_toast")?.value).toContain("Sprache und Zeitzone wurden gespeichert.");

    expect(await userOf("tom")).toMatchObject({ locale: "de", timeZone: "America/New_York" });
    const page = await pageLocale({
      token: tom,
      acceptLanguage: "en-GB",
      cookies: { ambit_time_zone: "Europe%2FLondon" },
    });
    expect(page).toMatchObject({
      locale: "de",
      timeZone: "America/New_York",
      timeZoneChosen: true,
    });
  });

  test("“as my browser says” forgets both choices and the signed-out cookie", async () => {
    const tom = await sessionOf("tom");
    await savePreferences(tom, { locale: "de", timeZone: "America/New_York" });
    const reply = (await savePreferences(tom, { locale: "", timeZone: "" })) as Response;
    expect(reply.status).toBe(302);
    expect(await userOf("tom")).toMatchObject({ locale: null, timeZone: null });
    const cleared = setCookies(reply).get("ambit_language");
    expect(cleared?.value).toBe("");
    expect(cleared?.attributes.get("max-age")).toBe("0");
    expect(cleared?.attributes.get("path")).toBe("/");
    // The English browser is followed again, and the zone it reports.
    expect(setCookies(reply).get("ambit_toast")?.value).toContain(
      "Your language and time zone were saved.",
    );
    const page = await pageLocale({
      token: tom,
      acceptLanguage: "en-GB",
      cookies: { ambit_time_zone: "Europe%2FLondon" },
    });
    expect(page).toMatchObject({
      locale: "en",
      timeZone: "Europe/London",
      timeZoneChosen: false,
    });
  });

  test("a zone that does not exist is a field error and nothing is stored", async () => {
    const tom = await sessionOf("tom");
    const before = await userOf("tom");
    const result = await savePreferences(tom, { locale: "en", timeZone: "Mars/Olympus" });
    expect(result).not.toBeInstanceOf(Response);
    const reply = result as { preferences?: { error?: Record<string, string[] | null> } };
    expect(reply.preferences?.error?.timeZone).toEqual(["Choose a time zone from the list."]);
    const after = await userOf("tom");
    expect({ locale: after.locale, timeZone: after.timeZone }).toEqual({
      locale: before.locale,
      timeZone: before.timeZone,
    });
  });

  test("a language we do not speak is a field error and nothing is stored", async () => {
    const tom = await sessionOf("tom");
    const before = await userOf("tom");
    const result = await savePreferences(tom, { locale: "fr", timeZone: "Asia/Tokyo" });
    expect(result).not.toBeInstanceOf(Response);
    const reply = result as { preferences?: { error?: Record<string, string[] | null> } };
    expect(reply.preferences?.error?.locale).toEqual(["Choose a language from the list."]);
    expect((await userOf("tom")).timeZone).toBe(before.timeZone);
  });
});

describe("the host's default language in the admin settings", () => {
  function settingsArgs(token: string, fields?: Record<string, string>) {
    return {
      request: fields
        ? post("/admin/settings", fields, { token })
        : new Request(new URL("/admin/settings", BASE), {
            headers: headersFor({ token, acceptLanguage: "en-GB" }),
          }),
      params: {},
      context: makeRequestContext(),
    };
  }

  test("to anyone but an administrator the page does not exist and cannot be saved", async () => {
    for (const person of ["anna", "lena", "eva"] as const) {
      const token = await sessionOf(person);
      const missing = await thrownBy(() => settingsLoader(settingsArgs(token)));
      expect(missing.status, person).toBe(404);

      const auditBefore = await newestAudit();
      const denied = await thrownBy(() =>
        settingsAction(settingsArgs(token, { defaultLocale: "en" })),
      );
      expect(denied.status, person).toBe(403);
      // Eva chose German; the others read their English browser's language.
      expect(await denied.text(), person).toBe(
        person === "eva"
          ? "Nur Administratoren können die Einstellungen ändern."
          : "Only administrators can change the settings.",
      );
      expect(await storedDefault(), person).toBe("de");
      expect((await newestAudit())?.seq, person).toBe(auditBefore?.seq);
      expect((await pageLocale()).locale, person).toBe("de");
    }
  });

  test("Ida switches the default to English: stored, audited, and signed-out pages follow", async () => {
    const ida = await sessionOf("ida");
    const idaUser = await userOf("ida");
    try {
      expect((await settingsLoader(settingsArgs(ida))).defaultLocale).toBe("de");
      const reply = (await settingsAction(settingsArgs(ida, { defaultLocale: "en" }))) as Response;
      expect(reply).toBeInstanceOf(Response);
      expect(reply.status).toBe(302);
      expect(reply.headers.get("Location")).toBe("/admin/settings");
      expect(setCookies(reply).get("ambit_toast")?.value).toContain("The settings were saved.");

      expect(await storedDefault()).toBe("en");
      expect(await newestAudit()).toMatchObject({
        action: "settings.default_language_changed",
        subjectType: "HostSettings",
        actorUserId: idaUser.id,
        details: { from: "de", to: "en" },
      });
      expect((await settingsLoader(settingsArgs(ida))).defaultLocale).toBe("en");

      // A browser that asks for no language now reads English; Eva keeps the German she chose.
      expect((await pageLocale()).locale).toBe("en");
      expect((await pageLocale({ token: await sessionOf("eva") })).locale).toBe("de");

      // Saving the same language again changes nothing and logs nothing.
      const seq = (await newestAudit())?.seq;
      await settingsAction(settingsArgs(ida, { defaultLocale: "en" }));
      expect((await newestAudit())?.seq).toBe(seq);
    } finally {
      await setHostDefaultLanguage("de");
    }
    expect(await storedDefault()).toBe("de");
  });

  test("a language we do not speak is refused and the default stays", async () => {
    const ida = await sessionOf("ida");
    const result = await settingsAction(settingsArgs(ida, { defaultLocale: "fr" }));
    expect(result).not.toBeInstanceOf(Response);
    expect(JSON.stringify(result)).toContain("Choose a language.");
    expect(await storedDefault()).toBe("de");
  });
});
