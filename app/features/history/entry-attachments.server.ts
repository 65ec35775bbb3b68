import { eq } from "drizzle-orm";
import type { Database } from "#db/client.server";
import { documents } from "#db/schema";

/**
 * Points an entry's attachments at the entry's audience row, in the caller's transaction:
 * attachments always carry the audience of the entry they belong to, so every audience change
 * goes here.
 */
export async function syncAttachmentAudience(
  executor: Database,
  entryId: string,
  audienceId: string,
) {
  await executor
    .update(documents)
    .set({ audienceId, updatedAt: new Date() })
    .where(eq(documents.entryId, entryId));
}

/** Redacting an entry takes its files with it: they answer 404 everywhere from now on. */
export async function redactAttachments(executor: Database, entryId: string, at: Date) {
  await executor
    .update(documents)
    .set({ redactedAt: at, updatedAt: at })
    .where(eq(documents.entryId, entryId));
}
