import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { db, type Database } from "#db/client.server";
import {
  audiences,
  organizations,
  projects,
  requestComments,
  requestCounters,
  requestEvents,
  requests,
  users,
} from "#db/schema";
import type { RequestStatus } from "#db/schema/values";
import { backgroundRequests, demoRequests } from "#db/seed/demo-requests";
import { planDemoRequests } from "#db/seed/demo-world";
import { defaultBusinessCalendar } from "~/features/requests/business-time.server";
import { dueDatesOf, NOTHING_DUE, slaEventsOf } from "~/features/requests/request-clock.server";
import { requestSettings } from "~/features/requests/request-settings.server";
import { defaultSlaTargets, type SlaEvent } from "~/features/requests/sla-clock.server";
import { nextStatuses } from "~/features/requests/workflow";
import { openSeededDatabase, type TestDatabase } from "../support/database";
import { BRANDT, EMPFANG, GASTRAUM, MORGENROT, demoEmails } from "../support/demo-people";

/*
 * The customer requests of the demo seed: the shared fixture holds exactly the two of
 * DEMO_WORLD.md, stored as the app's write paths store them; the demo adds everyday requests
 * whose histories hold together and carry no marker word.
 */

const DAY = 24 * 3600 * 1000;
const REFERENCE = /^R-\d{4}-\d{4}$/;
const CORAL = "Reklamation Stuhlfarbe CORAL";
const DELTA = "Frage Rechnung Anzahlung DELTA";
// The marker words of DEMO_WORLD.md, and words of its two requests that searches look for.
const FORBIDDEN =
  /AURORA|KESTREL|BIRCH|LUPIN|OSPREY|MAPLE|QUARTZ|TUNDRA|GLACIER|HERON|FALCON|IBIS|CORAL|DELTA|SECRETNOTE|Kalkulation|Eichenholz|Stuhlfarbe|Anzahlung|Kulanz/i;

/** Every request of a database with its history (in order), its comments and its project. */
async function load(database: Database) {
  const [rows, events, comments, orgs, people, projectRows, counters] = await Promise.all([
    database.select().from(requests),
    database.select().from(requestEvents).orderBy(asc(requestEvents.at), asc(requestEvents.id)),
    database
      .select({
        id: requestComments.id,
        requestId: requestComments.requestId,
        authorId: requestComments.authorId,
        authorOrganizationId: requestComments.authorOrganizationId,
        audience: audiences.kind,
        bodyText: requestComments.bodyText,
        bodyHtml: requestComments.bodyHtml,
        createdAt: requestComments.createdAt,
      })
      .from(requestComments)
      .innerJoin(audiences, eq(audiences.id, requestComments.audienceId))
      .orderBy(asc(requestComments.createdAt), asc(requestComments.id)),
    database.select().from(organizations),
    database.select().from(users),
    database.select().from(projects),
    database.select().from(requestCounters),
  ]);
  const orgId = (name: string) => orgs.find((org) => org.name === name)!.id;
  const userId = (email: string) => people.find((person) => person.email === email)!.id;
  const orgKind = new Map(orgs.map((org) => [org.id, org.kind] as const));
  const all = rows.map((row) => ({
    ...row,
    events: events.filter((event) => event.requestId === row.id),
    comments: comments.filter((comment) => comment.requestId === row.id),
    project: projectRows.find((project) => project.id === row.projectId)!,
  }));
  const byTitle = (title: string) => all.find((row) => row.title === title)!;
  return { all, byTitle, orgId, userId, orgKind, counters };
}

type Loaded = Awaited<ReturnType<typeof load>>;

/**
 * What the app's write paths guarantee of every request, as a list of problems: one opening
 * first; status and assignment moves that chain up to the row and that the workflow allows;
 * comments written by who may write them; ratings and timestamps as the app sets them.
 */
