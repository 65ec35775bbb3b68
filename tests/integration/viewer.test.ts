import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { observeQueries } from "#db/client.server";
import { SESSION_COOKIE } from "~/kernel/cookies.server";
import { GASTRAUM } from "../support/demo-people";
import { demoWorld } from "../support/http-as";
import { startRemixApp, type RemixApp } from "../support/remix-app";

/*
 * One Viewer per request: a page whose route has nested loaders (the app layout, the project
 * layout, the page) looks its session up once, not once per loader, in the page and in its
 * single-fetch data alike.
 */

const world = demoWorld();
let app: RemixApp;

beforeAll(async () => {
  app = await startRemixApp();
});

afterAll(async () => {
  await app?.close();
});

/** The statements one request sends, by what they read. */
async function statementsOf(path: string, token: string) {
  const seen: string[] = [];
  const stop = observeQueries((query) => seen.push(query));
  try {
    const response = await app.get(path, `${SESSION_COOKIE}=${token}`);
    expect(response.status).toBe(200);
    await response.text();
  } finally {
    stop();
  }
  return {
    all: seen,
    sessionLookups: seen.filter((query) => /from "sessions"/.test(query)),
  };
}

describe("the Viewer of a request", () => {
  for (const [person, suffix] of [
    ["anna", ""],
    ["lena", ""],
    ["anna", ".data"],
  ] as const) {
    test(`${person}'s project history${suffix} validates the session once`, async () => {
      const projectId = world.ids.projectIds.get(GASTRAUM)!;
      const path = `/projects/${projectId}/history${suffix}`;
      const { all, sessionLookups } = await statementsOf(path, world.tokens.get(person)!);
      expect(all.length).toBeGreaterThan(1);
      expect(sessionLookups).toHaveLength(1);
    });
  }
});
