import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { createElement } from "react";
import { db, type Database } from "#db/client.server";
import {
  documents,
  documentVersions,
  entries,
  mailMessages,
  organizations,
  outboundEmails,
  outboundStatusRanks,
  projects,
  users,
} from "#db/schema";
import { ProjectEmail } from "#emails/project-email";
import { isLanguage, translatorFor } from "~/i18n";
import { recordAudit } from "~/kernel/audit/audit.server";
import { enqueueJob, type JobWorker } from "~/kernel/jobs/jobs.server";
import { logger } from "~/kernel/logger.server";
import { sendMail, type MailAttachment, type MailTransport } from "~/kernel/mail/mail.server";
import { isUuid } from "~/kernel/query-input";
import { storage } from "~/kernel/storage/storage.server";
import { OUTBOUND_EMAIL } from "./compose.server";
import { applyStoredEvents, lockProviderId } from "./delivery-events.server";

async function bytesOf(storageKey: string) {
  const file = await (await storage()).read(storageKey);
  if (!file) throw new Error(`attachment file missing from storage: ${storageKey}`);
  return Buffer.from(await new Response(file.body).arrayBuffer());
}

/** The entry's own attachments and the picked project documents, each at its newest version. */
async function attachmentsOf(entryId: string, documentIds: string[]): Promise<MailAttachment[]> {
  const rows = await db()
    .selectDistinctOn([documents.id], {
      fileName: documentVersions.fileName,
      contentType: documentVersions.contentType,
      storageKey: documentVersions.storageKey,
    })
    .from(documents)
    .innerJoin(documentVersions, eq(documentVersions.documentId, documents.id))
    .where(
      documentIds.length
        ? sql`(${documents.entryId} = ${entryId} or ${inArray(documents.id, documentIds)})`
        : eq(documents.entryId, entryId),
    )
    .orderBy(documents.id, desc(documentVersions.number));
  return Promise.all(
    rows.map(async (row) => ({
      filename: row.fileName,
      contentType: row.contentType,
      content: await bytesOf(row.storageKey),
    })),
  );
}

/** The email to send, while it is queued (its attempt was counted when it was queued). */
async function queued(entryId: string) {
  const [row] = await db()
    .select()
    .from(outboundEmails)
    .where(and(eq(outboundEmails.entryId, entryId), eq(outboundEmails.status, "queued")));
  return row;
}

/** A Message-ID as a header may carry it, or nothing (it came from someone else's mail). */
const messageIdHeader = (value: string | null) =>
  value && /^<[^<>\s]{1,990}>$/.test(value) ? value : null;

/** The References header from stored ids, keeping only well-formed ones. */
const referencesHeader = (value: string | null) =>
  (value ?? "")
    .split(/\s+/)
    .map(messageIdHeader)
    .filter((id): id is string => id !== null)
    .join(" ") || null;

async function emailToSend(entryId: string) {
  const [row] = await db()
    .select({
      subject: entries.subject,
      redactedAt: entries.redactedAt,
      bodyHtml: entries.bodyHtml,
      bodyText: entries.bodyText,
      projectId: entries.projectId,
      projectName: projects.name,
      senderId: users.id,
      senderName: users.name,
      senderEmail: users.email,
      senderOrganizationId: users.organizationId,
      senderOrganization: organizations.name,
    })
    .from(entries)
    .innerJoin(projects, eq(projects.id, entries.projectId))
    .innerJoin(users, eq(users.id, entries.authorId))
    .innerJoin(organizations, eq(organizations.id, users.organizationId))
    .where(eq(entries.id, entryId));
  return row;
}

/**
 * Sends one email written in Ambit. Idempotent: an email that is not queued (sent, failed, or
 * gone) is left alone. A failure is stored on the email for its entry to show and retry; the
 * job itself succeeds, so the queue does not send it again behind the sender's back.
 */
