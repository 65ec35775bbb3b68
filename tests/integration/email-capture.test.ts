import { and, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { databaseKind, db, queryRows, type DatabaseHandle } from "#db/client.server";
import {
  auditEvents,
  documents,
  entries,
  memberships,
  organizations,
  outboundEmails,
  unresolvedMails,
  users,
} from "#db/schema";
import { captureAddressFor, rotateCaptureAddress } from "~/features/capture/index.server";
import { receiveCapturedMail } from "~/features/mail-in/index.server";
import { startJobs, stopJobs } from "~/kernel/jobs/jobs.server";
import {
  action as unresolvedAction,
  loader as unresolvedLoader,
} from "~/routes/_app.mail.unresolved";
import { loader as entryLoader } from "~/routes/_app.projects.$projectId.history.$entryId";
import {
  action as composeAction,
  loader as composeLoader,
} from "~/routes/_app.projects.$projectId.history.email";
import { EMPFANG, GASTRAUM } from "../support/demo-people";
import { setEnv } from "../support/env";
import { postToMailWebhook } from "../support/mail-webhook";
import { signedEvent, startFakeResend, TEST_WEBHOOK_SECRET } from "../support/fake-resend";
import { demoWorld, formBody, routeArgs, statusOf } from "../support/http-as";
import { rawMail, type RawMailParts } from "../support/raw-mail";
import { samplePdf } from "../support/sample-files";

/*
 * Mail sent or forwarded to a capture address (issue 14, part 4, and the attacks of part 8):
 * Resend's signed `email.received` webhook queues a job, the job fetches the mail through
 * Resend's receiving API (a local fake, through the SDK's base URL) and lands it in the history,
 * shared with the host and the capturing organisation, once, or keeps it in the unresolved queue
 * with the reason.
 */

let resend: Awaited<ReturnType<typeof startFakeResend>>;
let restoreEnv: () => void;
const { ids, org, tokens } = demoWorld();
const handle = () => ({ kind: databaseKind()!, db: db() }) as DatabaseHandle;

beforeAll(async () => {
  resend = await startFakeResend();
  restoreEnv = setEnv({
    RESEND_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET,
    RESEND_API_KEY: "re_test_key",
    RESEND_BASE_URL: resend.baseUrl,
  });
});

afterAll(async () => {
  await stopJobs();
  await resend.close();
  restoreEnv();
});

const projectId = (name: string) => ids.projectIds.get(name)!;
const orgId = (name: string) => org.get(name)!;

async function addressOf(project: string, organization: string) {
  return (await captureAddressFor(projectId(project), orgId(organization))).address;
}

async function hostId() {
  const [row] = await db()
    .select({ id: organizations.id })
    .from(organizations)
    .where(eq(organizations.kind, "host"));
  return row!.id;
}

/** A mail arrives at Resend for `envelope` recipients; the worker fetches and places it. */
async function arrive(
  parts: RawMailParts,
  envelope: { to?: string[]; bcc?: string[] } = {},
  sizes?: number[],
) {
  const emailId = resend.receive({
    raw: rawMail(parts),
    from: parts.from,
    to: envelope.to ?? parts.to,
    cc: parts.cc,
    bcc: envelope.bcc,
    subject: parts.subject,
    attachmentSizes: sizes,
  });
  return { emailId, result: await receiveCapturedMail({ emailId }) };
}

const entryBySubject = async (subject: string) =>
  (await db().select().from(entries).where(eq(entries.subject, subject)))[0];

const unresolvedOf = async (emailId: string) =>
  (await db().select().from(unresolvedMails).where(eq(unresolvedMails.providerId, emailId)))[0];

describe("mail that lands", () => {
  test("Lena's BCC to Studio Lumen's address lands once, shared with the host and Studio Lumen", async () => {
    const capture = await addressOf(GASTRAUM, "Studio Lumen");
    const parts = {
      from: "Lena Falk <lena@studio-lumen.example>",
      to: ["Eva Roth <eva@cafe-morgenrot.example>"],
      subject: "Lichtplanung Gastraum WILLOW",
      text: "Hallo Eva,\nanbei die Lichtplanung.\n\nViele Grüße\nLena",
      messageId: "<willow-1@studio-lumen.example>",
    };
    const first = await arrive(parts, { bcc: [capture] });
    expect(first.result.kind).toBe("imported");
    const entry = await entryBySubject("Lichtplanung Gastraum WILLOW");
    const [lena] = await db()
      .select()
      .from(users)
      .where(eq(users.email, "lena@studio-lumen.example"));
    expect(entry).toMatchObject({
      channel: "email",
      direction: "outbound",
      authorId: lena!.id,
      projectId: projectId(GASTRAUM),
    });
    const audience = await queryRows<{ kind: string; names: string[] }>(
      db(),
      sql`select a.kind, coalesce(array_agg(o.name order by o.name) filter (where o.id is not null), '{}') as names
          from audiences a left join audience_organizations ao on ao.audience_id = a.id
          left join organizations o on o.id = ao.organization_id where a.id = ${entry!.audienceId} group by a.kind`,
    );
    expect(audience[0]).toEqual({ kind: "custom", names: ["Studio Lumen"] });
    // The same mail again (Resend retries the job, or Lena forwards it too): still one entry.
    const again = await arrive(parts, { bcc: [capture] });
    expect(again.result.kind).toBe("duplicate");
    expect(
      await db().select().from(entries).where(eq(entries.subject, parts.subject)),
    ).toHaveLength(1);
    const audit = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "entry.created"), eq(auditEvents.subjectId, entry!.id)));
    expect(audit[0]!.details).toMatchObject({ source: "capture", providerId: first.emailId });
  });

  test("Felix writes to the host's address: it lands internal, inbound, from the account's contact", async () => {
    const capture = (await captureAddressFor(projectId(GASTRAUM), await hostId())).address;
    const { result } = await arrive({
      from: "Felix Roth <felix@cafe-morgenrot.example>",
      to: ["anna@hansen.example"],
      cc: [capture],
      subject: "Rückfrage Lieferung HAZEL",
      text: "Wann kommen die Stühle?",
    });
    expect(result.kind).toBe("imported");
    const entry = await entryBySubject("Rückfrage Lieferung HAZEL");
    expect(entry).toMatchObject({ direction: "inbound" });
    const [kind] = await queryRows<{ kind: string }>(
      db(),
      sql`select kind from audiences where id = ${entry!.audienceId}`,
    );
    expect(kind!.kind).toBe("internal");
  });

  test("a mail with scripts and an HTML file named .pdf lands without either", async () => {
    const capture = await addressOf(GASTRAUM, "Studio Lumen");
    const { result } = await arrive({
      from: "lena@studio-lumen.example",
      to: [capture],
      subject: "Skizzen GINKGO",
      text: "Skizzen anbei.",
      html: '<p>Skizzen anbei.</p><script>alert("x")</script><img src=x onerror=alert(1)>',
      attachments: [
        {
          filename: "skizze.pdf",
          contentType: "application/pdf",
          content: await samplePdf("Skizze"),
        },
        {
          filename: "angebot.pdf",
          contentType: "application/pdf",
          content: Buffer.from("<html><script>alert(1)</script></html>"),
        },
      ],
    });
    expect(result).toMatchObject({ kind: "imported", skipped: [{ name: "angebot.pdf" }] });
    const entry = await entryBySubject("Skizzen GINKGO");
    expect(entry!.bodyHtml).not.toMatch(/script|onerror/i);
    const files = await db().select().from(documents).where(eq(documents.entryId, entry!.id));
    expect(files.map((file) => file.title)).toEqual(["skizze"]);
  });
});

