import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { generateHOTP } from "@oslojs/otp";
import { desc, eq, sql } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { db } from "#db/client.server";
import { DEMO_PASSWORD } from "#db/seed/demo-world";
import { auditEvents, mailMessages, passwordResetTokens, sessions, users } from "#db/schema";
import { action as changePasswordAction } from "~/routes/_app.account._index";
import { action as sessionsAction } from "~/routes/_app.account.sessions";
import { action as twoFactorAction } from "~/routes/_auth.login_.two-factor";
import { action as resetAction } from "~/routes/_auth.reset-password.$token";
import { requestPasswordReset, resetPassword } from "~/features/identity/password-reset.server";
import { createSession, validateSessionToken, type User } from "~/kernel/session.server";
import { attemptSecondFactor, attemptSignIn } from "~/features/identity/sign-in.server";
import {
  completeEnrolment,
  matchTotp,
  startEnrolment,
  openSealedKey,
} from "~/features/identity/two-factor.server";
import { SESSION_COOKIE } from "~/kernel/cookies.server";
import { verifyPassword } from "~/kernel/password.server";
import { formRequest, makeRequestContext, setCookies } from "../support/request";

const actor = { ip: "203.0.113.50", userAgent: "account-security-test" };

async function user(email: string): Promise<User> {
  const [row] = await db().select().from(users).where(eq(users.email, email));
  return row!;
}

async function signedIn(email: string, ip = "203.0.113.51") {
  const u = await user(email);
  return createSession(u.id, { ip, userAgent: "test", twoFactorVerified: true });
}

async function lastAction() {
  const [event] = await db().select().from(auditEvents).orderBy(desc(auditEvents.seq)).limit(1);
  return event!;
}

function linkFrom(text: string) {
  const match = /https?:\/\/\S+\/reset-password\/[a-z0-9]+/.exec(text);
  if (!match) throw new Error(`no reset link in: ${text}`);
  return match[0];
}

async function newestMail() {
  const [mail] = await db()
    .select()
    .from(mailMessages)
    .orderBy(desc(mailMessages.createdAt))
    .limit(1);
  return mail;
}

