import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, test } from "vitest";
import { db } from "#db/client.server";
import {
  accessReviewItems,
  accessReviews,
  auditEvents,
  mailMessages,
  memberships,
  organizations,
  projects,
  users,
} from "#db/schema";
import { action as reviewAction, loader as reviewLoader } from "~/routes/_app.reviews.$reviewId";
import { action as reviewsAction, loader as reviewsLoader } from "~/routes/_app.compliance.reviews";
import { loader as reportLoader } from "~/routes/reviews.$reviewId.report[.]csv";
import { action as settingsAction } from "~/routes/_app.admin.settings";
import { remindReviewers, runReviewRound } from "~/features/reviews/index.server";
import { calendarDayIn, HOST_TIME_ZONE } from "~/kernel/time-zone";
import { DEMO_PEOPLE, EMPFANG, GASTRAUM, type DemoPerson } from "../support/demo-people";
import { demoWorld, formBody, routeArgs, statusOf } from "../support/http-as";

/*
 * Access reviews (issue 15, part 6): Clara starts a campaign over every external membership;
 * each project owner keeps, changes or revokes their projects' memberships with a reason, applied
 * at once; what nobody decided follows the default when the review closes (by hand, or on its
 * last day by the daily round); reviewers are emailed; dormant external users are flagged and
 * disabled in one step; an organisation loses every project in one step; the report is a CSV.
 */

const { tokens, ids, org } = demoWorld();

const day = (offset: number) =>
  calendarDayIn(new Date(Date.now() + offset * 86_400_000), HOST_TIME_ZONE);

type Snapshot = (typeof memberships.$inferSelect)[];
let before: Snapshot;

beforeAll(async () => {
  before = await db().select().from(memberships);
});

// Every test starts from the demo world's memberships and users, whatever the one before did.
afterEach(async () => {
  await db()
    .update(accessReviews)
    .set({ closedAt: new Date() })
    .where(isNull(accessReviews.closedAt));
  for (const row of before) {
    await db()
      .update(memberships)
      .set({ access: row.access, sections: row.sections, revokedAt: row.revokedAt })
      .where(eq(memberships.id, row.id));
  }
  await db()
    .update(users)
    .set({ disabledAt: null, lastSignInAt: sql`now()` });
});

async function post(person: DemoPerson, path: string, fields: Record<string, string | string[]>) {
  const run = path.startsWith("/compliance") ? reviewsAction : reviewAction;
  const reviewId = path.split("/")[2] ?? "";
  return run(routeArgs(tokens.get(person), path, { reviewId }, formBody(fields)));
}

/** Starts a review as Clara through the page's form, and answers its id. */
async function start(fields: Record<string, string> = {}) {
  const response = (await post("clara", "/compliance/reviews", {
    intent: "start",
    title: "Review Q1",
    scope: "all",
    dueOn: day(7),
    defaultDecision: "revoke",
    ...fields,
  })) as Response;
  expect(response.status, await response.clone().text()).toBe(302);
  const id = response.headers.get("Location")!.split("/").at(-1)!;
  return id;
}

async function openReview(person: DemoPerson, reviewId: string) {
  return reviewLoader(
    routeArgs(tokens.get(person), `/reviews/${reviewId}`, { reviewId }),
  ) as ReturnType<typeof reviewLoader>;
}

const itemOf = async (reviewId: string, organization: string, project: string) => {
  const { items } = await openReview("clara", reviewId);
  const item = items.find(
    (row) => row.organizationName === organization && row.projectName === project,
  );
  if (!item) throw new Error(`no item for ${organization} in ${project}`);
  return item;
};

async function membershipOf(organization: string, project: string) {
  const [row] = await db()
    .select()
    .from(memberships)
    .where(
      and(
        eq(memberships.organizationId, org.get(organization)!),
        eq(memberships.projectId, ids.projectIds.get(project)!),
      ),
    );
  return row!;
}