function historyProblems({ all, orgKind }: Loaded, now: Date) {
  const problems: string[] = [];
  for (const row of all) {
    const label = row.title;
    const [first, ...rest] = row.events;
    if (first?.kind !== "opened") problems.push(`${label}: does not start with opened`);
    if (rest.some((event) => event.kind === "opened")) problems.push(`${label}: opened twice`);
    if (first && first.at.getTime() !== row.createdAt.getTime()) {
      problems.push(`${label}: opened at another time than created`);
    }
    if (first && first.actorId !== row.openedById) problems.push(`${label}: opened by another`);
    let status: RequestStatus = "new";
    let assigned: string | null = null;
    for (const event of row.events) {
      if (event.at.getTime() > now.getTime()) problems.push(`${label}: an event after now`);
      if (event.kind === "status") {
        const to = event.toValue as RequestStatus;
        if (event.fromValue !== status) problems.push(`${label}: status from ${event.fromValue}`);
        if (!nextStatuses(status).includes(to)) problems.push(`${label}: ${status} → ${to}`);
        status = to;
      }
      if (event.kind === "assigned") {
        if (event.fromValue !== assigned) problems.push(`${label}: assigned from another`);
        if (event.toValue && orgKind.get(event.toValue) !== "partner") {
          problems.push(`${label}: assigned to a non-partner`);
        }
        assigned = event.toValue;
      }
    }
    if (row.status !== status) problems.push(`${label}: ${row.status}, history says ${status}`);
    if (row.assignedOrganizationId !== assigned) problems.push(`${label}: assignment differs`);

    // Comments: the host writes anything; a partner publicly or to partners while assigned;
    // the customer publicly on its own request.
    for (const comment of row.comments) {
      const kind = orgKind.get(comment.authorOrganizationId);
      const assignedThen = row.events
        .filter((event) => event.kind === "assigned" && event.at <= comment.createdAt)
        .at(-1)?.toValue;
      if (comment.createdAt < row.createdAt) problems.push(`${label}: a comment before opening`);
      if (comment.audience === "partners" && !assignedThen) {
        problems.push(`${label}: a partner note while unassigned`);
      }
      if (kind === "partner") {
        if (assignedThen !== comment.authorOrganizationId) {
          problems.push(`${label}: a partner comments without the assignment`);
        }
        if (comment.audience === "internal") problems.push(`${label}: a partner's internal note`);
      }
      if (kind === "customer") {
        if (
          comment.authorOrganizationId !== row.organizationId ||
          comment.audience !== "all_members"
        ) {
          problems.push(`${label}: a customer's ${comment.audience} comment`);
        }
      }
    }

    const rated = row.events.filter((event) => event.kind === "rated").at(-1);
    if (row.rating === null ? rated : rated?.toValue !== String(row.rating)) {
      problems.push(`${label}: rating and rated event differ`);
    }
    if (
      rated &&
      (rated.reason !== row.ratingComment || rated.at.getTime() !== row.ratedAt?.getTime())
    ) {
      problems.push(`${label}: rating comment or time differs`);
    }
    const resolved = row.events
      .filter((event) => event.kind === "status" && event.toValue === "resolved")
      .at(-1);
    if (row.resolvedAt?.getTime() !== resolved?.at.getTime()) {
      problems.push(`${label}: resolved_at is not the last resolution`);
    }
    if (
      status === "resolved" &&
      row.reopenableUntil?.getTime() !== resolved!.at.getTime() + 14 * DAY
    ) {
      problems.push(`${label}: the reopening window is not 14 days from the resolution`);
    }
    if ((status === "new" || status === "in_progress") && row.reopenableUntil !== null) {
      problems.push(`${label}: reopenable while open`);
    }
    const lastActivity = Math.max(
      ...row.events.map((event) => event.at.getTime()),
      ...row.comments.map((comment) => comment.createdAt.getTime()),
    );
    if (row.updatedAt.getTime() !== lastActivity) problems.push(`${label}: updated_at`);
    if (row.ownerId !== row.project.ownerId) problems.push(`${label}: not the project owner's`);
    if (row.organizationId !== row.project.accountId) problems.push(`${label}: not the account's`);
    if (!REFERENCE.test(row.reference)) problems.push(`${label}: reference ${row.reference}`);
  }
  return problems;
}

/** The reference numbers: unique, in the order of opening, counted per year of creation. */
function expectReferences({ all, counters }: Loaded) {
  const references = all.map((row) => row.reference);
  expect(new Set(references).size).toBe(references.length);
  const perYear = new Map<number, number>();
  for (const row of [...all].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())) {
    const year = row.createdAt.getUTCFullYear();
    perYear.set(year, (perYear.get(year) ?? 0) + 1);
    expect(row.reference, row.title).toBe(
      `R-${year}-${String(perYear.get(year)).padStart(4, "0")}`,
    );
  }
  expect(new Map(counters.map((counter) => [counter.year, counter.last]))).toEqual(perYear);
}

