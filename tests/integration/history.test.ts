import { and, eq, like } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { db } from "#db/client.server";
import { auditEvents, entries, organizations, projects, users } from "#db/schema";
import { loader as entryLoader } from "~/routes/_app.projects.$projectId.history.$entryId";
import { loader as timelineLoader } from "~/routes/_app.projects.$projectId.history._index";
import { createSession } from "~/kernel/session.server";
import { SESSION_COOKIE } from "~/kernel/cookies.server";
import { makeRequestContext } from "../support/request";
import { presetAudience } from "../support/audiences";

const cookies = new Map<string, string>();
const projectIds = new Map<string, string>();

beforeAll(async () => {
  for (const email of ["anna@hansen.example", "jonas@holzwerk-meyer.example"]) {
    const [user] = await db().select().from(users).where(eq(users.email, email));
    const { token } = await createSession(user!.id, {
      ip: "198.51.100.82",
      userAgent: "history",
      twoFactorVerified: true,
    });
    cookies.set(email, token);
  }
  for (const project of await db().select().from(projects)) {
    projectIds.set(project.name, project.id);
  }
});

function args(email: string, path: string, params: Record<string, string>) {
  return {
    request: new Request(new URL(path, "http://localhost:3000"), {
      headers: { "Accept-Language": "en-GB", Cookie: `${SESSION_COOKIE}=${cookies.get(email)}` },
    }),
    params,
    context: makeRequestContext(),
  };
}

const marker = (subject: string | null) => subject?.split(" ").at(-1) ?? "";
const ANNA = "anna@hansen.example";

describe("timeline filters", () => {
  test("channel=call on Gastraum as Anna gives BIRCH and MAPLE, newest first", async () => {
    const projectId = projectIds.get("Morgenrot – Umbau Gastraum")!;
    const data = await timelineLoader(
      args(ANNA, `/projects/${projectId}/history?channel=call`, { projectId }),
    );
    expect(data.entries.map((entry) => marker(entry.subject))).toEqual(["MAPLE", "BIRCH"]);
  });

  test("party, author and date range narrow the timeline; unknown values are ignored", async () => {
    const projectId = projectIds.get("Morgenrot – Umbau Gastraum")!;
    const [holzwerk] = await db()
      .select()
      .from(organizations)
      .where(eq(organizations.name, "Holzwerk Meyer KG"));
    const [lena] = await db()
      .select()
      .from(users)
      .where(eq(users.email, "lena@studio-lumen.example"));
    const load = async (query: string) =>
      (
        await timelineLoader(args(ANNA, `/projects/${projectId}/history?${query}`, { projectId }))
      ).entries.map((entry) => marker(entry.subject));
    expect(await load(`party=${holzwerk!.id}`)).toEqual(["BIRCH"]);
    expect(await load(`author=${lena!.id}`)).toEqual(["LUPIN"]);
    const [aurora] = await db()
      .select()
      .from(entries)
      .where(eq(entries.subject, "Kickoff Gastraum AURORA"));
    const day = aurora!.occurredAt.toISOString().slice(0, 10);
    expect(await load(`from=${day}&to=${day}`)).toEqual(["AURORA"]);
    // As German and British readers type days, too.
    const [year, month, date] = day.split("-");
    expect(await load(`from=${date}.${month}.${year}&to=${date}/${month}/${year}`)).toEqual([
      "AURORA",
    ]);
    expect((await load("channel=fax&party=nope&from=2026-02-31")).length).toBe(6);
  });

  test("filter options come only from entries the reader may see", async () => {
    const projectId = projectIds.get("Morgenrot – Umbau Gastraum")!;
    const data = await timelineLoader(
      args("jonas@holzwerk-meyer.example", `/projects/${projectId}/history`, { projectId }),
    );
    // Lena's LUPIN is not shared with Holzwerk Meyer: neither she nor Studio Lumen is offered.
    expect(data.authors.map((author) => author.name).sort()).toEqual(["Anna Berg", "Jonas Meyer"]);
    expect(data.parties.map((party) => party.name).sort()).toEqual([
      "Hansen Innenausbau GmbH",
      "Holzwerk Meyer KG",
    ]);
  });

  test("an author whose last entry is behind a hundred newer ones is still offered", async () => {
    const projectId = projectIds.get("Morgenrot – Umbau Gastraum")!;
    const [anna] = await db().select().from(users).where(eq(users.email, ANNA));
    await db()
      .insert(entries)
      .values(
        Array.from({ length: 120 }, (_, index) => ({
          projectId,
          channel: "note" as const,
          direction: "internal" as const,
          occurredAt: new Date(Date.now() - index * 60_000),
          subject: `Newer ${index}`,
          authorId: anna!.id,
          authorOrganizationId: anna!.organizationId,
          audienceId: presetAudience("all_members"),
        })),
      );
    try {
      const data = await timelineLoader(
        args("jonas@holzwerk-meyer.example", `/projects/${projectId}/history`, { projectId }),
      );
      // Jonas's BIRCH is older than all 120: the menus still name him and his company.
      expect(data.authors.map((author) => author.name).sort()).toEqual([
        "Anna Berg",
        "Jonas Meyer",
      ]);
      expect(data.parties.map((party) => party.name)).toContain("Holzwerk Meyer KG");
    } finally {
      // The file shares one database: the later tests read this project's first page.
      await db()
        .delete(entries)
        .where(and(eq(entries.projectId, projectId), like(entries.subject, "Newer %")));
    }
  });
});

