import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { databaseKind, db, queryRows, type DatabaseHandle } from "#db/client.server";
import {
  auditEvents,
  contacts,
  entries,
  entryParticipants,
  memberships,
  membershipUsers,
  outboundEmails,
  users,
} from "#db/schema";
import { failStuckEmails, sendOutboundEmail } from "~/features/mail-out/index.server";
import { enqueueJob, startJobs, stopJobs } from "~/kernel/jobs/jobs.server";
import { resendTransport } from "~/kernel/mail/mail.server";
import {
  action as entryAction,
  loader as entryLoader,
} from "~/routes/_app.projects.$projectId.history.$entryId";
import { loader as editLoader } from "~/routes/_app.projects.$projectId.history.$entryId_.edit";
import {
  action as composeAction,
  loader as composeLoader,
} from "~/routes/_app.projects.$projectId.history.email";
import { EMPFANG, GASTRAUM, type DemoPerson } from "../support/demo-people";
import { setEnv } from "../support/env";
import { postToMailWebhook } from "../support/mail-webhook";
import { signedEvent, startFakeResend, TEST_WEBHOOK_SECRET } from "../support/fake-resend";
import { demoWorld, formBody, routeArgs, statusOf } from "../support/http-as";

/*
 * Writing an email from a project (issue 14, parts 1 and 2): the entry, its outbound row and its
 * job commit together; the worker sends it through Resend's API (a local fake, through the
 * SDK's base URL); Resend's signed webhook moves its status forward only, once per event,
 * whatever the order; a failure shows on the entry and can be sent again.
 */

const restoreEnv = setEnv({ RESEND_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET });
let resend: Awaited<ReturnType<typeof startFakeResend>>;
const { tokens, ids, org } = demoWorld();
const handle = () => ({ kind: databaseKind()!, db: db() }) as DatabaseHandle;

beforeAll(async () => {
  resend = await startFakeResend();
});

afterAll(async () => {
  await stopJobs();
  await resend.close();
  restoreEnv();
});

/** The queue runs, but its jobs are left to the test, which runs the worker itself. */
const startQueueOnly = () =>
  startJobs(handle(), [{ name: "outbound-email", handler: async () => undefined }]);

const transport = () => resendTransport("re_test_key", resend.baseUrl);

async function compose(person: DemoPerson, subject: string, pick = "felix@cafe-morgenrot.example") {
  const projectId = ids.projectIds.get(GASTRAUM)!;
  const path = `/projects/${projectId}/history/email`;
  const token = tokens.get(person);
  const page = await composeLoader(routeArgs(token, path, { projectId }));
  const to = page.choices.recipients.find((row) => row.email === pick)!.key;
  const response = await composeAction(
    routeArgs(
      token,
      path,
      { projectId },
      formBody({
        to,
        subject,
        bodyPlain: "Guten Tag Herr Roth,\nanbei die Farbmuster.",
        audience: "all_members",
      }),
    ),
  );
  const location = (response as Response).headers.get("Location")!;
  return { projectId, entryId: location.split("/").at(-1)! };
}

async function deliver(
  event: Parameters<typeof signedEvent>[0],
  options?: Parameters<typeof signedEvent>[1],
) {
  const { body, headers } = signedEvent(event, options);
  return postToMailWebhook(body, headers);
}

const outbound = async (entryId: string) =>
  (await db().select().from(outboundEmails).where(eq(outboundEmails.entryId, entryId)))[0]!;

const auditOf = (entryId: string, action: string) =>
  db()
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.subjectId, entryId), eq(auditEvents.action, action)));

