import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { db } from "#db/client.server";
import { auditEvents, organizations, projects, requestEvents, requests } from "#db/schema";
import { defineAbilityFor } from "#policies/ability";
import {
  findRequest,
  listRequests,
  countOpenRequests,
  readableComments,
} from "~/features/requests/request.server";
import {
  assignRequest,
  commentOnRequest,
  openRequest,
  rateRequest,
  RequestWriteDenied,
  transitionRequest,
  type OpenRequestInput,
  type RequestWriter,
} from "~/features/requests/request-write.server";
import { requestSubject } from "~/features/requests/request-subject.server";
import { projectForPolicy } from "~/features/sharing/index.server";
import { plainTextDoc } from "~/kernel/rich-text/rich-text";
import { renderRichText } from "~/kernel/rich-text/rich-text.server";
import {
  BRANDT,
  DEMO_PEOPLE,
  demoEmails,
  EMPFANG,
  GASTRAUM,
  MORGENROT,
  TERRASSE,
  type DemoPerson,
} from "../support/demo-people";
import { actorByEmail } from "../support/world";

/*
 * Customer requests through the app's own write and read paths: who may open, answer, assign
 * and move a request, and what each demo person then sees of it (DEMO_WORLD.md, "Requests").
 */

const DAY = 24 * 60 * 60 * 1000;
const projectIds = new Map<string, string>();
const orgIds = new Map<string, string>();

beforeAll(async () => {
  for (const row of await db().select().from(projects)) projectIds.set(row.name, row.id);
  for (const row of await db().select().from(organizations)) orgIds.set(row.name, row.id);
});

/** A demo person about to write, with abilities as of `at`. */
async function as(person: DemoPerson, at?: Date): Promise<RequestWriter> {
  const actor = await actorByEmail(db(), demoEmails[person]);
  return {
    actor,
    ability: defineAbilityFor(actor, at),
    auditActor: { userId: actor.id, organizationId: actor.organizationId, ip: "198.51.100.31" },
  };
}

async function abilityOf(person: DemoPerson, at?: Date) {
  return (await as(person, at)).ability;
}

async function projectNamed(name: string, now?: Date) {
  return (await projectForPolicy(projectIds.get(name)!, { now }))!;
}

function rich(text: string) {
  const rendered = renderRichText(plainTextDoc(text));
  if (!rendered.ok) throw new Error(rendered.error);
  return rendered.value;
}

/** The request as Anna (who reads every request) loads it before a write. */
async function load(id: string) {
  const found = await findRequest(await abilityOf("anna"), id);
  if (!found) throw new Error(`request ${id} not found`);
  return found;
}

async function row(id: string) {
  const [found] = await db().select().from(requests).where(eq(requests.id, id));
  return found!;
}

/** The reason a write was refused, or "allowed". */
async function outcome(run: () => Promise<unknown>) {
  try {
    await run();
    return "allowed";
  } catch (error) {
    if (error instanceof RequestWriteDenied) return error.reason;
    throw error;
  }
}

async function listedIds(person: DemoPerson) {
  const page = await listRequests(await abilityOf(person), {}, undefined, { pageSize: 100 });
  return page.requests.map((request) => request.id);
}

async function auditOf(action: string, subjectId: string) {
  return db()
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.action, action), eq(auditEvents.subjectId, subjectId)));
}

const complaint: OpenRequestInput = {
  type: "complaint",
  priority: "normal",
  title: "Reklamation Tischplatte Kratzer",
  description: rich("Die Tischplatte am Fenster hat Kratzer."),
};

describe("the demo requests", () => {
  test("each person counts the open requests the matrix lets them read", async () => {
    const expected: Record<DemoPerson, number> = {
      ida: 2,
      anna: 2,
      tom: 2,
      clara: 2,
      lena: 1,
      jonas: 0,
      mara: 0,
      eva: 1,
      paul: 1,
    };
    const counted = Object.fromEntries(
      await Promise.all(
        DEMO_PEOPLE.map(async (person) => [
          person,
          await countOpenRequests(await abilityOf(person)),
        ]),
      ),
    );
    expect(counted).toEqual(expected);
  });
});

