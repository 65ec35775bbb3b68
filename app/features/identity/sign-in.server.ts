import { createHash } from "node:crypto";
import type { TFunction } from "i18next";
import { and, count, eq, gt, isNull, lt, or, sql } from "drizzle-orm";
import { databaseKind, db } from "#db/client.server";
import { accountLockouts, loginFailures, trustedDevices, users } from "#db/schema";
import { findUserByEmail, normaliseEmail } from "~/features/identity/user.server";
import { recordAudit, type AuditActor } from "~/kernel/audit/audit.server";
import { markSessionTwoFactorVerified, type User } from "~/kernel/session.server";
import { verifySecondFactor } from "~/features/identity/two-factor.server";
import { generateToken, hashToken } from "~/kernel/crypto.server";
import { env } from "~/kernel/env.server";
import { burnPasswordCheck, verifyPassword } from "~/kernel/password.server";

export type SignInAttempt = {
  email: string;
  password: string;
  ip: string;
  userAgent: string;
  /** The browser's device cookie, if it has one. */
  deviceToken?: string;
};

/**
 * `trustedDevice` says whether the lock holds this browser only (one the owner signed in with
 * before) or every unknown browser; only the owner's own browser can ever see `true`.
 */
export type Refusal =
  { kind: "throttled" } | { kind: "locked"; until: Date; trustedDevice: boolean };

export type SignInResult =
  | Refusal
  | { kind: "invalid" }
  | { kind: "disabled" }
  | { kind: "ok"; user: User; deviceToken: string; newDevice: boolean };

/**
 * Browsers without a trusted-device cookie share one lock per typed address, so guesses spread
 * over many IPs still lock it. A user locked out on a new browser gets in by resetting the
 * password by email, which makes that browser trusted, or on a browser they used before.
 */
const UNTRUSTED_DEVICE = "untrusted";
const isTrustedKey = (deviceKey: string) => deviceKey !== UNTRUSTED_DEVICE;

/**
 * The lock key of a typed address: normalised, and cut to the longest address there is, so a
 * megabyte of "email" cannot make an index entry that PostgreSQL refuses.
 */
const lockEmail = (email: string) => normaliseEmail(email).slice(0, 254);

/** What the sign-in forms say to a refused attempt (answered with 429). */
export function refusalMessage(t: TFunction, refusal: Refusal) {
  if (refusal.kind === "throttled") return t("auth.errors.throttled");
  const minutes = Math.max(1, Math.ceil((refusal.until.getTime() - Date.now()) / 60_000));
  return t(refusal.trustedDevice ? "auth.errors.lockedHere" : "auth.errors.locked", {
    count: minutes,
  });
}

const userActor = (actor: AuditActor, user: User): AuditActor => ({
  ...actor,
  userId: user.id,
  organizationId: user.organizationId,
});

/**
 * Checks credentials with brute-force protection. The lock and the per-IP throttle are checked
 * before any password hash is computed. Locks are kept per typed address *and* device: a browser
 * that signed in to the account before keeps its own counter and is not held back by its
 * address's throttle, so an attacker can lock out only unknown browsers, never the victim's own.
 * An address without an account is counted and locked exactly like one with an account.
 */
export function attemptSignIn(attempt: SignInAttempt): Promise<SignInResult> {
  const email = lockEmail(attempt.email);
  return oneAtATime([`ip:${attempt.ip}`, `email:${email}`], () => checkAttempt(attempt, email));
}

