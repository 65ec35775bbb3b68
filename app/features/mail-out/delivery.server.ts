import { eq } from "drizzle-orm";
import { db } from "#db/client.server";
import { entries, outboundEmails } from "#db/schema";
import { actorOfAbility, type AppAbility } from "#policies/ability";
import { readsInternalItems, type PolicyProject } from "~/features/sharing/index.server";
import { maySendFrom } from "./compose.server";
import type { DeliveryView } from "./types";

/**
 * Where an email written in Ambit stands, for its entry's page (whose reader the caller has
 * checked); undefined for every other entry. Its writer, or host staff who may send from the
 * project, may send a failed one again (under the writer's name, so nobody else outside the host).
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
      authorId: entries.authorId,
    })
    .from(outboundEmails)
    .innerJoin(entries, eq(entries.id, outboundEmails.entryId))
    .where(eq(outboundEmails.entryId, entryId));
  if (!row) return undefined;
  return {
    status: row.status,
    statusAt: row.statusAt.toISOString(),
    reason: row.reason,
    mayRetry:
      row.status === "failed" &&
      maySendFrom(ability, project) &&
      (readsInternalItems(ability) || actorOfAbility(ability)?.actor.id === row.authorId),
  };
}
