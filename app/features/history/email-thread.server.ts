import { and, asc, eq, inArray, isNotNull } from "drizzle-orm";
import { db } from "#db/client.server";
import { entries } from "#db/schema";
import type { AppAbility } from "#policies/ability";
import { accessibleWhere } from "#policies/to-sql";

const MAX_REFERENCES = 50;

/** The Message-IDs an email's References and In-Reply-To name, oldest first. */
export function referencedIds(references: string[] | string | undefined, inReplyTo?: string) {
  const list = (Array.isArray(references) ? references : references ? references.split(/\s+/) : [])
    .map((id) => id.trim())
    .filter(Boolean);
  if (inReplyTo?.trim()) list.push(inReplyTo.trim());
  return [...new Set(list)].slice(-MAX_REFERENCES).map((id) => id.slice(0, 998));
}

/**
 * The conversation a new email joins in the project: that of a message it answers which is
 * already here (the headers of some mail programs name only the last one), else the first
 * message its References name, else a conversation of its own.
 */
export async function threadKeyFor(projectId: string, referenced: string[], own: string) {
  if (referenced.length === 0) return own;
  const known = await db()
    .select({ messageId: entries.messageId, threadKey: entries.threadKey })
    .from(entries)
    .where(and(eq(entries.projectId, projectId), inArray(entries.messageId, referenced)));
  const byId = new Map(known.map((row) => [row.messageId, row.threadKey]));
  // The message it answers most directly decides, when Ambit has it.
  for (const id of [...referenced].reverse()) {
    const key = byId.get(id);
    if (key) return key;
  }
  return referenced[0]!;
}

/** The emails of one conversation the reader may read, oldest first (at most 100). */
export async function emailThread(ability: AppAbility, projectId: string, threadKey: string) {
  return db()
    .select({
      id: entries.id,
      subject: entries.subject,
      direction: entries.direction,
      occurredAt: entries.occurredAt,
      redactedAt: entries.redactedAt,
    })
    .from(entries)
    .where(
      and(
        eq(entries.projectId, projectId),
        eq(entries.threadKey, threadKey),
        isNotNull(entries.threadKey),
        accessibleWhere(ability, "read", "Entry"),
      ),
    )
    .orderBy(asc(entries.occurredAt), asc(entries.id))
    .limit(100);
}
