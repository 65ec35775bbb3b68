import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { db } from "#db/client.server";
import { entries, requestComments, requestEvents, requests, users } from "#db/schema";
import { loader as searchLoader } from "~/routes/_app.search";
import { loader as accountTimelineLoader } from "~/routes/_app.accounts.$accountId_.history";
import { loader as projectTimelineLoader } from "~/routes/_app.projects.$projectId.history._index";
import type { TimelineLine, TimelineRequestView } from "~/features/history/types";
import { REQUEST_LINES_PER_PAGE } from "~/features/history/timeline.server";
import { ENTRY_PAGE_SIZE } from "~/features/history/entry.server";
import { REQUEST_RESULTS_PER_KIND } from "~/features/search/search.server";
import {
  BRANDT,
  DEMO_PEOPLE,
  EMPFANG,
  GASTRAUM,
  HOST_PEOPLE,
  MORGENROT,
  TERRASSE,
  demoEmails,
  type DemoPerson,
} from "../support/demo-people";
import { demoWorld, routeArgs } from "../support/http-as";
import { presetAudience } from "../support/audiences";
import { startRemixApp, type RemixApp } from "../support/remix-app";
import { demoRequestByTitle } from "../support/world";
import { SESSION_COOKIE } from "~/kernel/cookies.server";

/*
 * Customer requests in search and in the contact history timelines, against the demo world of
 * shared/DEMO_WORLD.md: CORAL (Umbau Gastraum, assigned to Studio Lumen, one public reply and
 * the internal note "Kulanz prüfen SECRETNOTE") and DELTA (Brandt – Empfang). Who finds a request
 * or a comment, and who sees a request's lines on a timeline, is the policy's SQL filter alone.
 */

const world = demoWorld();
const CORAL = "Reklamation Stuhlfarbe CORAL";
const DELTA = "Frage Rechnung Anzahlung DELTA";
const ids = { coral: "", delta: "", coralReference: "", deltaReference: "" };
const HOST = new Set<DemoPerson>(HOST_PEOPLE);
let app: RemixApp;

beforeAll(async () => {
  app = await startRemixApp();
  const coral = await demoRequestByTitle(db(), CORAL);
  const delta = await demoRequestByTitle(db(), DELTA);
  [ids.coral, ids.coralReference] = [coral.id, coral.reference];
  [ids.delta, ids.deltaReference] = [delta.id, delta.reference];
});

afterAll(async () => {
  await app?.close();
});

/** A page of the whole app as this person's browser gets it (HTML, or single fetch's `.data`). */
async function page(person: DemoPerson, path: string) {
  const response = await app.get(path, `${SESSION_COOKIE}=${world.tokens.get(person)}`);
  expect(response.status, path).toBe(200);
  return response.text();
}

async function search(person: DemoPerson, q: string, extra: Record<string, string> = {}) {
  const query = new URLSearchParams({ q, ...extra });
  const data = await searchLoader(routeArgs(world.tokens.get(person), `/search?${query}`, {}));
  if (data.state !== "results") throw new Error(`${person} "${q}": ${data.state}`);
  return data;
}

/** A search's request results as `request:CORAL` or `comment:internal:CORAL`. */
const found = (data: Awaited<ReturnType<typeof search>>) =>
  data.requests.results
    .map((result) =>
      [
        result.kind,
        ...(result.audience ? [result.audience] : []),
        result.requestId === ids.coral ? "CORAL" : result.requestId === ids.delta ? "DELTA" : "?",
      ].join(":"),
    )
    .sort();

