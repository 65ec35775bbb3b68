import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { db } from "#db/client.server";
import { entries, memberships, organizations, projects, users } from "#db/schema";
import { defineAbilityFor } from "#policies/ability";
import {
  loadHome,
  HOME_ENTRIES,
  HOME_PROJECTS,
  type HomeStrategy,
} from "~/features/home/home.server";
import { recordTimelineVisit } from "~/features/history/timeline.server";
import {
  DEMO_PEOPLE,
  demoEmails,
  EMPFANG,
  ENTRIES_SEEN_BY,
  ENTRY_MARKERS,
  GASTRAUM,
  MORGENROT,
  PROJECTS_SEEN_BY,
  TERRASSE,
  type DemoPerson,
} from "../support/demo-people";
import { markerOf } from "../support/http-as";
import { actorByEmail } from "../support/world";
import { logNote } from "../support/log-note";
import { presetAudience } from "../support/audiences";

/*
 * Home's model against DEMO_WORLD.md: which projects and entries each demo user sees, that the
 * latest activity and the "new since your last visit" counts come only from readable entries,
 * and that both ways of reading (per project, newest first) agree.
 */

const STRATEGIES: HomeStrategy[] = ["per-project", "newest"];

/** Projects newest activity first: MAPLE (2 days ago), GLACIER (4), TUNDRA (8) / QUARTZ (9). */
const PROJECT_ORDER = [GASTRAUM, TERRASSE, EMPFANG];
/** The nine entries newest first (their days ago: 2, 4, 7, 8, 9, 10, 14, 19, 21). */
const NEWEST_FIRST = [
  "MAPLE",
  "GLACIER",
  "OSPREY",
  "TUNDRA",
  "QUARTZ",
  "LUPIN",
  "BIRCH",
  "KESTREL",
  "AURORA",
];

const userIds = new Map<DemoPerson, string>();
const projectIds = new Map<string, string>();
const orgIds = new Map<string, string>();

beforeAll(async () => {
  for (const person of DEMO_PEOPLE) {
    const [user] = await db().select().from(users).where(eq(users.email, demoEmails[person]));
    userIds.set(person, user!.id);
  }
  for (const row of await db().select().from(projects)) projectIds.set(row.name, row.id);
  for (const row of await db().select().from(organizations)) orgIds.set(row.name, row.id);
});

async function homeOf(person: DemoPerson, strategy: HomeStrategy = "auto") {
  const ability = defineAbilityFor(await actorByEmail(db(), demoEmails[person]));
  return loadHome({ ability, userId: userIds.get(person)! }, strategy);
}

/** A note logged now by `person`, shared with `audience`. */
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
    customOrganizationIds: custom.map((name) => orgIds.get(name)!),
  });
}

/** Lets the database clock move on, so what is logged next is later than the visit just made. */
const pause = () => new Promise((resolve) => setTimeout(resolve, 5));

const visit = (person: DemoPerson, projectName: string) =>
  recordTimelineVisit(userIds.get(person)!, { kind: "project", id: projectIds.get(projectName)! });

