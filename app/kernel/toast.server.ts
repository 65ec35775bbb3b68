import { redirect } from "@remix-run/node";
import { parseCookie, stringifySetCookie } from "cookie";

const TOAST_COOKIE = "ambit_toast";

export type Toast = { tone: "success" | "info"; message: string };

/** A one-shot message shown on the page the redirect lands on. */
export function redirectWithToast(url: string, toast: Toast, init: { headers?: Headers } = {}) {
  const headers = new Headers(init.headers);
  headers.append(
    "Set-Cookie",
    stringifySetCookie(TOAST_COOKIE, JSON.stringify(toast), {
      path: "/",
      httpOnly: true,
      sameSite: "lax",
      maxAge: 60,
    }),
  );
  return redirect(url, { headers });
}

export function readToast(request: Request): { toast: Toast | null; clear: string | null } {
  const raw = parseCookie(request.headers.get("Cookie") ?? "")[TOAST_COOKIE];
  if (!raw) return { toast: null, clear: null };
  const clear = stringifySetCookie(TOAST_COOKIE, "", { path: "/", maxAge: 0 });
  try {
    const parsed = JSON.parse(raw) as Toast;
    if (typeof parsed.message !== "string") return { toast: null, clear };
    return {
      toast: { tone: parsed.tone === "info" ? "info" : "success", message: parsed.message },
      clear,
    };
  } catch {
    return { toast: null, clear };
  }
}
