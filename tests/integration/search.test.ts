import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { db } from "#db/client.server";
import { auditEvents, entries, projects, users } from "#db/schema";
import { defineAbilityFor } from "#policies/ability";
import { highlightSegments, SEARCH_MAX_PAGE, searchEntries } from "~/features/search/search.server";
import { loader as searchLoader } from "~/routes/_app.search";
import { createSession } from "~/kernel/session.server";
import { SESSION_COOKIE } from "~/kernel/cookies.server";
import { demoEmails } from "../support/demo-people";
import { actorByEmail } from "../support/world";
import { makeRequestContext } from "../support/request";
import { presetAudience } from "../support/audiences";

const ANNA = "anna@hansen.example";
const LENA = "lena@studio-lumen.example";
const cookies = new Map<string, string>();
const projectIds = new Map<string, string>();
let annaId = "";
let hostOrganizationId = "";

beforeAll(async () => {
  for (const email of [ANNA, LENA]) {
    const [user] = await db().select().from(users).where(eq(users.email, email));
    const { token } = await createSession(user!.id, {
      ip: "198.51.100.83",
      userAgent: "search",
      twoFactorVerified: true,
    });
    cookies.set(email, token);
    if (email === ANNA) {
      annaId = user!.id;
      hostOrganizationId = user!.organizationId;
    }
  }
  for (const project of await db().select().from(projects)) {
    projectIds.set(project.name, project.id);
  }
});

function args(email: string, query: Record<string, string>) {
  const path = `/search?${new URLSearchParams(query)}`;
  return {
    request: new Request(new URL(path, "http://localhost:3000"), {
      headers: { "Accept-Language": "en-GB", Cookie: `${SESSION_COOKIE}=${cookies.get(email)}` },
    }),
    params: {},
    context: makeRequestContext(),
  };
}

async function search(email: string, query: Record<string, string>) {
  const data = await searchLoader(args(email, query));
  if (data.state !== "results") throw new Error(`expected results, got ${data.state}`);
  return data;
}

const marker = (segments: { text: string }[]) =>
  segments
    .map((segment) => segment.text)
    .join("")
    .split(" ")
    .at(-1);
const markers = async (email: string, q: string) =>
  (await search(email, { q })).results.map((result) => marker(result.subject));
const marked = (segments: { text: string; mark: boolean }[]) =>
  segments.filter((segment) => segment.mark).map((segment) => segment.text);

/** A note in the internal Terrasse project, which only the host reads. */
async function addNote(subject: string, bodyText: string, daysAgo = 1) {
  const [row] = await db()
    .insert(entries)
    .values({
      projectId: projectIds.get("Morgenrot – Terrasse")!,
      channel: "note",
      direction: "internal",
      occurredAt: new Date(Date.now() - daysAgo * 24 * 3600 * 1000),
      subject,
      bodyText,
      authorId: annaId,
      authorOrganizationId: hostOrganizationId,
      audienceId: presetAudience("internal"),
    })
    .returning();
  return row!;
}

describe("stemming", () => {
  test("German: an inflected form finds the word (Kalkulationen → Kalkulation)", async () => {
    expect(await markers(ANNA, "Kalkulationen")).toEqual(["KESTREL"]);
  });

  test("German: the plural of a compound finds it (Lieferzeiten → Lieferzeit)", async () => {
    expect(await markers(ANNA, "Lieferzeiten")).toEqual(["BIRCH"]);
  });

  test("English: the singular finds the plural, which German stemming would miss", async () => {
    const note = await addNote(
      "Supplier follow-up",
      "The supplier confirmed both deliveries of the oak panels for next week.",
    );
    for (const q of ["delivery", "deliveries", "panel"]) {
      const data = await search(ANNA, { q });
      expect(
        data.results.map((result) => result.id),
        q,
      ).toEqual([note.id]);
    }
    const [snippet] = (await search(ANNA, { q: "delivery" })).results.map((r) => r.snippet);
    expect(marked(snippet!)).toEqual(["deliveries"]);
  });
});

