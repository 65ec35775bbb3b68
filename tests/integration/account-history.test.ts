import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { db } from "#db/client.server";
import { entries, memberships, organizations, projects, timelineVisits, users } from "#db/schema";
import { defineAbilityFor } from "#policies/ability";
import {
  ENTRY_PAGE_SIZE,
  listAccountEntries,
  type EntryCursor,
} from "~/features/history/entry.server";
import { loader as accountTimelineLoader } from "~/routes/_app.accounts.$accountId_.history";
import { loader as projectTimelineLoader } from "~/routes/_app.projects.$projectId.history._index";
import { createSession } from "~/kernel/session.server";
import { SESSION_COOKIE } from "~/kernel/cookies.server";
import { DEMO_PEOPLE, demoEmails, type DemoPerson } from "../support/demo-people";
import { makeRequestContext } from "../support/request";
import { actorByEmail } from "../support/world";
import { logNote } from "../support/log-note";
import { presetAudience } from "../support/audiences";

/*
 * The account timeline (every project of a customer account in one timeline) and the "new since
 * your last visit" marker, against the demo world of shared/DEMO_WORLD.md.
 */

const G = "Morgenrot – Umbau Gastraum";
const E = "Brandt – Empfang";
const T = "Morgenrot – Terrasse";
const MORGENROT = "Café Morgenrot GmbH";
const BRANDT = "Kanzlei Brandt";

/** Café Morgenrot's account timeline per person (DEMO_WORLD.md); null: may not read the account. */
const morgenrotTimeline: Record<DemoPerson, string[] | null> = {
  ida: ["AURORA", "KESTREL", "BIRCH", "LUPIN", "OSPREY", "MAPLE", "GLACIER"],
  anna: ["AURORA", "KESTREL", "BIRCH", "LUPIN", "OSPREY", "MAPLE", "GLACIER"],
  tom: ["AURORA", "KESTREL", "BIRCH", "LUPIN", "OSPREY", "MAPLE", "GLACIER"],
  clara: ["AURORA", "KESTREL", "BIRCH", "LUPIN", "OSPREY", "MAPLE", "GLACIER"],
  lena: ["AURORA", "LUPIN", "MAPLE"],
  eva: ["AURORA", "LUPIN", "MAPLE"],
  jonas: ["AURORA", "BIRCH", "OSPREY", "MAPLE"],
  // Mara and Paul are members of no Morgenrot project, so the account policy hides it.
  mara: null,
  paul: null,
};

const tokens = new Map<DemoPerson, string>();
const userIds = new Map<DemoPerson, string>();
const projectIds = new Map<string, string>();
const accountIds = new Map<string, string>();

beforeAll(async () => {
  for (const person of DEMO_PEOPLE) {
    const [user] = await db().select().from(users).where(eq(users.email, demoEmails[person]));
    const { token } = await createSession(user!.id, {
      ip: "198.51.100.83",
      userAgent: "account-history",
      twoFactorVerified: true,
    });
    tokens.set(person, token);
    userIds.set(person, user!.id);
  }
  for (const project of await db().select().from(projects)) {
    projectIds.set(project.name, project.id);
  }
  for (const org of await db().select().from(organizations)) accountIds.set(org.name, org.id);
});

const marker = (subject: string | null) => subject?.split(" ").at(-1) ?? "";

function request(person: DemoPerson, path: string) {
  return new Request(new URL(path, "http://localhost:3000"), {
    headers: { "Accept-Language": "en-GB", Cookie: `${SESSION_COOKIE}=${tokens.get(person)}` },
  });
}

function openAccountTimeline(person: DemoPerson, query = "", accountName = MORGENROT) {
  const accountId = accountIds.get(accountName)!;
  return accountTimelineLoader({
    request: request(person, `/accounts/${accountId}/history${query}`),
    params: { accountId },
    context: makeRequestContext(),
  });
}

function openProjectTimeline(person: DemoPerson, projectName: string, query = "") {
  const projectId = projectIds.get(projectName)!;
  return projectTimelineLoader({
    request: request(person, `/projects/${projectId}/history${query}`),
    params: { projectId },
    context: makeRequestContext(),
  });
}