/** What each demo user finds for each word (DEMO_WORLD.md: who may see which request). */
function expectedFinds(person: DemoPerson, word: string): string[] {
  const host = HOST.has(person);
  const readsCoral = host || person === "lena" || person === "eva";
  const readsDelta = host || person === "paul";
  switch (word) {
    case "Stuhlfarbe":
    case "CORAL":
      return readsCoral ? ["request:CORAL"] : [];
    case "DELTA":
      return readsDelta ? ["request:DELTA"] : [];
    // The internal note: the host's staff only, never the assigned partner or the customer.
    case "SECRETNOTE":
    case "Kulanz":
      return host ? ["comment:internal:CORAL"] : [];
    default:
      throw new Error(word);
  }
}

const WORDS = ["Stuhlfarbe", "CORAL", "DELTA", "SECRETNOTE", "Kulanz"];
/** What must never reach a reader who may not see the request or the note. */
const tellTales = (word: string) =>
  word === "DELTA"
    ? ["DELTA", "Anzahlung", ids.delta, ids.deltaReference]
    : word === "SECRETNOTE" || word === "Kulanz"
      ? ["SECRETNOTE", "Kulanz"]
      : ["CORAL", "Stuhlfarbe", ids.coral, ids.coralReference];

describe("search finds requests and comments through the policy's filter", () => {
  for (const person of DEMO_PEOPLE) {
    test(`${person}: exactly the requests and notes DEMO_WORLD.md allows`, async () => {
      for (const word of WORDS) {
        const data = await search(person, word);
        const expected = expectedFinds(person, word);
        expect(found(data), `${person} "${word}"`).toEqual(expected);
        expect(data.requests.total, `${person} "${word}" count`).toBe(expected.length);
        // No entry of the demo world carries these words.
        expect(data.results, word).toEqual([]);
        if (expected.length === 0) {
          const answer = JSON.stringify({ requests: data.requests, results: data.results });
          for (const tale of tellTales(word))
            expect(answer, `${person} "${word}"`).not.toContain(tale);
        }
        for (const result of data.requests.results) {
          // A comment's result opens its request; every result names the request's reference.
          expect(result.reference).toBe(
            result.requestId === ids.coral ? ids.coralReference : ids.deltaReference,
          );
        }
      }
    });
  }

  test("a request result names its reference, project and opener, and marks what matched", async () => {
    const data = await search("eva", "Stuhlfarbe");
    const [result] = data.requests.results;
    expect(result).toMatchObject({
      kind: "request",
      requestId: ids.coral,
      reference: ids.coralReference,
      projectName: GASTRAUM,
      accountName: MORGENROT,
      authorName: "Eva Roth",
      audience: null,
    });
    expect(result!.title.filter((part) => part.mark).map((part) => part.text)).toEqual([
      "Stuhlfarbe",
    ]);
    // The description is found as well ("Salbeigrün" is only in it).
    expect(found(await search("eva", "Salbeigrün"))).toEqual(["request:CORAL"]);
    // A word of the public reply finds the reply, for every reader of CORAL.
    for (const person of ["anna", "lena", "eva"] as const) {
      expect(found(await search(person, "Fotos Freitag")), person).toEqual([
        "comment:all_members:CORAL",
      ]);
    }
    expect(found(await search("jonas", "Fotos Freitag"))).toEqual([]);
  });

  test("partner notes reach the host and the assigned partner, never the customer", async () => {
    const [anna] = await db().select().from(users).where(eq(users.email, demoEmails.anna));
    await db()
      .insert(requestComments)
      .values({
        requestId: ids.coral,
        authorId: anna!.id,
        authorOrganizationId: anna!.organizationId,
        audienceId: presetAudience("partners"),
        bodyText: "Lieferant ZINNOBERWORT anfragen",
      });
    for (const person of DEMO_PEOPLE) {
      const expected = HOST.has(person) || person === "lena" ? ["comment:partners:CORAL"] : [];
      expect(found(await search(person, "ZINNOBERWORT")), person).toEqual(expected);
    }
  });

  test("the project filter narrows request results; labels come in the reader's language", async () => {
    const empfang = world.ids.projectIds.get(EMPFANG)!;
    const gastraum = world.ids.projectIds.get(GASTRAUM)!;
    expect(found(await search("anna", "CORAL", { project: empfang }))).toEqual([]);
    expect(found(await search("anna", "CORAL", { project: gastraum }))).toEqual(["request:CORAL"]);
    // Paul chose German, Lena English.
    const paul = await page("paul", `/search?q=DELTA`);
    expect(paul).toContain(`Anfrage ${ids.deltaReference}`);
    expect(paul).toContain("1 Ergebnis für „DELTA“");
    const anna = await page("anna", `/search?q=Kulanz`);
    expect(anna).toContain(`Internal note on request ${ids.coralReference}`);
    expect(anna).toContain(`/requests/${ids.coral}`);
  });

  test("results are limited per kind, and the count says how many there are", async () => {
    const [anna] = await db().select().from(users).where(eq(users.email, demoEmails.anna));
    await db()
      .insert(requestComments)
      .values(
        Array.from({ length: REQUEST_RESULTS_PER_KIND + 3 }, (_, index) => ({
          requestId: ids.delta,
          authorId: anna!.id,
          authorOrganizationId: anna!.organizationId,
          // Internal notes, so the timelines' tests below see DELTA as the demo has it.
          audienceId: presetAudience("internal"),
          bodyText: `Rückfrage VIELWORT Nummer ${index}`,
        })),
      );
    const data = await search("tom", "VIELWORT");
    expect(data.requests.results).toHaveLength(REQUEST_RESULTS_PER_KIND);
    expect(data.requests.total).toBe(REQUEST_RESULTS_PER_KIND + 3);
    for (const person of ["paul", "mara", "lena", "eva"] as const) {
      expect(await search(person, "VIELWORT"), person).toMatchObject({
        requests: { total: 0, results: [] },
      });
    }
  });
});