describe("password reset by email", () => {
  test("an unknown address gets no mail, and the attempt is audited without naming a user", async () => {
    const before = await db()
      .select({ n: sql<number>`count(*)::int` })
      .from(mailMessages);
    await requestPasswordReset("nobody@nowhere.example", actor);
    const after = await db()
      .select({ n: sql<number>`count(*)::int` })
      .from(mailMessages);
    expect(after[0]!.n).toBe(before[0]!.n);
    const event = await lastAction();
    expect(event.action).toBe("auth.password_reset_requested");
    expect(event.actorUserId).toBeNull();
    expect(event.details).toMatchObject({ matched: false });
  });

  test("the emailed link sets a new password once, ends every session and stores only a hash", async () => {
    const jonas = await user("jonas@holzwerk-meyer.example");
    const { token: sessionToken } = await signedIn(jonas.email);

    await requestPasswordReset("JONAS@holzwerk-meyer.example", actor);
    const mail = await newestMail();
    expect(mail).toMatchObject({ to: jonas.email, status: "outbox", template: "password-reset" });
    // Jonas has chosen no language and never signed in from a browser: the host's, German.
    expect(mail!.subject).toBe("Ihr Ambit-Passwort zurücksetzen");
    const link = linkFrom(mail!.text);
    const token = link.split("/").pop()!;
    const stored = await db()
      .select()
      .from(passwordResetTokens)
      .where(eq(passwordResetTokens.userId, jonas.id));
    expect(stored.some((row) => row.tokenHash === token)).toBe(false);
    const minutesLeft = (stored.at(-1)!.expiresAt.getTime() - Date.now()) / 60_000;
    expect(minutesLeft).toBeGreaterThan(29);
    expect(minutesLeft).toBeLessThanOrEqual(30);

    const response = await resetAction({
      request: formRequest(`/reset-password/${token}`, {
        newPassword: "a brand new passphrase",
        confirmPassword: "a brand new passphrase",
      }),
      params: { token },
      context: makeRequestContext(),
    });
    expect(response).toBeInstanceOf(Response);
    expect((response as Response).headers.get("Location")).toBe("/login?reset=1");
    expect(setCookies(response as Response).has("ambit_device")).toBe(true);

    const updated = await user(jonas.email);
    expect(await verifyPassword(updated.passwordHash!, "a brand new passphrase")).toBe(true);
    expect(await validateSessionToken(sessionToken)).toBeNull();
    expect((await lastAction()).action).toBe("auth.password_reset");

    expect(await resetPassword(token, "another new passphrase", actor)).toBeNull();
  });

  test("a mismatched confirmation keeps the token usable and says what is wrong", async () => {
    await requestPasswordReset("mara@wolff-design.example", actor);
    const token = linkFrom((await newestMail())!.text)
      .split("/")
      .pop()!;
    const reply = await resetAction({
      request: formRequest(`/reset-password/${token}`, {
        newPassword: "a brand new passphrase",
        confirmPassword: "something else entirely",
      }),
      params: { token },
      context: makeRequestContext(),
    });
    expect(reply).not.toBeInstanceOf(Response);
    expect(JSON.stringify(reply)).toContain("The two passwords do not match.");
    expect(await resetPassword(token, "a brand new passphrase", actor)).not.toBeNull();
  });

  test("an expired link no longer works", async () => {
    await requestPasswordReset("paul@kanzlei-brandt.example", actor);
    const token = linkFrom((await newestMail())!.text)
      .split("/")
      .pop()!;
    await db()
      .update(passwordResetTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) });
    expect(await resetPassword(token, "a brand new passphrase", actor)).toBeNull();
  });

  test("after an attacker locks out unknown browsers, the reset makes the victim's new browser trusted", async () => {
    const email = "eva@cafe-morgenrot.example";
    for (let i = 0; i < 10; i += 1) {
      await attemptSignIn({
        email,
        password: `guess-${i}`,
        ip: `192.0.2.${200 + i}`,
        userAgent: "x",
      });
    }
    expect(
      (await attemptSignIn({ email, password: DEMO_PASSWORD, ip: "198.51.100.60", userAgent: "x" }))
        .kind,
    ).toBe("locked");
    await requestPasswordReset(email, actor);
    const token = linkFrom((await newestMail())!.text)
      .split("/")
      .pop()!;
    const done = await resetPassword(token, "eva's fresh passphrase", actor);
    expect(done).not.toBeNull();
    // The reset lifted the lock: any browser gets in with the new password.
    expect(
      (
        await attemptSignIn({
          email,
          password: "eva's fresh passphrase",
          ip: "198.51.100.61",
          userAgent: "y",
        })
      ).kind,
    ).toBe("ok");
    // The attacker locks unknown browsers again at once, but the browser that reset stays in.
    for (let i = 0; i < 10; i += 1) {
      await attemptSignIn({
        email,
        password: `again-${i}`,
        ip: `192.0.2.${220 + i}`,
        userAgent: "x",
      });
    }
    const result = await attemptSignIn({
      email,
      password: "eva's fresh passphrase",
      ip: "198.51.100.60",
      userAgent: "x",
      deviceToken: done!.deviceToken,
    });
    expect(result.kind).toBe("ok");
  });
});

describe("changing the password", () => {
  test("needs the current password, and signs out every other session but this one", async () => {
    const anna = await user("anna@hansen.example");
    const here = await signedIn(anna.email);
    const elsewhere = await signedIn(anna.email, "203.0.113.77");
    const cookies = { [SESSION_COOKIE]: here.token };

    const wrong = await changePasswordAction({
      request: formRequest(
        "/account",
        {
          currentPassword: "not my password",
          newPassword: "a good new passphrase",
          confirmPassword: "a good new passphrase",
        },
        { cookies },
      ),
      params: {},
      context: makeRequestContext(),
    });
    expect(JSON.stringify(wrong)).toContain("That is not your current password.");
    expect(await validateSessionToken(elsewhere.token)).not.toBeNull();

    const response = await changePasswordAction({
      request: formRequest(
        "/account",
        {
          currentPassword: DEMO_PASSWORD,
          newPassword: "a good new passphrase",
          confirmPassword: "a good new passphrase",
        },
        { cookies },
      ),
      params: {},
      context: makeRequestContext(),
    });
    expect((response as Response).status).toBe(302);
    expect(await validateSessionToken(here.token)).not.toBeNull();
    expect(await validateSessionToken(elsewhere.token)).toBeNull();
    const event = await lastAction();
    expect(event.action).toBe("auth.password_changed");
    expect(event.details).toMatchObject({ endedSessions: 1 });
  });
});