describe("every demo user's home (DEMO_WORLD.md)", () => {
  for (const person of DEMO_PEOPLE) {
    for (const strategy of STRATEGIES) {
      test(`${person}, ${strategy}: their projects newest first and exactly their entries`, async () => {
        const home = await homeOf(person, strategy);
        const seen = PROJECTS_SEEN_BY[person];
        expect(home.projects.map((project) => project.name)).toEqual(
          PROJECT_ORDER.filter((name) => seen.includes(name)),
        );
        expect(home.entries.map((entry) => markerOf(entry.subject))).toEqual(
          NEWEST_FIRST.filter((word) => ENTRIES_SEEN_BY[person].includes(word)),
        );
        // Nothing the table forbids is anywhere in what home returns.
        const text = JSON.stringify(home);
        for (const word of ENTRY_MARKERS.filter(
          (word) => !ENTRIES_SEEN_BY[person].includes(word),
        )) {
          expect(text, word).not.toContain(word);
        }
        for (const name of PROJECT_ORDER.filter((name) => !seen.includes(name))) {
          expect(text, name).not.toContain(name);
        }
      });
    }
  }

  test("each project's latest activity is its newest entry the reader may read", async () => {
    const latest = async (person: DemoPerson, projectName: string) =>
      (await homeOf(person)).projects.find((project) => project.name === projectName)?.latest;
    expect((await latest("anna", GASTRAUM))?.subject).toBe("Rückruf Eva Terminwunsch MAPLE");
    // Brandt – Empfang: Tom's internal TUNDRA (8 days ago) is newer than Mara's QUARTZ (9).
    expect((await latest("tom", EMPFANG))?.subject).toBe("Honorar Mara intern TUNDRA");
    for (const person of ["mara", "paul"] as const) {
      const found = await latest(person, EMPFANG);
      const [quartz] = await db()
        .select()
        .from(entries)
        .where(eq(entries.subject, "Empfangstresen Entwurf QUARTZ"));
      expect(found?.subject, person).toBe("Empfangstresen Entwurf QUARTZ");
      expect(found?.occurredAt, person).toEqual(quartz!.occurredAt);
    }
  });

  test("the projects name their customer account; never visited: nothing is counted as new", async () => {
    const home = await homeOf("eva");
    expect(home.projects).toEqual([
      expect.objectContaining({
        name: GASTRAUM,
        accountName: MORGENROT,
        lastVisit: null,
        newCount: 0,
      }),
    ]);
    expect(home.projectCount).toBe(1);
    expect(home.entries.some((entry) => entry.isNew)).toBe(false);
  });
});

