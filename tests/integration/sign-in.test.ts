import type { ActionFunctionArgs, TypedResponse } from "@remix-run/node";
import { and, desc, eq, sql } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { db } from "#db/client.server";
import { auditEvents, sessions } from "#db/schema";
import { DEMO_PASSWORD } from "#db/seed/demo-world";
import { action } from "~/routes/_auth.login";
import { attemptSignIn, type SignInAttempt, type SignInResult } from "~/services/sign-in.server";
import { validateSessionToken } from "~/services/session.server";
import { DEVICE_COOKIE, SESSION_COOKIE } from "~/utils/cookies.server";
import { hashToken } from "~/utils/crypto.server";
import { formRequest, makeRequestContext, setCookies } from "../support/request";

// Each test uses its own demo user and its own IP range, so counters never leak between tests.
const browser = "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0";

function attempt(fields: Partial<SignInAttempt> & { email: string }): Promise<SignInResult> {
  return attemptSignIn({
    password: DEMO_PASSWORD,
    ip: "203.0.113.1",
    userAgent: browser,
    ...fields,
  });
}

type ActionResult = Awaited<ReturnType<typeof action>>;

async function submitLogin(
  fields: Record<string, string>,
  options: { ip?: string; cookies?: Record<string, string> } = {},
): Promise<ActionResult> {
  const request = formRequest("/login", fields, { cookies: options.cookies });
  const context = makeRequestContext({ ip: options.ip ?? "203.0.113.200", userAgent: browser });
  return action({ request, context, params: {} } as ActionFunctionArgs);
}

/** The action's answer when it re-renders the form instead of redirecting. */
function formReply(result: ActionResult) {
  if (result instanceof Response) throw new Error(`expected a form reply, got ${result.status}`);
  return result as Exclude<ActionResult, TypedResponse<never>>;
}

/** The message shown above the form when the action answers with an error. */
function formError(result: ActionResult): string | undefined {
  return formReply(result).error?.[""]?.join(" ");
}

async function lastAuditActions(count: number) {
  const rows = await db()
    .select({ action: auditEvents.action, ip: auditEvents.ip })
    .from(auditEvents)
    .orderBy(desc(auditEvents.seq))
    .limit(count);
  return rows.reverse();
}

