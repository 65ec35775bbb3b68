import { and, asc, desc, eq, inArray, isNotNull, isNull, or } from "drizzle-orm";
import stableStringify from "safe-stable-stringify";
import { audienceIdFor } from "#db/audiences";
import { db } from "#db/client.server";
import {
  audienceOrganizations,
  audiences,
  contacts,
  entries,
  entryParticipants,
  entryRevisions,
  organizations,
  users,
  type Audience,
  type EntryChannel,
  type EntryDirection,
} from "#db/schema";
import type { Actor, AppAbility } from "#policies/ability";
import { accessibleWhere } from "#policies/to-sql";
import {
  redactAttachments,
  syncAttachmentAudience,
} from "~/features/history/entry-attachments.server";
import {
  discardStored,
  insertDocuments,
  mayCreateDocuments,
  storeFiles,
} from "~/features/documents/index.server";
import { entrySubject } from "~/features/history/entry-subject.server";
import { audienceField, type PolicyProject } from "~/features/sharing/index.server";
import { recordAudit, type AuditActor } from "~/kernel/audit/audit.server";
import type { ReceivedFile } from "~/kernel/files/upload.server";
import type { RenderedRichText } from "~/kernel/rich-text/rich-text.server";

/**
 * The active users of the host and of the project's live member organisations (only the named
 * people of a narrowed membership) the reader may read: the people an entry may name, or an
 * email be written to.
 */
export function projectPeople(ability: AppAbility, project: PolicyProject) {
  // A membership narrowed to named people lets in only them, not their whole organisation.
  const wholeOrganizationIds = project.memberships
    .filter((row) => !row.narrowed)
    .map((row) => row.organizationId);
  const namedUserIds = project.memberships
    .filter((row) => row.narrowed)
    .flatMap((row) => row.userIds);
  return db()
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      organizationName: organizations.name,
    })
    .from(users)
    .innerJoin(organizations, eq(organizations.id, users.organizationId))
    .where(
      and(
        accessibleWhere(ability, "read", "User"),
        or(
          eq(organizations.kind, "host"),
          wholeOrganizationIds.length
            ? inArray(users.organizationId, wholeOrganizationIds)
            : undefined,
          namedUserIds.length ? inArray(users.id, namedUserIds) : undefined,
        ),
        // Disabled accounts are former colleagues: not offered for new entries or emails.
        isNull(users.disabledAt),
      ),
    )
    .orderBy(asc(organizations.name), asc(users.name));
}

/**
 * The people an author may name as participants: the account's contact persons the author may
 * read, and users of the host and of the project's member organisations the author may read.
 */
export async function participantChoices(ability: AppAbility, project: PolicyProject) {
  const [contactRows, userRows] = await Promise.all([
    db()
      .select({ id: contacts.id, name: contacts.name, roleTitle: contacts.roleTitle })
      .from(contacts)
      .where(
        and(eq(contacts.accountId, project.accountId), accessibleWhere(ability, "read", "Contact")),
      )
      .orderBy(asc(contacts.name), asc(contacts.id)),
    projectPeople(ability, project),
  ]);
  return {
    contacts: contactRows,
    users: userRows.map(({ id, name, organizationName }) => ({ id, name, organizationName })),
  };
}

/** The contact person of the author's latest entry in this project: the form's default. */
export async function lastContactOf(authorId: string, projectId: string) {
  const [row] = await db()
    .select({ contactId: entryParticipants.contactId })
    .from(entryParticipants)
    .innerJoin(entries, eq(entries.id, entryParticipants.entryId))
    .where(
      and(
        eq(entries.projectId, projectId),
        eq(entries.authorId, authorId),
        isNotNull(entryParticipants.contactId),
      ),
    )
    .orderBy(desc(entries.createdAt))
    .limit(1);
  return row?.contactId ?? null;
}

export type EntryInput = {
  channel: EntryChannel;
  direction: EntryDirection;
  occurredAt: Date;
  subject: string;
  body: RenderedRichText;
  details: Record<string, unknown>;
  audience: Audience;
  audienceOrganizationIds: string[];
  contactIds: string[];
  userIds: string[];
};

export class EntryWriteDenied extends Error {}

