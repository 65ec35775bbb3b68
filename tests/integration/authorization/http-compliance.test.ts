import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { SESSION_COOKIE } from "~/kernel/cookies.server";
import { DEMO_PEOPLE, type DemoPerson } from "../../support/demo-people";
import { demoSessions } from "../../support/http-as";
import { startRemixApp, type RemixApp } from "../../support/remix-app";

/*
 * The compliance console, its audit explorer and the explorer's CSV export, asked through the
 * whole app for every demo user: compliance officers and administrators get in (and find it in
 * the menu); everyone else gets 404 on the pages, their `.data` and the export, with nothing of
 * the log in the answer.
 */

let app: RemixApp;
let tokens: Map<DemoPerson, string>;
let cells = 0;

beforeAll(async () => {
  tokens = await demoSessions();
  app = await startRemixApp();
});

afterAll(async () => {
  await app?.close();
  console.info(`authorization matrix (HTTP, compliance): ${cells} cells`);
});

const cookieOf = (person: DemoPerson) => `${SESSION_COOKIE}=${tokens.get(person)}`;
const PATHS = [
  "/compliance",
  "/compliance.data",
  "/compliance/audit?group=read",
  "/compliance/audit.data?group=read",
  "/compliance/audit.csv?group=read",
  "/compliance/reviews",
  "/compliance/reviews.data",
];
const AUDITORS: DemoPerson[] = ["ida", "clara"];

describe("the compliance console", () => {
  for (const person of DEMO_PEOPLE) {
    const allowed = AUDITORS.includes(person);
    test(`${person} ${allowed ? "opens it, its explorer and the export" : "gets 404 everywhere"}`, async () => {
      for (const path of PATHS) {
        const response = await app.get(path, cookieOf(person));
        const body = await response.text();
        cells += 1;
        expect(response.status, path).toBe(allowed ? 200 : 404);
        if (!allowed) expect(body, path).not.toContain("login_succeeded");
      }
      const home = await (await app.get("/", cookieOf(person))).text();
      expect(home.includes('href="/compliance"'), "menu entry").toBe(allowed);
    });
  }

  test("a signed-out visitor is sent to sign in, with nothing of the log", async () => {
    for (const path of PATHS) {
      const response = await app.get(path);
      // Single fetch answers a redirect of a `.data` request with 202 and the redirect inside.
      expect(response.status, path).toBe(path.includes(".data") ? 202 : 302);
      expect(await response.text(), path).not.toContain("login_succeeded");
    }
  });
});
