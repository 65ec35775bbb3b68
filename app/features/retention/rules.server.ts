import { asc, eq } from "drizzle-orm";
import { db } from "#db/client.server";
import { retentionRules } from "#db/schema";
import type { RetentionRecordType, RetentionTrigger } from "#db/schema/values";
import { recordAudit, type AuditActor } from "~/kernel/audit/audit.server";

/** What retention does with an expired record of each kind: the history's parts go, people stay. */
export const retentionActions = {
  entries: "delete",
  documents: "delete",
  requests: "delete",
  contacts: "anonymise",
  auditEvents: "anonymise",
} as const satisfies Record<RetentionRecordType, "delete" | "anonymise">;

export { TRIGGERS_OF as triggersOf } from "./triggers";

export const RETENTION_YEARS = { min: 1, max: 30 } as const;

export type RetentionRule = {
  recordType: RetentionRecordType;
  years: number;
  trigger: RetentionTrigger;
  enabled: boolean;
  updatedAt: string;
};

/** The rules in a fixed order (the order of `retentionActions`). */
export async function listRetentionRules(): Promise<RetentionRule[]> {
  const rows = await db().select().from(retentionRules).orderBy(asc(retentionRules.recordType));
  const order = Object.keys(retentionActions);
  return rows
    .map((row) => ({
      recordType: row.recordType,
      years: row.years,
      trigger: row.trigger,
      enabled: row.enabled,
      updatedAt: row.updatedAt.toISOString(),
    }))
    .sort((a, b) => order.indexOf(a.recordType) - order.indexOf(b.recordType));
}

export type RuleInput = Pick<RetentionRule, "recordType" | "years" | "trigger" | "enabled">;

/** Saves the rules that changed, in one transaction with one audit event naming the changes. */
export async function saveRetentionRules(
  actor: AuditActor & { userId: string },
  input: RuleInput[],
) {
  return db().transaction(async (tx) => {
    const current = await tx.select().from(retentionRules).for("update");
    const changes = input.flatMap((rule) => {
      const before = current.find((row) => row.recordType === rule.recordType);
      if (
        !before ||
        (before.years === rule.years &&
          before.trigger === rule.trigger &&
          before.enabled === rule.enabled)
      ) {
        return [];
      }
      return [
        {
          recordType: rule.recordType,
          from: { years: before.years, trigger: before.trigger, enabled: before.enabled },
          to: { years: rule.years, trigger: rule.trigger, enabled: rule.enabled },
        },
      ];
    });
    if (!changes.length) return 0;
    const now = new Date();
    for (const change of changes) {
      await tx
        .update(retentionRules)
        .set({ ...change.to, updatedById: actor.userId, updatedAt: now })
        .where(eq(retentionRules.recordType, change.recordType));
    }
    await recordAudit(actor, { action: "retention.rules_changed", details: { changes } }, tx);
    return changes.length;
  });
}
