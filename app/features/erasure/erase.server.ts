import { randomUUID } from "node:crypto";
import { and, eq, getTableName, inArray, isNotNull, or, sql } from "drizzle-orm";
import { db, type Database } from "#db/client.server";
import {
  accountLockouts,
  auditChainHead,
  auditEvents,
  contacts,
  documents,
  entries,
  entryParticipants,
  erasures,
  memberships,
  passwordResetTokens,
  projects,
  recoveryCodes,
  requests,
  sessions,
  subjectExports,
  trustedDevices,
  unresolvedMails,
  users,
} from "#db/schema";
import type { DataSubjectKind } from "#db/schema/values";
import { subject, type AppAbility } from "#policies/ability";
import { phoneKey, type RedactionRules } from "~/features/accounts/index.server";
import {
  holdsInForce,
  loadDataSubject,
  mentionsIn,
  participationsOf,
  type DataSubject,
} from "~/features/compliance/index.server";
import { recordAudit, type AuditActor } from "~/kernel/audit/audit.server";
import { auditSigningKey } from "~/kernel/audit/checkpoints.server";
import { signCertificate } from "~/kernel/audit/signed-certificate";
import { eraseAuditPersonalData } from "~/kernel/audit/erase-personal.server";
import { enqueueJob, type JobWorker } from "~/kernel/jobs/jobs.server";
import { isUuid } from "~/kernel/query-input";
import { storage } from "~/kernel/storage/storage.server";
import type { CertificateBody, ErasedPlace } from "./certificate";
import { places, scrubPlace } from "./places.server";
import { ERASED_PHONE, pseudonymOf } from "./pseudonym";

/*
 * Erasure (ADR 27): a contact person, or an external user who left, anonymised for good. Their
 * record keeps its id under a pseudonym, so the history stays whole; every text that names them
 * says the pseudonym instead; what only they were (sessions, keys, their unplaced mail, their
 * data-subject exports) goes. One transaction, with its audit event and signed certificate.
 */

export type ErasureRefusal = "unknown" | "alreadyErased" | "held";

export class ErasureRefused extends Error {
  constructor(
    readonly reason: ErasureRefusal,
    readonly holds: Awaited<ReturnType<typeof holdsInForce>> = [],
  ) {
    super(`erasure refused: ${reason}`);
  }
}

/** What an erasure changes (or, in a dry run, would change), place by place. */
export type ErasureOutcome = {
  places: ErasedPlace[];
  unlinked: { participations: number };
  removed: { place: string; rows: number }[];
  audit: { eventsErased: number; eventsNotErasable: number };
};

const SUBJECT_TYPE = { contact: "Contact", user: "User" } as const;
const RECORD_FIELDS = {
  contact: ["name", "roleTitle", "email", "phone", "notes"],
  user: ["name", "email", "password", "twoFactorKey", "sessions", "trustedDevices"],
};

/** The person, if they exist, the reader may erase them, and they are not erased already. */
async function erasable(ability: AppAbility, kind: DataSubjectKind, id: string) {
  if (!isUuid(id)) return null;
  const [row] =
    kind === "contact"
      ? await db()
          .select({ id: contacts.id, erasedAt: contacts.erasedAt, accountId: contacts.accountId })
          .from(contacts)
          .where(eq(contacts.id, id))
      : await db()
          .select({
            id: users.id,
            erasedAt: users.erasedAt,
            role: users.role,
            organizationId: users.organizationId,
          })
          .from(users)
          .where(eq(users.id, id));
  if (!row || !ability.can("erase", subject(SUBJECT_TYPE[kind], row))) return null;
  const person = await loadDataSubject(kind, id);
  if (!person) return null;
  const organizationId = "accountId" in row ? row.accountId : row.organizationId;
  return { person, organizationId, erasedAt: row.erasedAt };
}

/** What stands for the person from now on: their address, number and name, whole. */
function rulesFor(person: DataSubject): RedactionRules {
  const pseudonym = pseudonymOf(person.kind, person.id);
  const email = person.email?.trim().toLowerCase();
  const phone = person.phone ? phoneKey(person.phone) : null;
  return {
    emails: new Map(email ? [[email, pseudonym.email]] : []),
    phones: new Map(phone ? [[phone, ERASED_PHONE]] : []),
    names: new Map(person.name.trim() ? [[person.name.trim(), pseudonym.name]] : []),
  };
}