async function status(run: () => Promise<unknown>) {
  try {
    await run();
    return 200;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    throw thrown;
  }
}

async function abilityOf(person: DemoPerson) {
  return defineAbilityFor(await actorByEmail(db(), demoEmails[person]));
}

/** A note logged by `person` in `projectName`, shared with `audience`. */
function logEntry(
  person: DemoPerson,
  projectName: string,
  subject: string,
  audience: "internal" | "all_members" | "custom",
  custom: string[] = [],
) {
  return logNote({
    authorId: userIds.get(person)!,
    projectId: projectIds.get(projectName)!,
    subject,
    audience,
    customOrganizationIds: custom.map((name) => accountIds.get(name)!),
  });
}

/** Lets the database clock move on, so what is logged next is later than the visit just made. */
const pause = () => new Promise((resolve) => setTimeout(resolve, 5));

/** Forgets the person's visits, so their next look at a timeline is their first. */
async function forgetVisits(person: DemoPerson) {
  await db()
    .delete(timelineVisits)
    .where(eq(timelineVisits.userId, userIds.get(person)!));
}

describe("the account timeline of Café Morgenrot", () => {
  for (const person of DEMO_PEOPLE) {
    const expected = morgenrotTimeline[person];
    test(`${person}: ${expected ? expected.join(", ") : "404"}`, async () => {
      if (!expected) {
        expect(await status(() => openAccountTimeline(person))).toBe(404);
        // The model, asked directly, finds nothing either.
        const page = await listAccountEntries(await abilityOf(person), accountIds.get(MORGENROT)!);
        expect(page.entries).toEqual([]);
        return;
      }
      const data = await openAccountTimeline(person);
      expect(data.entries.map((entry) => marker(entry.subject)).sort()).toEqual(
        [...expected].sort(),
      );
      const order = data.entries.map((entry) => entry.occurredAt);
      expect(order).toEqual([...order].sort().reverse());
      for (const entry of data.entries) {
        const projectName = marker(entry.subject) === "GLACIER" ? T : G;
        expect(entry.projectName, entry.subject ?? "").toBe(projectName);
        expect(entry.projectId).toBe(projectIds.get(projectName));
      }
      expect(data.nextCursor).toBeNull();
      // The project menu offers the account's projects the reader may read.
      expect(data.projects!.map((project) => project.name)).toEqual(
        ["ida", "anna", "tom", "clara"].includes(person) ? [T, G] : [G],
      );
    });
  }

  test("Kanzlei Brandt's timeline holds only Brandt entries, and is a 404 to Morgenrot's people", async () => {
    expect(
      (await openAccountTimeline("mara", "", BRANDT)).entries.map((e) => marker(e.subject)),
    ).toEqual(["QUARTZ"]);
    expect(
      (await openAccountTimeline("anna", "", BRANDT)).entries.map((e) => marker(e.subject)).sort(),
    ).toEqual(["QUARTZ", "TUNDRA"]);
    for (const person of ["lena", "jonas", "eva"] as const) {
      expect(await status(() => openAccountTimeline(person, "", BRANDT)), person).toBe(404);
    }
  });

  test("an unknown or malformed account id is a 404", async () => {
    for (const accountId of ["not-a-uuid", "00000000-0000-4000-8000-000000000000"]) {
      expect(
        await status(() =>
          accountTimelineLoader({
            request: request("ida", `/accounts/${accountId}/history`),
            params: { accountId },
            context: makeRequestContext(),
          }),
        ),
      ).toBe(404);
    }
    // A project is no account.
    const projectId = projectIds.get(G)!;
    expect(
      await status(() =>
        accountTimelineLoader({
          request: request("ida", `/accounts/${projectId}/history`),
          params: { accountId: projectId },
          context: makeRequestContext(),
        }),
      ),
    ).toBe(404);
  });

  test("a reader who may read the account but no entry of it sees an empty timeline", async () => {
    // Studio Lumen without the history section: the account stays readable, its entries do not.
    const lumen = and(
      eq(memberships.organizationId, accountIds.get("Studio Lumen")!),
      eq(memberships.projectId, projectIds.get(G)!),
    );
    const [before] = await db().select().from(memberships).where(lumen);
    await db()
      .update(memberships)
      .set({ sections: ["documents", "contacts"] })
      .where(lumen);
    try {
      const data = await openAccountTimeline("lena");
      expect(data.account.name).toBe(MORGENROT);
      expect(data.entries).toEqual([]);
      expect(data.authors).toEqual([]);
      expect(data.parties).toEqual([]);
    } finally {
      await db().update(memberships).set({ sections: before!.sections }).where(lumen);
    }
  });
});