/** The columns of `entries` an author's input sets, on creation and on every edit. */
function storedFields(input: EntryInput, audienceId: string) {
  return {
    channel: input.channel,
    direction: input.direction,
    occurredAt: input.occurredAt,
    subject: input.subject,
    body: input.body.doc,
    bodyHtml: input.body.html,
    bodyText: input.body.text,
    details: input.details,
    audienceId,
  };
}

type Tx = Parameters<Parameters<ReturnType<typeof db>["transaction"]>[0]>[0];

async function writeParticipants(tx: Tx, entryId: string, input: EntryInput) {
  await tx.delete(entryParticipants).where(eq(entryParticipants.entryId, entryId));
  const rows = [
    ...input.contactIds.map((contactId) => ({ entryId, contactId })),
    ...input.userIds.map((userId) => ({ entryId, userId })),
  ];
  if (rows.length) await tx.insert(entryParticipants).values(rows);
}

/** The row of `audiences` the input names (found, or created in the caller's transaction). */
function audienceIdOf(tx: Tx, input: EntryInput) {
  return audienceIdFor(
    tx,
    input.audience,
    input.audience === "custom" ? input.audienceOrganizationIds : [],
  );
}

/** Extra facts of an entry that did not come from the form (an imported email's). */
export type EntryOrigin = {
  messageId?: string | null;
  /** The conversation it belongs to (email-thread.server.ts); its own Message-ID by default. */
  threadKey?: string | null;
  /** Added to the `entry.created` audit event, e.g. `{ source: "eml" }`. */
  auditDetails?: Record<string, unknown>;
  /** Added to the event's personal part (erasable, ADR 26), e.g. the mail's Message-ID. */
  auditPersonal?: Record<string, unknown>;
  /** More writes that belong to the entry (an email's sending): in its transaction, last. */
  within?: (tx: Tx, entryId: string) => Promise<void>;
};

/**
 * Stores files, then runs `write` in one transaction with them; if anything fails the stored
 * files are removed again, so an entry and its attachments exist together or not at all.
 */
async function withStoredFiles<T>(
  files: ReceivedFile[],
  write: (tx: Tx, stored: Awaited<ReturnType<typeof storeFiles>>) => Promise<T>,
) {
  const stored = files.length ? await storeFiles(files) : [];
  try {
    return await db().transaction((tx) => write(tx, stored));
  } catch (error) {
    await discardStored(stored);
    throw error;
  }
}

/** May the actor attach files to an entry with this audience (history section, like the entry)? */
function mayAttach(ability: AppAbility, actor: Actor, project: PolicyProject, input: EntryInput) {
  return mayCreateDocuments(ability, actor, project, {
    audience: input.audience,
    audienceOrganizationIds: input.audienceOrganizationIds,
    // Any id will do: attachments are judged by being attached, not by which entry.
    entryId: "00000000-0000-0000-0000-000000000000",
  });
}

/**
 * Logs a new entry with its attachments (received files that passed the checks), all in one
 * transaction. The caller has validated the input against the author's choices.
 */
export async function createEntry(
  ability: AppAbility,
  actor: Actor,
  auditActor: AuditActor,
  project: PolicyProject,
  input: EntryInput,
  files: ReceivedFile[] = [],
  origin: EntryOrigin = {},
) {
  const candidate = entrySubject(project, {
    authorId: actor.id,
    authorOrganizationId: actor.organizationId,
    audience: audienceField(input),
    channel: input.channel,
  });
  if (!ability.can("create", candidate)) throw new EntryWriteDenied();
  if (files.length && !mayAttach(ability, actor, project, input)) throw new EntryWriteDenied();
  return withStoredFiles(files, async (tx, stored) => {
    const audienceId = await audienceIdOf(tx, input);
    const [row] = await tx
      .insert(entries)
      .values({
        ...storedFields(input, audienceId),
        projectId: project.id,
        authorId: actor.id,
        authorOrganizationId: actor.organizationId,
        messageId: origin.messageId ?? null,
        threadKey: origin.threadKey ?? origin.messageId ?? null,
      })
      .returning({ id: entries.id });
    const entryId = row!.id;
    await writeParticipants(tx, entryId, input);
    await recordAudit(
      auditActor,
      {
        action: "entry.created",
        subjectType: "Entry",
        subjectId: entryId,
        details: {
          projectId: project.id,
          channel: input.channel,
          audience: input.audience,
          audienceOrganizationIds: input.audienceOrganizationIds,
          ...(stored.length ? { attachments: stored.length } : {}),
          ...origin.auditDetails,
        },
        personal: origin.auditPersonal,
      },
      tx,
    );
    if (stored.length) {
      await insertDocuments(tx, actor, auditActor, project, stored, {
        audience: input.audience,
        audienceOrganizationIds: input.audienceOrganizationIds,
        entryId,
      });
    }
    await origin.within?.(tx, entryId);
    return entryId;
  });
}

