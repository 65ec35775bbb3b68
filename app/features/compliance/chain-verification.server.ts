import { desc, eq } from "drizzle-orm";
import { db } from "#db/client.server";
import { auditChainHead, auditVerifications, users } from "#db/schema";
import { recordAudit, verifyAuditChain, type AuditActor } from "~/kernel/audit/audit.server";
import { enqueueJob, type JobWorker } from "~/kernel/jobs/jobs.server";
import { isUuid } from "~/kernel/query-input";

export const AUDIT_VERIFICATION = "audit-verification";

/** The longest a verification may run (its job's expiry); one older than that died with its process. */
const LONGEST_SECONDS = 4 * 3600;

/** The latest verification started from the console, as the console shows it. */
export async function latestVerification() {
  const [row] = await db()
    .select()
    .from(auditVerifications)
    .orderBy(desc(auditVerifications.startedAt))
    .limit(1);
  if (!row) return null;
  return {
    id: row.id,
    startedAt: row.startedAt.toISOString(),
    total: row.total,
    checked: row.checked,
    running:
      row.finishedAt === null && Date.now() - row.startedAt.getTime() < LONGEST_SECONDS * 1000,
    finishedAt: row.finishedAt?.toISOString() ?? null,
    ok: row.ok,
    firstBadSeq: row.firstBadSeq,
    reason: row.reason,
  };
}

/**
 * Starts a verification of the whole chain in the background, unless one is running; the
 * console follows its progress. Returns whether one was started.
 */
export async function startVerification(actor: AuditActor & { userId: string }) {
  const running = await latestVerification();
  if (running?.running) return false;
  const [head] = await db().select().from(auditChainHead).where(eq(auditChainHead.id, 1));
  const [row] = await db()
    .insert(auditVerifications)
    .values({ startedById: actor.userId, total: head?.seq ?? 0 })
    .returning({ id: auditVerifications.id });
  // Only the id: who started it is on the row, and addresses have no business in the queue.
  await enqueueJob(AUDIT_VERIFICATION, { id: row!.id });
  return true;
}

/** Runs one verification, reporting how far it got after every batch; records the verdict. */
export async function runVerification(data: unknown) {
  const id = (data as { id?: unknown } | null)?.id;
  if (typeof id !== "string" || !isUuid(id)) return;
  const [row] = await db()
    .select({ startedById: auditVerifications.startedById, organizationId: users.organizationId })
    .from(auditVerifications)
    .leftJoin(users, eq(users.id, auditVerifications.startedById))
    .where(eq(auditVerifications.id, id));
  if (!row) return;
  const verdict = await verifyAuditChain(db(), {
    onProgress: async (checked) => {
      await db().update(auditVerifications).set({ checked }).where(eq(auditVerifications.id, id));
    },
  });
  await db()
    .update(auditVerifications)
    .set({
      checked: verdict.checked,
      finishedAt: new Date(),
      ok: verdict.ok,
      firstBadSeq: verdict.ok ? null : verdict.firstBadSeq,
      reason: verdict.ok ? null : verdict.reason,
      checkpoints: verdict.checkpoints,
    })
    .where(eq(auditVerifications.id, id));
  await recordAudit(
    { userId: row.startedById, organizationId: row.organizationId },
    { action: "audit.verified", details: { ...verdict, via: "console", verificationId: id } },
  );
}

/** Run once: a verification that failed is started again by a person, not behind their back. */
export const auditVerificationWorker: JobWorker = {
  name: AUDIT_VERIFICATION,
  handler: runVerification,
  options: { retryLimit: 0, expireInSeconds: LONGEST_SECONDS },
};