/** The stored due dates are the ones the app derives from the stored history. */
async function expectDueDatesFromHistory(database: Database, { all }: Loaded, now: Date) {
  const settings = await requestSettings(database);
  for (const row of all) {
    const derived = dueDatesOf(await slaEventsOf(database, row.id), settings, now);
    expect(
      {
        dueAt: row.dueAt,
        atRiskAt: row.atRiskAt,
        dueRank: row.dueRank,
        firstRespondedAt: row.firstRespondedAt,
      },
      row.title,
    ).toEqual({ ...derived, firstRespondedAt: derived.firstRespondedAt ?? null });
  }
}

describe("the requests of the shared fixture", () => {
  test("are exactly the two of DEMO_WORLD.md, with references R-YYYY-NNNN counted per year", async () => {
    const loaded = await load(db());
    expect(loaded.all.map((row) => row.title).sort()).toEqual([CORAL, DELTA].sort());
    expect(demoRequests.map((request) => request.title).sort()).toEqual([CORAL, DELTA].sort());
    expectReferences(loaded);
    expect(historyProblems(loaded, new Date())).toEqual([]);
  });

  test("CORAL: Eva's complaint, in progress with Studio Lumen, one public reply, one internal note", async () => {
    const { byTitle, orgId, userId } = await load(db());
    const coral = byTitle(CORAL);
    const anna = userId(demoEmails.anna);
    expect(coral).toMatchObject({
      type: "complaint",
      priority: "high",
      status: "in_progress",
      organizationId: orgId(MORGENROT),
      assignedOrganizationId: orgId("Studio Lumen"),
      openedById: userId(demoEmails.eva),
      openedByOrganizationId: orgId(MORGENROT),
      ownerId: anna,
      resolvedAt: null,
      reopenableUntil: null,
      rating: null,
      sourceEntryId: null,
    });
    expect(coral.project.name).toBe(GASTRAUM);
    expect(coral.descriptionText).toContain("Die Stühle wurden in Grau statt in Salbeigrün");
    expect(coral.descriptionHtml.startsWith("<p>")).toBe(true);
    // Opened some working days ago, on a weekday, in the morning in Germany.
    const opened = coral.createdAt;
    expect(Date.now() - opened.getTime()).toBeGreaterThan(2 * DAY);
    expect(Date.now() - opened.getTime()).toBeLessThan(6 * DAY);
    expect([0, 6]).not.toContain(opened.getUTCDay());

    expect(
      coral.events.map(({ kind, fromValue, toValue, actorId }) => ({
        kind,
        fromValue,
        toValue,
        actorId,
      })),
    ).toEqual([
      {
        kind: "opened",
        fromValue: null,
        toValue: JSON.stringify({ type: "complaint", priority: "high" }),
        actorId: userId(demoEmails.eva),
      },
      { kind: "status", fromValue: "new", toValue: "in_progress", actorId: anna },
      { kind: "assigned", fromValue: null, toValue: orgId("Studio Lumen"), actorId: anna },
    ]);
    expect(coral.comments.map(({ audience, authorId }) => ({ audience, authorId }))).toEqual([
      { audience: "all_members", authorId: anna },
      { audience: "internal", authorId: anna },
    ]);
    const [reply, note] = coral.comments;
    expect(reply!.bodyText).not.toMatch(/SECRETNOTE/);
    expect(reply!.bodyText).toMatch(/Studio Lumen/);
    expect(note!.bodyText).toBe("Kulanz prüfen SECRETNOTE");
    expect(coral.updatedAt).toEqual(note!.createdAt);

    // Anna's public reply was the first response; what is due now is the resolution.
    expect(coral.firstRespondedAt).toEqual(reply!.createdAt);
    expect(coral.dueAt).not.toBeNull();
    expect(coral.dueRank).toEqual(coral.dueAt);
    expect(coral.dueRank.getTime()).not.toBe(NOTHING_DUE.getTime());
    expect(coral.atRiskAt!.getTime()).toBeLessThan(coral.dueAt!.getTime());
  });

  test("DELTA: Paul's new question of a few hours ago, nothing answered yet", async () => {
    const { byTitle, orgId, userId } = await load(db());
    const delta = byTitle(DELTA);
    expect(delta).toMatchObject({
      type: "question",
      priority: "normal",
      status: "new",
      organizationId: orgId(BRANDT),
      assignedOrganizationId: null,
      openedById: userId(demoEmails.paul),
      openedByOrganizationId: orgId(BRANDT),
      ownerId: userId(demoEmails.tom),
      firstRespondedAt: null,
      resolvedAt: null,
    });
    expect(delta.project.name).toBe(EMPFANG);
    expect(Date.now() - delta.createdAt.getTime()).toBeLessThan(DAY);
    expect(delta.updatedAt).toEqual(delta.createdAt);
    expect(delta.comments).toEqual([]);
    expect(delta.events.map((event) => [event.kind, event.toValue])).toEqual([
      ["opened", JSON.stringify({ type: "question", priority: "normal" })],
    ]);
    expect(delta.dueAt).not.toBeNull();
    expect(delta.dueRank).toEqual(delta.dueAt);
  });

  test("have the due dates the app derives from their history", async () => {
    await expectDueDatesFromHistory(db(), await load(db()), new Date());
  });

  test("carry SECRETNOTE only in CORAL's internal note", async () => {
    const { all } = await load(db());
    const carrying = all.flatMap((row) => [
      ...[row.title, row.descriptionText, ...row.events.map((event) => event.reason)]
        .filter((text) => text.includes("SECRETNOTE"))
        .map(() => `${row.title}: request`),
      ...row.comments
        .filter((comment) => comment.bodyHtml.includes("SECRETNOTE"))
        .map((comment) => `${row.title}: ${comment.audience}`),
    ]);
    expect(carrying).toEqual([`${CORAL}: internal`]);
  });
});

