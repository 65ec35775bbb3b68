import { and, count, eq, gt, sql } from "drizzle-orm";
import { db } from "#db/client.server";
import { accountLockouts, loginFailures, trustedDevices } from "#db/schema";
import { findUserByEmail } from "~/models/user.server";
import { recordAudit, type AuditActor } from "~/services/audit.server";
import type { User } from "~/services/session.server";
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

export type SignInResult =
  | { kind: "throttled" }
  | { kind: "locked"; until: Date }
  | { kind: "invalid" }
  | { kind: "disabled" }
  | { kind: "ok"; user: User; deviceToken: string; newDevice: boolean };

const UNTRUSTED = "untrusted";

/**
 * Checks credentials with brute-force protection. The per-IP throttle and the account lock are
 * checked before any password hash is computed. Locks are kept per account *and* device: a
 * browser that signed in to the account before keeps its own counter, so an attacker can lock
 * out only unknown browsers, never the victim's own.
 */
export async function attemptSignIn(attempt: SignInAttempt): Promise<SignInResult> {
  const config = env();
  const actor: AuditActor = { ip: attempt.ip, userAgent: attempt.userAgent };
  const emailForLog = attempt.email.trim().toLowerCase().slice(0, 254);

  const user = await findUserByEmail(attempt.email);
  const deviceKey = user ? await deviceKeyFor(user.id, attempt.deviceToken) : UNTRUSTED;

  if (user) {
    const [lock] = await db()
      .select()
      .from(accountLockouts)
      .where(and(eq(accountLockouts.userId, user.id), eq(accountLockouts.deviceKey, deviceKey)));
    if (lock?.lockedUntil && lock.lockedUntil > new Date()) {
      await recordAudit(
        { ...actor, userId: user.id, organizationId: user.organizationId },
        { action: "auth.login_refused_locked", subjectType: "User", subjectId: user.id },
      );
      return { kind: "locked", until: lock.lockedUntil };
    }
  }

  const [recent] = await db()
    .select({ failures: count() })
    .from(loginFailures)
    .where(and(eq(loginFailures.ip, attempt.ip), gt(loginFailures.at, sql`now() - interval '1 minute'`)));
  if ((recent?.failures ?? 0) >= config.LOGIN_MAX_FAILURES_PER_IP_PER_MINUTE) {
    await recordAudit(actor, { action: "auth.login_throttled", details: { email: emailForLog } });
    return { kind: "throttled" };
  }

  const passwordOk = user?.passwordHash
    ? await verifyPassword(user.passwordHash, attempt.password)
    : (await burnPasswordCheck(attempt.password), false);

  if (!user || !passwordOk) {
    return recordFailure(attempt, actor, emailForLog, user, deviceKey);
  }

  await db()
    .delete(accountLockouts)
    .where(and(eq(accountLockouts.userId, user.id), eq(accountLockouts.deviceKey, deviceKey)));

  if (user.disabledAt) {
    await recordAudit(
      { ...actor, userId: user.id, organizationId: user.organizationId },
      { action: "auth.login_refused_disabled", subjectType: "User", subjectId: user.id },
    );
    return { kind: "disabled" };
  }

  const trusted = deviceKey !== UNTRUSTED;
  const deviceToken = trusted ? attempt.deviceToken! : generateToken();
  if (trusted) {
    await db()
      .update(trustedDevices)
      .set({ lastUsedAt: new Date() })
      .where(eq(trustedDevices.tokenHash, deviceKey));
  } else {
    await db().insert(trustedDevices).values({ tokenHash: hashToken(deviceToken), userId: user.id });
  }
  return { kind: "ok", user, deviceToken, newDevice: !trusted };
}

async function deviceKeyFor(userId: string, deviceToken: string | undefined) {
  if (!deviceToken) return UNTRUSTED;
  const tokenHash = hashToken(deviceToken);
  const [device] = await db()
    .select({ tokenHash: trustedDevices.tokenHash })
    .from(trustedDevices)
    .where(and(eq(trustedDevices.tokenHash, tokenHash), eq(trustedDevices.userId, userId)));
  return device ? tokenHash : UNTRUSTED;
}

async function recordFailure(
  attempt: SignInAttempt,
  actor: AuditActor,
  emailForLog: string,
  user: User | undefined,
  deviceKey: string,
): Promise<SignInResult> {
  const config = env();
  return db().transaction(async (tx) => {
    await tx.insert(loginFailures).values({ ip: attempt.ip });
    const userActor = user ? { ...actor, userId: user.id, organizationId: user.organizationId } : actor;
    await recordAudit(
      userActor,
      {
        action: "auth.login_failed",
        subjectType: user ? "User" : null,
        subjectId: user?.id ?? null,
        details: { email: emailForLog, reason: user ? "wrong_password" : "unknown_email" },
      },
      tx,
    );
    if (!user) return { kind: "invalid" } as const;

    const [lock] = await tx
      .insert(accountLockouts)
      .values({ userId: user.id, deviceKey, consecutiveFailures: 1 })
      .onConflictDoUpdate({
        target: [accountLockouts.userId, accountLockouts.deviceKey],
        set: { consecutiveFailures: sql`${accountLockouts.consecutiveFailures} + 1` },
      })
      .returning();
    if (lock!.consecutiveFailures < config.LOGIN_LOCKOUT_THRESHOLD) return { kind: "invalid" } as const;

    const until = new Date(Date.now() + config.LOGIN_LOCKOUT_MINUTES * 60_000);
    await tx
      .update(accountLockouts)
      .set({ consecutiveFailures: 0, lockedUntil: until })
      .where(and(eq(accountLockouts.userId, user.id), eq(accountLockouts.deviceKey, deviceKey)));
    await recordAudit(
      userActor,
      {
        action: "auth.account_locked",
        subjectType: "User",
        subjectId: user.id,
        details: { until: until.toISOString(), trustedDevice: deviceKey !== UNTRUSTED },
      },
      tx,
    );
    return { kind: "locked", until } as const;
  });
}

/** Old failure rows only feed the per-minute throttle; anything older is noise. */
export async function pruneLoginFailures() {
  await db().delete(loginFailures).where(sql`${loginFailures.at} < now() - interval '1 day'`);
}
