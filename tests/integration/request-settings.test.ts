import { asc, desc, eq, inArray } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { databaseKind, db, type DatabaseHandle } from "#db/client.server";
import { auditEvents, hostSettings, requests, users } from "#db/schema";
import { openRequestStatuses, requestPriorities, requestTypes } from "#db/schema/values";
import { businessMinutesBetween } from "~/features/requests/business-time.server";
import {
  dueDatesVersion,
  dueRefreshWorker,
  refreshOpenDueDates,
  REQUEST_DUE_REFRESH,
  requestDueRefreshWorker,
  type DueRefreshJob,
} from "~/features/requests/index.server";
import { dueDatesOf, slaEventsOf } from "~/features/requests/request-clock.server";
import { saveRequestSettings } from "~/features/requests/request-settings-save.server";
import { requestSettings, type RequestSettings } from "~/features/requests/request-settings.server";
import { dayTimeIn } from "~/kernel/day-input";
import { startJobs, stopJobs } from "~/kernel/jobs/jobs.server";
import { action, loader } from "~/routes/_app.admin.settings";
import { demoWorld, formBody, routeArgs, statusOf } from "../support/http-as";
import { setCookies } from "../support/request";
import type { DemoPerson } from "../support/demo-people";

/*
 * The host's settings for customer requests on /admin/settings: business calendar, targets and
 * the reopening window. A save is audited and moves the stored due dates of open requests: in a
 * queued job where a queue runs, at once where none does.
 */

const CORAL = "Reklamation Stuhlfarbe CORAL";
const world = demoWorld();
const tokenOf = (person: DemoPerson) => world.tokens.get(person)!;

async function coral() {
  const [row] = await db().select().from(requests).where(eq(requests.title, CORAL));
  return row!;
}

async function newestAudit() {
  const [event] = await db().select().from(auditEvents).orderBy(desc(auditEvents.seq)).limit(1);
  return event;
}

async function storedRow() {
  const [row] = await db().select().from(hostSettings);
  return row;
}

async function idaActor() {
  const [ida] = await db().select().from(users).where(eq(users.email, "ida@hansen.example"));
  return { userId: ida!.id, organizationId: ida!.organizationId };
}

/** The settings as the form posts them (English reader: days "24/12/2026", hours "1.5"). */
function formOf(settings: RequestSettings, overrides: Record<string, string | string[]> = {}) {
  const fields: Record<string, string | string[]> = {
    intent: "requests",
    federalState: settings.calendar.federalState,
    workingDays: settings.calendar.workingDays.map(String),
    dayStart: settings.calendar.dayStart,
    dayEnd: settings.calendar.dayEnd,
    closingDays: settings.calendar.closingDays
      .map((day) => day.split("-").reverse().join("/"))
      .join("\n"),
    reopenWindowDays: String(settings.reopenWindowDays),
  };
  for (const type of requestTypes) {
    for (const priority of requestPriorities) {
      const target = settings.targets[type][priority];
      fields[`targets.${type}.${priority}.firstResponse`] = String(
        target.firstResponseMinutes / 60,
      );
      fields[`targets.${type}.${priority}.resolution`] = String(target.resolutionMinutes / 60);
    }
  }
  return formBody({ ...fields, ...overrides });
}

function post(person: DemoPerson, body: URLSearchParams) {
  return action(routeArgs(tokenOf(person), "/admin/settings", {}, body));
}

/** What an action answered with `data(value, { status })`. */
function replyOf(result: unknown) {
  return result as { data: { requests: { error?: Record<string, string[] | null> } } };
}

/** The stored settings put back as they were, so each test starts from the seed's. */
async function restore(settings: RequestSettings) {
  await saveRequestSettings(settings, await idaActor());
}

/** The open requests, in id order. */
async function openRequests() {
  return db()
    .select({ id: requests.id })
    .from(requests)
    .where(inArray(requests.status, [...openRequestStatuses]))
    .orderBy(asc(requests.id))
    .then((rows) => rows.map((row) => row.id));
}

/** The open requests whose stored due dates are not those the stored settings give. */
async function staleOpenRequests() {
  const settings = await requestSettings();
  const stale: string[] = [];
  for (const id of await openRequests()) {
    const [row] = await db().select().from(requests).where(eq(requests.id, id));
    const derived = dueDatesOf(await slaEventsOf(db(), id), settings, new Date());
    const stored = { dueAt: row!.dueAt, atRiskAt: row!.atRiskAt, dueRank: row!.dueRank };
    const expected = { dueAt: derived.dueAt, atRiskAt: derived.atRiskAt, dueRank: derived.dueRank };
    if (JSON.stringify(stored) !== JSON.stringify(expected)) stale.push(id);
  }
  return stale;
}

