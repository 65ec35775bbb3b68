import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { db } from "#db/client.server";
import { entries, requests, users } from "#db/schema";
import { loader as searchLoader } from "~/routes/_app.search";
import { createSession } from "~/kernel/session.server";
import { SESSION_COOKIE } from "~/kernel/cookies.server";
import {
  DEMO_PEOPLE,
  demoEmails,
  ENTRIES_SEEN_BY,
  ENTRY_MARKERS,
  type DemoPerson,
} from "../../support/demo-people";
import { startRemixApp, type RemixApp } from "../../support/remix-app";
import { makeRequestContext } from "../../support/request";

/*
 * The HTTP layer of the authorization matrix for full-text search: the /search loader, called
 * as the browser calls it, and the whole app's page and single fetch `.data` answers, for every
 * demo user of DEMO_WORLD.md and every marker word. A search must find exactly the entries the
 * table gives the reader, and its count must never include one they may not see.
 */

const MARKERS = ENTRY_MARKERS;
const readable = ENTRIES_SEEN_BY;

const cookies: Partial<Record<DemoPerson, string>> = {};
const entryIds = new Map<string, string>();
/** Marker word → its subject without the marker ("Kalkulation Marge"). */
const subjectWords = new Map<string, string>();
let app: RemixApp;
let cells = 0;

beforeAll(async () => {
  for (const person of DEMO_PEOPLE) {
    const [user] = await db().select().from(users).where(eq(users.email, demoEmails[person]));
    const { token } = await createSession(user!.id, {
      ip: "198.51.100.84",
      userAgent: "matrix",
      twoFactorVerified: true,
    });
    cookies[person] = token;
  }
  for (const row of await db().select({ id: entries.id, subject: entries.subject }).from(entries)) {
    const words = row.subject.split(" ");
    entryIds.set(words.at(-1)!, row.id);
    subjectWords.set(words.at(-1)!, words.slice(0, -1).join(" "));
  }
  app = await startRemixApp();
});

afterAll(async () => {
  await app?.close();
  console.info(`authorization matrix (HTTP, search): ${cells} cells`);
});

async function search(person: DemoPerson, q: string) {
  const data = await searchLoader({
    request: new Request(
      new URL(`/search?${new URLSearchParams({ q })}`, "http://localhost:3000"),
      {
        headers: { "Accept-Language": "en-GB", Cookie: `${SESSION_COOKIE}=${cookies[person]}` },
      },
    ),
    params: {},
    context: makeRequestContext(),
  });
  if (data.state !== "results") throw new Error(`${person} "${q}": ${data.state}`);
  return data;
}

const subjectOf = (result: { subject: { text: string }[] }) =>
  result.subject.map((segment) => segment.text).join("");

describe("GET /search?q=<marker word>", () => {
  for (const person of DEMO_PEOPLE) {
    test(`${person} finds exactly the entries shared with them, and counts no others`, async () => {
      for (const word of MARKERS) {
        const data = await search(person, word);
        const expected = readable[person].includes(word) ? [entryIds.get(word)!] : [];
        cells += 1;
        expect(
          data.results.map((result) => result.id),
          word,
        ).toEqual(expected);
        expect(data.total, `${word} count`).toBe(expected.length);
        // Nothing about an unreadable entry leaves the server, not even its project.
        if (expected.length === 0) {
          expect(JSON.stringify(data.results), word).toBe("[]");
        } else {
          expect(subjectOf(data.results[0]!), word).toMatch(new RegExp(`${word}$`));
        }
      }
    });
  }

  test("all nine words at once: each reader's count is the size of their row of the table", async () => {
    for (const person of DEMO_PEOPLE) {
      const data = await search(person, MARKERS.join(" or "));
      cells += 1;
      expect(data.total, person).toBe(readable[person].length);
      expect(
        data.results.map((result) => subjectOf(result).split(" ").at(-1)).sort(),
        person,
      ).toEqual([...readable[person]].sort());
    }
  });
});

describe("words from the contents", () => {
  const cases: { q: string; person: DemoPerson; finds: string[] }[] = [
    { q: "Kalkulation", person: "lena", finds: [] },
    { q: "Kalkulation", person: "anna", finds: ["KESTREL"] },
    // BIRCH has Eichenholz in its subject; KESTREL only in its internal body.
    { q: "Eichenholz", person: "jonas", finds: ["BIRCH"] },
    { q: "Eichenholz", person: "anna", finds: ["BIRCH", "KESTREL"] },
    { q: "Eichenholz", person: "lena", finds: [] },
    { q: "Eichenholz", person: "eva", finds: [] },
  ];
  for (const { q, person, finds } of cases) {
    test(`${person} searching "${q}" finds ${finds.join(", ") || "nothing"}`, async () => {
      const data = await search(person, q);
      cells += 1;
      expect(data.results.map((result) => subjectOf(result).split(" ").at(-1))).toEqual(finds);
      expect(data.total).toBe(finds.length);
    });
  }
});

