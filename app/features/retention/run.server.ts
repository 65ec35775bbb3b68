import { randomUUID } from "node:crypto";
import { and, desc, eq } from "drizzle-orm";
import { db } from "#db/client.server";
import { auditChainHead, auditEvents, retentionRuns, users } from "#db/schema";
import type { AppAbility } from "#policies/ability";
import { accessibleWhere } from "#policies/to-sql";
import { loadDataSubject, type DataSubject } from "~/features/compliance/index.server";
import { pseudonymOf } from "~/features/erasure";
import { ERASURE_VACUUM, eraseWithin } from "~/features/erasure/index.server";
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
import { storage } from "~/kernel/storage/storage.server";
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
      figures: rule.enabled ? await dueFigures(rule, now) : { due: 0, heldBack: 0 },
      sample: rule.enabled ? await dueSample(rule, now) : [],
    })),
  );
}

/** All records due now, for the console. */
export async function dueTotal(now = new Date()) {
  const preview = await Promise.all(
    (await listRetentionRules())
      .filter((rule) => rule.enabled)
      .map((rule) => dueFigures(rule, now)),
  );
  return preview.reduce((sum, figures) => sum + figures.due, 0);
}

/**
 * Removes or anonymises everything the enabled rules have expired, in one transaction with its
 * audit event and signed certificate; the run's id and how many records it took. Legal holds keep what they
 * cover. `ranBy` is null for the daily job.
 */
export async function runRetention(
  actor: AuditActor,
  ranBy: string | null,
  now = new Date(),
): Promise<{ id: string; total: number }> {
  const rules = (await listRetentionRules()).filter((rule) => rule.enabled);
  // People are loaded before the transaction: on the embedded database it holds the connection.
  const contactRule = rules.find((rule) => rule.recordType === "contacts");
  const people = contactRule
    ? (
        await Promise.all(
          (await dueIds(db(), contactRule, now)).map((id) => loadDataSubject("contact", id)),
        )
      ).filter((person): person is DataSubject => person !== null)
    : [];
  const figures = new Map(
    await Promise.all(
      rules.map(async (rule) => [rule.recordType, await dueFigures(rule, now)] as const),
    ),
  );
  const [who] = ranBy
    ? await db()
        .select({ id: users.id, name: users.name, role: users.role })
        .from(users)
        .where(eq(users.id, ranBy))
    : [];
  const id = randomUUID();
  const { keys: fileKeys, total } = await db().transaction(async (tx) => {
    const [head] = await tx.select().from(auditChainHead).where(eq(auditChainHead.id, 1));
    const keys: string[] = [];
    const results: RetentionResult[] = [];
    for (const rule of rules) {
      const action = retentionActions[rule.recordType];
      let ids: string[];
      if (rule.recordType === "contacts") {
        for (const person of people) await eraseWithin(tx, person, now);
        ids = people.map((person) => person.id);
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
    if (total > 0) await enqueueJob(ERASURE_VACUUM, {}, {}, tx);
    return { keys, total };
  });
  if (fileKeys.length) await (await storage()).remove(fileKeys);
  return { id, total };
}

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