describe("starting a review", () => {
  test("covers every live external membership, each for its project's owner", async () => {
    const reviewId = await start();
    const { review, items } = await openReview("clara", reviewId);
    expect(review.total).toBe(5);
    // Studio Lumen's Brandt membership expired yesterday: nothing left to review.
    expect(
      items
        .map((row) => `${row.projectName} · ${row.organizationName} · ${row.reviewerName}`)
        .sort(),
    ).toEqual([
      `${EMPFANG} · Kanzlei Brandt · Tom Kurz`,
      `${EMPFANG} · Mara Wolff Design · Tom Kurz`,
      `${GASTRAUM} · Café Morgenrot GmbH · Anna Berg`,
      `${GASTRAUM} · Holzwerk Meyer KG · Anna Berg`,
      `${GASTRAUM} · Studio Lumen · Anna Berg`,
    ]);
    const [started] = await db()
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.action, "access_review.started"), eq(auditEvents.subjectId, reviewId)),
      );
    expect(started?.details).toMatchObject({ scope: "all", items: 5 });
  });

  test("a reviewer sees only the memberships they decide; outsiders get 404", async () => {
    const reviewId = await start();
    const projectsOf = async (person: DemoPerson) => [
      ...new Set((await openReview(person, reviewId)).items.map((row) => row.projectName)),
    ];
    expect(await projectsOf("anna")).toEqual([GASTRAUM]);
    expect(await projectsOf("tom")).toEqual([EMPFANG]);
    expect((await openReview("ida", reviewId)).items).toHaveLength(5);
    for (const person of DEMO_PEOPLE) {
      const expected = ["ida", "clara", "anna", "tom"].includes(person) ? 200 : 404;
      expect(await statusOf(() => openReview(person, reviewId)), person).toBe(expected);
    }
  });

  test("a named reviewer, and a scope of one organisation", async () => {
    const reviewId = await start({
      scope: "organization",
      organization: org.get("Studio Lumen")!,
      reviewerId: (await db().select().from(users).where(eq(users.email, "tom@hansen.example")))[0]!
        .id,
    });
    const { items } = await openReview("tom", reviewId);
    expect(items.map((row) => `${row.projectName} · ${row.organizationName}`)).toEqual([
      `${GASTRAUM} · Studio Lumen`,
    ]);
    // Anna decides nothing in it: to her it does not exist.
    expect(await statusOf(() => openReview("anna", reviewId))).toBe(404);
  });

  test("bad input gets messages by its fields and starts nothing", async () => {
    const count = async () => (await db().select().from(accessReviews)).length;
    const before = await count();
    const refused = (await post("clara", "/compliance/reviews", {
      intent: "start",
      title: "",
      scope: "project",
      dueOn: day(-1),
      defaultDecision: "keep",
    })) as { result: { error: Record<string, string[]> } };
    expect(refused.result.error).toMatchObject({
      title: ["Give the review a name."],
      project: ["Choose the project."],
      dueOn: ["The last day cannot be in the past."],
    });
    // An internal project has no external membership: nothing to review.
    const empty = (await post("clara", "/compliance/reviews", {
      intent: "start",
      title: "Terrasse",
      scope: "project",
      project: (
        await db().select().from(projects).where(eq(projects.name, "Morgenrot – Terrasse"))
      )[0]!.id,
      dueOn: day(3),
      defaultDecision: "keep",
    })) as { result: { error: Record<string, string[]> } };
    expect(empty.result.error[""]).toEqual([
      "Nothing to review: there is no live external membership in this scope.",
    ]);
    expect(await count()).toBe(before);
  });

  test("only administrators and compliance officers open the reviews page", async () => {
    for (const person of DEMO_PEOPLE) {
      const status = await statusOf(() =>
        reviewsLoader(routeArgs(tokens.get(person), "/compliance/reviews", {})),
      );
      expect(status, person).toBe(person === "ida" || person === "clara" ? 200 : 404);
    }
  });
});