const requestLines = (lines: TimelineLine[]) =>
  lines.filter((line): line is TimelineRequestView => line.kind === "request");
const describeLine = (line: TimelineRequestView) =>
  `${line.requestId === ids.coral ? "CORAL" : line.requestId === ids.delta ? "DELTA" : line.reference}:${line.activity}${line.status ? `:${line.status}` : ""}`;

async function projectTimeline(person: DemoPerson, project: string, query = "") {
  const projectId = world.ids.projectIds.get(project)!;
  return projectTimelineLoader(
    routeArgs(world.tokens.get(person), `/projects/${projectId}/history${query}`, { projectId }),
  );
}

async function accountTimeline(person: DemoPerson, account: string, query = "") {
  const accountId = world.org.get(account)!;
  return accountTimelineLoader(
    routeArgs(world.tokens.get(person), `/accounts/${accountId}/history${query}`, { accountId }),
  );
}

describe("request activity on the timelines", () => {
  test("Umbau Gastraum: CORAL's opening, status and public reply for Eva, Lena and Anna; nothing for Jonas", async () => {
    for (const person of ["eva", "lena", "anna"] as const) {
      const data = await projectTimeline(person, GASTRAUM);
      const lines = requestLines(data.lines).map(describeLine);
      // Never the assignment, the owner, the internal note (nor any partner note).
      expect(lines, person).toEqual(["CORAL:reply", "CORAL:status:in_progress", "CORAL:opened"]);
      const opened = requestLines(data.lines).find((line) => line.activity === "opened")!;
      expect(opened).toMatchObject({
        reference: ids.coralReference,
        title: CORAL,
        actorName: "Eva Roth",
        projectName: null,
      });
      const reply = requestLines(data.lines).find((line) => line.activity === "reply")!;
      expect(reply.actorName).toBe("Anna Berg");
      // The entries are the same as without requests.
      expect(data.lines.filter((line) => line.kind === "entry")).toEqual(data.entries);
      expect(JSON.stringify(data)).not.toMatch(/SECRETNOTE|Kulanz/);
    }
    const jonas = await projectTimeline("jonas", GASTRAUM);
    expect(requestLines(jonas.lines)).toEqual([]);
    expect(JSON.stringify(jonas)).not.toMatch(/CORAL|Stuhlfarbe|SECRETNOTE/);
    expect(JSON.stringify(jonas)).not.toContain(ids.coral);
  });

  test("lines and entries are in one order, newest first", async () => {
    const data = await projectTimeline("anna", GASTRAUM);
    const times = data.lines.map((line) => new Date(line.occurredAt).getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(data.lines.length).toBe(data.entries.length + 3);
  });

  test("Brandt's account timeline: DELTA for Paul and Tom, not for Mara", async () => {
    for (const person of ["paul", "tom"] as const) {
      const data = await accountTimeline(person, BRANDT);
      expect(requestLines(data.lines).map(describeLine), person).toEqual(["DELTA:opened"]);
      // The account timeline names each line's project.
      expect(requestLines(data.lines)[0]!.projectName).toBe(EMPFANG);
    }
    const mara = await accountTimeline("mara", BRANDT);
    expect(requestLines(mara.lines)).toEqual([]);
    expect(JSON.stringify(mara)).not.toMatch(/DELTA|Anzahlung/);
    // Morgenrot's account timeline shows CORAL to its readers, and nothing of DELTA.
    const eva = await accountTimeline("eva", MORGENROT);
    expect(requestLines(eva.lines).map(describeLine)).toEqual([
      "CORAL:reply",
      "CORAL:status:in_progress",
      "CORAL:opened",
    ]);
    const jonas = await accountTimeline("jonas", MORGENROT);
    expect(requestLines(jonas.lines)).toEqual([]);
  });

  test("filters: none under a channel filter; author, party and dates apply to who and when", async () => {
    const gastraum = (query: string) =>
      projectTimeline("anna", GASTRAUM, query).then((data) =>
        requestLines(data.lines).map(describeLine),
      );
    expect(await gastraum("?channel=call")).toEqual([]);
    const [eva] = await db().select().from(users).where(eq(users.email, demoEmails.eva));
    const [anna] = await db().select().from(users).where(eq(users.email, demoEmails.anna));
    expect(await gastraum(`?author=${eva!.id}`)).toEqual(["CORAL:opened"]);
    expect(await gastraum(`?author=${anna!.id}`)).toEqual([
      "CORAL:reply",
      "CORAL:status:in_progress",
    ]);
    expect(await gastraum(`?party=${eva!.organizationId}`)).toEqual(["CORAL:opened"]);
    expect(await gastraum("?to=2020-01-01")).toEqual([]);
    expect(await gastraum("?from=2020-01-01")).toHaveLength(3);
  });

  test("German readers read the lines in German", async () => {
    const projectId = world.ids.projectIds.get(GASTRAUM)!;
    const body = await page("eva", `/projects/${projectId}/history`);
    expect(body).toContain(`Anfrage ${ids.coralReference} gestellt: ${CORAL}`);
    expect(body).toContain(`Anfrage ${ids.coralReference}: Status auf „In Bearbeitung“ gesetzt`);
    expect(body).toContain(`Anfrage ${ids.coralReference}: öffentliche Antwort von Anna Berg`);
    expect(body).toContain(`/requests/${ids.coral}`);
    const lena = await page("lena", `/projects/${projectId}/history`);
    expect(lena).toContain(`Request ${ids.coralReference} opened: ${CORAL}`);
  });
});

describe("paging: every line on exactly one page", () => {
  /** Pages through a timeline by its cursors, as "load more" does. */
  async function allPages(person: DemoPerson, project: string) {
    const pages: Awaited<ReturnType<typeof projectTimeline>>[] = [];
    let after: string | null = null;
    do {
      const page = await projectTimeline(person, project, after ? `?after=${after}` : "");
      pages.push(page);
      after = page.nextCursor;
    } while (after && pages.length < 50);
    return pages;
  }

  test("a request's events between, before and after the entries of several pages, and a dense stretch", async () => {
    const projectId = world.ids.projectIds.get(TERRASSE)!;
    const [anna] = await db().select().from(users).where(eq(users.email, demoEmails.anna));
    const hour = 3600 * 1000;
    const base = Date.now() - 400 * hour;
    // 100 entries an hour apart: four pages of entries and more.
    await db()
      .insert(entries)
      .values(
        Array.from({ length: 100 }, (_, index) => ({
          projectId,
          channel: "note" as const,
          direction: "internal" as const,
          occurredAt: new Date(base + index * hour),
          subject: `Paging note ${index}`,
          authorId: anna!.id,
          authorOrganizationId: anna!.organizationId,
          audienceId: presetAudience("internal"),
        })),
      );
    const [request] = await db()
      .insert(requests)
      .values({
        reference: "R-1999-0001",
        projectId,
        organizationId: world.org.get(MORGENROT)!,
        type: "question",
        title: "Paging request",
        openedById: anna!.id,
        openedByOrganizationId: anna!.organizationId,
        ownerId: anna!.id,
        dueRank: new Date("9999-01-01T00:00:00Z"),
        createdAt: new Date(base - 5 * hour),
      })
      .returning();
    // Events before every entry, at the very times of some entries, between them (few: a page
    // of entries spans several), after all of them, and 40 within one hour (more than a page
    // shows at once).
    const times = [
      base - 5 * hour,
      ...Array.from({ length: 15 }, (_, index) => base + index * 7 * hour),
      ...Array.from({ length: 10 }, (_, index) => base + (index * 10 + 5) * hour + hour / 2),
      ...Array.from({ length: 40 }, (_, index) => base + 90 * hour + 1000 + index * 60_000),
      base + 120 * hour,
    ];
    await db()
      .insert(requestEvents)
      .values(
        times.map((at, index) => ({
          requestId: request!.id,
          kind: index === 0 ? ("opened" as const) : ("status" as const),
          fromValue: "new",
          toValue: "in_progress",
          actorId: anna!.id,
          actorOrganizationId: anna!.organizationId,
          at: new Date(at),
        })),
      );

    const pages = await allPages("anna", TERRASSE);
    const lines = pages.flatMap((page) => page.lines);
    const seen = lines.map((line) => line.id);
    // Nothing twice, nothing left out: 100 notes, GLACIER, and every event.
    expect(new Set(seen).size).toBe(seen.length);
    expect(lines.filter((line) => line.kind === "entry")).toHaveLength(101);
    expect(requestLines(lines)).toHaveLength(times.length);
    // One order across all pages: newest first, then by id.
    const order = lines.map((line) => [new Date(line.occurredAt).getTime(), line.id] as const);
    for (let index = 1; index < order.length; index += 1) {
      const [before, after] = [order[index - 1]!, order[index]!];
      expect(before[0] > after[0] || (before[0] === after[0] && before[1] > after[1])).toBe(true);
    }
    // The dense hour ended a page early, at its last shown line.
    expect(pages.some((page) => requestLines(page.lines).length === REQUEST_LINES_PER_PAGE)).toBe(
      true,
    );
    // Every page stays bounded.
    for (const page of pages) {
      expect(page.entries.length).toBeLessThanOrEqual(ENTRY_PAGE_SIZE);
      expect(requestLines(page.lines).length).toBeLessThanOrEqual(REQUEST_LINES_PER_PAGE);
    }
    // The customer never sees a request of the internal project on the account's timeline.
    const eva = await accountTimeline("eva", MORGENROT);
    expect(JSON.stringify(eva)).not.toMatch(/R-1999-0001|Paging/);
    expect(requestLines(eva.lines).map(describeLine)).toEqual([
      "CORAL:reply",
      "CORAL:status:in_progress",
      "CORAL:opened",
    ]);
  });
});
