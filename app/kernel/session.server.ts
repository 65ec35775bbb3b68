import { and, eq, gt, ne } from "drizzle-orm";
import { db, type Database } from "#db/client.server";
import { organizations, sessions, users } from "#db/schema";
import { env } from "~/kernel/env.server";
import { logger } from "~/kernel/logger.server";
import { generateToken, hashToken } from "~/kernel/crypto.server";

export type Session = typeof sessions.$inferSelect;
export type User = typeof users.$inferSelect;
export type Organization = typeof organizations.$inferSelect;
export type SessionWithUser = { session: Session; user: User; organization: Organization };

const MINUTE = 60_000;

export async function createSession(
  userId: string,
  details: { ip: string; userAgent: string; twoFactorVerified: boolean },
  executor: Database = db(),
): Promise<{ token: string; session: Session }> {
  const token = generateToken();
  const now = new Date();
  const [session] = await executor
    .insert(sessions)
    .values({
      id: hashToken(token),
      userId,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + env().SESSION_ABSOLUTE_HOURS * 60 * MINUTE),
      twoFactorVerified: details.twoFactorVerified,
      ip: details.ip,
      userAgent: details.userAgent.slice(0, 512),
    })
    .returning();
  return { token, session: session! };
}

/**
 * The Lucia check: hash the token, look it up, and end it once it is idle or past its absolute
 * expiry. Activity slides the idle window; the write happens at most once a minute.
 */
export async function validateSessionToken(token: string): Promise<SessionWithUser | null> {
  const [row] = await db()
    .select({ session: sessions, user: users, organization: organizations })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(organizations, eq(organizations.id, users.organizationId))
    .where(eq(sessions.id, hashToken(token)));
  if (!row) return null;
  const now = Date.now();
  const idleLimit = env().SESSION_IDLE_MINUTES * MINUTE;
  const expired =
    now >= row.session.expiresAt.getTime() ||
    now - row.session.lastSeenAt.getTime() >= idleLimit ||
    row.user.disabledAt !== null;
  if (expired) {
    await invalidateSession(row.session.id);
    return null;
  }
  if (now - row.session.lastSeenAt.getTime() >= MINUTE) {
    row.session.lastSeenAt = new Date(now);
    touchSession(row.session.id, row.session.lastSeenAt);
  }
  return row;
}

const pendingTouches = new Set<Promise<void>>();

/** Slides the idle window off the response path: no page waits for this bookkeeping write. */
function touchSession(sessionId: string, lastSeenAt: Date) {
  const touch = db()
    .update(sessions)
    .set({ lastSeenAt })
    .where(eq(sessions.id, sessionId))
    .then(
      () => undefined,
      (error: unknown) => logger.warn({ err: error }, "could not record a session's activity"),
    );
  pendingTouches.add(touch);
  void touch.finally(() => pendingTouches.delete(touch));
}

/** Waits for the activity writes still under way (before the database closes). */
export async function settleSessionTouches() {
  await Promise.all(pendingTouches);
}

export async function markSessionTwoFactorVerified(sessionId: string) {
  await db().update(sessions).set({ twoFactorVerified: true }).where(eq(sessions.id, sessionId));
}

export async function invalidateSession(sessionId: string, executor: Database = db()) {
  await executor.delete(sessions).where(eq(sessions.id, sessionId));
}

/** Ends every session of a user, or every one but `exceptSessionId`. Returns how many ended. */
export async function invalidateUserSessions(
  userId: string,
  options: { exceptSessionId?: string } = {},
  executor: Database = db(),
): Promise<number> {
  const condition = options.exceptSessionId
    ? and(eq(sessions.userId, userId), ne(sessions.id, options.exceptSessionId))
    : eq(sessions.userId, userId);
  const ended = await executor.delete(sessions).where(condition).returning({ id: sessions.id });
  return ended.length;
}

export async function listActiveSessions(userId: string) {
  const idleCutoff = new Date(Date.now() - env().SESSION_IDLE_MINUTES * MINUTE);
  return db()
    .select()
    .from(sessions)
    .where(
      and(
        eq(sessions.userId, userId),
        gt(sessions.expiresAt, new Date()),
        gt(sessions.lastSeenAt, idleCutoff),
      ),
    )
    .orderBy(sessions.lastSeenAt);
}
