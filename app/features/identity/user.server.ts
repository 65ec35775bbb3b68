import { eq, sql } from "drizzle-orm";
import { db, type Database } from "#db/client.server";
import { organizations, users } from "#db/schema";
import type { AuditActor } from "~/kernel/audit/audit.server";
import { recordAudit } from "~/kernel/audit/audit.server";
import { invalidateUserSessions } from "~/kernel/session.server";
import { hashPassword } from "~/kernel/password.server";
import type { Language } from "~/i18n";

export function normaliseEmail(email: string) {
  return email.trim().toLowerCase();
}

export async function findUserByEmail(email: string, executor: Database = db()) {
  const [user] = await executor
    .select()
    .from(users)
    .where(eq(sql`lower(${users.email})`, normaliseEmail(email)));
  return user;
}

export async function getUserWithOrganization(userId: string) {
  const [row] = await db()
    .select({ user: users, organization: organizations })
    .from(users)
    .innerJoin(organizations, eq(organizations.id, users.organizationId))
    .where(eq(users.id, userId));
  return row;
}

/** Disabling ends every session of the user in the same transaction. */
export async function setUserDisabled(userId: string, disabled: boolean, actor: AuditActor) {
  await db().transaction(async (tx) => {
    await tx
      .update(users)
      .set({ disabledAt: disabled ? new Date() : null })
      .where(eq(users.id, userId));
    const endedSessions = disabled ? await invalidateUserSessions(userId, {}, tx) : 0;
    await recordAudit(
      actor,
      {
        action: disabled ? "user.disabled" : "user.enabled",
        subjectType: "User",
        subjectId: userId,
        details: disabled ? { endedSessions } : {},
      },
      tx,
    );
  });
}

/** A new password ends every other session of the user (all of them when `keepSessionId` is unset). */
export async function changePassword(
  userId: string,
  newPassword: string,
  options: { keepSessionId?: string; action: "auth.password_changed" | "auth.password_reset" },
  actor: AuditActor,
  executor?: Database,
) {
  const passwordHash = await hashPassword(newPassword);
  const run = async (tx: Database) => {
    await tx
      .update(users)
      .set({ passwordHash, passwordChangedAt: new Date() })
      .where(eq(users.id, userId));
    const endedSessions = await invalidateUserSessions(
      userId,
      { exceptSessionId: options.keepSessionId },
      tx,
    );
    await recordAudit(
      actor,
      {
        action: options.action,
        subjectType: "User",
        subjectId: userId,
        details: { endedSessions },
      },
      tx,
    );
    return endedSessions;
  };
  return executor ? run(executor) : db().transaction(run);
}

/** The user's language and time zone; null leaves each to their browser. */
export async function setPreferences(
  userId: string,
  preferences: { locale?: Language | null; timeZone?: string | null },
) {
  await db().update(users).set(preferences).where(eq(users.id, userId));
}