describe("mail that waits in the unresolved queue, with its reason", () => {
  test("a foreign sender with a valid token", async () => {
    const capture = await addressOf(GASTRAUM, "Studio Lumen");
    const { emailId, result } = await arrive({
      from: "sales@stranger.example",
      to: [capture],
      subject: "Angebot",
      text: "Kaufen Sie!",
    });
    expect(result).toEqual({ kind: "unresolved", reason: "senderNotAllowed" });
    expect(await unresolvedOf(emailId)).toMatchObject({
      reason: "senderNotAllowed",
      projectId: projectId(GASTRAUM),
      status: "open",
    });
  });

  test("a user of another organisation, even a host user, writing to a partner's address", async () => {
    const capture = await addressOf(GASTRAUM, "Holzwerk Meyer KG");
    const { result } = await arrive({
      from: "lena@studio-lumen.example",
      to: [capture],
      subject: "Fremd",
      text: "x",
    });
    expect(result).toEqual({ kind: "unresolved", reason: "senderNotAllowed" });
  });

  test("a forged From of a host user: no authentic domain, or a verdict the sender wrote", async () => {
    const capture = (await captureAddressFor(projectId(GASTRAUM), await hostId())).address;
    const forged = await arrive({
      from: "anna@hansen.example",
      to: [capture],
      subject: "Gefälscht 1",
      text: "x",
      authenticationResults:
        "inbound.resend.example; spf=fail; dkim=fail; dmarc=fail header.from=hansen.example",
    });
    expect(forged.result).toEqual({ kind: "unresolved", reason: "senderUnverified" });
    const none = await arrive({
      from: "anna@hansen.example",
      to: [capture],
      subject: "Gefälscht 2",
      text: "x",
      authenticationResults: null,
    });
    expect(none.result).toEqual({ kind: "unresolved", reason: "senderUnverified" });
    // A "pass" below the receiving server's own "fail" is the sender's words.
    const planted = await arrive({
      from: "anna@hansen.example",
      to: [capture],
      subject: "Gefälscht 3",
      text: "x",
      authenticationResults: "inbound.resend.example; dmarc=fail header.from=hansen.example",
      extraHeaders: ["Authentication-Results: evil.example; dmarc=pass header.from=hansen.example"],
    });
    expect(planted.result).toEqual({ kind: "unresolved", reason: "senderUnverified" });
    expect(await entryBySubject("Gefälscht 3")).toBeUndefined();
  });

  test("with INBOUND_AUTHSERV_ID, only the receiving server's own verdict counts", async () => {
    const capture = (await captureAddressFor(projectId(GASTRAUM), await hostId())).address;
    const restore = setEnv({ INBOUND_AUTHSERV_ID: "inbound.resend.example" });
    try {
      // The receiving path wrote nothing; the sender wrote a "pass" of their own on top.
      const planted = await arrive({
        from: "anna@hansen.example",
        to: [capture],
        subject: "Gefälscht 4",
        text: "x",
        authenticationResults: "evil.example; dmarc=pass header.from=hansen.example",
      });
      expect(planted.result).toEqual({ kind: "unresolved", reason: "senderUnverified" });
      // A DMARC pass must name the From domain.
      const unnamed = await arrive({
        from: "anna@hansen.example",
        to: [capture],
        subject: "Gefälscht 5",
        text: "x",
        authenticationResults: "inbound.resend.example; dmarc=pass",
      });
      expect(unnamed.result).toEqual({ kind: "unresolved", reason: "senderUnverified" });
      const real = await arrive({
        from: "anna@hansen.example",
        to: [capture],
        subject: "Echt OAK",
        text: "x",
      });
      expect(real.result.kind).toBe("imported");
    } finally {
      restore();
    }
  });

  test("a token of a project where the membership has expired, and one of a revoked membership", async () => {
    // Studio Lumen's membership of Brandt – Empfang expired yesterday (DEMO_WORLD).
    const expired = await addressOf(EMPFANG, "Studio Lumen");
    const one = await arrive({
      from: "lena@studio-lumen.example",
      to: [expired],
      subject: "Abgelaufen",
      text: "x",
    });
    expect(one.result).toEqual({ kind: "unresolved", reason: "membershipInactive" });
    const capture = await addressOf(GASTRAUM, "Holzwerk Meyer KG");
    const holzwerk = and(
      eq(memberships.projectId, projectId(GASTRAUM)),
      eq(memberships.organizationId, orgId("Holzwerk Meyer KG")),
    );
    await db().update(memberships).set({ revokedAt: new Date() }).where(holzwerk);
    try {
      const two = await arrive({
        from: "jonas@holzwerk-meyer.example",
        to: [capture],
        subject: "Entzogen",
        text: "x",
      });
      expect(two.result).toEqual({ kind: "unresolved", reason: "membershipInactive" });
    } finally {
      // The rest of the file works with the demo world as written.
      await db().update(memberships).set({ revokedAt: null }).where(holzwerk);
    }
  });

  test("an unknown token, and the address from before a rotation", async () => {
    const unknown = await arrive({
      from: "lena@studio-lumen.example",
      to: ["gastraum.studio-lumen.aaaaaaaaaa@in.ambit.localhost"],
      subject: "Unbekannt",
      text: "x",
    });
    expect(unknown.result).toEqual({ kind: "unresolved", reason: "unknownAddress" });
    const before = await addressOf(GASTRAUM, "Studio Lumen");
    await rotateCaptureAddress(projectId(GASTRAUM), orgId("Studio Lumen"), {});
    const old = await arrive({
      from: "lena@studio-lumen.example",
      to: [before],
      subject: "Alt",
      text: "x",
    });
    expect(old.result).toEqual({ kind: "unresolved", reason: "unknownAddress" });
    const now = await arrive({
      from: "lena@studio-lumen.example",
      to: [await addressOf(GASTRAUM, "Studio Lumen")],
      subject: "Neu ROWAN",
      text: "x",
    });
    expect(now.result.kind).toBe("imported");
  });

  test("a 30 MB attachment is not downloaded: the mail waits as too large, without its content", async () => {
    const capture = await addressOf(GASTRAUM, "Studio Lumen");
    const { emailId, result } = await arrive(
      { from: "lena@studio-lumen.example", to: [capture], subject: "Riesig", text: "x" },
      {},
      [30 * 1024 * 1024],
    );
    expect(result).toEqual({ kind: "unresolved", reason: "tooLarge" });
    const row = await unresolvedOf(emailId);
    expect(row!.raw).toBeNull();
  });
});