describe("the demo's background requests", () => {
  const now = new Date();
  let seeded: TestDatabase | undefined;
  let loaded: Loaded;

  beforeAll(async () => {
    seeded = await openSeededDatabase(inject("testDatabase"), { backgroundEntries: true }, now);
    loaded = await load(seeded.handle.db);
  });

  afterAll(async () => {
    await seeded?.dispose();
  });

  test("are 8 to 12 more, in the two customer projects, over the last three weeks", () => {
    const background = loaded.all.filter((row) => ![CORAL, DELTA].includes(row.title));
    expect(background.length).toBe(backgroundRequests.length);
    expect(background.length).toBeGreaterThanOrEqual(8);
    expect(background.length).toBeLessThanOrEqual(12);
    expect(new Set(background.map((row) => row.project.name))).toEqual(
      new Set([GASTRAUM, EMPFANG]),
    );
    for (const row of background) {
      expect(row.createdAt.getTime(), row.title).toBeLessThan(now.getTime());
      expect(row.createdAt.getTime(), row.title).toBeGreaterThan(now.getTime() - 25 * DAY);
    }
    const kinds = (pick: (row: (typeof background)[number]) => string) =>
      new Set(background.map(pick));
    expect(kinds((row) => row.type)).toEqual(new Set(["question", "complaint", "change"]));
    expect(kinds((row) => row.priority)).toEqual(new Set(["low", "normal", "high", "urgent"]));
    expect(kinds((row) => row.status)).toEqual(
      new Set(["new", "in_progress", "waiting_on_customer", "resolved", "closed"]),
    );
    // Opened by the customers and, on their behalf, by the host's account managers.
    const openers = kinds((row) => loaded.orgKind.get(row.openedByOrganizationId)!);
    expect(openers).toEqual(new Set(["customer", "host"]));
    // Handed to partners of their project; partner notes and internal notes among the comments.
    expect(kinds((row) => row.assignedOrganizationId ?? "")).toEqual(
      new Set([
        "",
        loaded.orgId("Holzwerk Meyer KG"),
        loaded.orgId("Mara Wolff Design"),
        loaded.orgId("Studio Lumen"),
      ]),
    );
    const audiencesUsed = new Set(background.flatMap((row) => row.comments.map((c) => c.audience)));
    expect(audiencesUsed).toEqual(new Set(["all_members", "partners", "internal"]));
    const ratedRow = background.find((row) => row.rating !== null)!;
    expect(ratedRow.rating).toBe(4);
    expect(ratedRow.ratingComment.length).toBeGreaterThan(0);
  });

  test("all have histories as the app writes them: opened first, statuses as their last move", () => {
    expect(historyProblems(loaded, now)).toEqual([]);
    expectReferences(loaded);
    expect(loaded.all.length).toBe(2 + backgroundRequests.length);
  });

  test("have the due dates the app derives from their history", async () => {
    await expectDueDatesFromHistory(seeded!.handle.db, loaded, now);
  });

  test("carry no marker word of DEMO_WORLD.md", () => {
    const textOf = (row: Loaded["all"][number]) =>
      [
        row.title,
        row.descriptionText,
        row.descriptionHtml,
        row.ratingComment,
        ...row.events.map((event) => event.reason),
        ...row.comments.flatMap((comment) => [comment.bodyText, comment.bodyHtml]),
      ].join("\n");
    // The check can fail: the two of DEMO_WORLD.md carry their markers.
    for (const title of [CORAL, DELTA]) expect(textOf(loaded.byTitle(title))).toMatch(FORBIDDEN);
    const carrying = loaded.all.filter(
      (row) => ![CORAL, DELTA].includes(row.title) && FORBIDDEN.test(textOf(row)),
    );
    expect(carrying.map((row) => row.title)).toEqual([]);
  });
});

