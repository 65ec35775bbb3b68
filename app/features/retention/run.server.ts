import { randomUUID } from "node:crypto";
import { and, desc, eq, sql } from "drizzle-orm";
import { db } from "#db/client.server";
import { auditChainHead, auditEvents, retentionRuns, users } from "#db/schema";
import type { AppAbility } from "#policies/ability";
import { accessibleWhere } from "#policies/to-sql";
import { loadDataSubject, type DataSubject } from "~/features/compliance/index.server";
import { pseudonymOf } from "~/features/erasure";
import {
  ERASURE_VACUUM,
  eraseWithin,
  homeOf,
  removeFiles,
  type Home,
} from "~/features/erasure/index.server";
import { recordAudit, type AuditActor } from "~/kernel/audit/audit.server";
import { auditSigningKey, storedSignature } from "~/kernel/audit/checkpoints.server";
import { signCertificate } from "~/kernel/audit/signed-certificate";
import type {
  RetentionCertificate,
  RetentionCertificateBody,
  RetentionResult,
} from "./certificate";
import { enqueueJob, type JobWorker } from "~/kernel/jobs/jobs.server";
import { isUuid } from "~/kernel/query-input";
import { dueFigures, dueIds, dueSample, type DueFigures, type DueSample } from "./due.server";
import {
  anonymiseAuditEvents,
  removeDocuments,
  removeEntries,
  removeRequests,
} from "./removal.server";
import { listRetentionRules, retentionActions, type RetentionRule } from "./rules.server";

export type RetentionPreview = {
  rule: RetentionRule;
  action: "delete" | "anonymise";
  figures: DueFigures;
  sample: DueSample[];
}[];

/** The dry run: per rule, what is due now, what holds keep, and the oldest of it. */
export async function previewRetention(now = new Date()): Promise<RetentionPreview> {
  const rules = await listRetentionRules();
  return Promise.all(
    rules.map(async (rule) => ({
      rule,
      action: retentionActions[rule.recordType],
      // Counted for rules that are off too: what turning one on would do.
      figures: await dueFigures(rule, now),
      sample: await dueSample(rule, now),
    })),
  );
}

/** All records the rules that are on would remove or anonymise now, for the console. */
export async function dueTotal(now = new Date()) {
  const preview = await Promise.all(
    (await listRetentionRules())
      .filter((rule) => rule.enabled)
      .map((rule) => dueFigures(rule, now)),
  );
  return preview.reduce((sum, figures) => sum + figures.due, 0);
}

/**
 * Removes or anonymises everything the rules that are on have expired, in one transaction with
 * its audit event and signed certificate; the run's id and how many records it took. Legal holds
 * keep what they cover. `ranBy` is null for the daily job.
 */