describe("signing in", () => {
  test("a demo user signs in through the login form and lands where they wanted", async () => {
    const result = await submitLogin({
      email: "  Anna@Hansen.example ",
      password: DEMO_PASSWORD,
      redirectTo: "/projects?tab=open",
    });
    expect(result).toBeInstanceOf(Response);
    const response = result as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/projects?tab=open");

    const cookies = setCookies(response);
    const session = cookies.get(SESSION_COOKIE);
    expect(session).toBeDefined();
    const current = await validateSessionToken(session!.value);
    expect(current?.user.email).toBe("anna@hansen.example");
    expect(current?.session.ip).toBe("203.0.113.200");
    // A first sign-in from this browser makes it a trusted device.
    expect(cookies.get(DEVICE_COOKIE)?.value).toMatch(/^[a-z2-7]{32}$/);

    const [event] = await lastAuditActions(1);
    expect(event).toEqual({ action: "auth.login_succeeded", ip: "203.0.113.200" });
  });

  test("a crafted redirect to another site is replaced by the home page", async () => {
    const response = (await submitLogin({
      email: "tom@hansen.example",
      password: DEMO_PASSWORD,
      redirectTo: "//evil.example/phish",
    })) as Response;
    expect(response.headers.get("Location")).toBe("/");
  });

  test("the session cookie is HttpOnly and SameSite=Lax, and every sign-in issues a new token", async () => {
    const first = setCookies(
      (await submitLogin({ email: "clara@hansen.example", password: DEMO_PASSWORD })) as Response,
    );
    const firstSession = first.get(SESSION_COOKIE)!;
    expect(firstSession.attributes.has("httponly")).toBe(true);
    expect(firstSession.attributes.get("samesite")?.toLowerCase()).toBe("lax");
    expect(firstSession.attributes.get("path")).toBe("/");
    // Served over plain HTTP here (context.secure is false), so no Secure flag.
    expect(firstSession.attributes.has("secure")).toBe(false);
    expect(first.get(DEVICE_COOKIE)!.attributes.has("httponly")).toBe(true);

    // Signing in again from the same browser, still holding the first session cookie.
    const second = setCookies(
      (await submitLogin(
        { email: "clara@hansen.example", password: DEMO_PASSWORD },
        {
          cookies: {
            [SESSION_COOKIE]: firstSession.value,
            [DEVICE_COOKIE]: first.get(DEVICE_COOKIE)!.value,
          },
        },
      )) as Response,
    );
    const secondSession = second.get(SESSION_COOKIE)!;
    expect(secondSession.value).not.toBe(firstSession.value);
    // The trusted browser keeps its device cookie; none is re-issued.
    expect(second.has(DEVICE_COOKIE)).toBe(false);
    // The token from before this sign-in no longer works (no session fixation).
    expect(await validateSessionToken(firstSession.value)).toBeNull();
    expect(await validateSessionToken(secondSession.value)).not.toBeNull();
    // Only the hash of a token is stored, never the token.
    const stored = await db()
      .select({ id: sessions.id })
      .from(sessions)
      .where(eq(sessions.id, hashToken(secondSession.value)));
    expect(stored).toHaveLength(1);
    expect(
      await db().select().from(sessions).where(eq(sessions.id, secondSession.value)),
    ).toHaveLength(0);
  });

  test("an unknown email and a wrong password get the same message", async () => {
    const unknown = await submitLogin(
      { email: "nobody@hansen.example", password: "whatever-it-is" },
      { ip: "203.0.113.10" },
    );
    const wrongPassword = await submitLogin(
      { email: "ida@hansen.example", password: "not-the-password" },
      { ip: "203.0.113.10" },
    );
    expect(formError(unknown)).toBe(
      "That email and password do not match an account. Check both and try again.",
    );
    expect(formError(wrongPassword)).toBe(formError(unknown));
    // The password is never echoed back to the form.
    expect(JSON.stringify(wrongPassword)).not.toContain("not-the-password");

    const failures = await db()
      .select({ details: auditEvents.details })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "auth.login_failed"), eq(auditEvents.ip, "203.0.113.10")))
      .orderBy(auditEvents.seq);
    expect(failures.map((row) => row.details.reason)).toEqual(["unknown_email", "wrong_password"]);
  });

  test("an empty form gets field errors, not a sign-in attempt", async () => {
    const before = await lastAuditActions(1);
    const result = formReply(await submitLogin({ email: "", password: "" }));
    expect(result.error?.email).toEqual(["Enter your email address."]);
    expect(await lastAuditActions(1)).toEqual(before);
  });

  test("the 11th failed attempt within a minute from one IP is throttled; another IP still works", async () => {
    const attackerIp = "203.0.113.66";
    for (let i = 0; i < 10; i += 1) {
      const result = await attempt({
        email: `guess-${i}@nowhere.example`,
        password: "password123",
        ip: attackerIp,
      });
      expect(result.kind).toBe("invalid");
    }

    // Even the right password is not checked once the IP is over its budget.
    const throttled = await attempt({ email: "jonas@holzwerk-meyer.example", ip: attackerIp });
    expect(throttled).toEqual({ kind: "throttled" });
    const [event] = await db().select().from(auditEvents).orderBy(desc(auditEvents.seq)).limit(1);
    expect(event).toMatchObject({
      action: "auth.login_throttled",
      ip: attackerIp,
      details: { email: "jonas@holzwerk-meyer.example" },
    });

    // Through the login form, the user is told what happened.
    const viaForm = await submitLogin(
      { email: "jonas@holzwerk-meyer.example", password: DEMO_PASSWORD },
      { ip: attackerIp },
    );
    expect(formError(viaForm)).toMatch(/Too many failed sign-in attempts from your network/);

    const elsewhere = await attempt({ email: "jonas@holzwerk-meyer.example", ip: "203.0.113.67" });
    expect(elsewhere.kind).toBe("ok");
  });

  test("failures older than a minute no longer count towards the throttle", async () => {
    const ip = "203.0.113.80";
    for (let i = 0; i < 10; i += 1) {
      await attempt({ email: `old-${i}@nowhere.example`, password: "x", ip });
    }
    expect((await attempt({ email: "eva@cafe-morgenrot.example", ip })).kind).toBe("throttled");
    await db().execute(
      sql`update login_failures set at = at - interval '61 seconds' where ip = ${ip}`,
    );
    expect((await attempt({ email: "eva@cafe-morgenrot.example", ip })).kind).toBe("ok");
  });

  test("10 consecutive failures lock out unknown browsers, but not the victim's trusted browser", async () => {
    const victim = "lena@studio-lumen.example";

    // The victim signed in from her own browser before, which now holds a device token.
    const earlier = await attempt({ email: victim, ip: "198.51.100.20" });
    if (earlier.kind !== "ok") throw new Error(`expected ok, got ${earlier.kind}`);
    const victimDevice = earlier.deviceToken;

    // An attacker spreads guesses over many addresses to stay under the per-IP throttle.
    const results = [];
    for (let i = 0; i < 10; i += 1) {
      results.push(
        await attempt({ email: victim, password: `guess-${i}`, ip: `192.0.2.${10 + i}` }),
      );
    }
    expect(results.slice(0, 9).every((result) => result.kind === "invalid")).toBe(true);
    expect(results[9]!.kind).toBe("locked");
    expect(await lastAuditActions(2)).toEqual([
      { action: "auth.login_failed", ip: "192.0.2.19" },
      { action: "auth.account_locked", ip: "192.0.2.19" },
    ]);

    // Now even the right password from an unknown browser is refused, with a clear message.
    const unknownBrowser = await attempt({ email: victim, ip: "192.0.2.99" });
    expect(unknownBrowser.kind).toBe("locked");
    if (unknownBrowser.kind === "locked") {
      const minutes = (unknownBrowser.until.getTime() - Date.now()) / 60_000;
      expect(minutes).toBeGreaterThan(9);
      expect(minutes).toBeLessThanOrEqual(10);
    }
    const viaForm = await submitLogin(
      { email: victim, password: DEMO_PASSWORD },
      { ip: "192.0.2.98" },
    );
    expect(formError(viaForm)).toBe(
      "This account is locked for 10 minutes after too many failed sign-in attempts. Try again later, or reset your password.",
    );
    expect((await lastAuditActions(1))[0]!.action).toBe("auth.login_refused_locked");

    // A device token belonging to another account does not unlock this one either.
    const other = await attempt({ email: "mara@wolff-design.example", ip: "198.51.100.21" });
    if (other.kind !== "ok") throw new Error(`expected ok, got ${other.kind}`);
    const borrowed = await attempt({
      email: victim,
      ip: "192.0.2.97",
      deviceToken: other.deviceToken,
    });
    expect(borrowed.kind).toBe("locked");

    // The victim's own browser still gets in, through the form as well.
    const victimAgain = await attempt({
      email: victim,
      ip: "198.51.100.20",
      deviceToken: victimDevice,
    });
    expect(victimAgain).toMatchObject({ kind: "ok", newDevice: false, deviceToken: victimDevice });
    const formResponse = await submitLogin(
      { email: victim, password: DEMO_PASSWORD },
      { ip: "198.51.100.20", cookies: { [DEVICE_COOKIE]: victimDevice } },
    );
    expect(formResponse).toBeInstanceOf(Response);
    expect((formResponse as Response).status).toBe(302);
  });

  test("a burst of parallel attempts gets no more password checks than one at a time", async () => {
    const tally = (results: SignInResult[]) =>
      results.reduce<Record<string, number>>((counts, result) => {
        counts[result.kind] = (counts[result.kind] ?? 0) + 1;
        return counts;
      }, {});

    // 40 guesses at once from one address: 10 are checked, the rest throttled.
    const fromOneIp = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        attempt({ email: `burst-${i}@nowhere.example`, password: "nope", ip: "203.0.113.240" }),
      ),
    );
    expect(tally(fromOneIp)).toEqual({ invalid: 10, throttled: 30 });

    // 40 guesses at once at one account from 40 addresses: the 10th locks it, the rest are refused.
    const atOneAccount = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        attempt({ email: "tom@hansen.example", password: `guess-${i}`, ip: `192.0.2.${100 + i}` }),
      ),
    );
    expect(tally(atOneAccount)).toEqual({ invalid: 9, locked: 31 });
  });

  test("a disabled user with the right password is told the account is disabled", async () => {
    await db().execute(
      sql`update users set disabled_at = now() where email = 'paul@kanzlei-brandt.example'`,
    );
    const result = await submitLogin(
      { email: "paul@kanzlei-brandt.example", password: DEMO_PASSWORD },
      { ip: "203.0.113.90" },
    );
    expect(formError(result)).toMatch(/has been disabled/);
    expect((await lastAuditActions(1))[0]!.action).toBe("auth.login_refused_disabled");
  });
});