describe("latest activity and what is new, through the timelines' filter", () => {
  test("Anna logs an internal entry: her Gastraum's latest activity moves, Lena's does not", async () => {
    const before = new Map<string, Awaited<ReturnType<typeof homeOf>>>();
    for (const person of ["anna", "lena"] as const) before.set(person, await homeOf(person));
    await pause();
    const internal = await logEntry("anna", GASTRAUM, "Marge nachgerechnet WREN", "internal");

    for (const strategy of STRATEGIES) {
      const anna = await homeOf("anna", strategy);
      const annaGastraum = anna.projects.find((project) => project.name === GASTRAUM)!;
      expect(annaGastraum.latest?.id, strategy).toBe(internal.id);
      expect(annaGastraum.latest?.occurredAt, strategy).toEqual(internal.occurredAt);
      expect(anna.entries[0]?.id, strategy).toBe(internal.id);

      const lena = await homeOf("lena", strategy);
      const lenaBefore = before.get("lena")!;
      expect(lena.projects, strategy).toEqual(lenaBefore.projects);
      expect(lena.projects[0]!.latest?.subject).toBe("Rückruf Eva Terminwunsch MAPLE");
      expect(lena.entries, strategy).toEqual(lenaBefore.entries);
      expect(JSON.stringify(lena), strategy).not.toContain("WREN");
    }
  });

  test("new since the last visit: what others logged that the reader may read, not their own", async () => {
    await visit("lena", GASTRAUM);
    await visit("anna", GASTRAUM);
    await pause();
    const aspen = await logEntry("jonas", GASTRAUM, "Lieferung bestätigt ASPEN", "all_members");
    const cedar = await logEntry("jonas", GASTRAUM, "Nur Holzwerk CEDAR", "custom", [
      "Holzwerk Meyer KG",
    ]);
    const pine = await logEntry("lena", GASTRAUM, "Farbmuster verschickt PINE", "all_members");
    const rowan = await logEntry("anna", GASTRAUM, "Intern Aufschlag ROWAN", "internal");

    for (const strategy of STRATEGIES) {
      const lena = await homeOf("lena", strategy);
      const gastraum = lena.projects.find((project) => project.name === GASTRAUM)!;
      expect(gastraum.lastVisit, strategy).not.toBeNull();
      expect(gastraum.newCount, strategy).toBe(1);
      expect(gastraum.latest?.id, strategy).toBe(pine.id);
      expect(lena.entries.filter((entry) => entry.isNew).map((entry) => entry.id)).toEqual([
        aspen.id,
      ]);
      // Her own PINE is listed, but not as new.
      expect(lena.entries.find((entry) => entry.id === pine.id)?.isNew).toBe(false);
      expect(JSON.stringify(lena), strategy).not.toMatch(/CEDAR|ROWAN/);

      const anna = await homeOf("anna", strategy);
      const annaGastraum = anna.projects.find((project) => project.name === GASTRAUM)!;
      expect(annaGastraum.newCount, strategy).toBe(3);
      expect(
        anna.entries
          .filter((entry) => entry.isNew)
          .map((entry) => entry.id)
          .sort(),
        strategy,
      ).toEqual([aspen.id, cedar.id, pine.id].sort());
      expect(anna.entries.find((entry) => entry.id === rowan.id)?.isNew, strategy).toBe(false);
      // Terrasse and Empfang were never opened: nothing counts as new there.
      for (const project of anna.projects.filter((project) => project.name !== GASTRAUM)) {
        expect(project.lastVisit, project.name).toBeNull();
        expect(project.newCount, project.name).toBe(0);
      }
    }

    // Opening the timeline again is the new baseline: nothing new since.
    await visit("lena", GASTRAUM);
    const again = await homeOf("lena");
    expect(again.projects[0]!.newCount).toBe(0);
    expect(again.entries.some((entry) => entry.isNew)).toBe(false);
  });

  test("home does not count as a visit: the count stays until the timeline is opened", async () => {
    await visit("jonas", GASTRAUM);
    await pause();
    await logEntry("lena", GASTRAUM, "Abstimmung Lichtplanung ALDER", "all_members");
    expect((await homeOf("jonas")).projects[0]!.newCount).toBe(1);
    expect((await homeOf("jonas")).projects[0]!.newCount).toBe(1);
  });

  test("the new count stops at the timeline's cap", async () => {
    await visit("eva", GASTRAUM);
    await pause();
    const [anna] = await db()
      .select()
      .from(users)
      .where(eq(users.id, userIds.get("anna")!));
    await db()
      .insert(entries)
      .values(
        Array.from({ length: 105 }, (_, index) => ({
          projectId: projectIds.get(GASTRAUM)!,
          channel: "note" as const,
          direction: "internal" as const,
          occurredAt: new Date(Date.now() - index * 1000),
          subject: `Baustellennotiz ${index}`,
          authorId: anna!.id,
          authorOrganizationId: anna!.organizationId,
          audienceId: presetAudience("all_members"),
        })),
      );
    for (const strategy of STRATEGIES) {
      const eva = await homeOf("eva", strategy);
      expect(eva.projects[0]!.newCount, strategy).toBe(100);
      expect(eva.entries, strategy).toHaveLength(HOME_ENTRIES);
      // Only what was logged after her visit is marked (ALDER, from before it, is not).
      for (const entry of eva.entries) {
        expect(entry.isNew, entry.subject!).toBe(entry.subject!.startsWith("Baustellennotiz"));
      }
      expect(
        eva.entries.some((entry) => entry.isNew),
        strategy,
      ).toBe(true);
    }
  });
});

describe("projects without readable activity, redactions, and no projects at all", () => {
  test("a project whose entries the reader may not read is listed after the active ones", async () => {
    // Studio Lumen joins the internal Terrasse for its documents only: GLACIER stays unreadable.
    const [anna] = await db()
      .select()
      .from(users)
      .where(eq(users.id, userIds.get("anna")!));
    await db()
      .insert(memberships)
      .values({
        projectId: projectIds.get(TERRASSE)!,
        organizationId: orgIds.get("Studio Lumen")!,
        access: "view",
        sections: ["documents"],
        createdById: anna!.id,
      });
    for (const strategy of STRATEGIES) {
      const lena = await homeOf("lena", strategy);
      expect(
        lena.projects.map((project) => [project.name, project.latest === null]),
        strategy,
      ).toEqual([
        [GASTRAUM, false],
        [TERRASSE, true],
      ]);
      expect(JSON.stringify(lena), strategy).not.toMatch(/GLACIER|Vorplanung/);
    }
  });

  test("a redacted entry shows as a tombstone: no subject, on the project or in the list", async () => {
    const [newest] = (await homeOf("eva")).entries;
    const [row] = await db().select().from(entries).where(eq(entries.id, newest!.id));
    await db()
      .update(entries)
      .set({ redactedAt: new Date(), redactionReason: "Personal data" })
      .where(eq(entries.id, row!.id));
    for (const strategy of STRATEGIES) {
      const eva = await homeOf("eva", strategy);
      expect(eva.entries[0], strategy).toMatchObject({
        id: row!.id,
        subject: null,
        redacted: true,
      });
      expect(eva.projects[0]!.latest, strategy).toMatchObject({
        id: row!.id,
        subject: null,
        redacted: true,
      });
      expect(JSON.stringify(eva), strategy).not.toContain(row!.subject);
    }
  });

  test("a partner whose only membership ended has no projects and no entries", async () => {
    await db()
      .update(memberships)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(memberships.organizationId, orgIds.get("Mara Wolff Design")!));
    for (const strategy of [...STRATEGIES, "auto" as const]) {
      expect(await homeOf("mara", strategy)).toEqual({
        projects: [],
        projectCount: 0,
        entries: [],
      });
    }
  });
});

