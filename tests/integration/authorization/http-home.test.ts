import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { db } from "#db/client.server";
import { entries, users } from "#db/schema";
import { renderRichText } from "~/kernel/rich-text/rich-text.server";
import { loader as homeLoader } from "~/routes/_app._index";
import { loader as appLoader } from "~/routes/_app";
import { SESSION_COOKIE } from "~/kernel/cookies.server";
import {
  DEMO_PEOPLE,
  demoEmails,
  ENTRIES_SEEN_BY,
  ENTRY_MARKERS,
  GASTRAUM,
  EMPFANG,
  TERRASSE,
  PROJECTS_SEEN_BY,
} from "../../support/demo-people";
import { demoWorld, markerOf, routeArgs, statusOf } from "../../support/http-as";
import { startRemixApp, type RemixApp } from "../../support/remix-app";
import { presetAudience } from "../../support/audiences";

/*
 * The HTTP layer of the authorization matrix for home: the `/` loader, called as the browser
 * calls it, and the whole app's page and its single fetch data, for every demo user of
 * DEMO_WORLD.md. Home shows exactly the projects and entries the table gives the reader, and
 * nothing of the others: no marker word, no subject, no project name, no id.
 */

const world = demoWorld();
const PROJECTS = [GASTRAUM, EMPFANG, TERRASSE];
let app: RemixApp;
let cells = 0;

beforeAll(async () => {
  app = await startRemixApp();
});

afterAll(async () => {
  await app?.close();
  console.info(`authorization matrix (HTTP, home): ${cells} cells`);
});

const home = (token: string | undefined) => homeLoader(routeArgs(token, "/", {}));

describe("GET /", () => {
  for (const person of DEMO_PEOPLE) {
    test(`${person} sees exactly their projects and entries, and nothing else`, async () => {
      const data = await home(world.tokens.get(person));
      cells += 1;
      expect(data.projects.map((project) => project.name).sort()).toEqual(
        [...PROJECTS_SEEN_BY[person]].sort(),
      );
      expect(data.entries.map((entry) => markerOf(entry.subject)).sort()).toEqual(
        [...ENTRIES_SEEN_BY[person]].sort(),
      );
      const text = JSON.stringify(data);
      for (const word of ENTRY_MARKERS) {
        cells += 1;
        const readable = ENTRIES_SEEN_BY[person].includes(word);
        expect(text.includes(word), word).toBe(readable);
        expect(text.includes(world.ids.markers.get(word)!.id), `${word} id`).toBe(readable);
      }
      for (const name of PROJECTS) {
        cells += 1;
        const visible = PROJECTS_SEEN_BY[person].includes(name);
        expect(text.includes(name), name).toBe(visible);
        expect(text.includes(world.ids.projectIds.get(name)!), `${name} id`).toBe(visible);
      }
    });
  }

  test("signed out, home sends the visitor to sign in", async () => {
    cells += 1;
    expect(await statusOf(() => home(undefined))).toBe(302);
  });
});

describe("GET / through the app: the page and its .data", () => {
  for (const person of DEMO_PEOPLE) {
    test(`${person}: entries, their subjects and projects reach only their readers`, async () => {
      for (const path of ["/", "/_root.data"]) {
        const response = await app.get(path, `${SESSION_COOKIE}=${world.tokens.get(person)}`);
        const body = await response.text();
        expect(response.status, path).toBe(200);
        for (const word of ENTRY_MARKERS) {
          cells += 1;
          expect(body.includes(word), `${word} in ${path}`).toBe(
            ENTRIES_SEEN_BY[person].includes(word),
          );
        }
        for (const name of PROJECTS) {
          cells += 1;
          expect(body.includes(world.ids.projectIds.get(name)!), `${name} in ${path}`).toBe(
            PROJECTS_SEEN_BY[person].includes(name),
          );
        }
      }
    });
  }
});

describe("GET /: a contact's number in a subject", () => {
  const NUMBER = "040 555-0102";
  // Lena's membership has the contacts section; the host reads every contact's details.
  const SEES_NUMBER = new Set(["ida", "anna", "tom", "clara", "lena"]);

  beforeAll(async () => {
    const [anna] = await db().select().from(users).where(eq(users.email, demoEmails.anna));
    const rendered = renderRichText({ type: "doc", content: [{ type: "paragraph" }] });
    if (!rendered.ok) throw new Error(rendered.error);
    await db()
      .insert(entries)
      .values({
        projectId: world.ids.projectIds.get(GASTRAUM)!,
        channel: "call",
        direction: "outbound",
        occurredAt: new Date(),
        subject: `Rückruf unter ${NUMBER} POPLAR`,
        body: rendered.value.doc,
        bodyHtml: rendered.value.html,
        bodyText: rendered.value.text,
        authorId: anna!.id,
        authorOrganizationId: anna!.organizationId,
        audienceId: presetAudience("all_members"),
      });
  });

  for (const person of DEMO_PEOPLE) {
    test(`${person} reads it only with the contacts section, else the person's name`, async () => {
      const response = await app.get(
        "/_root.data",
        `${SESSION_COOKIE}=${world.tokens.get(person)}`,
      );
      const page = await app.get("/", `${SESSION_COOKIE}=${world.tokens.get(person)}`);
      for (const body of [await response.text(), await page.text()]) {
        cells += 1;
        const readsEntry = PROJECTS_SEEN_BY[person].includes(GASTRAUM);
        expect(body.includes("POPLAR")).toBe(readsEntry);
        expect(body.includes(NUMBER)).toBe(readsEntry && SEES_NUMBER.has(person));
        if (readsEntry && !SEES_NUMBER.has(person)) {
          expect(body).toContain("Rückruf unter Felix Roth POPLAR");
        }
      }
    });
  }
});

describe("the navigation opens what the policy opens", () => {
  // Host staff keep the address book of every account; administration is the administrator's.
  const ACCOUNTS = ["ida", "anna", "tom", "clara"];
  const ADMINISTRATION = ["ida"];
  for (const person of DEMO_PEOPLE) {
    test(`${person}: accounts ${ACCOUNTS.includes(person)}, administration ${ADMINISTRATION.includes(person)}`, async () => {
      const { sections } = await appLoader(routeArgs(world.tokens.get(person), "/", {}));
      cells += 2;
      expect(sections.accounts).toBe(ACCOUNTS.includes(person));
      expect(sections.administration).toBe(ADMINISTRATION.includes(person));
    });
  }
});