describe("deciding on waiting mail", () => {
  const decide = (fields: Record<string, string>) =>
    statusOf(() =>
      unresolvedAction(routeArgs(tokens.get("anna"), "/mail/unresolved", {}, formBody(fields))),
    );

  test("Anna places a stranger's mail in Umbau Gastraum, shared internally; it is audited", async () => {
    const capture = await addressOf(GASTRAUM, "Studio Lumen");
    const { emailId } = await arrive({
      from: "Olaf Stein <olaf@stein-leuchten.example>",
      to: [capture],
      subject: "Leuchten Angebot LARCH",
      text: "Anbei unser Angebot für die Leuchten.",
    });
    const waiting = (await unresolvedOf(emailId))!;
    expect(
      await decide({
        intent: "assign",
        id: waiting.id,
        projectId: projectId(GASTRAUM),
        audience: "custom",
      }),
    ).toBe(400);
    expect(
      await decide({
        intent: "assign",
        id: waiting.id,
        projectId: projectId(GASTRAUM),
        audience: "internal",
      }),
    ).toBe(302);
    const placed = (await unresolvedOf(emailId))!;
    const entry = await entryBySubject("Leuchten Angebot LARCH");
    expect(placed).toMatchObject({ status: "assigned", entryId: entry!.id });
    expect(entry).toMatchObject({ projectId: projectId(GASTRAUM), direction: "inbound" });
    const [kind] = await queryRows<{ kind: string }>(
      db(),
      sql`select kind from audiences where id = ${entry!.audienceId}`,
    );
    expect(kind!.kind).toBe("internal");
    const audit = await db()
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.action, "email.unresolved_assigned"),
          eq(auditEvents.subjectId, waiting.id),
        ),
      );
    expect(audit).toHaveLength(1);
    // Decided once: a second decision finds nothing to decide.
    expect(await decide({ intent: "discard", id: waiting.id, reason: "doppelt" })).toBe(404);
  });

  test("a discarded mail loses its content and keeps its envelope and the reason", async () => {
    const capture = await addressOf(GASTRAUM, "Studio Lumen");
    const { emailId } = await arrive({
      from: "spam@stranger.example",
      to: [capture],
      subject: "Gewinn",
      text: "Sie haben gewonnen",
    });
    const waiting = (await unresolvedOf(emailId))!;
    expect(await decide({ intent: "discard", id: waiting.id, reason: "Werbung" })).toBe(302);
    expect(await unresolvedOf(emailId)).toMatchObject({
      status: "discarded",
      raw: null,
      previewText: "",
      decisionReason: "Werbung",
      subject: "Gewinn",
    });
  });

  test("a mail too large to keep cannot be placed", async () => {
    const capture = await addressOf(GASTRAUM, "Studio Lumen");
    const { emailId } = await arrive(
      { from: "lena@studio-lumen.example", to: [capture], subject: "Zu groß", text: "x" },
      {},
      [40 * 1024 * 1024],
    );
    const waiting = (await unresolvedOf(emailId))!;
    expect(
      await decide({
        intent: "assign",
        id: waiting.id,
        projectId: projectId(GASTRAUM),
        audience: "internal",
      }),
    ).toBe(400);
    expect((await unresolvedOf(emailId))!.status).toBe("open");
  });
});

