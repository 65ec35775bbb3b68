import { and, count, eq, gt, sql } from "drizzle-orm";
import { db } from "#db/client.server";
import { accountLockouts, loginFailures, trustedDevices } from "#db/schema";
import { findUserByEmail } from "~/models/user.server";
import { recordAudit, type AuditActor } from "~/services/audit.server";
import { markSessionTwoFactorVerified, type User } from "~/services/session.server";
import { verifySecondFactor } from "~/services/two-factor.server";
import { generateToken, hashToken } from "~/utils/crypto.server";
import { env } from "~/utils/env.server";
import { burnPasswordCheck, verifyPassword } from "~/utils/password.server";

export type SignInAttempt = {
  email: string;
  password: string;
  ip: string;
  userAgent: string;
  /** The browser's device cookie, if it has one. */
  deviceToken?: string;
};

export type Refusal = { kind: "throttled" } | { kind: "locked"; until: Date };

export type SignInResult =
  | Refusal
  | { kind: "invalid" }
  | { kind: "disabled" }
  | { kind: "ok"; user: User; deviceToken: string; newDevice: boolean };

/**
 * Browsers without a trusted-device cookie share one lock per account, so guesses spread over
 * many addresses still lock it. A user locked out on a new browser gets in by resetting the
 * password by email, which makes that browser trusted.
 */
const UNTRUSTED_DEVICE = "untrusted";
const isTrustedKey = (deviceKey: string) => deviceKey !== UNTRUSTED_DEVICE;

const userActor = (actor: AuditActor, user: User): AuditActor => ({
  ...actor,
  userId: user.id,
  organizationId: user.organizationId,
});

/**
 * Checks credentials with brute-force protection. The account lock and the per-IP throttle are
 * checked before any password hash is computed. Locks are kept per account *and* device: a
 * browser that signed in to the account before keeps its own counter, so an attacker can lock
 * out only unknown browsers, never the victim's own.
 */
export function attemptSignIn(attempt: SignInAttempt): Promise<SignInResult> {
  const email = attempt.email.trim().toLowerCase();
  return oneAtATime([`ip:${attempt.ip}`, `email:${email}`], () => checkAttempt(attempt));
}

async function checkAttempt(attempt: SignInAttempt): Promise<SignInResult> {
  const actor: AuditActor = { ip: attempt.ip, userAgent: attempt.userAgent };
  const emailForLog = attempt.email.trim().toLowerCase().slice(0, 254);
  const user = await findUserByEmail(attempt.email);
  const deviceKey = user ? await deviceKeyFor(user.id, attempt.deviceToken) : UNTRUSTED_DEVICE;

  const refusal = await refuseBeforeHashing({
    user,
    deviceKey,
    actor,
    details: { email: emailForLog },
  });
  if (refusal) return refusal;

  const passwordOk = user?.passwordHash
    ? await verifyPassword(user.passwordHash, attempt.password)
    : (await burnPasswordCheck(attempt.password), false);

  if (!user || !passwordOk) {
    const outcome = await registerFailure({
      user,
      deviceKey,
      actor,
      details: { email: emailForLog, reason: user ? "wrong_password" : "unknown_email" },
    });
    return outcome ?? { kind: "invalid" };
  }

  await clearLock(user.id, deviceKey);

  if (user.disabledAt) {
    await recordAudit(userActor(actor, user), {
      action: "auth.login_refused_disabled",
      subjectType: "User",
      subjectId: user.id,
    });
    return { kind: "disabled" };
  }

  if (isTrustedKey(deviceKey)) {
    await db()
      .update(trustedDevices)
      .set({ lastUsedAt: new Date() })
      .where(eq(trustedDevices.tokenHash, deviceKey));
    return { kind: "ok", user, deviceToken: attempt.deviceToken!, newDevice: false };
  }
  return { kind: "ok", user, deviceToken: await trustNewDevice(user.id), newDevice: true };
}

/** Remembers a browser that proved it belongs to the user; returns the token for its cookie. */
export async function trustNewDevice(userId: string) {
  const deviceToken = generateToken();
  await db()
    .insert(trustedDevices)
    .values({ tokenHash: hashToken(deviceToken), userId });
  return deviceToken;
}

export type SecondFactorResult = Refusal | { kind: "invalid" } | { kind: "ok"; method: string };

/**
 * The second sign-in step, under the same throttle and lock as the password, so the 10^6 TOTP
 * codes cannot be guessed either.
 */
export function attemptSecondFactor(input: {
  user: User;
  sessionId: string;
  code: string;
  method: "totp" | "recovery";
  deviceToken: string | undefined;
  actor: AuditActor;
}): Promise<SecondFactorResult> {
  const { user, actor } = input;
  const keys = [`ip:${actor.ip}`, `email:${user.email.toLowerCase()}`];
  return oneAtATime(keys, async () => {
    const deviceKey = await deviceKeyFor(user.id, input.deviceToken);
    const guard = { user, deviceKey, actor, details: { step: "second_factor" } };
    const refusal = await refuseBeforeHashing(guard);
    if (refusal) return refusal;
    const method = await verifySecondFactor(user, input);
    if (!method) {
      const outcome = await registerFailure({
        ...guard,
        details: { step: "second_factor", method: input.method },
      });
      return outcome ?? { kind: "invalid" };
    }
    await markSessionTwoFactorVerified(input.sessionId);
    await clearLock(user.id, deviceKey);
    await recordAudit(actor, {
      action: "auth.login_succeeded",
      subjectType: "Session",
      subjectId: input.sessionId,
      details: { secondFactor: method },
    });
    return { kind: "ok", method };
  });
}

