import { randomBytes, randomUUID } from "node:crypto";
import type { AppLoadContext } from "@remix-run/node";
import pino from "pino";

/** The load context server.js gives every loader and action, with a silent logger. */
export function makeRequestContext(overrides: Partial<AppLoadContext> = {}): AppLoadContext {
  return {
    requestId: randomUUID(),
    cspNonce: randomBytes(16).toString("base64"),
    ip: "198.51.100.7",
    userAgent: "Mozilla/5.0 (X11; Linux x86_64) ambit-tests",
    secure: false,
    logger: pino({ level: "silent" }),
    ...overrides,
  };
}

/** A form-encoded POST as a browser sends it, optionally with cookies. */
export function formRequest(
  url: string,
  fields: Record<string, string>,
  options: { cookies?: Record<string, string> } = {},
): Request {
  // A browser always says which languages it reads; these tests read English.
  const headers = new Headers({
    "Content-Type": "application/x-www-form-urlencoded",
    "Accept-Language": "en-GB",
  });
  const cookies = Object.entries(options.cookies ?? {});
  if (cookies.length > 0) {
    headers.set("Cookie", cookies.map(([name, value]) => `${name}=${value}`).join("; "));
  }
  return new Request(new URL(url, "http://localhost:3000"), {
    method: "POST",
    headers,
    body: new URLSearchParams(fields),
  });
}

export type SetCookie = { name: string; value: string; attributes: Map<string, string> };

/** The Set-Cookie headers of a response, by cookie name, with attribute names lower-cased. */
export function setCookies(response: Response): Map<string, SetCookie> {
  const result = new Map<string, SetCookie>();
  for (const header of response.headers.getSetCookie()) {
    const [pair = "", ...rest] = header.split(";").map((part) => part.trim());
    const eq = pair.indexOf("=");
    const name = pair.slice(0, eq);
    const attributes = new Map<string, string>();
    for (const attribute of rest) {
      const [key = "", value = ""] = attribute.split("=");
      attributes.set(key.toLowerCase(), value);
    }
    result.set(name, { name, value: decodeURIComponent(pair.slice(eq + 1)), attributes });
  }
  return result;
}