describe("deciding", () => {
  test("keep, change and revoke apply at once, each with its reason in the log", async () => {
    const reviewId = await start();
    const decide = async (organization: string, fields: Record<string, string | string[]>) => {
      const item = await itemOf(reviewId, organization, GASTRAUM);
      const response = (await post("anna", `/reviews/${reviewId}`, {
        intent: "decide",
        itemId: item.id,
        ...fields,
      })) as Response;
      expect(response.status).toBe(302);
    };
    await decide("Studio Lumen", { decision: "keep", justification: "Still designing the bar" });
    await decide("Holzwerk Meyer KG", {
      decision: "change",
      access: "view",
      sections: ["history", "documents"],
      justification: "Only needs to read now",
    });
    await decide("Café Morgenrot GmbH", { decision: "revoke", justification: "Handed over" });

    expect(await membershipOf("Studio Lumen", GASTRAUM)).toMatchObject({ revokedAt: null });
    expect(await membershipOf("Holzwerk Meyer KG", GASTRAUM)).toMatchObject({
      access: "view",
      sections: ["history", "documents"],
    });
    expect((await membershipOf("Café Morgenrot GmbH", GASTRAUM)).revokedAt).not.toBeNull();
    const decided = await db()
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, "access_review.decided"));
    expect(
      decided.map((row) => (row.personal as { justification: string }).justification).sort(),
    ).toEqual(["Handed over", "Only needs to read now", "Still designing the bar"]);
    const { review } = await openReview("clara", reviewId);
    expect(review).toMatchObject({ total: 5, decided: 3 });
  });

  test("a reason is required, a change needs sections, and a decision is final", async () => {
    const reviewId = await start();
    const item = await itemOf(reviewId, "Studio Lumen", GASTRAUM);
    const refused = (await post("anna", `/reviews/${reviewId}`, {
      intent: "decide",
      itemId: item.id,
      decision: "change",
      access: "view",
      justification: " ",
    })) as { result: { error: Record<string, string[]> } };
    expect(refused.result.error).toMatchObject({
      justification: ["Give a reason of a few words."],
      sections: ["Choose at least one section."],
    });
    await post("anna", `/reviews/${reviewId}`, {
      intent: "decide",
      itemId: item.id,
      decision: "keep",
      justification: "Fine",
    });
    const again = (await post("anna", `/reviews/${reviewId}`, {
      intent: "decide",
      itemId: item.id,
      decision: "revoke",
      justification: "Changed my mind",
    })) as { result: { error: Record<string, string[]> } };
    expect(again.result.error[""]).toEqual([
      "This membership has been decided already, or the review has closed.",
    ]);
    expect((await membershipOf("Studio Lumen", GASTRAUM)).revokedAt).toBeNull();
  });

  test("a review narrows access; only the project's owner may widen it in one", async () => {
    const reviewId = await start();
    const item = await itemOf(reviewId, "Holzwerk Meyer KG", GASTRAUM);
    const widen = {
      intent: "decide",
      itemId: item.id,
      decision: "change",
      access: "contribute",
      sections: ["history", "documents"],
      justification: "Needs the plans",
    };
    const refused = (await post("clara", `/reviews/${reviewId}`, widen)) as {
      result: { error: Record<string, string[]> };
    };
    expect(refused.result.error.sections![0]).toMatch(/^A review can only narrow access/);
    expect((await membershipOf("Holzwerk Meyer KG", GASTRAUM)).sections).toEqual(["history"]);
    // Anna owns the project: her change may give more.
    expect(((await post("anna", `/reviews/${reviewId}`, widen)) as Response).status).toBe(302);
    expect((await membershipOf("Holzwerk Meyer KG", GASTRAUM)).sections).toEqual([
      "history",
      "documents",
    ]);
  });

  test("an item is decided only under its own review", async () => {
    const first = await start();
    const second = await start();
    const item = await itemOf(first, "Studio Lumen", GASTRAUM);
    const status = await statusOf(() =>
      post("anna", `/reviews/${second}`, {
        intent: "decide",
        itemId: item.id,
        decision: "keep",
        justification: "Wrong review",
      }),
    );
    expect(status).toBe(404);
    expect((await itemOf(first, "Studio Lumen", GASTRAUM)).decision).toBeNull();
  });

  test("a disabled reviewer's memberships are flagged for those who run the review", async () => {
    const reviewId = await start();
    await db()
      .update(users)
      .set({ disabledAt: new Date() })
      .where(eq(users.email, "tom@hansen.example"));
    const { items } = await openReview("clara", reviewId);
    const flagged = items.filter((row) => row.reviewerDisabled).map((row) => row.organizationName);
    expect(flagged.sort()).toEqual(["Kanzlei Brandt", "Mara Wolff Design"]);
    // Clara decides one of them herself.
    const mara = await itemOf(reviewId, "Mara Wolff Design", EMPFANG);
    const response = (await post("clara", `/reviews/${reviewId}`, {
      intent: "decide",
      itemId: mara.id,
      decision: "keep",
      justification: "Tom is away; still designing the reception",
    })) as Response;
    expect(response.status).toBe(302);
  });

  test("nobody decides another reviewer's membership", async () => {
    const reviewId = await start();
    const item = await itemOf(reviewId, "Mara Wolff Design", EMPFANG);
    const status = await statusOf(() =>
      post("anna", `/reviews/${reviewId}`, {
        intent: "decide",
        itemId: item.id,
        decision: "revoke",
        justification: "Not mine",
      }),
    );
    expect(status).toBe(404);
    expect((await membershipOf("Mara Wolff Design", EMPFANG)).revokedAt).toBeNull();
  });
});