describe("a complaint through its workflow", () => {
  let id = "";

  test("Eva opens a complaint: new, the next reference, Anna owns it, opened and audited", async () => {
    const year = new Date().getUTCFullYear();
    const numbers = (await db().select({ reference: requests.reference }).from(requests))
      .map((item) => /^R-(\d{4})-(\d{4})$/.exec(item.reference))
      .filter((match) => match && Number(match[1]) === year)
      .map((match) => Number(match![2]));
    const last = Math.max(0, ...numbers);

    const eva = await as("eva");
    const opened = await openRequest(eva, await projectNamed(GASTRAUM), complaint);
    id = opened.id;
    expect(opened.reference).toBe(`R-${year}-${String(last + 1).padStart(4, "0")}`);

    const stored = await row(id);
    const anna = await actorByEmail(db(), demoEmails.anna);
    expect(stored).toMatchObject({
      reference: opened.reference,
      status: "new",
      type: "complaint",
      organizationId: orgIds.get(MORGENROT),
      openedById: eva.actor.id,
      ownerId: anna.id,
      assignedOrganizationId: null,
      descriptionText: "Die Tischplatte am Fenster hat Kratzer.",
    });
    expect(stored.dueAt).toBeInstanceOf(Date);
    expect(stored.dueAt!.getTime()).toBeGreaterThan(stored.createdAt.getTime());

    const events = await db().select().from(requestEvents).where(eq(requestEvents.requestId, id));
    expect(events.map((event) => [event.kind, event.actorId])).toEqual([["opened", eva.actor.id]]);
    const [audit] = await auditOf("request.opened", id);
    expect(audit).toMatchObject({
      actorUserId: eva.actor.id,
      projectId: projectIds.get(GASTRAUM),
      details: { reference: opened.reference, type: "complaint", priority: "normal" },
    });

    // Eva sees her own complaint at once.
    expect(await listedIds("eva")).toContain(id);
    expect(await findRequest(await abilityOf("eva"), id)).toBeDefined();
  });

  test("Jonas (no requests section), Lena and Clara cannot open one", async () => {
    const project = await projectNamed(GASTRAUM);
    for (const person of ["jonas", "lena", "clara"] as const) {
      const writer = await as(person);
      expect(await outcome(() => openRequest(writer, project, complaint)), person).toBe("denied");
    }
    // Nor may Paul open one for Café Morgenrot: he is no member of its project.
    const paul = await as("paul");
    expect(await outcome(() => openRequest(paul, project, complaint))).toBe("denied");
  });

  test("Clara reads it but cannot comment, transition or assign", async () => {
    const clara = await as("clara");
    const found = await findRequest(clara.ability, id);
    expect(found?.id).toBe(id);
    const { policyProject, stored } = found!;
    const body = rich("Bitte prüfen");
    for (const audience of ["all_members", "partners", "internal"] as const) {
      expect(
        await outcome(() => commentOnRequest(clara, policyProject, stored, { audience, body })),
        audience,
      ).toBe("denied");
    }
    expect(
      await outcome(() => transitionRequest(clara, policyProject, stored, "in_progress", "")),
    ).toBe("denied");
    expect(
      await outcome(() => assignRequest(clara, policyProject, stored, orgIds.get("Studio Lumen")!)),
    ).toBe("denied");
    expect((await row(id)).status).toBe("new");
  });

  test("assigned to Studio Lumen, Lena reads it without internal notes; taken back, she loses it", async () => {
    const anna = await as("anna");
    expect(await listedIds("lena")).not.toContain(id);
    expect(await findRequest(await abilityOf("lena"), id)).toBeUndefined();

    let found = await load(id);
    await assignRequest(anna, found.policyProject, found.stored, orgIds.get("Studio Lumen")!);
    expect(await listedIds("lena")).toContain(id);
    const lenaSees = await findRequest(await abilityOf("lena"), id);
    expect(lenaSees?.assignedOrganizationName).toBe("Studio Lumen");

    found = await load(id);
    await commentOnRequest(anna, found.policyProject, found.stored, {
      audience: "internal",
      body: rich("Kulanz intern abklären INTERNALONLY"),
    });
    await commentOnRequest(anna, found.policyProject, found.stored, {
      audience: "all_members",
      body: rich("Wir sehen uns die Platte an."),
    });
    const lenaComments = await readableComments(await abilityOf("lena"), id);
    expect(lenaComments.map((comment) => comment.bodyText)).toEqual([
      "Wir sehen uns die Platte an.",
    ]);
    const annaComments = await readableComments(anna.ability, id);
    expect(annaComments.map((comment) => comment.audience)).toEqual(["internal", "all_members"]);

    found = await load(id);
    await assignRequest(anna, found.policyProject, found.stored, null);
    expect(await listedIds("lena")).not.toContain(id);
    expect(await findRequest(await abilityOf("lena"), id)).toBeUndefined();
    expect(await readableComments(await abilityOf("lena"), id)).toEqual([]);
  });

  test("a partner note needs an assigned partner", async () => {
    const anna = await as("anna");
    const found = await load(id);
    expect(found.assignedOrganizationId).toBeNull();
    expect(
      await outcome(() =>
        commentOnRequest(anna, found.policyProject, found.stored, {
          audience: "partners",
          body: rich("Für den Partner"),
        }),
      ),
    ).toBe("noPartner");
  });

  test("it can go to Holzwerk Meyer (a partner member), not to the customer or a non-member", async () => {
    const anna = await as("anna");
    let found = await load(id);
    for (const name of [MORGENROT, "Mara Wolff Design"]) {
      expect(
        await outcome(() =>
          assignRequest(anna, found.policyProject, found.stored, orgIds.get(name)!),
        ),
        name,
      ).toBe("notAMember");
    }
    await assignRequest(anna, found.policyProject, found.stored, orgIds.get("Holzwerk Meyer KG")!);
    expect((await row(id)).assignedOrganizationId).toBe(orgIds.get("Holzwerk Meyer KG"));
    expect(await listedIds("jonas")).toContain(id);
    expect(await listedIds("mara")).not.toContain(id);

    found = await load(id);
    expect(
      await outcome(() =>
        assignRequest(anna, found.policyProject, found.stored, orgIds.get("Holzwerk Meyer KG")!),
      ),
    ).toBe("sameValue");
  });

  test("a partner note reaches Lena once her organisation has it, never Eva", async () => {
    const anna = await as("anna");
    let found = await load(id);
    await assignRequest(anna, found.policyProject, found.stored, orgIds.get("Studio Lumen")!);
    expect(await listedIds("jonas")).not.toContain(id);

    found = await load(id);
    await commentOnRequest(anna, found.policyProject, found.stored, {
      audience: "partners",
      body: rich("Farbmuster bitte bis Freitag PARTNERNOTE"),
    });
    const lena = (await readableComments(await abilityOf("lena"), id)).map((c) => c.bodyText);
    const eva = (await readableComments(await abilityOf("eva"), id)).map((c) => c.bodyText);
    expect(lena).toContain("Farbmuster bitte bis Freitag PARTNERNOTE");
    expect(lena.join(" ")).not.toContain("INTERNALONLY");
    expect(eva).toEqual(["Wir sehen uns die Platte an."]);
  });

  test("Lena asks Eva, Eva's reply puts it back in progress, Lena resolves it", async () => {
    const lena = await as("lena");
    const eva = await as("eva");
    let found = await findRequest(lena.ability, id);
    await transitionRequest(lena, found!.policyProject, found!.stored, "waiting_on_customer", "");
    expect((await row(id)).status).toBe("waiting_on_customer");

    found = await findRequest(eva.ability, id);
    await commentOnRequest(eva, found!.policyProject, found!.stored, {
      audience: "all_members",
      body: rich("Fotos folgen morgen."),
    });
    expect((await row(id)).status).toBe("in_progress");
    const [back] = await db()
      .select()
      .from(requestEvents)
      .where(
        and(
          eq(requestEvents.requestId, id),
          eq(requestEvents.kind, "status"),
          eq(requestEvents.toValue, "in_progress"),
        ),
      );
    expect(back).toMatchObject({ fromValue: "waiting_on_customer", actorId: eva.actor.id });

    // Eva may not resolve it herself.
    found = await findRequest(eva.ability, id);
    expect(
      await outcome(() =>
        transitionRequest(eva, found!.policyProject, found!.stored, "resolved", ""),
      ),
    ).toBe("denied");

    const before = Date.now();
    found = await findRequest(lena.ability, id);
    await transitionRequest(lena, found!.policyProject, found!.stored, "resolved", "Neu geölt");
    const resolved = await row(id);
    expect(resolved.status).toBe("resolved");
    expect(resolved.resolvedAt!.getTime()).toBeGreaterThanOrEqual(before - 1000);
    const window = resolved.reopenableUntil!.getTime() - resolved.resolvedAt!.getTime();
    expect(window).toBe(14 * DAY);

    // Resolved, it is no longer Lena's to move.
    found = await findRequest(lena.ability, id);
    expect(
      await outcome(() =>
        transitionRequest(lena, found!.policyProject, found!.stored, "in_progress", ""),
      ),
    ).toBe("denied");
  });

  test("Eva rates the resolution, then reopens it within the window: the rating goes", async () => {
    const eva = await as("eva");
    let found = await findRequest(eva.ability, id);
    await rateRequest(eva, found!.policyProject, found!.stored, {
      rating: 5,
      comment: "Schnell erledigt",
    });
    expect(await row(id)).toMatchObject({ rating: 5, ratingComment: "Schnell erledigt" });
    expect((await row(id)).ratedAt).toBeInstanceOf(Date);
    const [audit] = await auditOf("request.rated", id);
    expect(audit).toMatchObject({
      actorUserId: eva.actor.id,
      details: { rating: 5, commented: true },
    });

    found = await findRequest(eva.ability, id);
    await transitionRequest(eva, found!.policyProject, found!.stored, "in_progress", "Doch nicht");
    expect(await row(id)).toMatchObject({
      status: "in_progress",
      rating: null,
      ratingComment: "",
      ratedAt: null,
      reopenableUntil: null,
    });
    expect(await auditOf("request.reopened", id)).toHaveLength(1);
    // In progress again, there is nothing to rate.
    found = await findRequest(eva.ability, id);
    expect(
      await outcome(() =>
        rateRequest(eva, found!.policyProject, found!.stored, { rating: 1, comment: "" }),
      ),
    ).toBe("denied");
  });

  test("resolved again, 15 days later Eva can no longer reopen it, Anna still can", async () => {
    const lena = await as("lena");
    const found = await findRequest(lena.ability, id);
    await transitionRequest(lena, found!.policyProject, found!.stored, "resolved", "");

    const later = new Date(Date.now() + 15 * DAY);
    const project = await projectNamed(GASTRAUM, later);
    const { stored } = await load(id);
    expect(stored.status).toBe("resolved");
    const eva = await as("eva", later);
    expect(
      await outcome(() => transitionRequest(eva, project, stored, "in_progress", "", later)),
    ).toBe("denied");
    // Today, within the window, she still could.
    expect(
      (await as("eva")).ability.can("transition", requestSubject(project, stored), "in_progress"),
    ).toBe(true);
    const anna = await as("anna", later);
    await transitionRequest(anna, project, stored, "in_progress", "Nachbesserung", later);
    expect((await row(id)).status).toBe("in_progress");
  });

  test("moves the workflow does not know are refused, whoever asks", async () => {
    const anna = await as("anna");
    let found = await load(id);
    await transitionRequest(anna, found.policyProject, found.stored, "closed", "Erledigt");
    found = await load(id);
    expect(found.stored.status).toBe("closed");
    expect(
      await outcome(() =>
        transitionRequest(anna, found.policyProject, found.stored, "resolved", ""),
      ),
    ).toBe("notNext");

    const delta = (await listRequests(anna.ability)).requests.find((item) =>
      item.title.endsWith(" DELTA"),
    )!;
    expect(delta.status).toBe("new");
    const fresh = await load(delta.id);
    expect(
      await outcome(() => transitionRequest(anna, fresh.policyProject, fresh.stored, "new", "")),
    ).toBe("notNext");
  });
});