describe("ranking and highlighting", () => {
  test("a match in the subject ranks above a match in the body only, even an older one", async () => {
    // Eichenholz: BIRCH has it in the subject, KESTREL only in its body.
    expect(await markers(ANNA, "Eichenholz")).toEqual(["BIRCH", "KESTREL"]);
    const inSubject = await addNote("Wandfarbe Muster", "Drei Muster bestellt.", 30);
    const inBody = await addNote("Baustellenbesuch", "Die Wandfarbe ist noch nicht trocken.", 1);
    const ids = (await search(ANNA, { q: "Wandfarbe" })).results.map((result) => result.id);
    expect(ids).toEqual([inSubject.id, inBody.id]);
  });

  test("subject and snippet carry the matches as marked segments", async () => {
    const [kestrel] = (await search(ANNA, { q: "Kalkulation" })).results;
    expect(kestrel!.subject).toEqual([
      { text: "Kalkulation", mark: true },
      { text: " Marge KESTREL", mark: false },
    ]);
    expect(marked(kestrel!.snippet)).toEqual(["Kalkulation"]);
    // A short body is shown whole.
    expect(kestrel!.snippet.map((segment) => segment.text).join("")).toBe(
      "Interne Kalkulation: Zielmarge 22 %, Puffer für Eichenholz einplanen.",
    );
  });

  test("a long body is cut to fragments around the matches, with ellipses where it goes on", async () => {
    const filler = (from: number) =>
      Array.from({ length: 60 }, (_, index) => `Wort${from + index}`).join(" ");
    await addNote(
      "Protokoll",
      `${filler(0)} Der Fliesenleger kommt am Montag. ${filler(100)} Fliesenleger bestätigt. ${filler(200)}`,
    );
    const [result] = (await search(ANNA, { q: "Fliesenleger" })).results;
    const text = result!.snippet.map((segment) => segment.text).join("");
    expect(marked(result!.snippet)).toEqual(["Fliesenleger", "Fliesenleger"]);
    expect(text.length).toBeLessThan(400);
    expect(text).toMatch(/^… .* … .* …$/);
    expect(text).not.toContain("Wort0 ");
    expect(text).not.toContain("Wort259");

    const start = await addNote("Notiz", `Estrichleger ${filler(0)}`);
    const [atStart] = (await search(ANNA, { q: "Estrichleger" })).results;
    expect(atStart!.id).toBe(start.id);
    expect(atStart!.snippet[0]).toEqual({ text: "Estrichleger", mark: true });
    expect(atStart!.snippet.at(-1)!.text).toMatch(/ …$/);
  });

  test("sentinel characters typed into an entry never turn into highlights", async () => {
    await addNote("Sentinel \uE000check\uE001", "Harmless \uE000text\uE001 with Markierungstest.");
    const [result] = (await search(ANNA, { q: "Markierungstest" })).results;
    expect(marked(result!.subject)).toEqual([]);
    expect(result!.subject.map((segment) => segment.text).join("")).toBe("Sentinel check");
    expect(marked(result!.snippet)).toEqual(["Markierungstest"]);
  });

  test("highlightSegments survives nested and unpaired sentinels", () => {
    expect(highlightSegments("a\uE000\uE000b\uE001\uE001c\uE001d\uE000e")).toEqual([
      { text: "a", mark: false },
      { text: "b", mark: true },
      { text: "cd", mark: false },
      { text: "e", mark: true },
    ]);
  });
});

describe("what is found", () => {
  test("redacted entries are never found, nor counted", async () => {
    const note = await addNote("Geheimsache ZEPHYRWORT", "Nur intern.");
    expect((await search(ANNA, { q: "ZEPHYRWORT" })).total).toBe(1);
    await db()
      .update(entries)
      .set({ redactedAt: new Date(), redactionReason: "Test" })
      .where(eq(entries.id, note.id));
    const data = await search(ANNA, { q: "ZEPHYRWORT" });
    expect(data.total).toBe(0);
    expect(data.results).toEqual([]);
  });

  test("a partner finds nothing outside what is shared with them", async () => {
    const lena = await search(LENA, { q: "Kalkulation" });
    expect(lena).toMatchObject({ total: 0, results: [] });
    expect(await markers(ANNA, "Kalkulation")).toEqual(["KESTREL"]);
  });

  test("web-search syntax: phrases, exclusions and or", async () => {
    expect(await markers(ANNA, '"Puffer für Eichenholz"')).toEqual(["KESTREL"]);
    expect(await markers(ANNA, "Eichenholz -Marge")).toEqual(["BIRCH"]);
    expect((await markers(ANNA, "AURORA or GLACIER")).sort()).toEqual(["AURORA", "GLACIER"]);
    // Only an exclusion, or only stop words, would match everything or nothing: nothing.
    expect((await search(ANNA, { q: "-Eichenholz" })).total).toBe(0);
    expect((await search(ANNA, { q: "the and" })).total).toBe(0);
  });

  test("the project filter narrows; a project the reader may not read is ignored", async () => {
    const gastraum = projectIds.get("Morgenrot – Umbau Gastraum")!;
    const terrasse = projectIds.get("Morgenrot – Terrasse")!;
    expect(
      (await search(ANNA, { q: "Eichenholz", project: gastraum })).results.map((r) =>
        marker(r.subject),
      ),
    ).toEqual(["BIRCH", "KESTREL"]);
    const none = await search(ANNA, { q: "Eichenholz", project: terrasse });
    expect(none).toMatchObject({ total: 0, projectId: terrasse });
    const lena = await search(LENA, { q: "Kickoff", project: terrasse });
    expect(lena.projectId).toBeNull();
    expect(lena.projects.map((project) => project.name)).toEqual(["Morgenrot – Umbau Gastraum"]);
    expect(lena.results.map((r) => marker(r.subject))).toEqual(["AURORA"]);
  });

  test("pages of 20, best first, with no duplicates; a page past the end shows the last", async () => {
    const actor = await actorByEmail(db(), ANNA);
    for (let index = 0; index < 25; index += 1) {
      await addNote(`Seitentest ${index}`, "Blättern", index + 2);
    }
    // The oldest, but the best match: ranking picks the page, not only the order within it.
    const best = await addNote("Seitentest Seitentest", "Seitentest im Text", 400);
    const first = await search(ANNA, { q: "Seitentest" });
    const second = await search(ANNA, { q: "Seitentest", page: "2" });
    expect(first).toMatchObject({ total: 26, page: 1, pageCount: 2 });
    expect(first.results).toHaveLength(20);
    expect(second.results).toHaveLength(6);
    const ids = [...first.results, ...second.results].map((result) => result.id);
    expect(new Set(ids).size).toBe(26);
    expect(first.results[0]!.id).toBe(best.id);
    // Equal ranks: newest first.
    expect(first.results[1]!.subject.map((s) => s.text).join("")).toBe("Seitentest 0");
    expect(
      second.results
        .at(-1)!
        .subject.map((s) => s.text)
        .join(""),
    ).toBe("Seitentest 24");
    expect(await search(ANNA, { q: "Seitentest", page: "999" })).toMatchObject({ page: 2 });
    expect(await search(ANNA, { q: "Seitentest", page: "-3" })).toMatchObject({ page: 1 });
    expect(await search(ANNA, { q: "Seitentest", page: "zwei" })).toMatchObject({ page: 1 });
    const direct = await searchEntries(defineAbilityFor(actor), "Seitentest", { page: 10_000 });
    expect(direct.page).toBe(SEARCH_MAX_PAGE);
    expect(direct.results).toEqual([]);
  });
});