export async function sendOutboundEmail(data: unknown, transport?: MailTransport) {
  const entryId = (data as { entryId?: unknown } | null)?.entryId;
  if (typeof entryId !== "string" || !isUuid(entryId)) {
    logger.warn({ data }, "outbound email: not a job this worker knows");
    return;
  }
  const claimed = await queued(entryId);
  if (!claimed) return;
  const email = await emailToSend(entryId);
  if (!email) return;
  const t = translatorFor(isLanguage(claimed.language) ? claimed.language : "en");
  let attachments: MailAttachment[] = [];
  let notSent: string | null = null;
  try {
    // A redaction while it waited: nothing of it may go out any more.
    if (email.redactedAt) notSent = "redacted";
    else attachments = await attachmentsOf(entryId, claimed.documentIds);
  } catch (error) {
    logger.error({ err: error, entryId }, "outbound email not sent");
    notSent = "preparation";
  }
  const inReplyTo = messageIdHeader(claimed.inReplyTo);
  const references = referencesHeader(claimed.references);
  // Errors from here on fail the job: pg-boss runs it again with the same idempotency key, so
  // the provider sends the message at most once.
  const outcome = notSent
    ? { providerId: null, mailId: null, error: notSent }
    : await sendMail(
        {
          template: "project-email",
          to: claimed.recipients.map((recipient) => recipient.email),
          subject: email.subject,
          fromName: email.senderName,
          replyTo: email.senderEmail,
          headers: {
            "Message-ID": claimed.messageId,
            ...(inReplyTo ? { "In-Reply-To": inReplyTo } : {}),
            ...(references ? { References: references } : {}),
          },
          attachments,
          idempotencyKey: `${entryId}-${claimed.attempts}`,
          body: createElement(ProjectEmail, {
            t,
            language: claimed.language,
            senderName: email.senderName,
            senderOrganization: email.senderOrganization,
            projectName: email.projectName,
            bodyHtml: email.bodyHtml,
            bodyText: email.bodyText,
          }),
        },
        transport,
      ).then((row) => ({ providerId: row.providerId, mailId: row.id, error: row.error }));
  const status = outcome.error ? "failed" : "sent";
  const { providerId, mailId, error } = outcome;
  await db().transaction(async (tx) => {
    // Serialised with the webhook's events for this message (delivery-events.server.ts).
    if (providerId) await lockProviderId(tx, providerId);
    await tx
      .update(outboundEmails)
      .set({
        status,
        statusRank: outboundStatusRanks[status],
        statusAt: new Date(),
        statusReason: error,
        providerId,
      })
      .where(and(eq(outboundEmails.entryId, entryId), eq(outboundEmails.status, "queued")));
    if (mailId) {
      await tx
        .update(mailMessages)
        .set({ dedupeKey: `email:${entryId}:${claimed.attempts}` })
        .where(eq(mailMessages.id, mailId));
    }
    await recordAudit(
      { userId: email.senderId, organizationId: email.senderOrganizationId },
      {
        action: status === "sent" ? "email.sent" : "email.failed",
        subjectType: "Entry",
        subjectId: entryId,
        projectId: email.projectId,
        details: {
          attempt: claimed.attempts,
          ...(providerId ? { providerId } : {}),
        },
        // The provider's words may quote the recipient's address.
        ...(error ? { personal: { error } } : {}),
      },
      tx,
    );
    // Events the provider reported before we knew its id for this message.
    if (providerId) await applyStoredEvents(tx, providerId);
  });
}

/**
 * Queues a failed email again (the retry on its entry); false when it is not failed any more.
 * The caller has checked that the reader may send from the project and read the entry.
 */
export async function retryOutboundEmail(
  actor: Parameters<typeof recordAudit>[0],
  entryId: string,
  projectId: string,
) {
  return db().transaction(async (tx: Database) => {
    const [row] = await tx
      .update(outboundEmails)
      .set({
        status: "queued",
        statusRank: 0,
        statusAt: new Date(),
        statusReason: null,
        // A new attempt, with a new idempotency key: the last one did not go out.
        attempts: sql`${outboundEmails.attempts} + 1`,
      })
      .where(and(eq(outboundEmails.entryId, entryId), eq(outboundEmails.status, "failed")))
      .returning({ attempts: outboundEmails.attempts });
    if (!row) return false;
    await recordAudit(
      actor,
      {
        action: "email.retried",
        subjectType: "Entry",
        subjectId: entryId,
        projectId,
        details: { attempts: row.attempts },
      },
      tx,
    );
    await enqueueJob(OUTBOUND_EMAIL, { entryId }, { singletonKey: entryId }, tx);
    return true;
  });
}

/** The worker of emails written in Ambit, started with the queue (app/boot.server.ts). */
export const outboundEmailWorker: JobWorker = {
  name: OUTBOUND_EMAIL,
  handler: (data) => sendOutboundEmail(data),
  options: { policy: "exclusive", retryLimit: 3, retryDelay: 30, retryBackoff: true },
};
