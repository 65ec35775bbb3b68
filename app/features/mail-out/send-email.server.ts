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
import { applyStoredEvents } from "./delivery-events.server";

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

/**
 * Takes the email for one attempt: only a queued one, and the attempt is counted before it
 * goes, so the provider's idempotency key differs per attempt but not per retry of the job.
 */
async function claim(entryId: string) {
  const [row] = await db()
    .update(outboundEmails)
    .set({ attempts: sql`${outboundEmails.attempts} + 1` })
    .where(and(eq(outboundEmails.entryId, entryId), eq(outboundEmails.status, "queued")))
    .returning();
  return row;
}

async function emailToSend(entryId: string) {
  const [row] = await db()
    .select({
      subject: entries.subject,
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
  const claimed = await claim(entryId);
  if (!claimed) return;
  const email = await emailToSend(entryId);
  if (!email) return;
  const t = translatorFor(isLanguage(claimed.language) ? claimed.language : "en");
  let outcome: { providerId: string | null; mailId: string | null; error: string | null };
  try {
    const row = await sendMail(
      {
        template: "project-email",
        to: claimed.recipients.map((recipient) => recipient.email),
        subject: email.subject,
        fromName: email.senderName,
        replyTo: email.senderEmail,
        headers: { "Message-ID": claimed.messageId },
        attachments: await attachmentsOf(entryId, claimed.documentIds),
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
    );
    outcome = { providerId: row.providerId, mailId: row.id, error: row.error };
  } catch (error) {
    // Reading an attachment or rendering failed before anything went out.
    logger.error({ err: error, entryId }, "outbound email not sent");
    outcome = { providerId: null, mailId: null, error: "preparation" };
  }
  const status = outcome.error ? "failed" : "sent";
  await db().transaction(async (tx) => {
    await tx
      .update(outboundEmails)
      .set({
        status,
        statusRank: outboundStatusRanks[status],
        statusAt: new Date(),
        statusReason: outcome.error,
        providerId: outcome.providerId,
      })
      .where(and(eq(outboundEmails.entryId, entryId), eq(outboundEmails.status, "queued")));
    if (outcome.mailId) {
      await tx
        .update(mailMessages)
        .set({ dedupeKey: `email:${entryId}:${claimed.attempts}` })
        .where(eq(mailMessages.id, outcome.mailId));
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
          ...(outcome.providerId ? { providerId: outcome.providerId } : {}),
          ...(outcome.error ? { error: outcome.error } : {}),
        },
      },
      tx,
    );
    // Events the provider reported before we knew its id for this message.
    if (outcome.providerId) await applyStoredEvents(tx, outcome.providerId);
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
      .set({ status: "queued", statusRank: 0, statusAt: new Date(), statusReason: null })
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
