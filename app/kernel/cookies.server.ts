import { parseCookie, stringifySetCookie } from "cookie";
import { env } from "~/kernel/env.server";

export const SESSION_COOKIE = "ambit_session";
export const DEVICE_COOKIE = "ambit_device";

export function readCookie(request: Request, name: string): string | undefined {
  const header = request.headers.get("Cookie");
  if (!header) return undefined;
  return parseCookie(header)[name] || undefined;
}

type CookieOptions = { secure: boolean; maxAgeSeconds: number };

function setCookie(name: string, value: string, { secure, maxAgeSeconds }: CookieOptions) {
  return stringifySetCookie(name, value, {
    httpOnly: true,
    sameSite: "lax",
    secure,
    path: "/",
    maxAge: maxAgeSeconds,
  });
}

export function sessionCookie(token: string, secure: boolean) {
  return setCookie(SESSION_COOKIE, token, {
    secure,
    maxAgeSeconds: env().SESSION_ABSOLUTE_HOURS * 3600,
  });
}

export function clearSessionCookie(secure: boolean) {
  return setCookie(SESSION_COOKIE, "", { secure, maxAgeSeconds: 0 });
}

const YEAR_SECONDS = 365 * 24 * 3600;

export function deviceCookie(token: string, secure: boolean) {
  return setCookie(DEVICE_COOKIE, token, { secure, maxAgeSeconds: YEAR_SECONDS });
}
