import type { AppLoadContext } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { hostRoles } from "#db/schema";
import type { User } from "~/kernel/session.server";
import { clearSessionCookie, readCookie, SESSION_COOKIE } from "~/kernel/cookies.server";
import { env } from "~/kernel/env.server";
import { viewerOf, type Viewer } from "~/kernel/viewer.server";

export const TWO_FACTOR_SETUP_PATH = "/account/two-factor";

/** The signed-in user, whatever stage of sign-in they are at, or null. */
export function getSession(request: Request, context: AppLoadContext): Promise<Viewer | null> {
  return viewerOf(request, context);
}

export function twoFactorRequired(user: User) {
  return (
    env().REQUIRE_TWO_FACTOR_FOR_HOST_STAFF &&
    hostRoles.includes(user.role) &&
    !user.twoFactorExempt
  );
}

function loginRedirect(request: Request, context: AppLoadContext, hadCookie: boolean) {
  const url = new URL(request.url);
  const back = url.pathname + url.search;
  const target = back === "/" ? "/login" : `/login?${new URLSearchParams({ redirectTo: back })}`;
  const headers = new Headers();
  if (hadCookie) headers.append("Set-Cookie", clearSessionCookie(context.secure));
  return redirect(target, { headers });
}

/**
 * A fully signed-in user (password and, where enrolled, second factor). Users who must enrol in
 * two-factor first are sent to enrolment, which is the only page they can use until they do.
 */
export async function requireUser(request: Request, context: AppLoadContext): Promise<Viewer> {
  const current = await getSession(request, context);
  if (!current)
    throw loginRedirect(request, context, readCookie(request, SESSION_COOKIE) !== undefined);
  if (current.user.totpEnabledAt && !current.session.twoFactorVerified) {
    throw redirect("/login/two-factor");
  }
  const path = new URL(request.url).pathname;
  if (
    !current.user.totpEnabledAt &&
    twoFactorRequired(current.user) &&
    path !== TWO_FACTOR_SETUP_PATH
  ) {
    throw redirect(TWO_FACTOR_SETUP_PATH);
  }
  return current;
}

/** For the sign-in pages: a signed-in visitor goes home instead. */
export async function requireAnonymous(request: Request, context: AppLoadContext) {
  const current = await getSession(request, context);
  if (current && (current.session.twoFactorVerified || !current.user.totpEnabledAt)) {
    throw redirect("/");
  }
}

/** Only same-site relative paths, so a crafted link cannot send a user elsewhere after sign-in. */
export function safeRedirectPath(value: FormDataEntryValue | string | null | undefined) {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//")) return "/";
  if (value.startsWith("/\\")) return "/";
  // Browsers drop tabs and newlines inside a URL, so "/<TAB>/evil.example" would mean "//evil.example".
  if ([...value].some((char) => char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f))
    return "/";
  return value;
}