/** The fields a revision compares, as plain JSON. */
export type RevisedFields = {
  channel: string;
  direction: string;
  occurredAt: string;
  subject: string;
  bodyText: string;
  details: Record<string, unknown>;
  audience: string;
  audienceOrganizationIds: string[];
  contactIds: string[];
  userIds: string[];
};

function revisedFields(input: EntryInput): RevisedFields {
  return {
    channel: input.channel,
    direction: input.direction,
    occurredAt: input.occurredAt.toISOString(),
    subject: input.subject,
    bodyText: input.body.text,
    details: input.details,
    audience: input.audience,
    audienceOrganizationIds: [...input.audienceOrganizationIds].sort(),
    contactIds: [...input.contactIds].sort(),
    userIds: [...input.userIds].sort(),
  };
}

/** The entry as it is stored now, in the shape of a revision, for comparison. */
export async function currentFields(entryId: string): Promise<RevisedFields | undefined> {
  const [row] = await db()
    .select({ entry: entries, audience: audiences.kind })
    .from(entries)
    .innerJoin(audiences, eq(audiences.id, entries.audienceId))
    .where(eq(entries.id, entryId));
  if (!row) return undefined;
  const [audienceRows, participantRows] = await Promise.all([
    db()
      .select({ id: audienceOrganizations.organizationId })
      .from(audienceOrganizations)
      .where(eq(audienceOrganizations.audienceId, row.entry.audienceId)),
    db()
      .select({ contactId: entryParticipants.contactId, userId: entryParticipants.userId })
      .from(entryParticipants)
      .where(eq(entryParticipants.entryId, entryId)),
  ]);
  const { entry } = row;
  return {
    channel: entry.channel,
    direction: entry.direction,
    occurredAt: entry.occurredAt.toISOString(),
    subject: entry.subject,
    bodyText: entry.bodyText,
    details: entry.details,
    audience: row.audience,
    audienceOrganizationIds: audienceRows.map((item) => item.id).sort(),
    contactIds: participantRows.flatMap((item) => item.contactId ?? []).sort(),
    userIds: participantRows.flatMap((item) => item.userId ?? []).sort(),
  };
}

// jsonb stores object keys in its own order; compare with sorted keys.
const sameJson = (a: unknown, b: unknown) => stableStringify(a) === stableStringify(b);

/**
 * Edits an entry and keeps a revision of the fields that changed (before and after); new
 * attachments are added in the same transaction, and a changed audience is passed on to all
 * of the entry's attachments. Returns the names of the changed fields (`attachments` when
 * files were added); nothing changed writes nothing.
 */