/**
 * The projects the person appears in: a legal hold on any of them stops the erasure, as one on
 * the person or their organisation does.
 */
async function projectsOf(person: DataSubject, organizationId: string) {
  const named = (columns: Parameters<typeof mentionsIn>[1]) => mentionsIn(person, columns);
  const participating = participationsOf(person);
  const rows = await db()
    .selectDistinct({ id: projects.id })
    .from(projects)
    .where(
      or(
        eq(projects.accountId, organizationId),
        inArray(
          projects.id,
          db()
            .select({ id: memberships.projectId })
            .from(memberships)
            .where(eq(memberships.organizationId, organizationId)),
        ),
        inArray(
          projects.id,
          db()
            .select({ id: entries.projectId })
            .from(entries)
            .where(
              or(
                inArray(entries.id, participating),
                person.kind === "user" ? eq(entries.authorId, person.id) : undefined,
                named([entries.subject, entries.bodyText, sql`${entries.details}::text`]),
              ),
            ),
        ),
        inArray(
          projects.id,
          db()
            .select({ id: requests.projectId })
            .from(requests)
            .where(named([requests.title, requests.descriptionText])),
        ),
        inArray(
          projects.id,
          db()
            .select({ id: documents.projectId })
            .from(documents)
            .where(named([documents.title, documents.description])),
        ),
      ),
    );
  return rows.map((row) => row.id);
}

/** The holds in force over the person, their organisation or a project they appear in. */
async function holdsOver(person: DataSubject, organizationId: string) {
  return holdsInForce({
    contactIds: person.kind === "contact" ? [person.id] : [],
    accountIds: [organizationId],
    projectIds: await projectsOf(person, organizationId),
  });
}

/** Everything but the person's own record and the certificate, inside `tx`. */
async function eraseEverywhere(tx: Database, person: DataSubject): Promise<ErasureOutcome> {
  const rules = rulesFor(person);
  const candidates = (columns: Parameters<typeof mentionsIn>[1]) => mentionsIn(person, columns);
  const changed: ErasedPlace[] = [];
  for (const place of places) {
    const ids = await scrubPlace(tx, place, candidates, rules);
    if (ids.length) changed.push({ place: place.key, rows: ids.length, ids });
  }
  const unlinked = await tx
    .delete(entryParticipants)
    .where(
      person.kind === "contact"
        ? eq(entryParticipants.contactId, person.id)
        : eq(entryParticipants.userId, person.id),
    )
    .returning({ id: entryParticipants.id });
  const removed: { place: string; rows: number }[] = [];
  const remove = (place: string, rows: unknown[]) => {
    if (rows.length) removed.push({ place, rows: rows.length });
  };
  // Mail nobody placed yet is the person's own message, raw bytes and all: it goes.
  const email = person.email?.trim().toLowerCase();
  remove(
    "unresolvedMails",
    await tx
      .delete(unresolvedMails)
      .where(
        or(
          candidates([
            unresolvedMails.fromAddress,
            unresolvedMails.fromName,
            sql`${unresolvedMails.recipients}::text`,
            unresolvedMails.subject,
            unresolvedMails.previewText,
          ]),
          email
            ? sql`position(convert_to(${email}, 'UTF8') in ${unresolvedMails.raw}) > 0`
            : undefined,
          person.email && person.email.trim() !== email
            ? sql`position(convert_to(${person.email.trim()}, 'UTF8') in ${unresolvedMails.raw}) > 0`
            : undefined,
        ),
      )
      .returning({ id: unresolvedMails.id }),
  );
  remove(
    "subjectExports",
    await tx
      .delete(subjectExports)
      .where(
        and(eq(subjectExports.subjectKind, person.kind), eq(subjectExports.subjectId, person.id)),
      )
      .returning({ id: subjectExports.id, fileKey: subjectExports.fileKey }),
  );
  if (person.kind === "user") {
    remove("sessions", await tx.delete(sessions).where(eq(sessions.userId, person.id)).returning());
    remove(
      "recoveryCodes",
      await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, person.id)).returning(),
    );
    remove(
      "passwordResetTokens",
      await tx
        .delete(passwordResetTokens)
        .where(eq(passwordResetTokens.userId, person.id))
        .returning(),
    );
    remove(
      "trustedDevices",
      await tx.delete(trustedDevices).where(eq(trustedDevices.userId, person.id)).returning(),
    );
    if (email) {
      remove(
        "signInLockouts",
        await tx
          .delete(accountLockouts)
          .where(sql`lower(${accountLockouts.email}) = ${email}`)
          .returning(),
      );
    }
  }
  const audit = await eraseAuditPersonalData(tx, {
    actorUserIds: person.kind === "user" ? [person.id] : [],
    subjectIds: [person.id],
    mentions: [person.email, person.name.trim().length >= 4 ? person.name : null].filter(
      (value): value is string => Boolean(value?.trim()),
    ),
  });
  return {
    places: changed,
    unlinked: { participations: unlinked.length },
    removed,
    audit: { eventsErased: audit.events, eventsNotErasable: audit.unerasable },
  };
}

