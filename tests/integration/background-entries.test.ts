import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { db, useDatabase } from "#db/client.server";
import { entries, entryParticipants, projects } from "#db/schema";
import { entryChannels } from "#db/schema/values";
import { backgroundEntries } from "#db/seed/background-entries";
import { demoEntries, demoOrganizations } from "#db/seed/demo-world";
import { defineAbilityFor, subject, type AppAbility } from "#policies/ability";
import { accessibleWhere } from "#policies/to-sql";
import { entrySubject } from "~/features/history/entry-subject.server";
import { projectForPolicy } from "~/features/sharing/audience.server";
import { listProjectEntries, type EntryCursor } from "~/features/history/entry.server";
import { renderRichText } from "~/kernel/rich-text/rich-text.server";
import { openSeededDatabase, type TestDatabase } from "../support/database";
import { DEMO_PEOPLE, demoEmails, type DemoPerson } from "../support/demo-people";
import { actorByEmail, loadWorld } from "../support/world";

/*
 * The demo seed with its background entries (the shared fixture has only the nine): every
 * background entry could have been written by its author through the policy, and every demo
 * user's timelines agree three ways: the SQL filter, CASL in memory, and the plain sharing rules
 * of DEMO_WORLD.md applied to the seed list.
 */

const now = new Date();
let seeded: TestDatabase | undefined;

beforeAll(async () => {
  seeded = await openSeededDatabase(inject("testDatabase"), { backgroundEntries: true }, now);
  useDatabase(seeded.handle);
});

afterAll(async () => {
  await seeded?.dispose();
});

const FORBIDDEN =
  /AURORA|KESTREL|BIRCH|LUPIN|OSPREY|MAPLE|QUARTZ|TUNDRA|GLACIER|HERON|FALCON|IBIS|CORAL|DELTA|SECRETNOTE|Kalkulation|Eichenholz/i;
const nineSubjects = new Set(demoEntries.map((entry) => entry.subject));
const DAY = 24 * 3600 * 1000;

const projectKeys: Record<string, string> = {
  "Morgenrot – Umbau Gastraum": "gastraum",
  "Brandt – Empfang": "empfang",
  "Morgenrot – Terrasse": "terrasse",
};

async function storedEntries() {
  const world = await loadWorld(db());
  const projectKey = new Map(world.projects.map((p) => [p.id, projectKeys[p.name as string]!]));
  return world.entries.map((entry) => ({
    ...entry,
    audience: entry.audience.kind,
    audienceOrganizationIds: entry.audience.organizationIds,
    projectKey: projectKey.get(entry.projectId)!,
    background: !nineSubjects.has(entry.subject),
  }));
}