/** Every target set to the same minutes, so that every open request's due date moves. */
function everyTarget(settings: RequestSettings, firstResponseMinutes: number) {
  const targets = structuredClone(settings.targets);
  for (const type of requestTypes) {
    for (const priority of requestPriorities) {
      targets[type][priority] = { firstResponseMinutes, resolutionMinutes: firstResponseMinutes };
    }
  }
  return { ...settings, targets };
}

describe("the customer-request settings", () => {
  test("the page shows the stored settings, the defaults at first", async () => {
    const page = await loader(routeArgs(tokenOf("ida"), "/admin/settings", {}));
    expect(page.requestSettings).toEqual(await requestSettings());
    expect(page.requestSettings.reopenWindowDays).toBe(14);
    expect(page.requestSettings.calendar.federalState).toBe("HH");
    expect(page.states).toHaveLength(16);
    expect(page.states.map((state) => state.name)).toContain("Bayern");
  });

  test("saving valid settings over HTTP stores them, audits them, and moves CORAL's due date", async () => {
    const before = await requestSettings();
    const coralBefore = await coral();
    expect(coralBefore).toMatchObject({
      type: "complaint",
      priority: "high",
      status: "in_progress",
    });
    // CORAL had its first response: the resolution is what falls due.
    expect(coralBefore.firstRespondedAt).not.toBeNull();
    try {
      const reply = (await post(
        "ida",
        formOf(before, {
          federalState: "BY",
          reopenWindowDays: "30",
          "targets.complaint.high.firstResponse": "0.5",
          "targets.complaint.high.resolution": "1",
          "targets.question.low.resolution": "45,5",
        }),
      )) as Response;
      expect(reply).toBeInstanceOf(Response);
      expect(reply.status).toBe(302);
      expect(reply.headers.get("Location")).toBe("/admin/settings");
      // No queue runs here: the due dates were derived again before the answer.
      expect(setCookies(reply).get("ambit_toast")?.value).toContain("The settings were saved.");

      const after = await requestSettings();
      expect(after.calendar.federalState).toBe("BY");
      expect(after.reopenWindowDays).toBe(30);
      expect(after.targets.complaint.high).toEqual({
        firstResponseMinutes: 30,
        resolutionMinutes: 60,
      });
      expect(after.targets.question.low.resolutionMinutes).toBe(2730);
      expect(after.targets.change).toEqual(before.targets.change);

      const [ida] = await db().select().from(users).where(eq(users.email, "ida@hansen.example"));
      expect(await newestAudit()).toMatchObject({
        action: "settings.requests_changed",
        subjectType: "HostSettings",
        actorUserId: ida!.id,
        details: {
          from: {
            "calendar.federalState": "HH",
            reopenWindowDays: 14,
            "targets.complaint.high.firstResponseMinutes": 120,
            "targets.complaint.high.resolutionMinutes": 1080,
            "targets.question.low.resolutionMinutes": 2700,
          },
          to: {
            "calendar.federalState": "BY",
            reopenWindowDays: 30,
            "targets.complaint.high.firstResponseMinutes": 30,
            "targets.complaint.high.resolutionMinutes": 60,
            "targets.question.low.resolutionMinutes": 2730,
          },
        },
      });
      expect(Object.keys((await newestAudit())!.details as { to: object }).sort()).toEqual([
        "from",
        "to",
      ]);

      // One business hour after it was opened (it never waited for the customer).
      const coralAfter = await coral();
      expect(coralAfter.dueAt!.getTime()).toBeLessThan(coralBefore.dueAt!.getTime());
      expect(businessMinutesBetween(after.calendar, coralAfter.createdAt, coralAfter.dueAt!)).toBe(
        60,
      );
      expect(coralAfter.dueRank).toEqual(coralAfter.dueAt);
      expect(coralAfter.atRiskAt!.getTime()).toBeLessThan(coralAfter.dueAt!.getTime());

      // Saving the same again changes and logs nothing.
      const seq = (await newestAudit())!.seq;
      await post("ida", formOf(after));
      expect((await newestAudit())!.seq).toBe(seq);
    } finally {
      await restore(before);
    }
    // Back to the old settings, CORAL is due when it was before.
    expect((await coral()).dueAt).toEqual(coralBefore.dueAt);
  });

  test("a closing day on the working day a request falls due pushes its due date past it", async () => {
    const before = await requestSettings();
    const actor = await idaActor();
    try {
      // A target long enough that CORAL is due some day from now.
      const targets = structuredClone(before.targets);
      targets.complaint.high = { firstResponseMinutes: 60, resolutionMinutes: 200 * 60 };
      await saveRequestSettings({ ...before, targets }, actor);
      const due = (await coral()).dueAt!;
      const dueDay = dayTimeIn(due, before.calendar.timeZone).day;

      const result = await saveRequestSettings(
        { ...before, targets, calendar: { ...before.calendar, closingDays: [dueDay] } },
        actor,
      );
      expect(result).toEqual({ changed: ["calendar.closingDays"], refreshQueued: false });
      expect((await requestSettings()).calendar.closingDays).toEqual([dueDay]);

      const moved = (await coral()).dueAt!;
      expect(dayTimeIn(moved, before.calendar.timeZone).day > dueDay).toBe(true);
      expect(moved.getTime()).toBeGreaterThan(due.getTime());
      const row = await coral();
      expect(
        businessMinutesBetween({ ...before.calendar, closingDays: [dueDay] }, row.createdAt, moved),
      ).toBe(200 * 60);
    } finally {
      await restore(before);
    }
  });

  test("due dates are refreshed in batches, every open request and no closed one", async () => {
    const before = await requestSettings();
    const actor = await idaActor();
    const all = await db()
      .select({ id: requests.id, status: requests.status, dueAt: requests.dueAt })
      .from(requests);
    const open = await openRequests();
    expect(open.length).toBeGreaterThanOrEqual(2);
    try {
      // A batch of one: every open request in its own transaction, none left out.
      const result = await saveRequestSettings(everyTarget(before, 7), actor, { batchSize: 1 });
      expect(result.refreshQueued).toBe(false);
      expect(await staleOpenRequests()).toEqual([]);
      const closedBefore = all.filter((row) => !open.includes(row.id));
      for (const row of closedBefore) {
        const [now] = await db()
          .select({ dueAt: requests.dueAt })
          .from(requests)
          .where(eq(requests.id, row.id));
        expect(now!.dueAt).toEqual(row.dueAt);
      }
      // Several batches; as many as fit exactly (an empty batch ends it); one partly filled.
      for (const batchSize of [1, open.length, open.length + 1]) {
        expect(await refreshOpenDueDates({ batchSize }), `batch of ${batchSize}`).toBe(open.length);
      }
    } finally {
      await restore(before);
    }
  });

  test("invalid input answers 400 with the messages, keeps what was typed and changes nothing", async () => {
    const before = await requestSettings();
    const rowBefore = await storedRow();
    const auditBefore = (await newestAudit())?.seq;
    const typed = "24/12/2026\n31.02.2026, 2026-12-31\nsoon";
    const body = formOf(before, {
      dayStart: "17:00",
      dayEnd: "08:00",
      workingDays: [],
      closingDays: typed,
      reopenWindowDays: "400",
      "targets.question.normal.firstResponse": "0",
      "targets.change.high.firstResponse": "10",
      "targets.change.high.resolution": "2,5",
      "targets.complaint.low.resolution": "",
      "targets.complaint.urgent.firstResponse": "abc",
    });
    body.delete("workingDays");
    const result = await post("ida", body);
    expect(await statusOf(async () => result)).toBe(400);
    const reply = replyOf(result).data.requests;
    expect(reply.error).toMatchObject({
      dayEnd: ["Business hours must end after they start."],
      workingDays: ["Choose at least one working day."],
      closingDays: [
        "Line 2: “31.02.2026” is not a day. Write days like 24/12/2026.",
        "Line 3: “soon” is not a day. Write days like 24/12/2026.",
      ],
      reopenWindowDays: ["Enter a whole number of days from 0 to 365."],
      "targets.question.normal.firstResponse": ["Enter hours above 0, like 1.5."],
      "targets.change.high.resolution": ["Allow at least as long as for the first response."],
      "targets.complaint.low.resolution": ["Enter the hours."],
      "targets.complaint.urgent.firstResponse": ["Enter hours above 0, like 1.5."],
    });
    // What was typed comes back to the form as it was.
    expect(JSON.stringify(reply)).toContain(JSON.stringify(typed));
    expect(await storedRow()).toEqual(rowBefore);
    expect(await requestSettings()).toEqual(before);
    expect((await newestAudit())?.seq).toBe(auditBefore);
  });

  test("a target above the limit and an unknown state are refused", async () => {
    const before = await requestSettings();
    const result = await post(
      "ida",
      formOf(before, {
        federalState: "XX",
        "targets.change.low.resolution": "20000",
      }),
    );
    expect(await statusOf(async () => result)).toBe(400);
    expect(replyOf(result).data.requests.error).toMatchObject({
      federalState: ["Choose the federal state whose public holidays apply."],
      "targets.change.low.resolution": ["Enter at most 10,000 hours."],
    });
    expect(await requestSettings()).toEqual(before);
  });

  test("to anyone but an administrator the page does not exist and the form cannot be saved", async () => {
    const before = await requestSettings();
    const auditBefore = (await newestAudit())?.seq;
    for (const person of ["anna", "clara", "eva"] as const) {
      const page = await statusOf(() => loader(routeArgs(tokenOf(person), "/admin/settings", {})));
      expect(page, person).toBe(404);
      const saved = await statusOf(() =>
        post(
          person,
          formOf(before, {
            "targets.complaint.high.firstResponse": "0.5",
            "targets.complaint.high.resolution": "1",
          }),
        ),
      );
      expect([403, 404], person).toContain(saved);
    }
    expect(await requestSettings()).toEqual(before);
    expect((await newestAudit())?.seq).toBe(auditBefore);
  });
});