describe("the demo's queue, whenever it is seeded", () => {
  // Working days and weekends, mornings and evenings, far from any public holiday in Hamburg.
  const moments = [
    "2026-03-09T06:30:00Z", // Monday, before office hours
    "2026-03-10T15:59:00Z", // Tuesday, shortly before closing
    "2026-03-11T11:00:00Z", // Wednesday noon
    "2026-03-13T17:30:00Z", // Friday evening
    "2026-03-14T11:00:00Z", // Saturday
    "2026-03-15T22:30:00Z", // Sunday night
  ].map((iso) => new Date(iso));
  const settings = {
    calendar: defaultBusinessCalendar,
    targets: defaultSlaTargets,
    reopenWindowDays: 14,
  };

  test.each(moments)("shows one request breached and one at risk (now = %s)", (now) => {
    const plans = planDemoRequests(now, { background: true });
    const accountOf = { gastraum: "morgenrot", empfang: "brandt" } as const;
    const customerEmails = { morgenrot: demoEmails.eva, brandt: demoEmails.paul } as const;
    const seen: string[] = [];
    for (const plan of plans) {
      const { sla, type, priority, project } = plan.request;
      if (!sla) continue;
      const customer = customerEmails[accountOf[project]];
      const events: SlaEvent[] = plan.events.flatMap((event): SlaEvent[] => {
        if (event.kind === "opened") {
          return [{ at: event.at, kind: "opened", type, priority, assignedOrganizationId: null }];
        }
        if (event.kind === "status") {
          return [{ at: event.at, kind: "status", to: event.to as RequestStatus }];
        }
        if (event.kind === "assigned") {
          return [{ at: event.at, kind: "assigned", organizationId: event.to }];
        }
        return [];
      });
      for (const comment of plan.comments) {
        if (comment.audience === "all_members" && comment.author !== customer) {
          events.push({ at: comment.at, kind: "responded" });
        }
      }
      const { dueAt, atRiskAt } = dueDatesOf(events, settings, now);
      expect(dueAt, plan.request.title).not.toBeNull();
      if (sla === "breached") expect(dueAt!.getTime(), plan.request.title).toBeLessThan(+now);
      if (sla === "at_risk") {
        expect(atRiskAt!.getTime(), plan.request.title).toBeLessThanOrEqual(+now);
        expect(dueAt!.getTime(), plan.request.title).toBeGreaterThan(+now);
      }
      seen.push(sla);
    }
    expect(seen.sort()).toEqual(["at_risk", "breached"]);
  });

  test("CORAL's steps fall on working days, in order, and DELTA a few hours before now", () => {
    for (const now of moments) {
      const plans = planDemoRequests(now, { background: false });
      expect(plans.map((plan) => plan.request.title)).toEqual([CORAL, DELTA]);
      const coral = plans[0]!;
      expect([0, 6]).not.toContain(coral.openedAt.getUTCDay());
      expect(coral.status).toBe("in_progress");
      expect(plans[1]!.openedAt.getTime()).toBe(now.getTime() - 170 * 60_000);
    }
  });
});