describe("the queue", () => {
  let overdue = "";
  let fresh = "";

  beforeAll(async () => {
    // Paul asked a month ago and nobody answered; Anna logs an urgent change today.
    const monthAgo = new Date(Date.now() - 30 * DAY);
    overdue = (
      await openRequest(
        await as("paul", monthAgo),
        await projectNamed(EMPFANG, monthAgo),
        {
          type: "question",
          priority: "normal",
          title: "Frage Schlüsselübergabe",
          description: rich("Wann bekommen wir die Schlüssel?"),
        },
        [],
        monthAgo,
      )
    ).id;
    fresh = (
      await openRequest(await as("anna"), await projectNamed(TERRASSE), {
        type: "change",
        priority: "low",
        title: "Terrasse Geländer anders",
        description: rich("Geländer in Anthrazit statt Weiß."),
      })
    ).id;
  });

  test("Anna's queue puts what falls due first on top", async () => {
    const { requests: rows } = await listRequests(await abilityOf("anna"), {}, undefined, {
      pageSize: 100,
    });
    expect(rows.map((item) => item.id)).toEqual(expect.arrayContaining([overdue, fresh]));
    const due = rows.map((item) => item.dueAt?.getTime() ?? Number.POSITIVE_INFINITY);
    expect(due).toEqual([...due].sort((a, b) => a - b));
    expect(rows[0]!.id).toBe(overdue);
    expect(rows.map((item) => item.id).indexOf(overdue)).toBeLessThan(
      rows.map((item) => item.id).indexOf(fresh),
    );
    expect(rows.find((item) => item.id === overdue)?.accountName).toBe(BRANDT);
  });

  test("the breached filter keeps only requests whose due date has passed", async () => {
    const anna = await abilityOf("anna");
    const now = new Date();
    const open = (await listRequests(anna, {}, undefined, { now, pageSize: 100 })).requests;
    const breached = (
      await listRequests(anna, { sla: "breached" }, undefined, { now, pageSize: 100 })
    ).requests;
    const ids = breached.map((item) => item.id);
    expect(ids).toContain(overdue);
    expect(ids).not.toContain(fresh);
    for (const item of breached) expect(item.dueAt!.getTime()).toBeLessThanOrEqual(now.getTime());
    expect(new Set(ids)).toEqual(
      new Set(
        open
          .filter((item) => item.dueAt && item.dueAt.getTime() <= now.getTime())
          .map((item) => item.id),
      ),
    );

    // As of the day Paul asked, nothing of his was overdue yet.
    const thatDay = (await row(overdue)).createdAt;
    const then = (
      await listRequests(anna, { sla: "breached" }, undefined, { now: thatDay, pageSize: 100 })
    ).requests.map((item) => item.id);
    expect(then).not.toContain(overdue);
  });
});
