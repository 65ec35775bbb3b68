import { stringify } from "csv-stringify/sync";
import type { TFunction } from "i18next";
import type { AppAbility } from "#policies/ability";
import { recordAudit, type AuditActor } from "~/kernel/audit/audit.server";
import { auditRows, auditSelection, describeAuditEvents } from "./audit-log.server";
import type { AuditQuery } from "./audit-query.server";
import { auditSentence } from "./audit-sentence";
import type { AuditEventView } from "./types";

/** Rows read per round trip while streaming: the memory an export holds at once. */
const BATCH = 1000;

const COLUMNS = [
  "seq",
  "occurred_at_utc",
  "actor_id",
  "actor",
  "actor_email",
  "organization",
  "action",
  "kind",
  "item_type",
  "item_id",
  "item",
  "project_id",
  "project",
  "ip",
  "user_agent",
  "sentence",
  "details",
];

function csvRow(t: TFunction, event: AuditEventView) {
  return [
    event.seq,
    event.occurredAt,
    event.actor?.id ?? "",
    event.actor?.name ?? "",
    event.actor?.email ?? "",
    event.actor?.organization ?? "",
    event.action,
    event.group ? t(`compliance.audit.groups.${event.group}`) : "",
    event.item?.type ?? "",
    event.item?.id ?? "",
    event.item?.label ?? "",
    event.project?.id ?? "",
    event.project?.name ?? "",
    event.erased ? t("compliance.audit.erased") : (event.ip ?? ""),
    event.erased ? t("compliance.audit.erased") : (event.userAgent ?? ""),
    auditSentence(t, event),
    JSON.stringify(event.details),
  ];
}

/**
 * Every event the query selects that the reader may read, newest first, as CSV (UTF-8 with a
 * byte order mark, so spreadsheet programs read umlauts), streamed page by page through the
 * same keyset the explorer pages with. The export is recorded before its first row.
 */
export async function auditCsv(
  reader: { ability: AppAbility; auditActor: AuditActor },
  query: AuditQuery,
  filters: Record<string, string>,
  t: TFunction,
): Promise<ReadableStream<Uint8Array>> {
  // The filter first: one that is refused exports nothing, and so is not recorded as an export.
  const selection = await auditSelection(reader.ability, query);
  await recordAudit(reader.auditActor, {
    action: "audit.exported",
    details: { format: "csv" },
    personal: { filters },
  });
  const encoder = new TextEncoder();
  let before: number | undefined;
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(`\uFEFF${stringify([COLUMNS])}`));
        return;
      }
      const rows = await auditRows(selection, before, BATCH);
      if (rows.length === 0) return controller.close();
      before = rows.at(-1)!.seq;
      const events = await describeAuditEvents(rows);
      // Titles and names come from partners and customers: none may run as a spreadsheet formula.
      controller.enqueue(
        encoder.encode(
          stringify(
            events.map((event) => csvRow(t, event)),
            { escape_formulas: true },
          ),
        ),
      );
      if (rows.length < BATCH) controller.close();
    },
  });
}