describe("many projects: the list is bounded", () => {
  /** `count` new projects of Café Morgenrot, each with one internal note `minutesAgo` old. */
  async function addProjects(count: number, from: number) {
    const [anna] = await db()
      .select()
      .from(users)
      .where(eq(users.id, userIds.get("anna")!));
    const created = await db()
      .insert(projects)
      .values(
        Array.from({ length: count }, (_, index) => ({
          name: `Filiale ${from + index}`,
          accountId: orgIds.get(MORGENROT)!,
          ownerId: anna!.id,
        })),
      )
      .returning();
    await db()
      .insert(entries)
      .values(
        created.map((project, index) => ({
          projectId: project.id,
          channel: "call" as const,
          direction: "outbound" as const,
          // Every other project is newer than all the demo's entries.
          occurredAt: new Date(Date.now() - (from + index) * 60_000 * (index % 2 ? 1 : 10_000)),
          subject: `Anruf Filiale ${from + index}`,
          authorId: anna!.id,
          authorOrganizationId: anna!.organizationId,
          audienceId: presetAudience("internal"),
        })),
      );
  }

  /** The host's projects by their newest entry, straight from the tables. */
  async function expectedForHost() {
    const all = await db().select().from(entries);
    const newest = new Map<string, Date>();
    for (const entry of all) {
      const current = newest.get(entry.projectId);
      if (!current || entry.occurredAt > current) newest.set(entry.projectId, entry.occurredAt);
    }
    const top = [...newest.entries()].sort((a, b) => b[1].getTime() - a[1].getTime());
    return {
      projects: top.slice(0, HOME_PROJECTS).map(([id]) => id),
      entries: [...all]
        .sort((a, b) => b.occurredAt.getTime() - a.occurredAt.getTime())
        .slice(0, HOME_ENTRIES)
        .map((entry) => entry.id),
    };
  }

  test("up to 40 projects: the 8 most recently active, and how many there are", async () => {
    await addProjects(12, 1);
    const expected = await expectedForHost();
    for (const strategy of ["auto", ...STRATEGIES] as const) {
      const anna = await homeOf("anna", strategy);
      expect(
        anna.projects.map((project) => project.id),
        strategy,
      ).toEqual(expected.projects);
      expect(
        anna.entries.map((entry) => entry.id),
        strategy,
      ).toEqual(expected.entries);
      expect(anna.projectCount, strategy).toBe(15);
    }
    // Nothing of it reaches Lena, who is in none of the new projects.
    expect(JSON.stringify(await homeOf("lena"))).not.toContain("Filiale");
  });

  test("more than 40: read newest first across all projects, and no count", async () => {
    await addProjects(40, 13);
    const expected = await expectedForHost();
    for (const strategy of ["auto", ...STRATEGIES] as const) {
      const anna = await homeOf("anna", strategy);
      expect(
        anna.projects.map((project) => project.id),
        strategy,
      ).toEqual(expected.projects);
      expect(
        anna.entries.map((entry) => entry.id),
        strategy,
      ).toEqual(expected.entries);
      expect(anna.projectCount, strategy).toBe(strategy === "per-project" ? 55 : null);
    }
  });
});
