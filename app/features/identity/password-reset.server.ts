import { and, count, eq, gt, isNull } from "drizzle-orm";
import { createElement } from "react";
import { db, type Database } from "#db/client.server";
import { passwordResetTokens } from "#db/schema";
import { PasswordResetEmail, passwordResetSubject } from "#emails/password-reset";
import { translatorFor } from "~/i18n";
import { changePassword, findUserByEmail } from "~/features/identity/user.server";
import { recordAudit, type AuditActor } from "~/kernel/audit/audit.server";
import { sendMail } from "~/kernel/mail/mail.server";
import { clearAccountLocks, trustNewDevice } from "~/features/identity/sign-in.server";
import { generateToken, hashToken } from "~/kernel/crypto.server";
import { env } from "~/kernel/env.server";
import { recipientLocaleOf } from "~/kernel/locale.server";

export const RESET_TOKEN_MINUTES = 30;
const MAX_REQUESTS_PER_HOUR = 5;

/**
 * Sends a reset link if the address belongs to an active account, in the account holder's
 * language (not the language of whoever filled in the form). The caller answers the same either
 * way, so the form cannot be used to find out who has an account.
 */
export async function requestPasswordReset(email: string, actor: AuditActor) {
  const user = await findUserByEmail(email);
  if (!user || user.disabledAt) {
    await recordAudit(actor, {
      action: "auth.password_reset_requested",
      details: { matched: false },
      personal: { email: email.trim().toLowerCase().slice(0, 254) },
    });
    return;
  }
  const [recent] = await db()
    .select({ n: count() })
    .from(passwordResetTokens)
    .where(
      and(
        eq(passwordResetTokens.userId, user.id),
        gt(passwordResetTokens.createdAt, new Date(Date.now() - 3_600_000)),
      ),
    );
  const userActor = { ...actor, userId: user.id, organizationId: user.organizationId };
  if ((recent?.n ?? 0) >= MAX_REQUESTS_PER_HOUR) {
    await recordAudit(userActor, {
      action: "auth.password_reset_throttled",
      subjectType: "User",
      subjectId: user.id,
    });
    return;
  }

  const resetUrl = await db().transaction(async (tx) => {
    // Only the newest link works.
    await tx
      .update(passwordResetTokens)
      .set({ usedAt: new Date() })
      .where(and(eq(passwordResetTokens.userId, user.id), isNull(passwordResetTokens.usedAt)));
    const link = await issueResetLink(user.id, tx);
    await recordAudit(
      userActor,
      {
        action: "auth.password_reset_requested",
        subjectType: "User",
        subjectId: user.id,
        details: { matched: true },
      },
      tx,
    );
    return link;
  });

  const { language } = await recipientLocaleOf(user);
  const t = translatorFor(language);
  await sendMail({
    template: "password-reset",
    to: user.email,
    subject: passwordResetSubject(t),
    body: createElement(PasswordResetEmail, {
      t,
      language,
      name: user.name,
      resetUrl,
      expiresInMinutes: RESET_TOKEN_MINUTES,
    }),
  });
}

async function issueResetLink(userId: string, executor: Database = db()) {
  const token = generateToken();
  await executor.insert(passwordResetTokens).values({
    tokenHash: hashToken(token),
    userId,
    expiresAt: new Date(Date.now() + RESET_TOKEN_MINUTES * 60_000),
  });
  return `${env().APP_URL}/reset-password/${token}`;
}

/** A reset link issued without email, for the operator who creates the first administrator. */
export function createPasswordSetupLink(userId: string) {
  return issueResetLink(userId);
}

async function findUsableToken(token: string) {
  const [row] = await db()
    .select()
    .from(passwordResetTokens)
    .where(
      and(
        eq(passwordResetTokens.tokenHash, hashToken(token)),
        isNull(passwordResetTokens.usedAt),
        gt(passwordResetTokens.expiresAt, new Date()),
      ),
    );
  return row;
}

export async function isResetTokenUsable(token: string) {
  return (await findUsableToken(token)) !== undefined;
}

/**
 * Uses the token up, sets the password, ends every session and lifts lockouts. The browser that
 * did it proved it reads the user's mail, so it becomes a trusted device (its token is returned).
 */
export async function resetPassword(
  token: string,
  newPassword: string,
  actor: AuditActor,
): Promise<{ deviceToken: string } | null> {
  const row = await findUsableToken(token);
  if (!row) return null;
  const used = await db().transaction(async (tx) => {
    const claimed = await tx
      .update(passwordResetTokens)
      .set({ usedAt: new Date() })
      .where(
        and(eq(passwordResetTokens.tokenHash, row.tokenHash), isNull(passwordResetTokens.usedAt)),
      )
      .returning({ userId: passwordResetTokens.userId });
    if (claimed.length === 0) return false;
    await changePassword(
      row.userId,
      newPassword,
      { action: "auth.password_reset" },
      { ...actor, userId: row.userId },
      tx,
    );
    return true;
  });
  if (!used) return null;
  await clearAccountLocks(row.userId);
  return { deviceToken: await trustNewDevice(row.userId) };
}