describe("account timeline filters", () => {
  test("the project filter narrows to one project; a project of another account gives nothing", async () => {
    const load = async (query: string) =>
      (await openAccountTimeline("anna", query)).entries.map((entry) => marker(entry.subject));
    expect(await load(`?project=${projectIds.get(T)}`)).toEqual(["GLACIER"]);
    expect((await load(`?project=${projectIds.get(G)}`)).sort()).toEqual(
      ["AURORA", "BIRCH", "KESTREL", "LUPIN", "MAPLE", "OSPREY"].sort(),
    );
    expect(await load(`?project=${projectIds.get(E)}`)).toEqual([]);
    // Jonas may not read Terrasse: filtering to it shows nothing, not its entries.
    expect((await openAccountTimeline("jonas", `?project=${projectIds.get(T)}`)).entries).toEqual(
      [],
    );
    // Malformed values are ignored, not a 500.
    expect((await load("?project=nope&channel=fax&from=2026-02-31&after=%%%")).length).toBe(7);
  });

  test("channel, party and author combine with the project filter", async () => {
    const holzwerk = accountIds.get("Holzwerk Meyer KG")!;
    const load = async (query: string) =>
      (await openAccountTimeline("anna", query)).entries.map((entry) => marker(entry.subject));
    expect(await load("?channel=note")).toEqual(expect.arrayContaining(["KESTREL", "GLACIER"]));
    expect((await load("?channel=note")).length).toBe(2);
    expect(await load(`?channel=note&project=${projectIds.get(T)}`)).toEqual(["GLACIER"]);
    expect(await load(`?party=${holzwerk}`)).toEqual(["BIRCH"]);
    expect(await load(`?author=${userIds.get("lena")}`)).toEqual(["LUPIN"]);
  });

  test("filter options come only from entries the reader may read", async () => {
    const data = await openAccountTimeline("jonas");
    expect(data.authors.map((author) => author.name).sort()).toEqual(["Anna Berg", "Jonas Meyer"]);
    expect(data.parties.map((party) => party.name).sort()).toEqual([
      "Hansen Innenausbau GmbH",
      "Holzwerk Meyer KG",
    ]);
  });
});