describe("keyset paging", () => {
  test("30 more entries page by 25 with no duplicates or gaps, newest first", async () => {
    const projectId = projectIds.get("Morgenrot – Terrasse")!;
    const [anna] = await db().select().from(users).where(eq(users.email, ANNA));
    // Pairs share a timestamp, so the id tie-breaker is exercised across the page boundary.
    const base = Date.now() - 40 * 24 * 3600 * 1000;
    await db()
      .insert(entries)
      .values(
        Array.from({ length: 30 }, (_, index) => ({
          projectId,
          channel: "note" as const,
          direction: "internal" as const,
          occurredAt: new Date(base + Math.floor(index / 2) * 3600 * 1000),
          subject: `Paging ${index}`,
          authorId: anna!.id,
          authorOrganizationId: anna!.organizationId,
          audienceId: presetAudience("internal"),
        })),
      );
    const all = await db()
      .select({ id: entries.id })
      .from(entries)
      .where(eq(entries.projectId, projectId));
    expect(all.length).toBe(31);

    const seen: { id: string; occurredAt: string }[] = [];
    let query = "";
    let pages = 0;
    for (;;) {
      const data = await timelineLoader(
        args(ANNA, `/projects/${projectId}/history${query}`, { projectId }),
      );
      pages += 1;
      seen.push(...data.entries.map((entry) => ({ id: entry.id, occurredAt: entry.occurredAt })));
      if (!data.nextCursor) break;
      query = `?after=${data.nextCursor}`;
      expect(pages).toBeLessThan(5);
    }
    expect(pages).toBe(2);
    expect(new Set(seen.map((entry) => entry.id)).size).toBe(31);
    expect(new Set(seen.map((entry) => entry.id))).toEqual(new Set(all.map((row) => row.id)));
    const order = seen.map((entry) => `${entry.occurredAt}|${entry.id}`);
    expect(order).toEqual([...order].sort().reverse());
  });
});

describe("entry page", () => {
  test("each read records an entry.viewed audit event", async () => {
    const projectId = projectIds.get("Morgenrot – Umbau Gastraum")!;
    const [entry] = await db()
      .select()
      .from(entries)
      .where(eq(entries.subject, "Lieferzeit Eichenholz BIRCH"));
    const [anna] = await db().select().from(users).where(eq(users.email, ANNA));
    const path = `/projects/${projectId}/history/${entry!.id}`;
    const data = await entryLoader(args(ANNA, path, { projectId, entryId: entry!.id }));
    await entryLoader(args(ANNA, path, { projectId, entryId: entry!.id }));
    expect(data.entry.details).toMatchObject({ durationMinutes: 12, outcome: "reached" });
    expect(data.revisions).toEqual([]);
    const events = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "entry.viewed"), eq(auditEvents.subjectId, entry!.id)));
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({
      subjectType: "Entry",
      projectId,
      actorUserId: anna!.id,
    });
  });

  test("a redacted entry is a tombstone on the timeline and the entry page", async () => {
    const projectId = projectIds.get("Morgenrot – Umbau Gastraum")!;
    const [entry] = await db()
      .update(entries)
      .set({ redactedAt: new Date(), redactionReason: "Test" })
      .where(eq(entries.subject, "Rückruf Eva Terminwunsch MAPLE"))
      .returning();
    const timeline = await timelineLoader(
      args(ANNA, `/projects/${projectId}/history`, { projectId }),
    );
    const row = timeline.entries.find((item) => item.id === entry!.id)!;
    expect(row).toMatchObject({ redacted: true, subject: null, excerpt: null });
    const page = await entryLoader(
      args(ANNA, `/projects/${projectId}/history/${entry!.id}`, {
        projectId,
        entryId: entry!.id,
      }),
    );
    expect(page.entry).toMatchObject({ redacted: true, subject: null, bodyHtml: "" });
    expect(JSON.stringify(page)).not.toContain("Terminwunsch");
  });
});
