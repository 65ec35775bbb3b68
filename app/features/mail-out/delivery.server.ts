import { eq } from "drizzle-orm";
import { db } from "#db/client.server";
import { outboundEmails } from "#db/schema";
import type { AppAbility } from "#policies/ability";
import type { PolicyProject } from "~/features/sharing/index.server";
import { maySendFrom } from "./compose.server";
import type { DeliveryView } from "./types";

/**
 * Where an email written in Ambit stands, for its entry's page (whose reader the caller has
 * checked); undefined for every other entry. Whoever may send from the project may retry a
 * failed one.
 */
export async function deliveryOf(
  ability: AppAbility,
  project: PolicyProject,
  entryId: string,
): Promise<DeliveryView | undefined> {
  const [row] = await db()
    .select({
      status: outboundEmails.status,
      statusAt: outboundEmails.statusAt,
      reason: outboundEmails.statusReason,
    })
    .from(outboundEmails)
    .where(eq(outboundEmails.entryId, entryId));
  if (!row) return undefined;
  return {
    status: row.status,
    statusAt: row.statusAt.toISOString(),
    reason: row.reason,
    mayRetry: row.status === "failed" && maySendFrom(ability, project),
  };
}
