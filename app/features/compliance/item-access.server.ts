import { and, eq } from "drizzle-orm";
import { auditEvents } from "#db/schema";
import { subject, type AppAbility } from "#policies/ability";
import { accessibleWhere } from "#policies/to-sql";
import { auditRows, describeAuditEvents } from "./audit-log.server";
import { auditItemTypes, type AuditItemType, type ItemAccess } from "./types";

/** How many of an item's latest events its page shows; the explorer has the rest. */
const SHOWN = 10;

/**
 * "Who accessed this": the latest reads and changes of one item, for readers of the compliance
 * console (compliance officers and administrators); null for everyone else, at no cost.
 */
export async function itemAccessHistory(
  ability: AppAbility,
  itemType: AuditItemType,
  itemId: string,
): Promise<ItemAccess | null> {
  const subjectType = auditItemTypes[itemType];
  // Events as the explorer shows them (addresses, browsers, details): its readers only.
  if (!ability.can("read", "ComplianceConsole")) return null;
  if (!ability.can("read", subject("AuditEvent", { subjectType, subjectId: itemId }))) return null;
  const rows = await auditRows(
    {
      where: and(
        accessibleWhere(ability, "read", "AuditEvent"),
        eq(auditEvents.subjectType, subjectType),
        eq(auditEvents.subjectId, itemId),
      )!,
    },
    undefined,
    SHOWN + 1,
  );
  return {
    itemType,
    events: await describeAuditEvents(rows.slice(0, SHOWN)),
    more: rows.length > SHOWN,
    exploreHref: `/compliance/audit?${new URLSearchParams({ itemType, item: itemId })}`,
  };
}
