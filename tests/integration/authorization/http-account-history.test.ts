import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { db } from "#db/client.server";
import { entries, organizations, projects, requests, users } from "#db/schema";
import { createSession } from "~/kernel/session.server";
import { SESSION_COOKIE } from "~/kernel/cookies.server";
import {
  BRANDT,
  DEMO_PEOPLE,
  demoEmails,
  EMPFANG,
  ENTRIES_SEEN_BY,
  ENTRY_MARKERS,
  GASTRAUM,
  MARKERS_BY_PROJECT,
  MORGENROT,
  PROJECTS_SEEN_BY,
  TERRASSE,
  type DemoPerson,
} from "../../support/demo-people";
import { startRemixApp, type RemixApp } from "../../support/remix-app";
import { presetAudience } from "../../support/audiences";

/*
 * The HTTP layer of the authorization matrix for the timelines, through the whole Remix app:
 * every demo user asks for every account timeline and every project timeline both as a page
 * (the HTML document) and as single fetch's `.data` URL (what client navigation and "load more"
 * fetch). A timeline answers 200 with exactly the reader's entries of DEMO_WORLD.md, or 404;
 * no marker word the reader may not see appears anywhere in any answer, 404s included.
 */

const G = GASTRAUM;
const E = EMPFANG;
const T = TERRASSE;
const byProject = MARKERS_BY_PROJECT;
const accountProjects: Record<string, string[]> = { [MORGENROT]: [G, T], [BRANDT]: [E] };
const ALL = ENTRY_MARKERS;

/** Per person: the entries they read, and the projects and accounts they may open. */
const readers = Object.fromEntries(
  DEMO_PEOPLE.map((person) => {
    const projects = PROJECTS_SEEN_BY[person];
    // Members of a project read its account; Mara and Paul are members of Brandt – Empfang only.
    const accounts = Object.keys(accountProjects).filter((account) =>
      accountProjects[account]!.some((project) => projects.includes(project)),
    );
    return [person, { entries: ENTRIES_SEEN_BY[person], projects, accounts }];
  }),
) as Record<
  DemoPerson,
  { entries: readonly string[]; projects: readonly string[]; accounts: string[] }
>;

/** Eva and Paul chose German; everyone else reads the tests' English browser language. */
const germanReaders = new Set<DemoPerson>(["eva", "paul"]);

const FORMS = ["page", "data"] as const;
type Form = (typeof FORMS)[number];

let app: RemixApp;
const cookies = new Map<DemoPerson, string>();
const projectIds = new Map<string, string>();
const accountIds = new Map<string, string>();
let cells = 0;

beforeAll(async () => {
  app = await startRemixApp();
  for (const person of DEMO_PEOPLE) {
    const [user] = await db().select().from(users).where(eq(users.email, demoEmails[person]));
    const { token } = await createSession(user!.id, {
      ip: "198.51.100.84",
      userAgent: "http-account-history",
      twoFactorVerified: true,
    });
    cookies.set(person, `${SESSION_COOKIE}=${token}`);
  }
  for (const project of await db().select().from(projects)) {
    projectIds.set(project.name, project.id);
  }
  for (const org of await db().select().from(organizations)) accountIds.set(org.name, org.id);
});

afterAll(async () => {
  await app?.close();
  console.info(`authorization matrix (HTTP, timelines): ${cells} cells`);
});

/** The demo marker words anywhere in an answer: rendered HTML, loader data, filter menus. */
const markersIn = (body: string) => ALL.filter((word) => body.includes(word)).sort();

async function get(person: DemoPerson, path: string, form: Form) {
  const [pathname, query] = path.split("?");
  const url = form === "data" ? `${pathname}.data${query ? `?${query}` : ""}` : path;
  const response = await app.get(url, cookies.get(person));
  return { status: response.status, body: await response.text() };
}

