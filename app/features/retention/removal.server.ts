import { inArray, sql } from "drizzle-orm";
import { queryRows, type Database } from "#db/client.server";
import {
  auditEvents,
  documents,
  documentVersions,
  entries,
  entryRevisions,
  outboundEmails,
  requestComments,
  requestEvents,
  requestReplyAddresses,
  requests,
  unresolvedMails,
} from "#db/schema";

/*
 * The hard deletes of retention, the only ones besides erasure: a record goes with everything
 * that belongs to it alone (versions, revisions, attachments, comments), and whatever only
 * pointed at it lets go. Each returns the storage keys of files to remove after commit.
 */

/** Ids in slices a statement can carry. */
async function inSlices(ids: string[], run: (slice: string[]) => Promise<unknown>) {
  for (let start = 0; start < ids.length; start += 1000) await run(ids.slice(start, start + 1000));
}

/** Documents with all their versions; the files' keys. */
export async function removeDocuments(tx: Database, ids: string[]): Promise<string[]> {
  const keys: string[] = [];
  await inSlices(ids, async (slice) => {
    const versions = await tx
      .delete(documentVersions)
      .where(inArray(documentVersions.documentId, slice))
      .returning({ file: documentVersions.storageKey, thumbnail: documentVersions.thumbnailKey });
    for (const version of versions) {
      keys.push(version.file);
      if (version.thumbnail) keys.push(version.thumbnail);
    }
    await tx.delete(documents).where(inArray(documents.id, slice));
  });
  return keys;
}

async function attachmentsOf(tx: Database, column: "entry_id" | "request_id", ids: string[]) {
  const found: string[] = [];
  await inSlices(ids, async (slice) => {
    const rows = await queryRows<{ id: string }>(
      tx,
      sql`select id from documents where ${sql.raw(column)} in (select value::uuid from jsonb_array_elements_text(${JSON.stringify(slice)}::jsonb))`,
    );
    found.push(...rows.map((row) => row.id));
  });
  return found;
}

/** History entries with their revisions, participants, attachments and sent-email records. */
export async function removeEntries(tx: Database, ids: string[]): Promise<string[]> {
  const keys = await removeDocuments(tx, await attachmentsOf(tx, "entry_id", ids));
  await inSlices(ids, async (slice) => {
    await tx.delete(entryRevisions).where(inArray(entryRevisions.entryId, slice));
    await tx.delete(outboundEmails).where(inArray(outboundEmails.entryId, slice));
    // Placed mail and requests opened from an entry keep their own record.
    await tx
      .update(unresolvedMails)
      .set({ entryId: null })
      .where(inArray(unresolvedMails.entryId, slice));
    await tx
      .update(requests)
      .set({ sourceEntryId: null })
      .where(inArray(requests.sourceEntryId, slice));
    await tx.delete(entries).where(inArray(entries.id, slice));
  });
  return keys;
}

/** Requests with their history of changes, comments, reply addresses and attachments. */
export async function removeRequests(tx: Database, ids: string[]): Promise<string[]> {
  const keys = await removeDocuments(tx, await attachmentsOf(tx, "request_id", ids));
  await inSlices(ids, async (slice) => {
    await tx.delete(requestEvents).where(inArray(requestEvents.requestId, slice));
    await tx.delete(requestComments).where(inArray(requestComments.requestId, slice));
    await tx.delete(requestReplyAddresses).where(inArray(requestReplyAddresses.requestId, slice));
    await tx.delete(requests).where(inArray(requests.id, slice));
  });
  return keys;
}

/** The personal part of audit events (ADR 26): the events and the chain stay whole. */
export async function anonymiseAuditEvents(tx: Database, seqs: string[]) {
  await inSlices(seqs, async (slice) => {
    await tx
      .update(auditEvents)
      .set({ ip: null, userAgent: null, personal: null })
      .where(inArray(auditEvents.seq, slice.map(Number)));
  });
}