describe("closing", () => {
  test("by hand: what nobody decided follows the default", async () => {
    const reviewId = await start({ defaultDecision: "revoke" });
    const lumen = await itemOf(reviewId, "Studio Lumen", GASTRAUM);
    await post("anna", `/reviews/${reviewId}`, {
      intent: "decide",
      itemId: lumen.id,
      decision: "keep",
      justification: "Active",
    });
    // A reviewer cannot close it (a refused write: 403); Clara can.
    expect(await statusOf(() => post("anna", `/reviews/${reviewId}`, { intent: "close" }))).toBe(
      403,
    );
    await post("clara", `/reviews/${reviewId}`, { intent: "close" });

    expect((await membershipOf("Studio Lumen", GASTRAUM)).revokedAt).toBeNull();
    for (const [organization, project] of [
      ["Holzwerk Meyer KG", GASTRAUM],
      ["Mara Wolff Design", EMPFANG],
    ] as const) {
      expect((await membershipOf(organization, project)).revokedAt, organization).not.toBeNull();
      expect(await itemOf(reviewId, organization, project)).toMatchObject({
        decision: "revoke",
        defaulted: true,
      });
    }
  });

  test("a membership revoked meanwhile closes as revoked, not as the default", async () => {
    const reviewId = await start({ defaultDecision: "keep" });
    await post("clara", "/compliance/reviews", {
      intent: "revoke-organization",
      organizationId: org.get("Studio Lumen")!,
    });
    await post("clara", `/reviews/${reviewId}`, { intent: "close" });
    const lumen = await itemOf(reviewId, "Studio Lumen", GASTRAUM);
    expect(lumen).toMatchObject({ decision: "revoke", defaulted: false, deciderName: null });
    expect(lumen.decidedAt).toBe(lumen.now.revokedAt);
    expect(await itemOf(reviewId, "Holzwerk Meyer KG", GASTRAUM)).toMatchObject({
      decision: "keep",
      defaulted: true,
    });
  });

  test("on its last day by the daily round, keeping by default", async () => {
    const reviewId = await start({ dueOn: day(0), defaultDecision: "keep" });
    await runReviewRound(new Date(Date.now() + 86_400_000));
    const { review, items } = await openReview("clara", reviewId);
    expect(review.closedAt).not.toBeNull();
    expect(items.every((row) => row.decision === "keep" && row.defaulted)).toBe(true);
    expect((await membershipOf("Studio Lumen", GASTRAUM)).revokedAt).toBeNull();
  });
});