/** The person's own record, under their pseudonym: nothing left that reaches them. */
async function anonymiseRecord(tx: Database, person: DataSubject, now: Date) {
  const pseudonym = pseudonymOf(person.kind, person.id);
  if (person.kind === "contact") {
    await tx
      .update(contacts)
      .set({
        name: pseudonym.name,
        roleTitle: "",
        email: null,
        phone: null,
        notes: "",
        erasedAt: now,
        updatedAt: now,
      })
      .where(eq(contacts.id, person.id));
    return;
  }
  await tx
    .update(users)
    .set({
      name: pseudonym.name,
      email: pseudonym.email,
      passwordHash: null,
      totpKey: null,
      totpEnabledAt: null,
      totpLastStep: null,
      disabledAt: sql`coalesce(${users.disabledAt}, ${now.toISOString()}::timestamptz)`,
      erasedAt: now,
    })
    .where(eq(users.id, person.id));
}

/**
 * A person erased inside the caller's transaction, without a certificate of their own: what
 * retention does to a contact whose period has passed (its run's certificate names them).
 */
export async function eraseWithin(tx: Database, person: DataSubject, now: Date) {
  const outcome = await eraseEverywhere(tx, person);
  await anonymiseRecord(tx, person, now);
  return outcome;
}

export const ERASURE_VACUUM = "erasure-vacuum";

/** Every table an erasure may rewrite or delete from. */
const erasedTables = [
  ...new Set([
    ...places.map((place) => getTableName(place.table)),
    ...[contacts, users, entryParticipants, unresolvedMails, subjectExports, auditEvents].map(
      getTableName,
    ),
    ...[sessions, recoveryCodes, passwordResetTokens, trustedDevices, accountLockouts].map(
      getTableName,
    ),
  ]),
];

/**
 * An UPDATE or DELETE leaves the old row version on disk until a vacuum reclaims it: after an
 * erasure, the tables it touched are vacuumed at once rather than whenever autovacuum comes by.
 * (Backups and the write-ahead log keep what they kept; ADR 27.)
 */
export async function vacuumAfterErasure() {
  for (const table of erasedTables) await db().execute(sql.raw(`vacuum "${table}"`));
}

export const erasureVacuumWorker: JobWorker = {
  name: ERASURE_VACUUM,
  handler: vacuumAfterErasure,
  options: { retryLimit: 2 },
};

/** Thrown to roll a dry run back once it has counted what it would change. */
class DryRunDone extends Error {
  constructor(readonly outcome: ErasureOutcome) {
    super("dry run");
  }
}

export type ErasurePreview = {
  person: DataSubject & { organizationId: string };
  erasedAt: Date | null;
  holds: Awaited<ReturnType<typeof holdsInForce>>;
  outcome: ErasureOutcome | null;
};

/**
 * What erasing the person would change, counted by doing it and rolling it back: the preview
 * cannot differ from the erasure. Null when the reader may not erase them (or they do not exist).
 */
export async function previewErasure(
  ability: AppAbility,
  kind: DataSubjectKind,
  id: string,
): Promise<ErasurePreview | null> {
  const found = await erasable(ability, kind, id);
  if (!found) return null;
  const person = { ...found.person, organizationId: found.organizationId };
  if (found.erasedAt) return { person, erasedAt: found.erasedAt, holds: [], outcome: null };
  const holds = await holdsOver(found.person, found.organizationId);
  let outcome: ErasureOutcome | null = null;
  try {
    await db().transaction(async (tx) => {
      throw new DryRunDone(await eraseEverywhere(tx, found.person));
    });
  } catch (error) {
    if (!(error instanceof DryRunDone)) throw error;
    outcome = error.outcome;
  }
  return { person, erasedAt: null, holds, outcome };
}

