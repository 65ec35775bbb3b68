import { and, asc, eq, sql, type SQL } from "drizzle-orm";
import { db } from "#db/client.server";
import { contacts, type LegalBasis } from "#db/schema";
import type { AppAbility } from "#policies/ability";
import { accessibleWhere } from "#policies/to-sql";
import { recordAudit, type AuditActor } from "~/kernel/audit/audit.server";
import { isUuid } from "~/kernel/query-input";

export type ContactInput = {
  name: string;
  roleTitle?: string;
  email?: string;
  phone?: string;
  legalBasis: LegalBasis;
  notes?: string;
};

export type ContactRow = {
  id: string;
  accountId: string;
  name: string;
  roleTitle: string;
  /** Null where the reader may not read it (or where nothing is stored). */
  email: string | null;
  phone: string | null;
  /** Why the person's data is processed, and internal notes: for readers of those fields. */
  legalBasis: LegalBasis | null;
  notes: string | null;
  /** The reader may read email and phone (whether or not any are stored). */
  detailsVisible: boolean;
  /** When the person was erased (data protection): the record stays, under a pseudonym. */
  erasedAt: Date | null;
};

/**
 * A contact's columns with every field-level rule applied in the query: email and phone only
 * where the reader's abilities allow that field, and so legal basis and notes (the host's own
 * record of why it keeps a person's data, which only host staff's rules name).
 */
function contactColumns(ability: AppAbility) {
  const allowed = (field: string) => accessibleWhere(ability, "read", "Contact", { field });
  const internal = (field: string, column: SQL) =>
    sql`case when ${allowed(field)} then ${column} end`;
  return {
    id: contacts.id,
    accountId: contacts.accountId,
    name: contacts.name,
    roleTitle: contacts.roleTitle,
    email: sql<string | null>`case when ${allowed("email")} then ${contacts.email} end`,
    phone: sql<string | null>`case when ${allowed("phone")} then ${contacts.phone} end`,
    legalBasis: sql<LegalBasis | null>`${internal("legalBasis", sql`${contacts.legalBasis}`)}`,
    notes: sql<string | null>`${internal("notes", sql`${contacts.notes}`)}`,
    detailsVisible: sql<boolean>`(${allowed("email")} and ${allowed("phone")})`,
    erasedAt: contacts.erasedAt,
  };
}

/** The account's contact persons the reader may see, with the fields the reader may read. */
export async function listAccountContacts(
  ability: AppAbility,
  accountId: string,
): Promise<ContactRow[]> {
  return db()
    .select(contactColumns(ability))
    .from(contacts)
    .where(and(eq(contacts.accountId, accountId), accessibleWhere(ability, "read", "Contact")))
    .orderBy(asc(contacts.name), asc(contacts.id));
}

/** One contact of the account, if the reader may read it; missing and denied are `undefined`. */
export async function findContact(
  ability: AppAbility,
  accountId: string,
  contactId: string | undefined,
): Promise<ContactRow | undefined> {
  if (!isUuid(contactId)) return undefined;
  const [row] = await db()
    .select(contactColumns(ability))
    .from(contacts)
    .where(
      and(
        eq(contacts.id, contactId),
        eq(contacts.accountId, accountId),
        accessibleWhere(ability, "read", "Contact"),
      ),
    );
  return row;
}

function stored(input: ContactInput) {
  return {
    name: input.name,
    roleTitle: input.roleTitle ?? "",
    email: input.email ?? null,
    phone: input.phone ?? null,
    legalBasis: input.legalBasis,
    notes: input.notes ?? "",
  };
}

/*
 * The audit events name the fields that were set or changed, never their values: the audit log
 * is append-only and hash-chained, so personal data written into it could never be erased.
 */

/** Adds a contact person to the account; the row and its audit event commit together. */
export async function createContact(actor: AuditActor, accountId: string, input: ContactInput) {
  return db().transaction(async (tx) => {
    const values = stored(input);
    const [row] = await tx
      .insert(contacts)
      .values({ accountId, ...values })
      .returning({ id: contacts.id });
    const fields = Object.entries(values)
      .filter(([, value]) => value !== null && value !== "")
      .map(([field]) => field);
    await recordAudit(
      actor,
      {
        action: "contact.created",
        subjectType: "Contact",
        subjectId: row!.id,
        details: { accountId, fields },
      },
      tx,
    );
    return row!.id;
  });
}

/**
 * Saves the contact's new values and records which fields changed. Nothing changed: no write,
 * no event, and the answer is an empty list.
 */
export async function updateContact(
  actor: AuditActor,
  contactId: string,
  input: ContactInput,
): Promise<string[]> {
  return db().transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(contacts)
      .where(eq(contacts.id, contactId))
      .for("update");
    if (!current) throw new Error(`contact ${contactId} is gone`);
    // Erased between the form's check and this write: nothing of theirs is written back.
    if (current.erasedAt) return [];
    const values = stored(input);
    const changed = (Object.keys(values) as (keyof typeof values)[]).filter(
      (field) => values[field] !== current[field],
    );
    if (changed.length === 0) return changed;
    await tx
      .update(contacts)
      .set({ ...values, updatedAt: new Date() })
      .where(eq(contacts.id, contactId));
    await recordAudit(
      actor,
      {
        action: "contact.updated",
        subjectType: "Contact",
        subjectId: contactId,
        details: { accountId: current.accountId, changed },
      },
      tx,
    );
    return changed;
  });
}

/** Records that the reader opened one contact person's page, and whether it showed details. */
export async function recordContactViewed(actor: AuditActor, contact: ContactRow) {
  await recordAudit(actor, {
    action: "contact.viewed",
    subjectType: "Contact",
    subjectId: contact.id,
    details: { accountId: contact.accountId, via: "contact", details: contact.detailsVisible },
  });
}