describe("reminders", () => {
  /** What the outbox holds for reviews since the test began, as "to: subject". */
  const outbox = async (since: Date) =>
    (await db().select().from(mailMessages).where(eq(mailMessages.template, "access-review")))
      .filter((row) => row.createdAt >= since)
      .map((row) => `${row.to}: ${row.subject}`)
      .sort();

  test("each reviewer is told once at the start and once more near the last day", async () => {
    const began = new Date();
    const reviewId = await start({ dueOn: day(10) });
    await remindReviewers({ reviewId });
    expect(await outbox(began)).toEqual([
      expect.stringMatching(
        /^anna@hansen\.example: (Zugriffsprüfung „Review Q1“|Access review “Review Q1”)/,
      ),
      expect.stringMatching(/^tom@hansen\.example: (Zugriffsprüfung|Access review)/),
    ]);
    await remindReviewers();
    expect(await outbox(began)).toHaveLength(2);
    // Two days before the last day: one reminder each, then no more.
    await remindReviewers({ now: new Date(Date.now() + 8 * 86_400_000) });
    const all = await outbox(began);
    expect(all).toHaveLength(4);
    expect(all.filter((line) => /Erinnerung|Reminder/.test(line))).toHaveLength(2);
    await remindReviewers({ now: new Date(Date.now() + 9 * 86_400_000) });
    expect(await outbox(began)).toHaveLength(4);
  });

  test("a reviewer with nothing left to decide hears nothing more", async () => {
    const began = new Date();
    const reviewId = await start({
      dueOn: day(10),
      scope: "project",
      project: ids.projectIds.get(EMPFANG)!,
    });
    for (const organization of ["Mara Wolff Design", "Kanzlei Brandt"]) {
      const item = await itemOf(reviewId, organization, EMPFANG);
      await post("tom", `/reviews/${reviewId}`, {
        intent: "decide",
        itemId: item.id,
        decision: "keep",
        justification: "Working with us",
      });
    }
    await remindReviewers({ now: new Date(Date.now() + 8 * 86_400_000) });
    expect(await outbox(began)).toEqual([]);
  });
});

describe("the report", () => {
  test("lists every decision with its reason, formulas escaped, and is audited", async () => {
    const reviewId = await start();
    const item = await itemOf(reviewId, "Studio Lumen", GASTRAUM);
    await post("anna", `/reviews/${reviewId}`, {
      intent: "decide",
      itemId: item.id,
      decision: "keep",
      justification: '=HYPERLINK("http://evil.example")',
    });
    const response = (await reportLoader(
      routeArgs(tokens.get("clara"), `/reviews/${reviewId}/report.csv`, { reviewId }),
    )) as Response;
    const bytes = new Uint8Array(await response.arrayBuffer());
    // A byte order mark, so spreadsheet programs read the umlauts.
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = new TextDecoder().decode(bytes);
    const lines = csv.trim().split(/\r?\n/);
    expect(lines).toHaveLength(6);
    const lumen = lines.find((line) => line.includes("Studio Lumen"))!;
    expect(lumen).toContain("Keep");
    expect(lumen).toContain("'=HYPERLINK");
    // Anna's copy holds only her project's rows.
    const hers = await (
      (await reportLoader(
        routeArgs(tokens.get("anna"), `/reviews/${reviewId}/report.csv`, { reviewId }),
      )) as Response
    ).text();
    expect(hers.trim().split(/\r?\n/)).toHaveLength(4);
    expect(hers).not.toContain("Mara Wolff Design");
    const exported = await db()
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.action, "access_review.exported"), eq(auditEvents.subjectId, reviewId)),
      );
    expect(exported).toHaveLength(2);
  });
});

