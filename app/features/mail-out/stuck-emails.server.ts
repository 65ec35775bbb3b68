import { sql } from "drizzle-orm";
import { db, queryRows } from "#db/client.server";
import { recordAudit } from "~/kernel/audit/audit.server";
import type { JobWorker } from "~/kernel/jobs/jobs.server";
import { logger } from "~/kernel/logger.server";
import { OUTBOUND_EMAIL } from "./compose.server";

/** How long an email may wait to be sent before it is shown as not sent. */
export const STUCK_AFTER_MS = 60 * 60_000;

/** The reason stored on an email that waited too long: its entry offers "Send again". */
export const STUCK_REASON = "stuck";

/**
 * Emails queued longer than an hour whose job is gone (it failed all its retries, or was lost
 * with a database restored from a backup) are marked not sent, so that their entry says so and
 * offers "Send again" instead of showing "Queued" for ever. An email whose job still waits or
 * runs is left to it.
 */
export async function failStuckEmails(now = new Date()) {
  const cutoff = new Date(now.getTime() - STUCK_AFTER_MS).toISOString();
  const stuck = await db().transaction(async (tx) => {
    const rows = await queryRows<{
      entryId: string;
      projectId: string;
      authorId: string;
      authorOrganizationId: string;
      attempts: number;
    }>(
      tx,
      sql`update outbound_emails
            set status = 'failed', status_rank = 0, status_at = now(),
                status_reason = ${STUCK_REASON}
          from entries
          where entries.id = outbound_emails.entry_id
            and outbound_emails.status = 'queued'
            and outbound_emails.status_at < ${cutoff}::timestamptz
            and not exists (
              select 1 from pgboss.job
              where job.name = ${OUTBOUND_EMAIL}
                and job.data->>'entryId' = outbound_emails.entry_id::text
                and job.state in ('created', 'retry', 'active'))
          returning outbound_emails.entry_id as "entryId", entries.project_id as "projectId",
            entries.author_id as "authorId",
            entries.author_organization_id as "authorOrganizationId", outbound_emails.attempts`,
    );
    for (const row of rows) {
      // On the writer's record, as the worker records a send or a refusal.
      await recordAudit(
        { userId: row.authorId, organizationId: row.authorOrganizationId },
        {
          action: "email.failed",
          subjectType: "Entry",
          subjectId: row.entryId,
          projectId: row.projectId,
          details: { attempt: row.attempts, error: STUCK_REASON },
        },
        tx,
      );
    }
    return rows;
  });
  if (stuck.length) logger.warn({ entryIds: stuck.map((row) => row.entryId) }, "emails not sent");
  return stuck.length;
}

export const OUTBOUND_EMAIL_SWEEP = "outbound-email-sweep";

/** Every quarter of an hour, in whichever process pg-boss picks. */
export const stuckEmailWorker: JobWorker = {
  name: OUTBOUND_EMAIL_SWEEP,
  handler: async () => {
    await failStuckEmails();
  },
  schedule: "*/15 * * * *",
};