export async function runRetention(
  actor: AuditActor,
  ranBy: string | null,
  now = new Date(),
): Promise<{ id: string; total: number }> {
  const rules = (await listRetentionRules()).filter((rule) => rule.enabled);
  // People are loaded before the transaction: on the embedded database it holds the connection.
  const contactRule = rules.find((rule) => rule.recordType === "contacts");
  const people: { person: DataSubject; home: Home }[] = [];
  for (const contactId of contactRule ? await dueIds(db(), contactRule, now) : []) {
    const person = await loadDataSubject("contact", contactId);
    if (person) people.push({ person, home: await homeOf(person, person.organizationId) });
  }
  const [who] = ranBy
    ? await db()
        .select({ id: users.id, name: users.name, role: users.role })
        .from(users)
        .where(eq(users.id, ranBy))
    : [];
  const id = randomUUID();
  const { keys: fileKeys, total } = await db().transaction(async (tx) => {
    // One run at a time: a second (the job and a click at once) waits, then finds nothing due.
    await tx.execute(sql`select pg_advisory_xact_lock(${RUN_LOCK})`);
    const figures = new Map(
      await Promise.all(
        rules.map(async (rule) => [rule.recordType, await dueFigures(rule, now, tx)] as const),
      ),
    );
    const [head] = await tx.select().from(auditChainHead).where(eq(auditChainHead.id, 1));
    const keys: string[] = [];
    const results: RetentionResult[] = [];
    for (const rule of rules) {
      const action = retentionActions[rule.recordType];
      let ids: string[];
      if (rule.recordType === "contacts") {
        // Still due now that this run holds the lock (a hold placed meanwhile keeps them).
        const stillDue = new Set(await dueIds(tx, rule, now));
        const due = people.filter(({ person }) => stillDue.has(person.id));
        for (const { person, home } of due) {
          keys.push(...(await eraseWithin(tx, person, home, now)).fileKeys);
        }
        ids = due.map(({ person }) => person.id);
      } else {
        ids = await dueIds(tx, rule, now);
        if (rule.recordType === "entries") keys.push(...(await removeEntries(tx, ids)));
        if (rule.recordType === "documents") keys.push(...(await removeDocuments(tx, ids)));
        if (rule.recordType === "requests") keys.push(...(await removeRequests(tx, ids)));
        if (rule.recordType === "auditEvents") await anonymiseAuditEvents(tx, ids);
      }
      results.push({
        recordType: rule.recordType,
        action,
        years: rule.years,
        trigger: rule.trigger,
        rows: ids.length,
        ids:
          rule.recordType === "contacts"
            ? ids.map((contactId) => `${contactId} (${pseudonymOf("contact", contactId).name})`)
            : ids,
        heldBack: figures.get(rule.recordType)?.heldBack ?? 0,
      });
    }
    const seq = await recordAudit(
      actor,
      {
        action: "retention.ran",
        details: {
          runId: id,
          results: results.map(({ recordType, rows, heldBack }) => ({
            recordType,
            rows,
            heldBack,
          })),
        },
      },
      tx,
    );
    const [event] = await tx
      .select({ hash: auditEvents.hash })
      .from(auditEvents)
      .where(eq(auditEvents.seq, seq));
    const body: RetentionCertificateBody = {
      type: "ambit.retention-certificate",
      version: 1,
      id,
      ranAt: now.toISOString(),
      ranBy: who ?? null,
      results,
      files: keys.length,
      audit: {
        chainHeadBefore: { seq: head!.seq, hash: head!.hash },
        chainHeadAfter: { seq, hash: event!.hash },
      },
    };
    const signature = signCertificate(body, auditSigningKey());
    const total = results.reduce((sum, result) => sum + result.rows, 0);
    await tx.insert(retentionRuns).values({
      id,
      ranAt: now,
      ranById: ranBy,
      total,
      certificate: body,
      keyId: signature.keyId,
      signature: signature.value,
    });
    if (total > 0) await enqueueJob(ERASURE_VACUUM, {}, { singletonKey: ERASURE_VACUUM }, tx);
    return { keys, total };
  });
  await removeFiles(fileKeys);
  return { id, total };
}

/** The advisory lock that keeps two runs of retention from overlapping. */
const RUN_LOCK = 0x7265_7465;

export const RETENTION_RUN = "retention-run";

/** Every day at 03:30, in whichever process the queue picks: one run a day in total. */
export const retentionWorker: JobWorker = {
  name: RETENTION_RUN,
  handler: async () => {
    await runRetention({}, null);
  },
  options: { retryLimit: 1 },
  schedule: "30 3 * * *",
};

/** The runs the reader may read, newest first. */
export async function listRetentionRuns(ability: AppAbility) {
  const rows = await db()
    .select({
      id: retentionRuns.id,
      ranAt: retentionRuns.ranAt,
      total: retentionRuns.total,
      ranBy: users.name,
    })
    .from(retentionRuns)
    .leftJoin(users, eq(users.id, retentionRuns.ranById))
    .where(accessibleWhere(ability, "read", "RetentionRun"))
    .orderBy(desc(retentionRuns.ranAt))
    .limit(60);
  return rows.map((row) => ({ ...row, ranAt: row.ranAt.toISOString() }));
}

/** A run's certificate as signed, with its signature. */
export async function retentionCertificate(
  ability: AppAbility,
  runId: string,
): Promise<RetentionCertificate | null> {
  if (!isUuid(runId)) return null;
  const [row] = await db()
    .select()
    .from(retentionRuns)
    .where(and(eq(retentionRuns.id, runId), accessibleWhere(ability, "read", "RetentionRun")));
  if (!row) return null;
  return {
    ...(row.certificate as RetentionCertificateBody),
    signature: storedSignature(row.keyId, row.signature),
  };
}