describe("composing", () => {
  test("Anna's email is an outbound email entry with Felix as participant, queued with its job", async () => {
    await startQueueOnly();
    const { entryId } = await compose("anna", "Farbmuster Stühle");
    const [entry] = await db().select().from(entries).where(eq(entries.id, entryId));
    expect(entry).toMatchObject({
      channel: "email",
      direction: "outbound",
      subject: "Farbmuster Stühle",
    });
    expect(entry!.details).toMatchObject({
      from: "Anna Berg <anna@hansen.example>",
      to: ["Felix Roth <felix@cafe-morgenrot.example>"],
    });
    expect(entry!.bodyText).toContain("anbei die Farbmuster");
    const participants = await db()
      .select()
      .from(entryParticipants)
      .where(eq(entryParticipants.entryId, entryId));
    expect(participants).toHaveLength(1);
    const row = await outbound(entryId);
    expect(row).toMatchObject({ status: "queued", messageId: entry!.messageId, language: "en" });
    const jobs = await queryRows<{ n: number }>(
      db(),
      sql`select count(*)::int as n from pgboss.job where name = 'outbound-email' and data->>'entryId' = ${entryId}`,
    );
    expect(jobs[0]!.n).toBe(1);
    expect(await auditOf(entryId, "email.queued")).toHaveLength(1);
    await stopJobs();
  });

  test("a job queued inside a transaction that rolls back is gone with it", async () => {
    await startQueueOnly();
    const marker = "00000000-0000-4000-8000-00000000beef";
    await expect(
      db().transaction(async (tx) => {
        await enqueueJob("outbound-email", { entryId: marker }, {}, tx);
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    const jobs = await queryRows<{ n: number }>(
      db(),
      sql`select count(*)::int as n from pgboss.job where data->>'entryId' = ${marker}`,
    );
    expect(jobs[0]!.n).toBe(0);
    await stopJobs();
  });

  test("an empty message or no recipient is refused next to its field, and nothing is stored", async () => {
    const projectId = ids.projectIds.get(GASTRAUM)!;
    const path = `/projects/${projectId}/history/email`;
    const result = await composeAction(
      routeArgs(
        tokens.get("anna"),
        path,
        { projectId },
        formBody({ subject: "Leer", bodyPlain: " ", audience: "internal" }),
      ),
    );
    const reply = (
      result as unknown as {
        data: { error: Record<string, string[]>; initialValue: Record<string, unknown> };
      }
    ).data;
    expect(reply.error.to).toEqual(["Choose at least one recipient."]);
    expect(reply.error.body).toEqual(["Write a message."]);
    expect(reply.initialValue.subject).toBe("Leer");
    expect(await db().select().from(entries).where(eq(entries.subject, "Leer"))).toEqual([]);
  });
});

describe("whom an email may go to", () => {
  const recipientsOf = async (person: DemoPerson, projectName: string) => {
    const projectId = ids.projectIds.get(projectName)!;
    const page = await composeLoader(
      routeArgs(tokens.get(person), `/projects/${projectId}/history/email`, { projectId }),
    );
    return page.choices.recipients.map((row) => row.email);
  };

  test("only people who can see the project are offered: a narrowed membership offers its named people", async () => {
    const holzwerk = org.get("Holzwerk Meyer KG")!;
    const [kai] = await db()
      .insert(users)
      .values({
        organizationId: holzwerk,
        role: "partner",
        name: "Kai Holz",
        email: "kai@holzwerk-meyer.example",
      })
      .returning();
    const [jonas] = await db()
      .select()
      .from(users)
      .where(eq(users.email, "jonas@holzwerk-meyer.example"));
    const [membership] = await db()
      .select()
      .from(memberships)
      .where(
        and(
          eq(memberships.projectId, ids.projectIds.get(GASTRAUM)!),
          eq(memberships.organizationId, holzwerk),
        ),
      );
    try {
      expect(await recipientsOf("anna", GASTRAUM)).toEqual(
        expect.arrayContaining(["jonas@holzwerk-meyer.example", "kai@holzwerk-meyer.example"]),
      );
      await db()
        .update(memberships)
        .set({ narrowed: true })
        .where(eq(memberships.id, membership!.id));
      await db()
        .insert(membershipUsers)
        .values({ membershipId: membership!.id, userId: jonas!.id });
      const offered = await recipientsOf("anna", GASTRAUM);
      expect(offered).toContain("jonas@holzwerk-meyer.example");
      expect(offered).not.toContain("kai@holzwerk-meyer.example");
      // Studio Lumen's membership of Brandt – Empfang expired yesterday.
      expect(await recipientsOf("tom", EMPFANG)).not.toContain("lena@studio-lumen.example");
      // Nor is the writer offered to themselves.
      expect(await recipientsOf("anna", GASTRAUM)).not.toContain("anna@hansen.example");
    } finally {
      await db().delete(membershipUsers).where(eq(membershipUsers.membershipId, membership!.id));
      await db()
        .update(memberships)
        .set({ narrowed: false })
        .where(eq(memberships.id, membership!.id));
      await db().delete(users).where(eq(users.id, kai!.id));
    }
  });

  test("opening the form is on the record of each contact person whose address it shows", async () => {
    const contactRows = await db().select().from(contacts);
    const idOf = (name: string) => contactRows.find((row) => row.name === name)!.id;
    const [lena] = await db()
      .select()
      .from(users)
      .where(eq(users.email, "lena@studio-lumen.example"));
    const viewedByLena = async (contactId: string) =>
      (
        await db()
          .select()
          .from(auditEvents)
          .where(
            and(eq(auditEvents.subjectId, contactId), eq(auditEvents.action, "contact.viewed")),
          )
      ).filter(
        (row) =>
          row.actorUserId === lena!.id && (row.details as { via?: string }).via === "compose",
      );
    const before = (await viewedByLena(idOf("Felix Roth"))).length;
    const offered = await recipientsOf("lena", GASTRAUM);
    expect(offered).toEqual(
      expect.arrayContaining(["felix@cafe-morgenrot.example", "eva@cafe-morgenrot.example"]),
    );
    expect(await viewedByLena(idOf("Felix Roth"))).toHaveLength(before + 1);
    // Paul Brandt is Kanzlei Brandt's: not on Umbau Gastraum's page, not on its record.
    expect(offered).not.toContain("paul@kanzlei-brandt.example");
    expect(await viewedByLena(idOf("Paul Brandt"))).toEqual([]);
  });
});

describe("sending and delivery status", () => {
  test("a job run again after a crash sends under the same idempotency key", async () => {
    const { entryId } = await compose("anna", "Absturz");
    resend.calls.length = 0;
    // The first run reached Resend, then died before it could record that (the row stays queued).
    await transport().deliver({
      from: "x",
      to: "felix@cafe-morgenrot.example",
      subject: "Absturz",
      html: "",
      text: "",
      idempotencyKey: `${entryId}-1`,
    });
    await sendOutboundEmail({ entryId }, transport());
    expect(resend.calls.map((call) => call.headers["idempotency-key"])).toEqual([
      `${entryId}-1`,
      `${entryId}-1`,
    ]);
  });

  test("Resend's failed and suppressed events are final, with their reason", async () => {
    for (const [type, data, reason] of [
      ["email.failed", { failed: { reason: "reached_daily_quota" } }, "reached_daily_quota"],
      [
        "email.suppressed",
        { suppressed: { message: "on the suppression list" } },
        "on the suppression list",
      ],
    ] as const) {
      const { entryId } = await compose("anna", `Endgültig ${type}`);
      await sendOutboundEmail({ entryId }, transport());
      const emailId = (await outbound(entryId)).providerId!;
      await deliver({ id: `msg_${type}`, type, emailId, data });
      await deliver({ id: `msg_${type}_late`, type: "email.delivered", emailId });
      expect(await outbound(entryId), type).toMatchObject({
        status: "rejected",
        statusReason: reason,
      });
    }
  });

  test("the worker sends it through Resend with our Message-ID, Anna's name and reply address", async () => {
    const { entryId } = await compose("anna", "Lieferung Stühle");
    resend.calls.length = 0;
    await sendOutboundEmail({ entryId }, transport());
    expect(resend.calls).toHaveLength(1);
    const call = resend.calls[0]!;
    const row = await outbound(entryId);
    expect(call.path).toBe("/emails");
    expect(call.headers["idempotency-key"]).toBe(`${entryId}-1`);
    expect(call.body).toMatchObject({
      to: ["felix@cafe-morgenrot.example"],
      subject: "Lieferung Stühle",
      from: '"Anna Berg" <no-reply@ambit.localhost>',
      reply_to: "anna@hansen.example",
      headers: { "Message-ID": row.messageId },
    });
    expect((call.body as { html: string }).html).toContain("anbei die Farbmuster");
    expect(row).toMatchObject({ status: "sent", attempts: 1 });
    // The id Resend answered with, which its webhook events will name.
    expect(row.providerId).toBe((call.reply as { id: string }).id);
    // A second run of the job sends nothing again.
    await sendOutboundEmail({ entryId }, transport());
    expect(resend.calls).toHaveLength(1);
    expect(await auditOf(entryId, "email.sent")).toHaveLength(1);
  });

  test("an email sent from Ambit stays as it was sent: its entry cannot be edited", async () => {
    const { projectId, entryId } = await compose("anna", "Unveränderlich");
    const path = `/projects/${projectId}/history/${entryId}/edit`;
    const params = { projectId, entryId };
    expect(await statusOf(() => editLoader(routeArgs(tokens.get("anna"), path, params)))).toBe(403);
    const page = await entryLoader(
      routeArgs(tokens.get("anna"), `/projects/${projectId}/history/${entryId}`, params),
    );
    expect(page.canEdit).toBe(false);
  });

  test("events move the status forward only, once each, in whatever order they arrive", async () => {
    const { projectId, entryId } = await compose("anna", "Reihenfolge");
    await sendOutboundEmail({ entryId }, transport());
    const emailId = (await outbound(entryId)).providerId!;
    const t0 = Date.now();
    // Delivered arrives before sent; delivered arrives twice (one event, two deliveries).
    expect(
      (
        await deliver({
          id: "msg_delivered_1",
          type: "email.delivered",
          emailId,
          at: new Date(t0 + 2000),
        })
      ).status,
    ).toBe(200);
    expect(
      await deliver({
        id: "msg_delivered_1",
        type: "email.delivered",
        emailId,
        at: new Date(t0 + 2000),
      }),
    ).toEqual({ status: 200, text: "Already received" });
    expect(
      (await deliver({ id: "msg_sent_1", type: "email.sent", emailId, at: new Date(t0 + 1000) }))
        .status,
    ).toBe(200);
    expect(
      (await deliver({ id: "msg_delayed_1", type: "email.delivery_delayed", emailId })).status,
    ).toBe(200);
    let row = await outbound(entryId);
    expect(row.status).toBe("delivered");
    expect(row.statusAt.getTime()).toBe(new Date(t0 + 2000).getTime());
    expect(await auditOf(entryId, "email.delivery_event")).toHaveLength(3);

    // The entry page shows it to Anna, and to Lena, who reads the entry (all members).
    const params = { projectId, entryId };
    const page = await entryLoader(
      routeArgs(tokens.get("lena"), `/projects/${projectId}/history/${entryId}`, params),
    );
    expect(page.delivery).toMatchObject({ status: "delivered", mayRetry: false });

    // A complaint after delivery still moves it on; nothing moves it back.
    await deliver({ id: "msg_complained_1", type: "email.complained", emailId });
    await deliver({ id: "msg_delivered_2", type: "email.delivered", emailId });
    row = await outbound(entryId);
    expect(row.status).toBe("complained");
  });

  test("a bounce keeps the receiving server's reason", async () => {
    const { entryId } = await compose("anna", "Bounce");
    await sendOutboundEmail({ entryId }, transport());
    const emailId = (await outbound(entryId)).providerId!;
    await deliver({
      id: "msg_bounce_1",
      type: "email.bounced",
      emailId,
      data: { bounce: { message: "550 5.1.1 mailbox unavailable", type: "Permanent" } },
    });
    expect(await outbound(entryId)).toMatchObject({
      status: "bounced",
      statusReason: "550 5.1.1 mailbox unavailable",
    });
  });

  test("an event that arrives before the send recorded Resend's id is applied when it is", async () => {
    const { entryId } = await compose("anna", "Früh");
    // The id Resend will give the next email, and its delivered event before we know it.
    const early = "5b2d7d0e-4bd4-4b0f-9d2c-0f6f0b8c2a11";
    await deliver({ id: "msg_early_1", type: "email.delivered", emailId: early });
    // Resend answers this send with that id.
    await sendOutboundEmail(
      { entryId },
      {
        name: "resend",
        deliver: async () => ({ providerId: early }),
      },
    );
    expect(await outbound(entryId)).toMatchObject({ status: "delivered", providerId: early });
  });

  test("unsigned, wrongly signed and stale deliveries are refused with 401 and change nothing", async () => {
    const { entryId } = await compose("anna", "Angriff");
    await sendOutboundEmail({ entryId }, transport());
    const emailId = (await outbound(entryId)).providerId!;
    const good = signedEvent({ id: "msg_attack_1", type: "email.bounced", emailId });
    const unsigned = { "content-type": "application/json" };
    expect((await postToMailWebhook(good.body, unsigned)).status).toBe(401);
    const forged = signedEvent(
      { id: "msg_attack_2", type: "email.bounced", emailId },
      { secret: `whsec_${Buffer.from("someone else's secret, 32 bytes!").toString("base64")}` },
    );
    expect((await postToMailWebhook(forged.body, forged.headers)).status).toBe(401);
    const stale = signedEvent(
      { id: "msg_attack_3", type: "email.bounced", emailId },
      { sentAt: new Date(Date.now() - 10 * 60_000) },
    );
    expect((await postToMailWebhook(stale.body, stale.headers)).status).toBe(401);
    // A valid signature over another body.
    const swapped = signedEvent({ id: "msg_attack_4", type: "email.delivered", emailId });
    expect((await postToMailWebhook(good.body, swapped.headers)).status).toBe(401);
    expect((await outbound(entryId)).status).toBe("sent");
    expect(await auditOf(entryId, "email.delivery_event")).toHaveLength(0);
  });

  test("a refused send shows on the entry; its writer or host staff send it again, others get 403", async () => {
    const { projectId, entryId } = await compose("anna", "Fehlschlag");
    resend.refuseNext(422, "The to address is invalid.");
    await sendOutboundEmail({ entryId }, transport());
    expect(await outbound(entryId)).toMatchObject({
      status: "failed",
      statusReason: "Resend refused the message: The to address is invalid.",
    });
    const params = { projectId, entryId };
    const path = `/projects/${projectId}/history/${entryId}`;
    const page = await entryLoader(routeArgs(tokens.get("anna"), path, params));
    expect(page.delivery).toMatchObject({ status: "failed", mayRetry: true });
    const retry = formBody({ intent: "retry-email" });
    // Jonas reads the entry (all members) but may not send from the project; Lena may send
    // from it, but not again in Anna's name.
    for (const person of ["jonas", "lena"] as const) {
      expect(
        await statusOf(() => entryAction(routeArgs(tokens.get(person), path, params, retry))),
        person,
      ).toBe(403);
      expect((await outbound(entryId)).status).toBe("failed");
    }
    expect(
      await statusOf(() => entryAction(routeArgs(tokens.get("tom"), path, params, retry))),
    ).toBe(302);
    expect((await outbound(entryId)).status).toBe("queued");
    // A second click finds nothing to send again, and says so.
    expect(
      await statusOf(() => entryAction(routeArgs(tokens.get("anna"), path, params, retry))),
    ).toBe(302);
    await sendOutboundEmail({ entryId }, transport());
    const row = await outbound(entryId);
    expect(row).toMatchObject({ status: "sent", attempts: 2 });
    expect(resend.calls.at(-1)!.headers["idempotency-key"]).toBe(`${entryId}-2`);
    expect(await auditOf(entryId, "email.retried")).toHaveLength(1);
  });
});

describe("an email that waits too long", () => {
  const backdate = (entryId: string) =>
    db()
      .update(outboundEmails)
      .set({ statusAt: new Date(Date.now() - 2 * 3600_000) })
      .where(eq(outboundEmails.entryId, entryId));

  test("with no job left to send it, it is shown as not sent and can be sent again", async () => {
    // Composed while no queue runs: its job is lost, as after a job failed all its retries.
    const { projectId, entryId } = await compose("anna", "Liegengeblieben");
    expect(await failStuckEmails()).toBe(0); // queued a moment ago: not stuck yet
    await backdate(entryId);
    expect(await failStuckEmails()).toBe(1);
    expect(await outbound(entryId)).toMatchObject({ status: "failed", statusReason: "stuck" });
    expect(await auditOf(entryId, "email.failed")).toHaveLength(1);
    const params = { projectId, entryId };
    const page = await entryLoader(
      routeArgs(tokens.get("anna"), `/projects/${projectId}/history/${entryId}`, params),
    );
    expect(page.delivery).toMatchObject({ status: "failed", reason: "stuck", mayRetry: true });
    // Swept once: a second sweep finds nothing.
    expect(await failStuckEmails()).toBe(0);
  });

  test("one whose job still waits or runs is left to it", async () => {
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await startJobs(handle(), [{ name: "outbound-email", handler: () => held }]);
    try {
      const { entryId } = await compose("anna", "Noch in Arbeit");
      await backdate(entryId);
      expect(await failStuckEmails()).toBe(0);
      expect((await outbound(entryId)).status).toBe("queued");
    } finally {
      release();
      await stopJobs();
    }
  });
});
