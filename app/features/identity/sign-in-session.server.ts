import type { AppLoadContext } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { recordAudit } from "~/kernel/audit/audit.server";
import { createSession, invalidateSession, type User } from "~/kernel/session.server";
import { readCookie, SESSION_COOKIE, deviceCookie, sessionCookie } from "~/kernel/cookies.server";
import { hashToken } from "~/kernel/crypto.server";
import { rememberSignInLanguage } from "~/kernel/locale.server";
import { markSignedIn } from "./sign-in.server";

/**
 * After a correct password: a brand-new session token (never reuse one from before sign-in),
 * the device cookie, and the next step — the second factor, or the page the user wanted.
 */
export async function startSession(options: {
  request: Request;
  context: AppLoadContext;
  user: User;
  deviceToken: string;
  newDevice: boolean;
  redirectTo: string;
}) {
  const { request, context, user } = options;
  const previous = readCookie(request, SESSION_COOKIE);
  if (previous) await invalidateSession(hashToken(previous));

  const needsSecondFactor = user.totpEnabledAt !== null;
  const { token, session } = await createSession(user.id, {
    ip: context.ip,
    userAgent: context.userAgent,
    twoFactorVerified: !needsSecondFactor,
  });
  const actor = {
    userId: user.id,
    organizationId: user.organizationId,
    ip: context.ip,
    userAgent: context.userAgent,
  };
  await Promise.all([
    recordAudit(actor, {
      action: needsSecondFactor ? "auth.password_verified" : "auth.login_succeeded",
      subjectType: "Session",
      subjectId: session.id,
      details: { newDevice: options.newDevice },
    }),
    rememberSignInLanguage(user, request),
    needsSecondFactor ? undefined : markSignedIn(user.id),
  ]);

  const headers = new Headers();
  headers.append("Set-Cookie", sessionCookie(token, context.secure));
  if (options.newDevice)
    headers.append("Set-Cookie", deviceCookie(options.deviceToken, context.secure));
  const next = needsSecondFactor
    ? `/login/two-factor?${new URLSearchParams({ redirectTo: options.redirectTo })}`
    : options.redirectTo;
  return redirect(next, { headers });
}