describe("revoking sessions", () => {
  test("a user ends another of their sessions, which stops working at once", async () => {
    const clara = await user("clara@hansen.example");
    const here = await signedIn(clara.email);
    const other = await signedIn(clara.email, "203.0.113.88");
    const response = await sessionsAction({
      request: formRequest(
        "/account/sessions",
        { session: other.session.id.slice(0, 24) },
        { cookies: { [SESSION_COOKIE]: here.token } },
      ),
      params: {},
      context: makeRequestContext(),
    });
    expect((response as Response).status).toBe(302);
    expect(await validateSessionToken(other.token)).toBeNull();
    expect(await validateSessionToken(here.token)).not.toBeNull();
    expect((await lastAction()).action).toBe("auth.session_revoked");
  });

  test("another user's session cannot be revoked by guessing its handle", async () => {
    const tom = await signedIn("tom@hansen.example");
    const ida = await signedIn("ida@hansen.example");
    await expect(
      sessionsAction({
        request: formRequest(
          "/account/sessions",
          { session: tom.session.id.slice(0, 24) },
          { cookies: { [SESSION_COOKIE]: ida.token } },
        ),
        params: {},
        context: makeRequestContext(),
      }),
    ).rejects.toMatchObject({ status: 404 });
    expect(await validateSessionToken(tom.token)).not.toBeNull();
  });
});

describe("two-factor sign-in", () => {
  async function enrol(email: string) {
    const u = await user(email);
    const enrolment = await startEnrolment(u);
    const key = openSealedKey(enrolment.sealedKey)!;
    expect(decodeBase32IgnorePadding(enrolment.manualKey.replace(/ /g, ""))).toEqual(key);
    const step = matchTotp(key, generateHOTP(key, BigInt(Math.floor(Date.now() / 30_000)), 6))!;
    const codes = await completeEnrolment(u, key, step, actor);
    return { key, codes, step, user: await user(email) };
  }

  test("enrolment stores the key encrypted, issues ten recovery codes, and is audited", async () => {
    const { key, codes, user: enrolled } = await enrol("lena@studio-lumen.example");
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    expect(enrolled.totpEnabledAt).not.toBeNull();
    expect(enrolled.totpKey).not.toContain(Buffer.from(key).toString("base64"));
    expect((await lastAction()).action).toBe("auth.two_factor_enrolled");
  });

  test("the second step answers a lock with 429 and the same message as the password step", async () => {
    const { user: enrolled } = await enrol("ida@hansen.example");
    const pending = await createSession(enrolled.id, {
      ip: "203.0.113.91",
      userAgent: "x",
      twoFactorVerified: false,
    });
    const submitCode = (code: string, ip: string) =>
      twoFactorAction({
        request: formRequest(
          "/login/two-factor",
          { method: "totp", code },
          { cookies: { [SESSION_COOKIE]: pending.token } },
        ),
        params: {},
        context: makeRequestContext({ ip }),
      });
    const answers = [];
    for (let i = 0; i < 10; i += 1) answers.push(await submitCode("000000", `192.0.2.${40 + i}`));
    const statuses = answers.map((answer) =>
      answer && typeof answer === "object" && "init" in answer ? answer.init?.status : 200,
    );
    expect(statuses).toEqual([...Array(9).fill(200), 429]);
    expect(JSON.stringify(answers[9])).toContain(
      "This account is locked for 10 minutes after too many failed sign-in attempts.",
    );
  });

  test("a code works once per time step, a recovery code once, and wrong codes count towards the lock", async () => {
    const { key, codes, step, user: enrolled } = await enrol("tom@hansen.example");
    const pending = await createSession(enrolled.id, {
      ip: "203.0.113.90",
      userAgent: "x",
      twoFactorVerified: false,
    });
    const attempt = (code: string, method: "totp" | "recovery" = "totp", ip = "203.0.113.90") =>
      attemptSecondFactor({
        user: enrolled,
        sessionId: pending.session.id,
        code,
        method,
        deviceToken: undefined,
        actor: { ip, userAgent: "x" },
      });

    // The enrolment code's step was used already: the same code is refused as a replay.
    const replay = generateHOTP(key, BigInt(step), 6);
    expect((await attempt(replay)).kind).toBe("invalid");

    const next = generateHOTP(key, BigInt(step + 1), 6);
    expect(await attempt(next)).toMatchObject({ kind: "ok", method: "totp" });
    const [verified] = await db()
      .select()
      .from(sessions)
      .where(eq(sessions.id, pending.session.id));
    expect(verified!.twoFactorVerified).toBe(true);

    expect(await attempt(codes[0]!.toUpperCase(), "recovery")).toMatchObject({
      method: "recovery_code",
    });
    expect((await attempt(codes[0]!, "recovery")).kind).toBe("invalid");

    // The reused recovery code was the first consecutive failure; nine more lock the account,
    // even when spread over addresses that each stay under the per-IP throttle.
    const outcomes = [];
    for (let i = 0; i < 9; i += 1)
      outcomes.push((await attempt("000000", "totp", `192.0.2.${i}`)).kind);
    expect(outcomes).toEqual([...Array(8).fill("invalid"), "locked"]);
  });
});
