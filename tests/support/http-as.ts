import { eq } from "drizzle-orm";
import { db } from "#db/client.server";
import { entries, projects, users } from "#db/schema";
import { createSession } from "~/services/session.server";
import { SESSION_COOKIE } from "~/utils/cookies.server";
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
  const headers = new Headers();
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