const inFlight = new Map<string, Promise<unknown>>();

/**
 * Runs `work` after every earlier call that shares one of `keys` has finished. Without this, a
 * burst of parallel attempts all pass the throttle and lock checks before any failure is
 * counted (40 parallel guesses were all checked against a limit of 10). Per process only.
 */
export async function oneAtATime<T>(keys: string[], work: () => Promise<T>): Promise<T> {
  const earlier = keys.map((key) => inFlight.get(key));
  const result = Promise.allSettled(earlier).then(work);
  const settled = result.catch(() => undefined);
  for (const key of keys) inFlight.set(key, settled);
  try {
    return await result;
  } finally {
    for (const key of keys) if (inFlight.get(key) === settled) inFlight.delete(key);
  }
}

/** The lock key of this browser for this account: its trusted-device hash, or "untrusted". */
export async function deviceKeyFor(userId: string, deviceToken: string | undefined) {
  if (!deviceToken) return UNTRUSTED_DEVICE;
  const tokenHash = hashToken(deviceToken);
  const [device] = await db()
    .select({ tokenHash: trustedDevices.tokenHash })
    .from(trustedDevices)
    .where(and(eq(trustedDevices.tokenHash, tokenHash), eq(trustedDevices.userId, userId)));
  return device ? tokenHash : UNTRUSTED_DEVICE;
}

type GuardInput = {
  user: User | undefined;
  deviceKey: string;
  actor: AuditActor;
  details: Record<string, unknown>;
};

/** A locked account (for this device) or a throttled IP is refused without any hashing. */
export async function refuseBeforeHashing({
  user,
  deviceKey,
  actor,
  details,
}: GuardInput): Promise<Refusal | null> {
  if (user) {
    const [lock] = await db()
      .select()
      .from(accountLockouts)
      .where(and(eq(accountLockouts.userId, user.id), eq(accountLockouts.deviceKey, deviceKey)));
    if (lock?.lockedUntil && lock.lockedUntil > new Date()) {
      await recordAudit(userActor(actor, user), {
        action: "auth.login_refused_locked",
        subjectType: "User",
        subjectId: user.id,
      });
      return { kind: "locked", until: lock.lockedUntil };
    }
  }
  const [recent] = await db()
    .select({ failures: count() })
    .from(loginFailures)
    .where(
      and(
        eq(loginFailures.ip, actor.ip ?? "unknown"),
        gt(loginFailures.at, sql`now() - interval '1 minute'`),
      ),
    );
  if ((recent?.failures ?? 0) >= env().LOGIN_MAX_FAILURES_PER_IP_PER_MINUTE) {
    await recordAudit(user ? userActor(actor, user) : actor, {
      action: "auth.login_throttled",
      details,
    });
    return { kind: "throttled" };
  }
  return null;
}

/**
 * Counts one failed attempt (wrong password or wrong second factor) against the IP and the
 * account-device pair; the attempt that reaches the threshold locks and says so.
 */
export async function registerFailure({
  user,
  deviceKey,
  actor,
  details,
}: GuardInput): Promise<Refusal | null> {
  const config = env();
  return db().transaction(async (tx) => {
    const ip = actor.ip ?? "unknown";
    // Rows only matter for a minute; each IP's old ones are swept as it fails again.
    await tx
      .delete(loginFailures)
      .where(and(eq(loginFailures.ip, ip), sql`${loginFailures.at} < now() - interval '1 hour'`));
    await tx.insert(loginFailures).values({ ip });
    const auditActor = user ? userActor(actor, user) : actor;
    await recordAudit(
      auditActor,
      {
        action: "auth.login_failed",
        subjectType: user ? "User" : null,
        subjectId: user?.id ?? null,
        details,
      },
      tx,
    );
    if (!user) return null;

    const [lock] = await tx
      .insert(accountLockouts)
      .values({ userId: user.id, deviceKey, consecutiveFailures: 1 })
      .onConflictDoUpdate({
        target: [accountLockouts.userId, accountLockouts.deviceKey],
        set: { consecutiveFailures: sql`${accountLockouts.consecutiveFailures} + 1` },
      })
      .returning();
    if (lock!.consecutiveFailures < config.LOGIN_LOCKOUT_THRESHOLD) return null;

    const until = new Date(Date.now() + config.LOGIN_LOCKOUT_MINUTES * 60_000);
    await tx
      .update(accountLockouts)
      .set({ consecutiveFailures: 0, lockedUntil: until })
      .where(and(eq(accountLockouts.userId, user.id), eq(accountLockouts.deviceKey, deviceKey)));
    await recordAudit(
      auditActor,
      {
        action: "auth.account_locked",
        subjectType: "User",
        subjectId: user.id,
        details: { until: until.toISOString(), trustedDevice: isTrustedKey(deviceKey) },
      },
      tx,
    );
    return { kind: "locked", until } as const;
  });
}

export async function clearLock(userId: string, deviceKey?: string) {
  await db()
    .delete(accountLockouts)
    .where(
      deviceKey
        ? and(eq(accountLockouts.userId, userId), eq(accountLockouts.deviceKey, deviceKey))
        : eq(accountLockouts.userId, userId),
    );
}