describe("GET /accounts/:accountId/history and its .data", () => {
  for (const person of DEMO_PEOPLE) {
    test(`${person}: exactly their entries of each account, 404 for the others`, async () => {
      for (const account of [MORGENROT, BRANDT]) {
        const readable = readers[person].accounts.includes(account);
        const expected = accountProjects[account]!.flatMap((project) => byProject[project]!)
          .filter((word) => readers[person].entries.includes(word))
          .sort();
        for (const form of FORMS) {
          const { status, body } = await get(
            person,
            `/accounts/${accountIds.get(account)}/history`,
            form,
          );
          cells += 1;
          expect(status, `${account} (${form})`).toBe(readable ? 200 : 404);
          expect(markersIn(body), `${account} (${form})`).toEqual(readable ? expected : []);
          if (readable && form === "page") {
            // Eva and Paul chose German; the others read their English browser's language.
            const title = germanReaders.has(person) ? "Kontakthistorie · " : "History · ";
            expect(body).toContain(`<title>${title}`);
          }
        }
      }
    });
  }

  test("the project filter and bad input through .data: narrowed, never a 500", async () => {
    const accountId = accountIds.get(MORGENROT)!;
    const terrasse = await get(
      "anna",
      `/accounts/${accountId}/history?project=${projectIds.get(T)}`,
      "data",
    );
    expect(terrasse.status).toBe(200);
    expect(markersIn(terrasse.body)).toEqual(["GLACIER"]);
    // Jonas may not read Terrasse: the filter shows him nothing of it.
    const jonas = await get(
      "jonas",
      `/accounts/${accountId}/history?project=${projectIds.get(T)}`,
      "data",
    );
    expect(jonas.status).toBe(200);
    expect(markersIn(jonas.body)).toEqual([]);
    for (const query of [
      "after=%E2%9C%93not-a-cursor",
      `after=${Buffer.from('["2026-99-99","x"]').toString("base64url")}`,
      "from=2026-02-31&to=yesterday&party=1&author=%00&channel=fax&project=x&seen=never",
    ]) {
      for (const form of FORMS) {
        const answer = await get("lena", `/accounts/${accountId}/history?${query}`, form);
        cells += 1;
        expect(answer.status, `${query} (${form})`).toBe(200);
        expect(markersIn(answer.body), query).toEqual(["AURORA", "LUPIN", "MAPLE"]);
      }
    }
  });
});

describe("GET /projects/:projectId/history and its .data", () => {
  for (const person of DEMO_PEOPLE) {
    test(`${person}: exactly their entries of each project, 404 outside their projects`, async () => {
      for (const project of [G, E, T]) {
        const readable = readers[person].projects.includes(project);
        const expected = byProject[project]!.filter((word) =>
          readers[person].entries.includes(word),
        ).sort();
        for (const form of FORMS) {
          const { status, body } = await get(
            person,
            `/projects/${projectIds.get(project)}/history`,
            form,
          );
          cells += 1;
          expect(status, `${project} (${form})`).toBe(readable ? 200 : 404);
          expect(markersIn(body), `${project} (${form})`).toEqual(readable ? expected : []);
        }
      }
    });
  }

  test("'load more' fetches the next page of the index route, as the browser's fetcher does", async () => {
    const projectId = projectIds.get(T)!;
    const [anna] = await db().select().from(users).where(eq(users.email, demoEmails.anna));
    const base = Date.now() - 60 * 24 * 3600 * 1000;
    // 30 notes older than GLACIER: GLACIER and 24 of them on page one, 6 on page two.
    await db()
      .insert(entries)
      .values(
        Array.from({ length: 30 }, (_, index) => ({
          projectId,
          channel: "note" as const,
          direction: "internal" as const,
          occurredAt: new Date(base + index * 3600 * 1000),
          subject: `Older note ${String(index).padStart(2, "0")}`,
          authorId: anna!.id,
          authorOrganizationId: anna!.organizationId,
          audienceId: presetAudience("internal"),
        })),
      );
    const first = await get("anna", `/projects/${projectId}/history`, "data");
    const cursor = first.body.match(/"nextCursor","([\w-]+)"/)?.[1];
    expect(cursor, "page one names the next page").toMatch(/^[\w-]{16,}$/);
    const route = "routes/_app.projects.$projectId.history._index";
    const more = await app.get(
      `/projects/${projectId}/history.data?index&after=${cursor}&_routes=${encodeURIComponent(route)}`,
      cookies.get("anna"),
    );
    expect(more.status).toBe(200);
    const body = await more.text();
    const subjects = [...body.matchAll(/Older note (\d\d)/g)].map((match) => match[1]);
    expect(subjects).toEqual(["05", "04", "03", "02", "01", "00"]);
    expect(markersIn(body)).toEqual([]);
    // The same fetch as a partner who may not read the project: a 404 that names nothing.
    const denied = await app.get(
      `/projects/${projectId}/history.data?index&after=${cursor}&_routes=${encodeURIComponent(route)}`,
      cookies.get("lena"),
    );
    expect(denied.status).toBe(404);
    expect(await denied.text()).not.toMatch(/Older note|GLACIER/);
  });

  test("logging actions only for those who may log; audience names only for the host", async () => {
    const projectId = projectIds.get(G)!;
    const clara = await get("clara", `/projects/${projectId}/history`, "page");
    // The compliance officer reads everything and logs nothing.
    expect(clara.body).not.toContain("Log a call");
    expect(clara.body).toContain("Selected: Holzwerk Meyer KG");
    const anna = await get("anna", `/projects/${projectId}/history`, "page");
    expect(anna.body).toContain("Log a call");
    expect(anna.body).toContain(`/projects/${projectId}/history/new?channel=call`);
    for (const person of ["lena", "jonas", "eva"] as const) {
      const page = await get(person, `/projects/${projectId}/history`, "page");
      // Eva chose German, so her page says it in German.
      const text = germanReaders.has(person)
        ? { logCall: "Anruf erfassen", selected: "Ausgewählt:", internal: "Nur intern" }
        : { logCall: "Log a call", selected: "Selected:", internal: "Internal only" };
      // Each is a contributor with the history section, so may log.
      expect(page.body, person).toContain(text.logCall);
      expect(page.body, person).not.toContain(text.selected);
      expect(page.body, person).not.toContain(text.internal);
    }
  });
});

