import type { SubmissionResult } from "@conform-to/react";
import type { ActionFunctionArgs } from "@remix-run/node";
import { and, desc, eq, like, sql } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { db } from "#db/client.server";
import { accountLockouts, auditEvents, sessions } from "#db/schema";
import { DEMO_PASSWORD } from "#db/seed/demo-world";
import { action } from "~/routes/_auth.login";
import {
  attemptSignIn,
  type SignInAttempt,
  type SignInResult,
} from "~/features/identity/sign-in.server";
import { validateSessionToken } from "~/kernel/session.server";
import { DEVICE_COOKIE, SESSION_COOKIE } from "~/kernel/cookies.server";
import { hashToken } from "~/kernel/crypto.server";
import { formRequest, makeRequestContext, setCookies } from "../support/request";

// Each test uses its own demo user and its own IP range, so counters never leak between tests.
const browser = "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0";

const LOCKED_NEW_BROWSER =
  "This account is locked for 10 minutes after too many failed sign-in attempts. You can still sign in on a browser you have signed in with before, or reset your password to unlock it on this one.";

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

type FormReply = SubmissionResult<string[]>;

/** The action's answer when it re-renders the form instead of redirecting, and its status. */
function formAnswer(result: ActionResult): { status: number; reply: FormReply } {
  if (result instanceof Response) throw new Error(`expected a form reply, got ${result.status}`);
  if ("type" in result && result.type === "DataWithResponseInit") {
    return { status: result.init?.status ?? 200, reply: result.data };
  }
  return { status: 200, reply: result as FormReply };
}