describe("account timeline keyset paging", () => {
  test("entries of both projects, interleaved and sharing timestamps, page without gaps or repeats", async () => {
    const [anna] = await db()
      .select()
      .from(users)
      .where(eq(users.id, userIds.get("anna")!));
    const base = Date.now() - 60 * 24 * 3600 * 1000;
    // Pairs share a timestamp across the two projects, so the id tie-breaker decides between
    // projects as well, and every page boundary falls inside such a pair at some point.
    await db()
      .insert(entries)
      .values(
        Array.from({ length: 60 }, (_, index) => ({
          projectId: projectIds.get(index % 2 ? G : T)!,
          channel: "note" as const,
          direction: "internal" as const,
          occurredAt: new Date(base + Math.floor(index / 2) * 3600 * 1000),
          subject: `Paging ${index}`,
          authorId: anna!.id,
          authorOrganizationId: anna!.organizationId,
          // Every third of Gastraum's is shared with all members (Jonas reads those).
          audienceId: presetAudience(index % 6 === 1 ? "all_members" : "internal"),
        })),
      );

    async function walk(person: DemoPerson) {
      const seen: { id: string; occurredAt: string; subject: string | null }[] = [];
      let query = "";
      let pages = 0;
      for (;;) {
        const data = await openAccountTimeline(person, query);
        pages += 1;
        expect(data.entries.length).toBeLessThanOrEqual(ENTRY_PAGE_SIZE);
        seen.push(...data.entries);
        if (!data.nextCursor) break;
        query = `?after=${data.nextCursor}`;
        expect(pages).toBeLessThan(10);
      }
      return { seen, pages };
    }

    const anna67 = await walk("anna");
    expect(anna67.pages).toBe(3);
    expect(anna67.seen).toHaveLength(67);
    expect(new Set(anna67.seen.map((entry) => entry.id)).size).toBe(67);
    const all = await db()
      .select({ id: entries.id })
      .from(entries)
      .innerJoin(projects, eq(projects.id, entries.projectId))
      .where(eq(projects.accountId, accountIds.get(MORGENROT)!));
    expect(new Set(anna67.seen.map((entry) => entry.id))).toEqual(new Set(all.map((r) => r.id)));
    const order = anna67.seen.map((entry) => `${entry.occurredAt}|${entry.id}`);
    expect(order).toEqual([...order].sort().reverse());

    // Jonas pages through his 4 demo entries and the 10 shared notes, and nothing else.
    const jonas = await walk("jonas");
    expect(jonas.pages).toBe(1);
    expect(jonas.seen.map((entry) => entry.subject).filter((s) => s?.startsWith("Paging"))).toEqual(
      Array.from({ length: 10 }, (_, i) => `Paging ${(9 - i) * 6 + 1}`),
    );
    expect(jonas.seen).toHaveLength(14);
  });

  test("the model pages with a cursor the same way, and the project filter holds across pages", async () => {
    const ability = await abilityOf("anna");
    const accountId = accountIds.get(MORGENROT)!;
    const first = await listAccountEntries(ability, accountId, { projectId: projectIds.get(G) });
    expect(first.entries.every((entry) => entry.projectName === G)).toBe(true);
    let after: EntryCursor | undefined = first.next ?? undefined;
    let total = first.entries.length;
    while (after) {
      const page = await listAccountEntries(
        ability,
        accountId,
        { projectId: projectIds.get(G) },
        after,
      );
      expect(page.entries.every((entry) => entry.projectName === G)).toBe(true);
      total += page.entries.length;
      after = page.next ?? undefined;
    }
    const [count] = await db()
      .select({ n: sql<number>`count(*)::int` })
      .from(entries)
      .where(eq(entries.projectId, projectIds.get(G)!));
    expect(total).toBe(count!.n);
  });

  test("reading project by project and newest first across projects give the same pages", async () => {
    const accountId = accountIds.get(MORGENROT)!;
    for (const person of DEMO_PEOPLE) {
      const ability = await abilityOf(person);
      const pages = { "per-project": [] as string[], newest: [] as string[] };
      for (const strategy of ["per-project", "newest"] as const) {
        let after: EntryCursor | undefined;
        do {
          const page = await listAccountEntries(ability, accountId, {}, after, strategy);
          pages[strategy].push(
            page.entries.map((entry) => `${entry.id}:${entry.projectName}`).join(","),
          );
          after = page.next ?? undefined;
        } while (after);
      }
      expect(pages.newest, person).toEqual(pages["per-project"]);
    }
  });
});