describe("the refresh as queued jobs", () => {
  const handle = () => ({ kind: databaseKind()!, db: db() }) as DatabaseHandle;

  test("a save queues it; each job does a few batches and queues the rest; newer settings supersede a pass", async () => {
    const before = await requestSettings();
    const coralBefore = await coral();
    const open = await openRequests();
    expect(open.length).toBeGreaterThanOrEqual(2);
    // The queue runs, but no worker takes the jobs: this test takes them, as pg-boss would.
    const boss = await startJobs(handle());
    const worker = dueRefreshWorker({ batchSize: 1, batchesPerJob: 1 });
    const handled: DueRefreshJob[] = [];
    /** Takes the waiting jobs one at a time, oldest first, until none waits (or `limit` ran). */
    async function runJobs(limit = Infinity) {
      for (let ran = 0; ran < limit; ran++) {
        const [job] = await boss.fetch<DueRefreshJob>(REQUEST_DUE_REFRESH);
        if (!job) return;
        await worker.handler(job.data);
        await boss.complete(REQUEST_DUE_REFRESH, job.id);
        handled.push(job.data);
      }
    }
    try {
      await boss.createQueue(REQUEST_DUE_REFRESH, requestDueRefreshWorker.options);
      const reply = (await post(
        "ida",
        formOf(before, {
          "targets.complaint.high.firstResponse": "0.5",
          "targets.complaint.high.resolution": "1",
        }),
      )) as Response;
      expect(setCookies(reply).get("ambit_toast")?.value).toContain(
        "The due dates of open requests are being brought up to date in the background.",
      );
      // Saved, not yet derived: the save did not wait for it.
      expect((await coral()).dueAt).toEqual(coralBefore.dueAt);
      expect(await staleOpenRequests()).toContain(coralBefore.id);

      // The first job: one batch of one request, then the rest of the pass waits as a job of its own.
      await runJobs(1);
      const first = handled[0]!;
      expect(first.after).toBeUndefined();

      // Saved again while the pass is under way: a pass of its own, from the first request.
      const newer = everyTarget(await requestSettings(), 7);
      expect((await saveRequestSettings(newer, await idaActor())).refreshQueued).toBe(true);
      await runJobs();

      // The older pass stopped at its next job; the newer one went through every open request.
      const [older, ...rest] = handled.slice(1);
      expect(older).toEqual({ version: first.version, after: open[0] });
      expect(rest.map((job) => job.version)).toEqual(rest.map(() => rest[0]!.version));
      expect(rest[0]!.version).not.toBe(first.version);
      const cursors = rest.map((job) => job.after);
      // A job per request, and the last one finds none left.
      expect(cursors).toEqual([undefined, ...open]);
      expect(await staleOpenRequests()).toEqual([]);
    } finally {
      await stopJobs();
      // No queue any more: the settings go back and the due dates with them, at once.
      await restore(before);
    }
    expect(await staleOpenRequests()).toEqual([]);
    expect((await coral()).dueAt).toEqual(coralBefore.dueAt);
  });

  test("the worker, started with the queue, brings every open request up to date", async () => {
    const before = await requestSettings();
    await startJobs(handle(), [requestDueRefreshWorker]);
    try {
      const saved = await saveRequestSettings(everyTarget(before, 13), await idaActor());
      expect(saved.refreshQueued).toBe(true);
      const deadline = Date.now() + 60_000;
      let stale = await staleOpenRequests();
      while (stale.length > 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        stale = await staleOpenRequests();
      }
      expect(stale).toEqual([]);
    } finally {
      await stopJobs();
      await restore(before);
    }
  }, 90_000);

  test("a job whose rest no queue takes fails, to run again from its own cursor", async () => {
    const open = await openRequests();
    const version = dueDatesVersion(await requestSettings());
    const worker = dueRefreshWorker({ batchSize: 1, batchesPerJob: 1 });
    await expect(worker.handler({ version })).rejects.toThrow("not queued");
    // The end of a pass, a superseded pass and a payload it does not know queue nothing.
    await expect(worker.handler({ version, after: open.at(-1) })).resolves.toBeUndefined();
    await expect(worker.handler({ version: "older" })).resolves.toBeUndefined();
    await expect(worker.handler({ version, after: "1; drop" })).resolves.toBeUndefined();
  });
});