const formReply = (result: ActionResult) => formAnswer(result).reply;

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
      personal: { email: "jonas@holzwerk-meyer.example" },
    });

    // Through the login form, the user is told what happened.
    const viaForm = await submitLogin(
      { email: "jonas@holzwerk-meyer.example", password: DEMO_PASSWORD },
      { ip: attackerIp },
    );
    expect(formError(viaForm)).toMatch(/Too many failed sign-in attempts from your network/);
    expect(formAnswer(viaForm).status).toBe(429);

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
    expect(formAnswer(viaForm).status).toBe(429);
    expect(formError(viaForm)).toBe(LOCKED_NEW_BROWSER);
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

    // The victim's own browser still gets in, from wherever she is now, through the form as well.
    const victimAgain = await attempt({
      email: victim,
      ip: "198.51.100.44",
      deviceToken: victimDevice,
    });
    expect(victimAgain).toMatchObject({ kind: "ok", newDevice: false, deviceToken: victimDevice });
    const formResponse = await submitLogin(
      { email: victim, password: DEMO_PASSWORD },
      { ip: "198.51.100.45", cookies: { [DEVICE_COOKIE]: victimDevice } },
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

  test("a browser that signed in before is not held back by its address's throttle", async () => {
    const office = "203.0.113.120";
    const ida = "ida@hansen.example";
    const earlier = await attempt({ email: ida, ip: office });
    if (earlier.kind !== "ok") throw new Error(`expected ok, got ${earlier.kind}`);
    const idaBrowser = { [DEVICE_COOKIE]: earlier.deviceToken };

    // Someone else in the office guesses ten times: the address is over its budget.
    for (let i = 0; i < 10; i += 1) {
      await attempt({ email: `office-${i}@nowhere.example`, password: "nope", ip: office });
    }
    const colleague = await submitLogin(
      { email: "anna@hansen.example", password: DEMO_PASSWORD },
      { ip: office },
    );
    expect(formAnswer(colleague).status).toBe(429);
    expect(formError(colleague)).toMatch(/Too many failed sign-in attempts from your network/);

    // Ida's browser, known to her account, still signs in from that address.
    const idaAgain = await submitLogin(
      { email: ida, password: DEMO_PASSWORD },
      { ip: office, cookies: idaBrowser },
    );
    expect(idaAgain).toBeInstanceOf(Response);
    expect((idaAgain as Response).status).toBe(302);
    // A mistyped password there is an ordinary failure, not a throttle.
    const typo = await submitLogin(
      { email: ida, password: "not-quite-it" },
      { ip: office, cookies: idaBrowser },
    );
    expect(formAnswer(typo).status).toBe(200);
    expect(formError(typo)).toMatch(/do not match/);

    // Her device cookie vouches for her account only, not for anyone signing in on her browser.
    const borrowed = await attempt({
      email: "clara@hansen.example",
      ip: office,
      deviceToken: earlier.deviceToken,
    });
    expect(borrowed.kind).toBe("throttled");
  });

  test("an address without an account locks exactly like a real one, with the same message", async () => {
    const real = "mara@wolff-design.example";
    const ghost = "Ghost@Wolff-Design.example";
    const answers: Record<string, { status: number; message: string | undefined }[]> = {
      [real]: [],
      [ghost]: [],
    };
    // Guesses spread over addresses, so only the per-address counter can stop them.
    for (let i = 0; i < 11; i += 1) {
      for (const [n, email] of [real, ghost].entries()) {
        const result = await submitLogin(
          { email, password: `guess-${i}` },
          { ip: `192.0.2.${150 + i * 2 + n}` },
        );
        const { status } = formAnswer(result);
        answers[email]!.push({ status, message: formError(result) });
      }
    }
    expect(answers[ghost]).toEqual(answers[real]);
    expect(answers[ghost]!.slice(0, 9).every((answer) => answer.status === 200)).toBe(true);
    expect(answers[ghost]!.slice(9)).toEqual([
      { status: 429, message: LOCKED_NEW_BROWSER },
      { status: 429, message: LOCKED_NEW_BROWSER },
    ]);

    // The audit log still tells the two apart: only the real account is named as the subject.
    const locks = await db()
      .select({ subjectId: auditEvents.subjectId, personal: auditEvents.personal })
      .from(auditEvents)
      .where(eq(auditEvents.action, "auth.account_locked"))
      .orderBy(desc(auditEvents.seq))
      .limit(2);
    expect(locks.map((event) => event.personal?.email)).toEqual([
      "ghost@wolff-design.example",
      real,
    ]);
    expect(locks[0]!.subjectId).toBeNull();
    expect(locks[1]!.subjectId).not.toBeNull();
  });

  test("a quiet day starts the count over, and counters of addresses typed once are swept", async () => {
    const email = "once@quiet.example";
    const ip = (i: number) => `192.0.2.${180 + i}`;
    for (let i = 0; i < 9; i += 1) await attempt({ email, password: "x", ip: ip(i) });
    await db().execute(
      sql`update account_lockouts set last_failed_at = last_failed_at - interval '25 hours' where email = ${email}`,
    );
    // The tenth failure, a day later, is the first of a new count.
    expect((await attempt({ email, password: "x", ip: ip(9) })).kind).toBe("invalid");

    await attempt({ email: "typed-once@quiet.example", password: "x", ip: ip(10) });
    await db().execute(
      sql`update account_lockouts set last_failed_at = now() - interval '25 hours' where email = 'typed-once@quiet.example'`,
    );
    await attempt({ email: "someone-else@quiet.example", password: "x", ip: ip(11) });
    const left = await db()
      .select({ email: accountLockouts.email })
      .from(accountLockouts)
      .where(like(accountLockouts.email, "%@quiet.example"))
      .orderBy(accountLockouts.email);
    expect(left.map((row) => row.email)).toEqual([
      "once@quiet.example",
      "someone-else@quiet.example",
    ]);
  });

  test("ten wrong passwords on the owner's own browser lock that browser, and say so", async () => {
    const eva = "eva@cafe-morgenrot.example";
    const earlier = await attempt({ email: eva, ip: "198.51.100.70" });
    if (earlier.kind !== "ok") throw new Error(`expected ok, got ${earlier.kind}`);
    const cookies = { [DEVICE_COOKIE]: earlier.deviceToken };
    for (let i = 0; i < 9; i += 1) {
      await submitLogin({ email: eva, password: `typo-${i}` }, { ip: "198.51.100.70", cookies });
    }
    const locked = await submitLogin(
      { email: eva, password: "typo-9" },
      { ip: "198.51.100.70", cookies },
    );
    expect(formAnswer(locked).status).toBe(429);
    expect(formError(locked)).toBe(
      "Signing in on this browser is locked for 10 minutes after too many failed attempts. Try again later, or reset your password to unlock it now.",
    );
    // Her lock is her browser's alone: another browser still signs in.
    expect((await attempt({ email: eva, ip: "198.51.100.71" })).kind).toBe("ok");
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
