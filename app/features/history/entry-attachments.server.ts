import { eq } from "drizzle-orm";
import type { Database } from "#db/client.server";
import { documents } from "#db/schema";
import type { AppAbility } from "#policies/ability";
import { attachmentsOf } from "~/features/documents/index.server";

/** What a reader sees of an attachment: enough for a download link, a preview, a thumbnail. */
export type AttachmentView = {
  id: string;
  fileName: string;
  sizeBytes: number;
  contentType: string;
  kind: string;
  hasThumbnail: boolean;
};

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

type AttachmentRow =
  Awaited<ReturnType<typeof attachmentsOf>> extends Map<string, (infer R)[]> ? R : never;

const view = (row: AttachmentRow): AttachmentView => ({
  id: row.id,
  fileName: row.fileName,
  sizeBytes: row.sizeBytes,
  contentType: row.contentType,
  kind: row.kind,
  hasThumbnail: row.hasThumbnail,
});

/** The readable attachments of a page of entries, which may come from several projects. */
export async function readableAttachments(
  ability: AppAbility,
  entries: { id: string; projectId: string; redacted?: boolean }[],
) {
  const shown = entries.filter((entry) => !entry.redacted);
  const found = await attachmentsOf(
    ability,
    shown.map((entry) => entry.projectId),
    shown.map((entry) => entry.id),
  );
  const result = new Map<string, AttachmentView[]>();
  for (const [entryId, rows] of found) result.set(entryId, rows.map(view));
  return result;
}

/** A timeline page with each entry's readable attachments added. */
export async function withAttachments<
  T extends { id: string; projectId: string; redacted: boolean },
>(ability: AppAbility, entries: T[]) {
  const attachments = await readableAttachments(ability, entries);
  return entries.map((entry) => ({
    ...entry,
    attachments: (attachments.get(entry.id) ?? []).map((file) => ({
      id: file.id,
      fileName: file.fileName,
    })),
  }));
}