export async function updateEntry(
  ability: AppAbility,
  auditActor: AuditActor,
  project: PolicyProject,
  existing: { id: string; authorId: string; authorOrganizationId: string; redactedAt: Date | null },
  input: EntryInput,
  files: ReceivedFile[] = [],
  actor?: Actor,
) {
  if (existing.redactedAt) throw new EntryWriteDenied();
  const before = await currentFields(existing.id);
  if (!before) throw new EntryWriteDenied();
  const asStored = entrySubject(project, {
    id: existing.id,
    authorId: existing.authorId,
    authorOrganizationId: existing.authorOrganizationId,
    audience: { kind: before.audience, organizationIds: before.audienceOrganizationIds },
  });
  if (!ability.can("update", asStored)) throw new EntryWriteDenied();
  const after = revisedFields(input);
  const changed = (Object.keys(after) as (keyof RevisedFields)[]).filter(
    (key) => !sameJson(before[key], after[key]),
  );
  if (files.length && (!actor || !mayAttach(ability, actor, project, input))) {
    throw new EntryWriteDenied();
  }
  if (changed.length === 0 && files.length === 0) return changed;
  const pick = (fields: RevisedFields) =>
    Object.fromEntries(changed.map((key) => [key, fields[key]]));
  await withStoredFiles(files, async (tx, stored) => {
    if (changed.length) {
      const audienceId = await audienceIdOf(tx, input);
      await tx
        .update(entries)
        .set({ ...storedFields(input, audienceId), updatedAt: new Date() })
        .where(eq(entries.id, existing.id));
      await writeParticipants(tx, existing.id, input);
      if (changed.includes("audience") || changed.includes("audienceOrganizationIds")) {
        await syncAttachmentAudience(tx, existing.id, audienceId);
      }
      await tx.insert(entryRevisions).values({
        entryId: existing.id,
        editorId: auditActor.userId!,
        before: pick(before),
        after: pick(after),
      });
      await recordAudit(
        auditActor,
        {
          action: "entry.updated",
          subjectType: "Entry",
          subjectId: existing.id,
          details: { projectId: project.id, changed },
        },
        tx,
      );
    }
    if (stored.length) {
      await insertDocuments(tx, actor!, auditActor, project, stored, {
        audience: input.audience,
        audienceOrganizationIds: input.audienceOrganizationIds,
        entryId: existing.id,
      });
    }
  });
  return files.length ? [...changed, "attachments"] : changed;
}

/**
 * An admin's redaction: the content goes (subject, body, channel fields, participants, and the
 * content kept in revisions), a tombstone with who, when and why stays.
 */
export async function redactEntry(
  ability: AppAbility,
  auditActor: AuditActor,
  project: PolicyProject,
  existing: { id: string; authorId: string; redactedAt: Date | null },
  reason: string,
) {
  if (existing.redactedAt) throw new EntryWriteDenied();
  if (!ability.can("redact", entrySubject(project, existing))) throw new EntryWriteDenied();
  await db().transaction(async (tx) => {
    const now = new Date();
    await redactAttachments(tx, existing.id, now);
    await tx
      .update(entries)
      .set({
        subject: "",
        body: null,
        bodyHtml: "",
        bodyText: "",
        details: {},
        redactedAt: now,
        redactedById: auditActor.userId,
        redactionReason: reason,
        updatedAt: new Date(),
      })
      .where(eq(entries.id, existing.id));
    await tx.delete(entryParticipants).where(eq(entryParticipants.entryId, existing.id));
    await tx
      .update(entryRevisions)
      .set({ before: { redacted: true }, after: { redacted: true } })
      .where(eq(entryRevisions.entryId, existing.id));
    await recordAudit(
      auditActor,
      {
        action: "entry.redacted",
        subjectType: "Entry",
        subjectId: existing.id,
        details: { projectId: project.id },
        personal: { reason },
      },
      tx,
    );
  });
}

/** The participants of an entry, with names (contacts only when the reader may read them). */
export async function listParticipants(ability: AppAbility, entryId: string) {
  // One statement: a contact the reader may not read comes back empty and is left out.
  const rows = await db()
    .select({
      contactId: contacts.id,
      contactName: contacts.name,
      roleTitle: contacts.roleTitle,
      userId: users.id,
      userName: users.name,
      organizationName: organizations.name,
    })
    .from(entryParticipants)
    .leftJoin(
      contacts,
      and(
        eq(contacts.id, entryParticipants.contactId),
        accessibleWhere(ability, "read", "Contact"),
      ),
    )
    .leftJoin(users, eq(users.id, entryParticipants.userId))
    .leftJoin(organizations, eq(organizations.id, users.organizationId))
    .where(eq(entryParticipants.entryId, entryId));
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
  return {
    contacts: rows
      .flatMap((row) =>
        row.contactId && row.contactName !== null
          ? [{ id: row.contactId, name: row.contactName, roleTitle: row.roleTitle ?? "" }]
          : [],
      )
      .sort(byName),
    users: rows
      .flatMap((row) =>
        row.userId && row.userName !== null
          ? [{ id: row.userId, name: row.userName, organizationName: row.organizationName ?? "" }]
          : [],
      )
      .sort(byName),
  };
}