describe("dormant users and whole organisations", () => {
  test("an external user silent for 90 days is flagged, and disabled in one step", async () => {
    const ninetyOneDaysAgo = new Date(Date.now() - 91 * 86_400_000).toISOString();
    await db()
      .update(users)
      .set({ lastSignInAt: sql`${ninetyOneDaysAgo}::timestamptz` })
      .where(eq(users.email, "jonas@holzwerk-meyer.example"));
    const page = await reviewsLoader(routeArgs(tokens.get("clara"), "/compliance/reviews", {}));
    expect(page.dormant.map((row) => row.email)).toEqual(["jonas@holzwerk-meyer.example"]);
    expect(page.dormant[0]!.mayDisable).toBe(true);
    // Flagged on the review too, beside Holzwerk Meyer's membership.
    const reviewId = await start();
    expect((await itemOf(reviewId, "Holzwerk Meyer KG", GASTRAUM)).dormant).toEqual([
      "Jonas Meyer",
    ]);

    const jonas = page.dormant[0]!.id;
    await post("clara", "/compliance/reviews", { intent: "disable", userId: jonas });
    const [row] = await db().select().from(users).where(eq(users.id, jonas));
    expect(row!.disabledAt).not.toBeNull();
    const [event] = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "user.disabled"), eq(auditEvents.subjectId, jonas)));
    expect(event).toBeDefined();
  });

  test("host staff are never offered as dormant, and nobody disables one through this form", async () => {
    await db()
      .update(users)
      .set({ lastSignInAt: sql`now() - interval '400 days'` })
      .where(inArray(users.email, ["tom@hansen.example", "lena@studio-lumen.example"]));
    const page = await reviewsLoader(routeArgs(tokens.get("clara"), "/compliance/reviews", {}));
    expect(page.dormant.map((row) => row.email)).toEqual(["lena@studio-lumen.example"]);
    const [tom] = await db().select().from(users).where(eq(users.email, "tom@hansen.example"));
    await post("clara", "/compliance/reviews", { intent: "disable", userId: tom!.id });
    expect(
      (await db().select().from(users).where(eq(users.id, tom!.id)))[0]!.disabledAt,
    ).toBeNull();
  });

  test("the dormant threshold is an administrator's setting, checked as typed", async () => {
    const save = (person: DemoPerson, value: string) =>
      settingsAction(
        routeArgs(
          tokens.get(person),
          "/admin/settings",
          {},
          formBody({ intent: "dormant", dormantAfterDays: value }),
        ),
      );
    const refused = (await save("ida", "7")) as {
      data: { dormant: { error: Record<string, string[]> } };
    };
    expect(refused.data.dormant.error.dormantAfterDays).toEqual([
      "Enter a whole number of days between 14 and 730.",
    ]);
    expect(await statusOf(() => save("clara", "30"))).toBe(403);
    await save("ida", "30");
    await db()
      .update(users)
      .set({ lastSignInAt: sql`now() - interval '40 days'` })
      .where(eq(users.email, "mara@wolff-design.example"));
    const page = await reviewsLoader(routeArgs(tokens.get("clara"), "/compliance/reviews", {}));
    expect(page.days).toBe(30);
    expect(page.dormant.map((row) => row.email)).toEqual(["mara@wolff-design.example"]);
    await save("ida", "90");
  });

  test("an organisation loses every project at once", async () => {
    const lumen = org.get("Studio Lumen")!;
    await post("clara", "/compliance/reviews", {
      intent: "revoke-organization",
      organizationId: lumen,
    });
    const left = await db()
      .select()
      .from(memberships)
      .where(and(eq(memberships.organizationId, lumen), isNull(memberships.revokedAt)));
    expect(left).toEqual([]);
    const [event] = await db()
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.action, "organization.access_revoked"),
          eq(auditEvents.subjectId, lumen),
        ),
      );
    expect((event!.details as { memberships: string[] }).memberships).toHaveLength(2);
    // Anna is no administrator or compliance officer: the page, and so the step, is a 404.
    const mara = org.get("Mara Wolff Design")!;
    expect(
      await statusOf(() =>
        post("anna", "/compliance/reviews", {
          intent: "revoke-organization",
          organizationId: mara,
        }),
      ),
    ).toBe(404);
    const [organization] = await db()
      .select()
      .from(organizations)
      .where(eq(organizations.id, mara));
    expect(organization).toBeDefined();
    expect((await membershipOf("Mara Wolff Design", EMPFANG)).revokedAt).toBeNull();
  });
});

// Items are stored per review: a second review of the same memberships is a review of its own.
test("two reviews of the same memberships keep their own decisions", async () => {
  const first = await start();
  const second = await start();
  const rows = await db()
    .select()
    .from(accessReviewItems)
    .where(inArray(accessReviewItems.reviewId, [first, second]));
  expect(rows).toHaveLength(10);
});