describe("audit", () => {
  test("every search records search.performed with the query and the result count", async () => {
    const gastraum = projectIds.get("Morgenrot – Umbau Gastraum")!;
    await search(ANNA, { q: "  Eichenholz  ", project: gastraum });
    await search(LENA, { q: "Kalkulation" });
    const events = await db()
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.action, "search.performed"),
          sql`${auditEvents.personal}->>'query' in ('Eichenholz', 'Kalkulation')`,
        ),
      )
      .orderBy(auditEvents.seq);
    const [anna] = await db().select().from(users).where(eq(users.email, ANNA));
    const [lena] = await db().select().from(users).where(eq(users.email, LENA));
    const annaEvent = events.findLast((event) => event.actorUserId === anna!.id)!;
    expect(annaEvent).toMatchObject({
      subjectType: "Entry",
      projectId: gastraum,
      actorOrganizationId: anna!.organizationId,
      details: { resultCount: 2, page: 1 },
      personal: { query: "Eichenholz" },
    });
    const lenaEvent = events.findLast((event) => event.actorUserId === lena!.id)!;
    expect(lenaEvent).toMatchObject({
      projectId: null,
      details: { resultCount: 0 },
      personal: { query: "Kalkulation" },
    });
  });

  test("the initial page and rejected input record nothing", async () => {
    const count = async () =>
      (await db().select().from(auditEvents).where(eq(auditEvents.action, "search.performed")))
        .length;
    const before = await count();
    await searchLoader(args(ANNA, {}));
    await searchLoader(args(ANNA, { q: "x" }));
    expect(await count()).toBe(before);
  });
});

describe("bad input", () => {
  test.each([
    ["", "Type what you are looking for."],
    ["   ", "Type what you are looking for."],
    ["a", "Type at least 2 characters."],
    [" ä ", "Type at least 2 characters."],
    ["x".repeat(201), "Use at most 200 characters."],
  ])("%j gets a message next to the field and keeps what was typed", async (q, message) => {
    const data = await searchLoader(args(ANNA, { q }));
    expect(data).toMatchObject({ state: "invalid", error: message, typed: q });
  });

  test("200 characters and 2 characters (one emoji counts once) are searched", async () => {
    expect((await searchLoader(args(ANNA, { q: "x".repeat(200) }))).state).toBe("results");
    expect((await searchLoader(args(ANNA, { q: "🙂x" }))).state).toBe("results");
  });

  test("no q at all is the initial page, with no error", async () => {
    const data = await searchLoader(args(ANNA, {}));
    expect(data.state).toBe("initial");
    expect(data.typed).toBe("");
  });
});

describe("common words", () => {
  test("walking the newest entries finds exactly what the GIN index finds, for every reader", async () => {
    for (const email of Object.values(demoEmails)) {
      const ability = defineAbilityFor(await actorByEmail(db(), email));
      for (const query of ["Eichenholz", "Kalkulation", "Terrasse OR Empfang", "Eva"]) {
        const [walked, indexed] = await Promise.all([
          searchEntries(ability, query, { strategy: "newest" }),
          searchEntries(ability, query, { strategy: "index" }),
        ]);
        expect(walked, `${email} ${query}`).toEqual(indexed);
      }
    }
  });
});