describe("GET /search?q=<marker word> through the app: the page and its .data", () => {
  for (const person of DEMO_PEOPLE) {
    test(`${person}: an entry's id, subject and count reach only its readers`, async () => {
      for (const word of MARKERS) {
        const visible = readable[person].includes(word);
        const query = new URLSearchParams({ q: word });
        for (const path of [`/search?${query}`, `/search.data?${query}`]) {
          const response = await app.get(path, `${SESSION_COOKIE}=${cookies[person]}`);
          const body = await response.text();
          cells += 1;
          expect(response.status, path).toBe(200);
          expect(body.includes(entryIds.get(word)!), `${word} id in ${path}`).toBe(visible);
          expect(body.includes(subjectWords.get(word)!), `${word} subject in ${path}`).toBe(
            visible,
          );
          if (!path.includes(".data")) {
            // Eva and Paul chose German; the others read their English browser's language.
            const german = person === "eva" || person === "paul";
            const heading = visible
              ? german
                ? `1 Ergebnis für \u201e${word}\u201c`
                : `1 result for \u201c${word}\u201d`
              : german
                ? `Keine Treffer für \u201e${word}\u201c`
                : `Nothing found for \u201c${word}\u201d`;
            expect(body, path).toContain(heading);
          }
        }
      }
    });
  }
});

describe("GET /search?q=<request word> through the app: requests and their comments", () => {
  /*
   * The two requests of DEMO_WORLD.md and CORAL's internal note. Each word finds one of them;
   * the words of it the query did not type are its tell-tales, with its request's id and
   * reference, and none of them may reach a reader who may not see it (the query itself comes
   * back in the search field, so it proves nothing).
   */
  const HOST = ["ida", "anna", "tom", "clara"];
  const sees: Record<string, (person: DemoPerson) => boolean> = {
    CORAL: (person) => HOST.includes(person) || person === "lena" || person === "eva",
    DELTA: (person) => HOST.includes(person) || person === "paul",
    SECRETNOTE: (person) => HOST.includes(person),
  };
  const searches: { q: string; finds: "CORAL" | "DELTA" | "SECRETNOTE"; tellTales: string[] }[] = [
    { q: "Stuhlfarbe", finds: "CORAL", tellTales: ["CORAL"] },
    { q: "CORAL", finds: "CORAL", tellTales: ["Reklamation Stuhlfarbe"] },
    { q: "DELTA", finds: "DELTA", tellTales: ["Frage Rechnung Anzahlung"] },
    { q: "SECRETNOTE", finds: "SECRETNOTE", tellTales: ["Kulanz prüfen"] },
    { q: "Kulanz", finds: "SECRETNOTE", tellTales: ["SECRETNOTE"] },
  ];
  const requestIds = new Map<string, { id: string; reference: string }>();

  beforeAll(async () => {
    for (const row of await db().select().from(requests)) {
      requestIds.set(row.title.split(" ").at(-1)!, { id: row.id, reference: row.reference });
    }
    requestIds.set("SECRETNOTE", requestIds.get("CORAL")!);
  });

  for (const person of DEMO_PEOPLE) {
    test(`${person}: a request or note is found exactly by its readers, page and .data alike`, async () => {
      for (const { q, finds, tellTales } of searches) {
        const visible = sees[finds]!(person);
        const request = requestIds.get(finds)!;
        const loaderData = await search(person, q);
        cells += 1;
        expect(loaderData.requests.total, `${q} count`).toBe(visible ? 1 : 0);
        expect(
          loaderData.requests.results.map((result) => result.requestId),
          q,
        ).toEqual(visible ? [request.id] : []);
        const query = new URLSearchParams({ q });
        for (const path of [`/search?${query}`, `/search.data?${query}`]) {
          const response = await app.get(path, `${SESSION_COOKIE}=${cookies[person]}`);
          const body = await response.text();
          cells += 1;
          expect(response.status, path).toBe(200);
          for (const tale of [...tellTales, request.id, request.reference]) {
            expect(body.includes(tale), `${tale} in ${path}`).toBe(visible);
          }
        }
      }
    });
  }
});
