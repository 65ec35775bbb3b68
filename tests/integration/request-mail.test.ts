import { eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { databaseKind, db, type DatabaseHandle } from "#db/client.server";
import { mailMessages, requestComments, requestEvents } from "#db/schema";
import { defineAbilityFor } from "#policies/ability";
import { REQUEST_MAIL, requestMailWorker, sendRequestMail } from "~/features/requests/index.server";
import { findRequest } from "~/features/requests/request.server";
import {
  commentOnRequest,
  transitionRequest,
  type RequestWriter,
} from "~/features/requests/request-write.server";
import { enqueueJob, startJobs, stopJobs } from "~/kernel/jobs/jobs.server";
import { logger } from "~/kernel/logger.server";
import { plainTextDoc } from "~/kernel/rich-text/rich-text";
import { renderRichText } from "~/kernel/rich-text/rich-text.server";
import {
  DEMO_PEOPLE,
  DOCUMENT_MARKERS,
  DOCUMENTS_SEEN_BY,
  demoEmails,
  ENTRIES_SEEN_BY,
  ENTRY_MARKERS,
  type DemoPerson,
} from "../support/demo-people";
import { actorByEmail, demoRequestByTitle } from "../support/world";

/*
 * The emails about a request's public replies and status changes (DEMO_WORLD.md, "Requests"):
 * queued by the write paths after they commit, sent by the worker through pg-boss, each written
 * for its recipient, in their language, with only what that recipient may read of the request.
 */

const CORAL = "Reklamation Stuhlfarbe CORAL";
const DELTA = "Frage Rechnung Anzahlung DELTA";
// What the notes of this test say: no email may ever carry them.
const PARTNER_NOTE = "Lieferant liefert erst im Mai PINEWORD";
const INTERNAL_NOTE = "Marge schützen HUSHWORD";
const NOTE_WORDS = ["PINEWORD", "HUSHWORD", "SECRETNOTE", "Kulanz"];

/** The requests each person must never see (DEMO_WORLD.md, "What each person must see"). */
const REQUESTS_SEEN_BY: Record<DemoPerson, readonly string[]> = {
  ida: ["CORAL", "DELTA"],
  anna: ["CORAL", "DELTA"],
  tom: ["CORAL", "DELTA"],
  clara: ["CORAL", "DELTA"],
  lena: ["CORAL"],
  jonas: [],
  mara: [],
  eva: ["CORAL"],
  paul: ["DELTA"],
};

/** Every marker word of DEMO_WORLD.md the person must never see, in any email. */
function neverSeenBy(person: DemoPerson) {
  return [
    ...ENTRY_MARKERS.filter((word) => !ENTRIES_SEEN_BY[person].includes(word)),
    ...DOCUMENT_MARKERS.filter((word) => !DOCUMENTS_SEEN_BY[person].includes(word)),
    ...["CORAL", "DELTA"].filter((word) => !REQUESTS_SEEN_BY[person].includes(word)),
  ];
}

async function as(person: DemoPerson): Promise<RequestWriter> {
  const actor = await actorByEmail(db(), demoEmails[person]);
  return {
    actor,
    ability: defineAbilityFor(actor),
    auditActor: { userId: actor.id, organizationId: actor.organizationId, ip: "198.51.100.47" },
  };
}

/** The request as Anna (who reads every request) loads it before a write. */
async function load(id: string) {
  const found = await findRequest((await as("anna")).ability, id);
  if (!found) throw new Error(`request ${id} not found`);
  return found;
}

function rich(text: string) {
  const rendered = renderRichText(plainTextDoc(text));
  if (!rendered.ok) throw new Error(rendered.error);
  return rendered.value;
}

async function reply(
  person: DemoPerson,
  id: string,
  audience: "all_members" | "partners" | "internal",
  text: string,
) {
  const found = await load(id);
  return commentOnRequest(await as(person), found.policyProject, found.stored, {
    audience,
    body: rich(text),
  });
}

async function move(
  person: DemoPerson,
  id: string,
  to: "waiting_on_customer" | "in_progress" | "resolved",
  reason = "",
) {
  const found = await load(id);
  await transitionRequest(await as(person), found.policyProject, found.stored, to, reason);
}

type QueuedJob = { id: string; state: string; data: Record<string, string>; key: string | null };

/** The request-mail jobs pg-boss holds, oldest first. */
async function queuedJobs(): Promise<QueuedJob[]> {
  const result = await db().execute(
    sql`select id::text as id, state::text as state, data, singleton_key as key
        from pgboss.job where name = ${REQUEST_MAIL} order by created_on, id`,
  );
  const rows = (
    Array.isArray(result) ? result : (result as { rows: unknown[] }).rows
  ) as QueuedJob[];
  return rows.map((row) => ({
    ...row,
    data: typeof row.data === "string" ? JSON.parse(row.data) : row.data,
  }));
}

async function requestMail() {
  return db()
    .select()
    .from(mailMessages)
    .where(inArray(mailMessages.template, ["request-reply", "request-status"]));
}

/** Polls until `check` holds (what the queue does takes its own time), at most `ms`. */
async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean, ms = 60_000) {
  const deadline = Date.now() + ms;
  let value = await read();
  while (!check(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await read();
  }
  return value;
}

const handle = () => ({ kind: databaseKind()!, db: db() }) as DatabaseHandle;

let coral = { id: "", reference: "" };
let delta = { id: "", reference: "" };

beforeAll(async () => {
  coral = await demoRequestByTitle(db(), CORAL);
  delta = await demoRequestByTitle(db(), DELTA);
});

afterAll(async () => {
  await stopJobs();
});

describe("without a running queue", () => {
  test("a write still succeeds; its job is not queued, and a warning says so", async () => {
    const warn = vi.spyOn(logger, "warn");
    try {
      const id = await reply("tom", delta.id, "all_members", "Wir prüfen die Rechnung.");
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      expect(warn).toHaveBeenCalledWith(
        expect.objectContaining({
          job: REQUEST_MAIL,
          data: { requestId: delta.id, commentId: id },
        }),
        expect.stringContaining("not queued"),
      );
      expect(await enqueueJob(REQUEST_MAIL, { requestId: delta.id, commentId: id })).toBeNull();
    } finally {
      warn.mockRestore();
    }
  });
});

describe("every kind of change, mailed to every demo user who may read it", () => {
  test("the write paths queue one job per public reply and status change, and none for notes", async () => {
    // The queue runs, but no worker takes these jobs yet: what the write paths queued stays.
    const boss = await startJobs(handle());
    try {
      await boss.createQueue(REQUEST_MAIL, requestMailWorker.options);
      const statusEvents = () =>
        db()
          .select({ id: requestEvents.id })
          .from(requestEvents)
          .where(eq(requestEvents.kind, "status"))
          .then((rows) => rows.map((row) => row.id));
      const earlierEvents = await statusEvents();

      const annaReply = await reply(
        "anna",
        coral.id,
        "all_members",
        "Die neuen Bezüge kommen am Freitag.",
      );
      const partnerNote = await reply("lena", coral.id, "partners", PARTNER_NOTE);
      const internalNote = await reply("anna", coral.id, "internal", INTERNAL_NOTE);
      await move("anna", coral.id, "waiting_on_customer", "Bitte bestätigen Sie das Farbmuster.");
      // Eva's answer puts the request back in progress: a reply and a status change.
      const evaReply = await reply("eva", coral.id, "all_members", "Das Muster passt, danke.");
      await move("anna", coral.id, "resolved", "Die Bezüge sind getauscht.");
      const tomReply = await reply("tom", delta.id, "all_members", "Die Rechnung folgt morgen.");
      await move("tom", delta.id, "in_progress");

      const jobs = await queuedJobs();
      const comments = jobs.flatMap((job) => (job.data.commentId ? [job.data.commentId] : []));
      expect(comments.sort()).toEqual([annaReply, evaReply, tomReply].sort());
      expect(comments).not.toContain(partnerNote);
      expect(comments).not.toContain(internalNote);
      // Waiting, Eva's answer moving it back in progress, resolved; DELTA in progress.
      const newEvents = (await statusEvents()).filter((id) => !earlierEvents.includes(id));
      expect(newEvents).toHaveLength(4);
      const statusJobs = jobs.filter((job) => job.data.eventId);
      expect(statusJobs.map((job) => job.data.eventId).sort()).toEqual(newEvents.sort());
      expect(statusJobs.filter((job) => job.data.requestId === delta.id)).toHaveLength(1);
      for (const job of jobs) {
        expect(job.key).toBe(
          job.data.commentId ? `comment:${job.data.commentId}` : `event:${job.data.eventId}`,
        );
      }

      // The same change queued again while its job waits: pg-boss refuses it.
      const first = jobs[0]!;
      expect(await enqueueJob(REQUEST_MAIL, first.data, { singletonKey: first.key! })).toBeNull();
      expect(await queuedJobs()).toHaveLength(jobs.length);
    } finally {
      await stopJobs();
    }
  });

  test("the worker, started with the queue, sends them: they appear in the outbox", async () => {
    expect(await requestMail()).toEqual([]);
    await startJobs(handle(), [requestMailWorker]);
    try {
      // Anna's reply, waiting, resolved: Eva and Lena; Eva's reply and its status change: Lena;
      // Tom's reply and status change on DELTA: Paul.
      const sent = await eventually(requestMail, (rows) => rows.length >= 10);
      expect(sent).toHaveLength(10);
      const jobs = await eventually(queuedJobs, (rows) =>
        rows.every((row) => row.state === "completed" || row.state === "failed"),
      );
      expect(jobs.map((job) => job.state)).toEqual(jobs.map(() => "completed"));
    } finally {
      await stopJobs();
    }
    expect(await requestMail()).toHaveLength(10);
  }, 90_000);

  test("CORAL's changes reach Eva and Lena; DELTA's only Paul; nobody else gets any", async () => {
    const mail = await requestMail();
    const to = (email: string) => mail.filter((row) => row.to === email);
    const recipients = new Set(mail.map((row) => row.to));
    expect([...recipients].sort()).toEqual(
      [demoEmails.eva, demoEmails.lena, demoEmails.paul].sort(),
    );
    for (const row of [...to(demoEmails.eva), ...to(demoEmails.lena)]) {
      expect(row.subject).toContain(`[${coral.reference}]`);
      expect(row.subject).toContain(CORAL);
    }
    for (const row of to(demoEmails.paul)) {
      expect(row.subject).toContain(`[${delta.reference}]`);
      expect(row.subject).toContain(DELTA);
    }
    // Eva does not get her own reply, nor the status change it caused.
    expect(to(demoEmails.eva).some((row) => row.text.includes("Das Muster passt"))).toBe(false);
    expect(to(demoEmails.eva)).toHaveLength(3);
    expect(to(demoEmails.lena)).toHaveLength(5);
    expect(to(demoEmails.paul)).toHaveLength(2);
  });

  test("no one's email holds a note, another request, or a marker word they must never see", async () => {
    const mail = await requestMail();
    for (const person of DEMO_PEOPLE) {
      const theirs = mail.filter((row) => row.to === demoEmails[person]);
      const forbidden = [...NOTE_WORDS, PARTNER_NOTE, INTERNAL_NOTE, ...neverSeenBy(person)];
      for (const row of theirs) {
        const content = `${row.subject}\n${row.html}\n${row.text}`;
        for (const word of forbidden) {
          expect(content, `${person}: ${row.subject}`).not.toContain(word);
        }
        // One request per message: never the other one's reference or title.
        const other = row.subject.includes(coral.reference) ? delta : coral;
        const otherTitle = other === coral ? CORAL : DELTA;
        expect(content, `${person}: ${row.subject}`).not.toContain(other.reference);
        expect(content, `${person}: ${row.subject}`).not.toContain(otherTitle);
      }
    }
  });

  test("each is in its recipient's language, with the status as they read it", async () => {
    const mail = await requestMail();
    const of = (email: string, template: string, words: string) =>
      mail.find((row) => row.to === email && row.template === template && row.text.includes(words));

    // A reply: Eva in German, Lena in English; the reply's text, not its HTML.
    const evaReply = of(demoEmails.eva, "request-reply", "Die neuen Bezüge kommen am Freitag.");
    expect(evaReply?.subject).toBe(`[${coral.reference}] Neue Antwort: ${CORAL}`);
    expect(evaReply?.html).toContain('lang="de"');
    expect(evaReply?.text).toContain("Guten Tag Eva Roth,");
    expect(evaReply?.text).toContain("Morgenrot – Umbau Gastraum");
    expect(evaReply?.text).toContain(`/requests/${coral.id}`);
    expect(evaReply?.text).not.toContain("<p>");
    const lenaReply = of(demoEmails.lena, "request-reply", "Die neuen Bezüge kommen am Freitag.");
    expect(lenaReply?.subject).toBe(`[${coral.reference}] New reply: ${CORAL}`);
    expect(lenaReply?.html).toContain('lang="en"');
    expect(of(demoEmails.lena, "request-reply", "Das Muster passt, danke.")).toBeDefined();

    // Waiting on the customer: Eva is asked to answer; Lena reads the host's word for it.
    const evaWaiting = of(demoEmails.eva, "request-status", "Farbmuster");
    expect(evaWaiting?.subject).toBe(
      `[${coral.reference}] Neuer Status: Wartet auf Sie – ${CORAL}`,
    );
    expect(evaWaiting?.text).toContain("Begründung: Bitte bestätigen Sie das Farbmuster.");
    expect(evaWaiting?.text).toContain("Hansen Innenausbau GmbH wartet auf Ihre Antwort.");
    const lenaWaiting = of(demoEmails.lena, "request-status", "Farbmuster");
    expect(lenaWaiting?.subject).toBe(
      `[${coral.reference}] New status: Waiting on customer – ${CORAL}`,
    );
    expect(lenaWaiting?.text).not.toMatch(/waiting for your answer/i);

    // Resolved: the customer is asked for a rating, with a link to the page's rating form.
    const evaResolved = of(demoEmails.eva, "request-status", "Bezüge sind getauscht");
    expect(evaResolved?.subject).toBe(`[${coral.reference}] Neuer Status: Gelöst – ${CORAL}`);
    expect(evaResolved?.text).toContain("Bitte bewerten Sie die Lösung");
    expect(evaResolved?.text).toContain(`/requests/${coral.id}#rating`);
    const lenaResolved = of(demoEmails.lena, "request-status", "Bezüge sind getauscht");
    expect(lenaResolved?.subject).toBe(`[${coral.reference}] New status: Resolved – ${CORAL}`);
    expect(lenaResolved?.text).not.toContain("#rating");

    // Eva's answer moved the request back in progress: Lena hears of it.
    expect(
      mail.find((row) => row.to === demoEmails.lena && row.subject.includes("In progress")),
    ).toBeDefined();

    // Paul, in German, of DELTA.
    const paul = mail.filter((row) => row.to === demoEmails.paul);
    expect(paul.map((row) => row.subject).sort()).toEqual(
      [
        `[${delta.reference}] Neue Antwort: ${DELTA}`,
        `[${delta.reference}] Neuer Status: In Bearbeitung – ${DELTA}`,
      ].sort(),
    );
  });

  test("a job run again sends nothing twice", async () => {
    const before = (await requestMail()).length;
    for (const job of await queuedJobs()) {
      expect(await sendRequestMail(job.data)).toEqual({ sent: 0 });
    }
    expect((await requestMail()).length).toBe(before);
    const keys = (await requestMail()).map((row) => row.dedupeKey);
    expect(keys.every((key) => key !== null)).toBe(true);
    expect(new Set(keys).size).toBe(keys.length);
  });

  test("a change the worker is told of that is no public reply or status change sends nothing", async () => {
    const [note] = await db()
      .select({ id: requestComments.id })
      .from(requestComments)
      .where(eq(requestComments.bodyText, PARTNER_NOTE));
    const before = (await requestMail()).length;
    expect(await sendRequestMail({ requestId: coral.id, commentId: note!.id })).toEqual({
      sent: 0,
    });
    // Nor a real change paired with another request.
    const [job] = (await queuedJobs()).filter((row) => row.data.commentId);
    expect(await sendRequestMail({ ...job!.data, requestId: delta.id })).toEqual({ sent: 0 });
    expect((await requestMail()).length).toBe(before);
    expect(await db().$count(mailMessages, eq(mailMessages.template, "request-reply"))).toBe(4);
  });
});