describe("new since your last visit", () => {
  test("first visit: no marker; then another person's entry is new, one's own is not", async () => {
    await forgetVisits("anna");
    const first = await openAccountTimeline("anna");
    expect(first.newSince).toBeNull();
    expect(first.entries.some((entry) => entry.isNew)).toBe(false);
    await pause();

    const fromJonas = await logEntry("jonas", G, "Aufmaß Theke WILLOW", "all_members");
    await logEntry("anna", T, "Eigene Notiz HAZEL", "internal");
    const second = await openAccountTimeline("anna");
    expect(second.newSince?.count).toBe(1);
    expect(second.entries.filter((entry) => entry.isNew).map((entry) => entry.id)).toEqual([
      fromJonas.id,
    ]);
    const [visit] = await db()
      .select()
      .from(timelineVisits)
      .where(
        and(eq(timelineVisits.userId, userIds.get("anna")!), eq(timelineVisits.scope, "account")),
      );
    expect(second.newSince!.since).toBe(second.seen);
    expect(new Date(second.newSince!.since).getTime()).toBeLessThan(visit!.seenAt.getTime());

    // A third look right away finds nothing new: the second one was the last visit.
    const third = await openAccountTimeline("anna");
    expect(third.newSince?.count).toBe(0);
    expect(third.entries.some((entry) => entry.isNew)).toBe(false);
  });

  test("an entry the reader may not read is neither marked nor counted", async () => {
    await openAccountTimeline("lena");
    await openProjectTimeline("lena", G);
    await pause();
    const shared = await logEntry("jonas", G, "Lieferung bestätigt ASPEN", "all_members");
    const hidden = await logEntry("jonas", G, "Nur Holzwerk CEDAR", "custom", [
      "Holzwerk Meyer KG",
    ]);
    const internal = await logEntry("anna", T, "Intern Terrasse ROWAN", "internal");

    for (const data of [await openAccountTimeline("lena"), await openProjectTimeline("lena", G)]) {
      expect(data.newSince?.count).toBe(1);
      expect(data.entries.filter((entry) => entry.isNew).map((entry) => entry.id)).toEqual([
        shared.id,
      ]);
      const ids = data.entries.map((entry) => entry.id);
      expect(ids).not.toContain(hidden.id);
      expect(ids).not.toContain(internal.id);
      expect(JSON.stringify(data)).not.toMatch(/CEDAR|ROWAN/);
    }

    // Jonas may read CEDAR and Anna all three: the same entries count for them.
    await openAccountTimeline("anna");
    await pause();
    await logEntry("lena", G, "Farbmuster verschickt PINE", "all_members");
    const anna = await openAccountTimeline("anna");
    expect(anna.newSince?.count).toBe(1);
  });

  test("filters, paging and a deep-linked page keep comparing against the same visit", async () => {
    await openProjectTimeline("jonas", G);
    await pause();
    const fresh = await logEntry("anna", G, "Termin bestätigt SPRUCE", "all_members");
    const first = await openProjectTimeline("jonas", G);
    expect(first.newSince?.count).toBe(1);
    const seen = first.seen!;

    // Filtering is a new first page: with the baseline in the URL the marker stays.
    const filtered = await openProjectTimeline(
      "jonas",
      G,
      `?channel=note&seen=${encodeURIComponent(seen)}`,
    );
    expect(filtered.newSince?.count).toBe(1);
    expect(filtered.entries.find((entry) => entry.id === fresh.id)?.isNew).toBe(true);
    // A channel without the new entry counts nothing.
    const calls = await openProjectTimeline(
      "jonas",
      G,
      `?channel=call&seen=${encodeURIComponent(seen)}`,
    );
    expect(calls.newSince?.count).toBe(0);

    // A cursor page records no visit and marks by the baseline it carries.
    const [before] = await db()
      .select()
      .from(timelineVisits)
      .where(
        and(eq(timelineVisits.userId, userIds.get("jonas")!), eq(timelineVisits.scope, "project")),
      );
    const cursor = Buffer.from(
      JSON.stringify([new Date(Date.now() + 3600_000).toISOString(), fresh.id]),
    ).toString("base64url");
    const paged = await openProjectTimeline(
      "jonas",
      G,
      `?after=${cursor}&seen=${encodeURIComponent(seen)}`,
    );
    expect(paged.newSince).toBeNull();
    expect(paged.entries.find((entry) => entry.id === fresh.id)?.isNew).toBe(true);
    const [after] = await db()
      .select()
      .from(timelineVisits)
      .where(
        and(eq(timelineVisits.userId, userIds.get("jonas")!), eq(timelineVisits.scope, "project")),
      );
    expect(after!.seenAt).toEqual(before!.seenAt);

    // Without a baseline a deep link marks nothing, and a malformed one is ignored.
    const bare = await openProjectTimeline("jonas", G, `?after=${cursor}&seen=yesterday`);
    expect(bare.entries.some((entry) => entry.isNew)).toBe(false);
  });

  test("visits of the project and of the account timeline are kept apart", async () => {
    await forgetVisits("eva");
    await openProjectTimeline("eva", G);
    await pause();
    await logEntry("anna", G, "Rückmeldung Kundin JUNIPER", "all_members");
    // The account timeline was never opened: a first visit there, no marker.
    expect((await openAccountTimeline("eva")).newSince).toBeNull();
    expect((await openProjectTimeline("eva", G)).newSince?.count).toBe(1);
  });
});