describe("request activity on the timelines, page and .data", () => {
  /*
   * The requests of DEMO_WORLD.md on the account and project timelines: CORAL (Umbau Gastraum,
   * Café Morgenrot) for the host, Studio Lumen (assigned) and Café Morgenrot; DELTA (Brandt –
   * Empfang, Kanzlei Brandt) for the host and Kanzlei Brandt. CORAL's internal note never
   * becomes a line, not even for the host.
   */
  const HOST = ["ida", "anna", "tom", "clara"];
  const readsRequest: Record<string, (person: DemoPerson) => boolean> = {
    CORAL: (person) => HOST.includes(person) || person === "lena" || person === "eva",
    DELTA: (person) => HOST.includes(person) || person === "paul",
  };
  const projectOf: Record<string, string> = { CORAL: G, DELTA: E };
  const REQUEST_WORDS = ["CORAL", "DELTA", "Stuhlfarbe", "Anzahlung", "SECRETNOTE", "Kulanz"];
  const requestWordsIn = (body: string) => REQUEST_WORDS.filter((word) => body.includes(word));
  const requestIds = new Map<string, string>();

  beforeAll(async () => {
    for (const row of await db().select().from(requests)) {
      requestIds.set(row.title.split(" ").at(-1)!, row.id);
    }
  });

  for (const person of DEMO_PEOPLE) {
    test(`${person}: a request's lines only for its readers, and never a note`, async () => {
      const timelines = [
        ...readers[person].accounts.map((account) => ({
          path: `/accounts/${accountIds.get(account)}/history`,
          projects: accountProjects[account]!,
        })),
        ...readers[person].projects.map((project) => ({
          path: `/projects/${projectIds.get(project)}/history`,
          projects: [project],
        })),
      ];
      for (const { path, projects: covered } of timelines) {
        const shown = ["CORAL", "DELTA"].filter(
          (word) => covered.includes(projectOf[word]!) && readsRequest[word]!(person),
        );
        const expected = shown
          .flatMap((word) => (word === "CORAL" ? ["CORAL", "Stuhlfarbe"] : ["DELTA", "Anzahlung"]))
          .sort();
        for (const form of FORMS) {
          const { status, body } = await get(person, path, form);
          cells += 1;
          expect(status, `${path} (${form})`).toBe(200);
          expect(requestWordsIn(body).sort(), `${path} (${form})`).toEqual(expected);
          for (const word of ["CORAL", "DELTA"]) {
            // A request's line links to it; its id reaches only its readers.
            expect(body.includes(requestIds.get(word)!), `${word} id in ${path} (${form})`).toBe(
              shown.includes(word),
            );
          }
        }
      }
    });
  }
});