async function checkAttempt(attempt: SignInAttempt, email: string): Promise<SignInResult> {
  const actor: AuditActor = { ip: attempt.ip, userAgent: attempt.userAgent };
  const user = await findUserByEmail(attempt.email);
  const deviceKey = await deviceKeyFor(user?.id, attempt.deviceToken);

  const refusal = await refuseBeforeHashing({
    email,
    user,
    deviceKey,
    actor,
    details: {},
    personal: { email },
  });
  if (refusal) return refusal;

  const passwordOk = user?.passwordHash
    ? await verifyPassword(user.passwordHash, attempt.password)
    : (await burnPasswordCheck(attempt.password), false);

  if (!user || !passwordOk) {
    const outcome = await registerFailure({
      email,
      user,
      deviceKey,
      actor,
      details: { reason: user ? "wrong_password" : "unknown_email" },
      personal: { email },
    });
    return outcome ?? { kind: "invalid" };
  }

  await clearLock(email, deviceKey);

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
  const email = lockEmail(user.email);
  return oneAtATime([`ip:${actor.ip}`, `email:${email}`], async () => {
    const deviceKey = await deviceKeyFor(user.id, input.deviceToken);
    const guard = { email, user, deviceKey, actor, details: { step: "second_factor" } };
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
    await clearLock(email, deviceKey);
    await markSignedIn(user.id);
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
 * Runs `work` after every earlier call that shares one of `keys` has finished, in this process
 * and, on a PostgreSQL server, in every other app process on it. Without this, a burst of
 * parallel attempts all pass the throttle and lock checks before any failure is counted (40
 * parallel guesses were all checked against a limit of 10; split over two processes, 11 were).
 */
export async function oneAtATime<T>(keys: string[], work: () => Promise<T>): Promise<T> {
  const earlier = keys.map((key) => inFlight.get(key));
  const result = Promise.allSettled(earlier).then(() => acrossProcesses(keys, work));
  const settled = result.catch(() => undefined);
  for (const key of keys) inFlight.set(key, settled);
  try {
    return await result;
  } finally {
    for (const key of keys) if (inFlight.get(key) === settled) inFlight.delete(key);
  }
}

// Advisory locks of the two-number form, in a class of their own (the migration lock is a single
// number, which PostgreSQL keeps apart).
const SIGN_IN_LOCK_CLASS = 72_616_602;

/** A 32-bit lock number per key, sorted, so every process takes them in the same order. */
const lockNumbers = (keys: string[]) =>
  [...new Set(keys.map((key) => createHash("sha256").update(key).digest().readInt32BE(0)))].sort(
    (x, y) => x - y,
  );

/**
 * Holds the keys' advisory locks in a transaction while `work` runs on other connections. Each
 * holder keeps a pooled connection idle meanwhile, so only a few may hold or wait at once: the
 * rest of the pool stays free for the work itself, or holders would wait for it forever.
 * PGlite is one process and one connection; the in-process queue is all it needs.
 */
async function acrossProcesses<T>(keys: string[], work: () => Promise<T>): Promise<T> {
  if (databaseKind() !== "postgres") return work();
  return withLockSlot(() =>
    db().transaction(async (tx) => {
      for (const lock of lockNumbers(keys)) {
        await tx.execute(sql`select pg_advisory_xact_lock(${SIGN_IN_LOCK_CLASS}, ${lock})`);
      }
      return work();
    }),
  );
}

const LOCK_SLOTS = 2;
let lockSlotsInUse = 0;
const lockSlotQueue: (() => void)[] = [];

async function withLockSlot<T>(run: () => Promise<T>): Promise<T> {
  if (lockSlotsInUse < LOCK_SLOTS) lockSlotsInUse += 1;
  else await new Promise<void>((resolve) => lockSlotQueue.push(resolve));
  try {
    return await run();
  } finally {
    // The slot passes straight to the next in line, or is given back.
    const next = lockSlotQueue.shift();
    if (next) next();
    else lockSlotsInUse -= 1;
  }
}

/**
 * The lock key of this browser for this account: its trusted-device hash, or "untrusted". The
 * device is looked up whether or not the address has an account, so both take the same queries.
 */
export async function deviceKeyFor(userId: string | undefined, deviceToken: string | undefined) {
  if (!deviceToken) return UNTRUSTED_DEVICE;
  const tokenHash = hashToken(deviceToken);
  const [device] = await db()
    .select({ userId: trustedDevices.userId })
    .from(trustedDevices)
    .where(eq(trustedDevices.tokenHash, tokenHash));
  return device && device.userId === userId ? tokenHash : UNTRUSTED_DEVICE;
}

type GuardInput = {
  /** The typed address, normalised (see lockEmail): what failures are counted against. */
  email: string;
  user: User | undefined;
  deviceKey: string;
  actor: AuditActor;
  details: Record<string, unknown>;
  /** The typed address, when the events should name it (erasable, ADR 26). */
  personal?: Record<string, unknown>;
};

const auditActorFor = (actor: AuditActor, user: User | undefined) =>
  user ? userActor(actor, user) : actor;

const userSubject = (user: User | undefined) =>
  user ? { subjectType: "User", subjectId: user.id } : { subjectType: null, subjectId: null };

/** A counter nobody has added to for a day starts over (and is swept). */
const FAILURES_KEPT = sql`interval '1 day'`;

/**
 * A locked address (for this device) or a throttled IP is refused without any hashing. A browser
 * the account trusts is not held back by its IP's throttle: its own lock bounds its guesses, and
 * colleagues behind one office address are not refused because someone there mistyped.
 */
export async function refuseBeforeHashing({
  email,
  user,
  deviceKey,
  actor,
  details,
  personal,
}: GuardInput): Promise<Refusal | null> {
  const [lock] = await db()
    .select({ lockedUntil: accountLockouts.lockedUntil })
    .from(accountLockouts)
    .where(and(eq(accountLockouts.email, email), eq(accountLockouts.deviceKey, deviceKey)));
  if (lock?.lockedUntil && lock.lockedUntil > new Date()) {
    await recordAudit(auditActorFor(actor, user), {
      action: "auth.login_refused_locked",
      ...userSubject(user),
      details,
      personal,
    });
    return { kind: "locked", until: lock.lockedUntil, trustedDevice: isTrustedKey(deviceKey) };
  }
  if (isTrustedKey(deviceKey)) return null;
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
    await recordAudit(auditActorFor(actor, user), {
      action: "auth.login_throttled",
      details,
      personal,
    });
    return { kind: "throttled" };
  }
  return null;
}

/**
 * Counts one failed attempt (wrong password, unknown address or wrong second factor) against the
 * IP and the address-device pair; the attempt that reaches the threshold locks and says so.
 */
export async function registerFailure({
  email,
  user,
  deviceKey,
  actor,
  details,
  personal,
}: GuardInput): Promise<Refusal | null> {
  const config = env();
  return db().transaction(async (tx) => {
    const ip = actor.ip ?? "unknown";
    // Rows only matter for a minute; each IP's old ones are swept as it fails again.
    await tx
      .delete(loginFailures)
      .where(and(eq(loginFailures.ip, ip), sql`${loginFailures.at} < now() - interval '1 hour'`));
    await tx.insert(loginFailures).values({ ip });
    const auditActor = auditActorFor(actor, user);
    await recordAudit(
      auditActor,
      { action: "auth.login_failed", ...userSubject(user), details, personal },
      tx,
    );

    // Every typed address gets a counter, so stale ones (no failure for a day, no lock in force)
    // are swept here, which also starts this address over if it was quiet that long.
    await tx
      .delete(accountLockouts)
      .where(
        and(
          lt(accountLockouts.lastFailedAt, sql`now() - ${FAILURES_KEPT}`),
          or(isNull(accountLockouts.lockedUntil), lt(accountLockouts.lockedUntil, sql`now()`)),
        ),
      );
    const [lock] = await tx
      .insert(accountLockouts)
      .values({ email, deviceKey, consecutiveFailures: 1 })
      .onConflictDoUpdate({
        target: [accountLockouts.email, accountLockouts.deviceKey],
        set: {
          consecutiveFailures: sql`${accountLockouts.consecutiveFailures} + 1`,
          lastFailedAt: sql`now()`,
        },
      })
      .returning();
    if (lock!.consecutiveFailures < config.LOGIN_LOCKOUT_THRESHOLD) return null;

    const until = new Date(Date.now() + config.LOGIN_LOCKOUT_MINUTES * 60_000);
    await tx
      .update(accountLockouts)
      .set({ consecutiveFailures: 0, lockedUntil: until })
      .where(and(eq(accountLockouts.email, email), eq(accountLockouts.deviceKey, deviceKey)));
    const trustedDevice = isTrustedKey(deviceKey);
    await recordAudit(
      auditActor,
      {
        action: "auth.account_locked",
        ...userSubject(user),
        details: { until: until.toISOString(), trustedDevice },
        personal: { email },
      },
      tx,
    );
    return { kind: "locked", until, trustedDevice } as const;
  });
}

/** After a correct password (and second factor): this address and browser start over. */
export async function clearLock(email: string, deviceKey: string) {
  await db()
    .delete(accountLockouts)
    .where(
      and(eq(accountLockouts.email, lockEmail(email)), eq(accountLockouts.deviceKey, deviceKey)),
    );
}

/** Lifts every lock of the user's address, for every browser (after a password reset). */
export async function clearAccountLocks(userId: string) {
  const [user] = await db().select({ email: users.email }).from(users).where(eq(users.id, userId));
  if (!user) return;
  await db()
    .delete(accountLockouts)
    .where(eq(accountLockouts.email, lockEmail(user.email)));
}

/** A completed sign-in: access reviews tell dormant external users by it. */
export async function markSignedIn(userId: string) {
  await db()
    .update(users)
    .set({ lastSignInAt: sql`now()` })
    .where(eq(users.id, userId));
}
