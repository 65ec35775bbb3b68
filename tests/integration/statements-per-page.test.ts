import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { db, observeQueries } from "#db/client.server";
import { documents, organizations } from "#db/schema";
import { SESSION_COOKIE } from "~/kernel/cookies.server";
import { GASTRAUM, type DemoPerson } from "../support/demo-people";
import { demoWorld, markerOf } from "../support/http-as";
import { startRemixApp, type RemixApp } from "../support/remix-app";

/*
 * What a page costs the database: the SQL statements one request sends (drizzle's, without the
 * transaction's begin and commit), for a host and a partner reader. Each page has a budget; a
 * change that makes a page pay for another nested query one by one fails here, long before the
 * benchmark at a million entries would show it.
 */

const world = demoWorld();
let app: RemixApp;
const ids = { account: "", heron: "" };
const measured: string[] = [];

beforeAll(async () => {
  app = await startRemixApp();
  const [account] = await db()
    .select({ id: organizations.id })
    .from(organizations)
    .where(eq(organizations.name, "Café Morgenrot GmbH"));
  ids.account = account!.id;
  for (const row of await db().select().from(documents)) {
    if (markerOf(row.title) === "HERON") ids.heron = row.id;
  }
});

afterAll(async () => {
  await app?.close();
  console.info(`statements per page:\n${measured.join("\n")}`);
});

async function statementsOf(path: string, person: DemoPerson) {
  const seen: string[] = [];
  const stop = observeQueries((query) => {
    if (!/^\s*(begin|commit|rollback|savepoint|release)\b/i.test(query)) seen.push(query);
  });
  try {
    const response = await app.get(path, `${SESSION_COOKIE}=${world.tokens.get(person)}`);
    expect(response.status).toBe(200);
    await response.text();
  } finally {
    stop();
  }
  return seen;
}

const project = () => world.ids.projectIds.get(GASTRAUM)!;
const aurora = () => world.ids.markers.get("AURORA")!.id;

/**
 * page → [path, budget for Anna (host), budget for Lena (partner)]. The timelines and search
 * each pay one statement for customer requests: the timelines read the request activity of the
 * page's stretch of time, search finds requests and comments on requests, in one query each.
 * A partner's project pages pay one more: whether a request of the project is assigned to their
 * organisation (the Requests tab); host staff and customers are answered by the policy alone.
 * The project overview pays one for the capture addresses its reader may see (with the host's
 * name in the same statement). Host staff's home pays one for the access reviews waiting for them.
 */
const PAGES: Record<string, [() => string, number, number]> = {
  home: [() => "/", 5, 5],
  projects: [() => "/projects", 3, 3],
  "project overview": [() => `/projects/${project()}`, 4, 5],
  "project timeline": [() => `/projects/${project()}/history`, 7, 11],
  "account timeline": [() => `/accounts/${ids.account}/history`, 8, 11],
  entry: [() => `/projects/${project()}/history/${aurora()}`, 7, 8],
  documents: [() => `/projects/${project()}/documents`, 5, 7],
  document: [() => `/projects/${project()}/documents/${ids.heron}`, 7, 7],
  "search, common term": [() => "/search?q=Kickoff", 6, 8],
};

describe("SQL statements per page", () => {
  for (const [page, [path, annaBudget, lenaBudget]] of Object.entries(PAGES)) {
    for (const [person, budget] of [
      ["anna", annaBudget],
      ["lena", lenaBudget],
    ] as const) {
      test(`${page} as ${person}: at most ${budget}`, async () => {
        // The second visit is the steady state ("new since your last visit" exists by then).
        await statementsOf(path(), person);
        const statements = await statementsOf(path(), person);
        measured.push(`${page} · ${person}: ${statements.length}`);
        expect(statements.length, statements.join("\n")).toBeLessThanOrEqual(budget);
      });
    }
  }
});
