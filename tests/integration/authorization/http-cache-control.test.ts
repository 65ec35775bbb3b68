import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { db } from "#db/client.server";
import { documents } from "#db/schema";
import { SESSION_COOKIE } from "~/kernel/cookies.server";
import { demoSessions } from "../../support/http-as";
import { startRemixApp, type RemixApp } from "../../support/remix-app";

/*
 * Pages, single fetch `.data` answers and files carry personal data rendered for one reader:
 * no shared cache may keep them, and the browser may not store them for after sign-out.
 * Asked through the whole Remix app, as a browser asks. (Static assets are server.js's, and
 * keep their long cache: tests/e2e/http.spec.ts.)
 */

let app: RemixApp;
let cookie: string;
let heronId: string;

beforeAll(async () => {
  const tokens = await demoSessions(["anna"]);
  cookie = `${SESSION_COOKIE}=${tokens.get("anna")}`;
  const [heron] = await db()
    .select({ id: documents.id })
    .from(documents)
    .where(eq(documents.title, "Grundriss Gastraum v2 (PDF) HERON"));
  heronId = heron!.id;
  app = await startRemixApp();
});

afterAll(async () => {
  await app?.close();
});

describe("Cache-Control of what the app renders", () => {
  const paths = () => [
    "/",
    "/projects",
    "/projects.data",
    "/_root.data",
    "/search?q=AURORA",
    "/account/sessions",
    `/documents/${heronId}/download`,
    "/no-such-page",
  ];

  test("every page, .data answer and file says private, no-store", async () => {
    for (const path of paths()) {
      const response = await app.get(path, cookie);
      expect(response.status, path).toBe(path === "/no-such-page" ? 404 : 200);
      expect(response.headers.get("Cache-Control"), path).toBe("private, no-store");
    }
  });

  test("so do the sign-in page and a signed-out visitor's redirect", async () => {
    const login = await app.get("/login");
    expect(login.status).toBe(200);
    expect(login.headers.get("Cache-Control")).toBe("private, no-store");
    const bounced = await app.get("/projects.data");
    expect(bounced.headers.get("Cache-Control")).toBe("private, no-store");
  });
});
