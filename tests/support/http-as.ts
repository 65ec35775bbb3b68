import { eq } from "drizzle-orm";
import { beforeAll } from "vitest";
import { db } from "#db/client.server";
import { entries, organizations, projects, users } from "#db/schema";
import { createSession } from "~/kernel/session.server";
import { SESSION_COOKIE } from "~/kernel/cookies.server";
import { demoEmails, type DemoPerson } from "./demo-people";
import { makeRequestContext } from "./request";

/** A signed-in session (past two-factor) for each demo person, by name. */
export async function demoSessions(people: DemoPerson[] = Object.keys(demoEmails) as DemoPerson[]) {
  const tokens = new Map<DemoPerson, string>();
  for (const person of people) {
    const [user] = await db().select().from(users).where(eq(users.email, demoEmails[person]));
    const { token } = await createSession(user!.id, {
      ip: "198.51.100.90",
      userAgent: "http-as",
      twoFactorVerified: true,
    });
    tokens.set(person, token);
  }
  return tokens;
}

/** Loader or action arguments as the browser would send them with this session. */
export function routeArgs(
  token: string | undefined,
  path: string,
  params: Record<string, string>,
  body?: URLSearchParams,
) {
  // A browser always says which languages it reads; these tests read English.
  const headers = new Headers({ "Accept-Language": "en-GB" });
  if (token) headers.set("Cookie", `${SESSION_COOKIE}=${token}`);
  if (body) headers.set("Content-Type", "application/x-www-form-urlencoded");
  return {
    request: new Request(new URL(path, "http://localhost:3000"), {
      method: body ? "POST" : "GET",
      headers,
      body,
    }),
    params,
    context: makeRequestContext(),
  };
}

/** The HTTP status a loader or action answers with (thrown responses included). */
export async function statusOf(run: () => Promise<unknown>) {
  try {
    const result = await run();
    if (result instanceof Response) return result.status;
    // `data(value, { status })` from an action.
    if (result && typeof result === "object" && "init" in result) {
      return (result as { init?: { status?: number } }).init?.status ?? 200;
    }
    return 200;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    throw thrown;
  }
}

/** The last word of a demo subject is its marker (AURORA, KESTREL, …). */
export const markerOf = (subject: string | null | undefined) => subject?.split(" ").at(-1) ?? "";

/** Project ids by name and the nine demo entries by marker word. */
export async function demoIds() {
  const projectIds = new Map<string, string>();
  for (const project of await db().select().from(projects))
    projectIds.set(project.name, project.id);
  const markers = new Map<string, { id: string; projectId: string }>();
  const rows = await db()
    .select({ id: entries.id, subject: entries.subject, projectId: entries.projectId })
    .from(entries);
  for (const row of rows)
    markers.set(markerOf(row.subject), { id: row.id, projectId: row.projectId });
  return { projectIds, markers };
}

/** Form fields as URLSearchParams; arrays become repeated fields. */
export function formBody(fields: Record<string, string | string[] | undefined>) {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) body.append(name, item);
  }
  return body;
}

/**
 * The demo sessions, ids and organisation ids by name, loaded before a test file's tests. The
 * maps are filled in place, so a file can take them apart at its top.
 */
export function demoWorld() {
  const world = {
    tokens: new Map<DemoPerson, string>(),
    ids: {
      projectIds: new Map<string, string>(),
      markers: new Map<string, { id: string; projectId: string }>(),
    } satisfies Awaited<ReturnType<typeof demoIds>>,
    org: new Map<string, string>(),
  };
  beforeAll(async () => {
    for (const [person, token] of await demoSessions()) world.tokens.set(person, token);
    const { projectIds, markers } = await demoIds();
    for (const [name, id] of projectIds) world.ids.projectIds.set(name, id);
    for (const [marker, entry] of markers) world.ids.markers.set(marker, entry);
    for (const row of await db().select().from(organizations)) world.org.set(row.name, row.id);
  });
  return world;
}

type Upload = { name: string; bytes: Uint8Array; type?: string };

/** Fields and files as a browser's multipart form sends them; arrays become repeated fields. */
export function multipartForm(
  fields: Record<string, string | string[] | undefined>,
  files: Upload[] = [],
  fileField = "files",
) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) form.append(name, item);
  }
  for (const file of files) {
    form.append(
      fileField,
      new File([new Uint8Array(file.bytes)], file.name, { type: file.type ?? "" }),
    );
  }
  return form;
}

/** A multipart POST with this session, as the browser's FormData sends it. */
export function multipartRequest(token: string | undefined, path: string, form: FormData) {
  return new Request(new URL(path, "http://localhost:3000"), {
    method: "POST",
    headers: {
      "Accept-Language": "en-GB",
      ...(token ? { Cookie: `${SESSION_COOKIE}=${token}` } : {}),
    },
    body: form,
  });
}