describe("a long queue", () => {
  test("pages of fifty, oldest first, each mail on one page only; the count is of all that wait", async () => {
    const base = Date.parse("2020-01-01T08:00:00Z");
    const made = await db()
      .insert(unresolvedMails)
      .values(
        Array.from({ length: 62 }, (_, n) => ({
          // Mail 0 alone, then pairs received in the same minute, one pair across pages 1 and 2.
          receivedAt: new Date(base + Math.floor((n + 1) / 2) * 60_000),
          fromAddress: `sender${n}@stranger.example`,
          recipients: ["nobody@in.example"],
          subject: `Queue PAGING ${n}`,
          previewText: "",
          rawSize: 10,
          reason: "unknownAddress" as const,
        })),
      )
      .returning({ id: unresolvedMails.id });
    try {
      const open = await queryRows<{ n: number }>(
        db(),
        sql`select count(*)::int as n from unresolved_mails where status = 'open'`,
      );
      const load = (after?: string) =>
        unresolvedLoader(
          routeArgs(tokens.get("tom"), `/mail/unresolved${after ? `?after=${after}` : ""}`, {}),
        );
      const first = await load();
      expect(first.total).toBe(open[0]!.n);
      expect(first.items).toHaveLength(50);
      // These are older than anything else waiting: they come first, in order.
      expect(first.items[0]!.subject).toBe("Queue PAGING 0");
      const seen = [...first.items];
      let next = first.nextCursor;
      while (next) {
        const page = await load(next);
        seen.push(...page.items);
        next = page.nextCursor;
      }
      expect(seen).toHaveLength(open[0]!.n);
      expect(new Set(seen.map((item) => item.id)).size).toBe(seen.length);
      const times = seen.map((item) => item.receivedAt);
      expect(times).toEqual([...times].sort());
      // A cursor someone edited shows the first page, never an error.
      expect((await load("bm90LWEtY3Vyc29y")).items[0]!.subject).toBe("Queue PAGING 0");
    } finally {
      await db()
        .delete(unresolvedMails)
        .where(
          inArray(
            unresolvedMails.id,
            made.map((row) => row.id),
          ),
        );
    }
  });
});