describe("the demo seed's background entries", () => {
  test("are 40 to 60 entries over all three projects and all seven channels, before now", async () => {
    const rows = await storedEntries();
    const background = rows.filter((row) => row.background);
    expect(background.length).toBe(backgroundEntries.length);
    expect(background.length).toBeGreaterThanOrEqual(40);
    expect(background.length).toBeLessThanOrEqual(60);
    expect(rows.length - background.length).toBe(9);
    expect(new Set(background.map((row) => row.projectKey))).toEqual(
      new Set(["gastraum", "empfang", "terrasse"]),
    );
    expect(new Set(background.map((row) => row.channel))).toEqual(new Set(entryChannels));
    for (const row of background) {
      expect(row.occurredAt.getTime(), row.subject).toBeLessThan(now.getTime());
      expect(row.occurredAt.getTime(), row.subject).toBeGreaterThan(now.getTime() - 11 * 7 * DAY);
      expect(row.createdAt.getTime(), row.subject).toBeGreaterThanOrEqual(row.occurredAt.getTime());
      expect(row.createdAt.getTime(), row.subject).toBeLessThanOrEqual(now.getTime());
    }
    const participants = await db()
      .select({ entryId: entryParticipants.entryId })
      .from(entryParticipants);
    expect(new Set(participants.map((row) => row.entryId)).size).toBeGreaterThan(40);
  });

  test("carry no marker word, nor the words the tests search for", async () => {
    const rows = await storedEntries();
    const text = (row: (typeof rows)[number]) =>
      [row.subject, row.bodyText, row.bodyHtml, JSON.stringify(row.details)].join("\n");
    // The check can fail: each of the nine carries its marker.
    for (const row of rows.filter((row) => !row.background)) {
      expect(text(row), row.subject).toMatch(FORBIDDEN);
    }
    const carrying = rows.filter((row) => row.background && FORBIDDEN.test(text(row)));
    expect(carrying.map((row) => row.subject)).toEqual([]);
  });

  test("have the body, HTML and text the editor path produces; the nine keep their text", async () => {
    const rows = await storedEntries();
    for (const row of rows) {
      const rendered = renderRichText(row.body);
      expect(rendered.ok, row.subject).toBe(true);
      if (!rendered.ok) continue;
      expect(rendered.value.doc, row.subject).toEqual(row.body);
      expect(rendered.value.html, row.subject).toBe(row.bodyHtml);
      expect(rendered.value.text, row.subject).toBe(row.bodyText);
    }
    for (const entry of demoEntries) {
      const row = rows.find((candidate) => candidate.subject === entry.subject)!;
      expect(row.bodyText).toBe(entry.body);
      expect(row.bodyHtml.startsWith("<p>") && row.bodyHtml.endsWith("</p>")).toBe(true);
    }
  });

  test("could each have been written by its author, shared and with participants as the form allows", async () => {
    const world = await loadWorld(db());
    const rows = (await storedEntries()).filter((row) => row.background);
    const participants = await db().select().from(entryParticipants);
    const orgKind = new Map(world.organizations.map((org) => [org.id, org.kind]));
    const problems: string[] = [];
    for (const row of rows) {
      const author = world.users.find((user) => user.id === row.authorId)!;
      const actor = await actorByEmail(db(), author.email);
      // Checked as of the moment it was logged: Studio Lumen's Brandt access has ended since.
      const when = row.createdAt;
      const ability = defineAbilityFor(actor, when);
      const project = (await projectForPolicy(row.projectId, { now: when }))!;
      const fields = {
        authorId: row.authorId,
        authorOrganizationId: row.authorOrganizationId,
        audience: { kind: row.audience, organizationIds: row.audienceOrganizationIds },
        channel: row.channel,
      };
      const label = `${row.subject} (${author.email})`;
      if (!ability.can("create", entrySubject(project, fields))) problems.push(`create: ${label}`);
      if (!ability.can("read", entrySubject(project, fields))) problems.push(`read: ${label}`);

      const historyMembers = new Set(
        project.memberships
          .filter((membership) => membership.sections.includes("history"))
          .map((membership) => membership.organizationId),
      );
      if (row.audience === "custom") {
        if (row.audienceOrganizationIds.length === 0) problems.push(`empty custom: ${label}`);
        for (const id of row.audienceOrganizationIds) {
          if (!historyMembers.has(id)) problems.push(`custom names a non-member: ${label}`);
        }
      }
      if (actor.organizationKind !== "host") {
        const own =
          row.audience === "all_members" ||
          (row.audience === "partners" && actor.organizationKind === "partner") ||
          (row.audience === "custom" && row.audienceOrganizationIds.includes(actor.organizationId));
        if (!own) problems.push(`not shared with the author's organisation: ${label}`);
      }

      // Participants: contact persons the author may read, users of the host or of a member.
      const memberOrgs = new Set(
        project.memberships.map((membership) => membership.organizationId),
      );
      for (const participant of participants.filter((p) => p.entryId === row.id)) {
        if (participant.contactId) {
          const contact = world.contacts.find((c) => c.id === participant.contactId)!;
          const ofAccount = contact.accountId === project.accountId;
          if (!ofAccount || !ability.can("read", contact)) {
            problems.push(`contact ${String(contact.name)}: ${label}`);
          }
        } else {
          const user = world.users.find((u) => u.id === participant.userId)!;
          const reachable =
            orgKind.get(user.organizationId) === "host" || memberOrgs.has(user.organizationId);
          if (!reachable || !ability.can("read", subject("User", user))) {
            problems.push(`user ${user.email}: ${label}`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
    // Partners and customers wrote some of them, in both projects they contribute to.
    const externalAuthors = new Set(
      rows.filter((row) => orgKind.get(row.authorOrganizationId) !== "host").map((r) => r.authorId),
    );
    expect(externalAuthors.size).toBe(5);
  });
});

/** Every entry of the project the reader's timeline lists, across all its pages. */
async function timelineIds(ability: AppAbility, projectId: string) {
  const ids: string[] = [];
  let after: EntryCursor | undefined;
  for (let page = 0; page < 20; page += 1) {
    const result = await listProjectEntries(ability, projectId, {}, after);
    ids.push(...result.entries.map((entry) => entry.id));
    if (!result.next) return ids;
    after = result.next;
  }
  throw new Error("the timeline did not end");
}

const orgKeyOf = new Map(
  demoOrganizations.flatMap((org) => org.users.map((user) => [user.email, org.key] as const)),
);
const projectMembers: Record<string, Record<string, "partner" | "customer">> = {
  // Live history members only: Studio Lumen's Brandt membership expired yesterday.
  gastraum: { lumen: "partner", meyer: "partner", morgenrot: "customer" },
  empfang: { wolff: "partner", brandt: "customer" },
  terrasse: {},
};

/** DEMO_WORLD.md's sharing rules, applied to the seed's own list (not to the database). */
function expectedSubjects(person: DemoPerson) {
  const email = demoEmails[person];
  const org = orgKeyOf.get(email)!;
  const all = [
    ...demoEntries.map((entry) => ({ ...entry, custom: entry.custom ?? [] })),
    ...backgroundEntries.map((entry) => ({ ...entry, custom: entry.custom ?? [] })),
  ];
  if (org === "hansen") return all.map((entry) => entry.subject).sort();
  return all
    .filter((entry) => {
      const kind = projectMembers[entry.project]![org];
      if (!kind) return false;
      return (
        entry.audience === "all_members" ||
        (entry.audience === "partners" && kind === "partner") ||
        (entry.audience === "customer" && kind === "customer") ||
        (entry.audience === "custom" && entry.custom.includes(org))
      );
    })
    .map((entry) => entry.subject)
    .sort();
}

describe("every demo user's timelines with the background entries", () => {
  test.each(DEMO_PEOPLE)(
    "%s: the SQL filter, CASL in memory and DEMO_WORLD agree",
    async (person) => {
      const actor = await actorByEmail(db(), demoEmails[person]);
      const ability = defineAbilityFor(actor, now);
      const rows = await storedEntries();
      const subjectOf = new Map(rows.map((row) => [row.id, row.subject]));

      const viaTimeline: string[] = [];
      const inMemory: string[] = [];
      for (const project of await db().select({ id: projects.id }).from(projects)) {
        viaTimeline.push(...(await timelineIds(ability, project.id)));
        const policyProject = (await projectForPolicy(project.id, { now }))!;
        for (const row of rows.filter((candidate) => candidate.projectId === project.id)) {
          const candidate = entrySubject(policyProject, {
            id: row.id,
            authorId: row.authorId,
            authorOrganizationId: row.authorOrganizationId,
            audience: { kind: row.audience, organizationIds: row.audienceOrganizationIds },
            channel: row.channel,
          });
          if (ability.can("read", candidate)) inMemory.push(row.id);
        }
      }
      const viaFilter = await db()
        .select({ id: entries.id })
        .from(entries)
        .where(accessibleWhere(ability, "read", "Entry"));

      const names = (ids: string[]) => ids.map((id) => subjectOf.get(id)!).sort();
      expect(new Set(viaTimeline).size).toBe(viaTimeline.length);
      expect(names(viaTimeline)).toEqual(names(inMemory));
      expect(names(viaFilter.map((row) => row.id))).toEqual(names(inMemory));
      expect(names(inMemory)).toEqual(expectedSubjects(person));
    },
  );

  test("Lena sees no Brandt entry, though some were shared with Studio Lumen before its access ended", async () => {
    const lena = defineAbilityFor(await actorByEmail(db(), demoEmails.lena), now);
    const [brandt] = await db()
      .select({ id: projects.id })
      .from(projects)
      .where(eq(projects.name, "Brandt – Empfang"));
    const sharedWithLumen = backgroundEntries.filter(
      (entry) => entry.project === "empfang" && entry.custom?.includes("lumen"),
    );
    expect(sharedWithLumen.length).toBeGreaterThan(0);
    expect(await timelineIds(lena, brandt!.id)).toEqual([]);
    const tom = defineAbilityFor(await actorByEmail(db(), demoEmails.tom), now);
    expect((await timelineIds(tom, brandt!.id)).length).toBe(
      2 + backgroundEntries.filter((entry) => entry.project === "empfang").length,
    );
  });
});