/**
 * Erases the person for good and returns the erasure's id, whose certificate is signed with the
 * installation's audit key. Refused while a legal hold is in force over them.
 */
export async function eraseDataSubject(
  ability: AppAbility,
  actor: AuditActor & { userId: string },
  input: { kind: DataSubjectKind; id: string; reference: string },
): Promise<string> {
  const found = await erasable(ability, input.kind, input.id);
  if (!found) throw new ErasureRefused("unknown");
  if (found.erasedAt) throw new ErasureRefused("alreadyErased");
  const { person } = found;
  const holds = await holdsOver(person, found.organizationId);
  if (holds.length) throw new ErasureRefused("held", holds);
  const [erasedBy] = await db()
    .select({ id: users.id, name: users.name, role: users.role })
    .from(users)
    .where(eq(users.id, actor.userId));
  const pseudonym = pseudonymOf(person.kind, person.id);
  const { id: erasureId, fileKeys } = await db().transaction(async (tx) => {
    // One erasure of a person at a time: the second finds them erased and stops.
    const table = person.kind === "contact" ? contacts : users;
    const [locked] = await tx
      .select({ erasedAt: table.erasedAt })
      .from(table)
      .where(eq(table.id, person.id))
      .for("update");
    if (!locked || locked.erasedAt) throw new ErasureRefused("alreadyErased");
    const [head] = await tx.select().from(auditChainHead).where(eq(auditChainHead.id, 1));
    const exportsHeld = await tx
      .select({ fileKey: subjectExports.fileKey })
      .from(subjectExports)
      .where(
        and(
          eq(subjectExports.subjectKind, person.kind),
          eq(subjectExports.subjectId, person.id),
          isNotNull(subjectExports.fileKey),
        ),
      );
    const outcome = await eraseEverywhere(tx, person);
    const now = new Date();
    await anonymiseRecord(tx, person, now);
    const id = randomUUID();
    const seq = await recordAudit(
      actor,
      {
        action: person.kind === "contact" ? "contact.erased" : "user.erased",
        subjectType: SUBJECT_TYPE[person.kind],
        subjectId: person.id,
        details: { erasureId: id, pseudonym: pseudonym.name },
      },
      tx,
    );
    const [event] = await tx
      .select({ hash: auditEvents.hash })
      .from(auditEvents)
      .where(eq(auditEvents.seq, seq));
    const body: CertificateBody = {
      type: "ambit.deletion-certificate",
      version: 1,
      id,
      subject: { kind: person.kind, id: person.id, pseudonym: pseudonym.name },
      reference: input.reference,
      erasedAt: now.toISOString(),
      erasedBy: {
        id: actor.userId,
        name: erasedBy?.name ?? "",
        role: erasedBy?.role ?? "",
      },
      record: RECORD_FIELDS[person.kind],
      places: outcome.places,
      unlinked: outcome.unlinked,
      removed: outcome.removed,
      audit: {
        ...outcome.audit,
        chainHeadBefore: { seq: head!.seq, hash: head!.hash },
        chainHeadAfter: { seq, hash: event!.hash },
      },
      legalHolds: {
        checked:
          person.kind === "contact"
            ? ["contact", "account", "projects"]
            : ["organization", "projects"],
        inForce: 0,
      },
    };
    const signature = signCertificate(body, auditSigningKey());
    await tx.insert(erasures).values({
      id,
      subjectKind: person.kind,
      subjectId: person.id,
      pseudonym: pseudonym.name,
      reference: input.reference,
      erasedById: actor.userId,
      erasedAt: now,
      certificate: body,
      keyId: signature.keyId,
      signature: signature.value,
    });
    await enqueueJob(ERASURE_VACUUM, {}, {}, tx);
    return { id, fileKeys: exportsHeld.flatMap((item) => item.fileKey ?? []) };
  });
  // The exports' rows are gone with the transaction; their files follow (the sweep would too).
  if (fileKeys.length) await (await storage()).remove(fileKeys);
  return erasureId;
}