describe("conversations", () => {
  const entryPage = (person: "anna" | "lena" | "jonas" | "eva", entryId: string) =>
    entryLoader(
      routeArgs(tokens.get(person), `/projects/${projectId(GASTRAUM)}/history/${entryId}`, {
        projectId: projectId(GASTRAUM),
        entryId,
      }),
    );

  test("Anna's email, Lena's captured answer and Anna's reply form one conversation, each shown only to its readers", async () => {
    const path = `/projects/${projectId(GASTRAUM)}/history/email`;
    const params = { projectId: projectId(GASTRAUM) };
    const compose = await composeLoader(routeArgs(tokens.get("anna"), path, params));
    const lena = compose.choices.recipients.find(
      (row) => row.email === "lena@studio-lumen.example",
    )!;
    const first = await composeAction(
      routeArgs(
        tokens.get("anna"),
        path,
        params,
        formBody({
          to: lena.key,
          subject: "Beleuchtung Tresen",
          bodyPlain: "Welche Leuchten?",
          audience: "all_members",
        }),
      ),
    );
    const firstId = (first as Response).headers.get("Location")!.split("/").at(-1)!;
    const [sent] = await db().select().from(entries).where(eq(entries.id, firstId));

    // Lena answers from her mail program, with Studio Lumen's address in BCC.
    await arrive(
      {
        from: "lena@studio-lumen.example",
        to: ["anna@hansen.example"],
        subject: "Re: Beleuchtung Tresen",
        text: "Pendelleuchten.\n\n> Welche Leuchten?",
        extraHeaders: [`In-Reply-To: ${sent!.messageId}`, `References: ${sent!.messageId}`],
      },
      { bcc: [await addressOf(GASTRAUM, "Studio Lumen")] },
    );
    const answer = (await entryBySubject("Re: Beleuchtung Tresen"))!;
    expect(answer.threadKey).toBe(sent!.threadKey);

    // Anna answers from Ambit: the form starts as an answer to Lena, in the conversation.
    const replyPage = await composeLoader(
      routeArgs(tokens.get("anna"), `${path}?replyTo=${answer.id}`, params),
    );
    expect(replyPage.reply).toEqual({ entryId: answer.id, subject: "Re: Beleuchtung Tresen" });
    expect(replyPage.initialRecipients).toEqual([lena.key]);
    const second = await composeAction(
      routeArgs(
        tokens.get("anna"),
        path,
        params,
        formBody({
          to: lena.key,
          subject: "Re: Beleuchtung Tresen (2)",
          bodyPlain: "Danke!",
          audience: "all_members",
          replyTo: answer.id,
        }),
      ),
    );
    const secondId = (second as Response).headers.get("Location")!.split("/").at(-1)!;
    const [reply] = await db().select().from(entries).where(eq(entries.id, secondId));
    expect(reply!.threadKey).toBe(sent!.threadKey);
    const [row] = await db()
      .select()
      .from(outboundEmails)
      .where(eq(outboundEmails.entryId, secondId));
    expect(row).toMatchObject({
      inReplyTo: answer.messageId,
      references: `${sent!.messageId} ${answer.messageId}`,
    });

    // Anna reads all three; Jonas and Eva read the two shared with all members, never Lena's
    // answer (shared with Studio Lumen only).
    // (A Date header counts in whole seconds: within a second the order is not the test's.)
    const threadOf = async (person: "anna" | "lena" | "jonas" | "eva") =>
      (await entryPage(person, firstId)).thread.map((item) => item.id).sort();
    expect(await threadOf("anna")).toEqual([firstId, answer.id, secondId].sort());
    expect(await threadOf("lena")).toEqual([firstId, answer.id, secondId].sort());
    for (const person of ["jonas", "eva"] as const) {
      expect(await threadOf(person), person).toEqual([firstId, secondId].sort());
    }
  });

  test("an answer naming only the message it answers still joins that conversation", async () => {
    const capture = await addressOf(GASTRAUM, "Studio Lumen");
    await arrive({
      from: "lena@studio-lumen.example",
      to: [capture],
      subject: "Farben A",
      text: "x",
      messageId: "<farben-a@studio-lumen.example>",
    });
    await arrive({
      from: "lena@studio-lumen.example",
      to: [capture],
      subject: "Re: Farben A",
      text: "y",
      messageId: "<farben-b@studio-lumen.example>",
      extraHeaders: ["In-Reply-To: <farben-a@studio-lumen.example>"],
    });
    await arrive({
      from: "lena@studio-lumen.example",
      to: [capture],
      subject: "Re: Re: Farben A",
      text: "z",
      messageId: "<farben-c@studio-lumen.example>",
      extraHeaders: ["In-Reply-To: <farben-b@studio-lumen.example>"],
    });
    const keys = await Promise.all(
      ["Farben A", "Re: Farben A", "Re: Re: Farben A"].map(
        async (subject) => (await entryBySubject(subject))!.threadKey,
      ),
    );
    expect(new Set(keys)).toEqual(new Set(["<farben-a@studio-lumen.example>"]));
  });
});

describe("the webhook", () => {
  test("a signed email.received event queues one job per mail, however often it is delivered", async () => {
    await startJobs(handle(), [{ name: "inbound-mail", handler: async () => undefined }]);
    const { body, headers } = signedEvent({
      id: "msg_received_1",
      type: "email.received",
      emailId: "received-1",
    });
    for (let i = 0; i < 2; i++) expect((await postToMailWebhook(body, headers)).status).toBe(200);
    const jobs = await queryRows<{ n: number }>(
      db(),
      sql`select count(*)::int as n from pgboss.job where name = 'inbound-mail' and data->>'emailId' = 'received-1'`,
    );
    expect(jobs[0]!.n).toBe(1);
    await stopJobs();
  });
});
