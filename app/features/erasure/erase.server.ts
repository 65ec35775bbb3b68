import { randomUUID } from "node:crypto";
import { and, eq, getTableName, inArray, or, sql } from "drizzle-orm";
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
import { phoneKey, redactText, type RedactionRules } from "~/features/accounts/index.server";
import {
  holdsInForce,
  loadDataSubject,
  mentionsIn,
  entryIdHeld,
  participationsOf,
  type DataSubject,
} from "~/features/compliance/index.server";
import { recordAudit, type AuditActor } from "~/kernel/audit/audit.server";
import { auditSigningKey } from "~/kernel/audit/checkpoints.server";
import { signCertificate } from "~/kernel/audit/signed-certificate";
import { eraseAuditPersonalData } from "~/kernel/audit/erase-personal.server";
import { enqueueJob, type JobWorker } from "~/kernel/jobs/jobs.server";
import { logger } from "~/kernel/logger.server";
import { isUuid } from "~/kernel/query-input";
import { storage } from "~/kernel/storage/storage.server";
import { erasureLimits, type CertificateBody, type ErasedPlace } from "./certificate";
import { places, scrubPlace, type Home } from "./places.server";
import { ERASED_PHONE, pseudonymOf } from "./pseudonym";

/*
 * Erasure (ADR 27): a contact person, or an external user who left, anonymised for good. Their
 * record keeps its id under a pseudonym, so the history stays whole; every text that names them
 * says the pseudonym instead; what only they were (sessions, keys, their unplaced mail, their
 * data-subject exports) goes. One transaction, with its audit event and signed certificate.
 */

export type ErasureRefusal = "unknown" | "alreadyErased" | "held" | "referenceNamesPerson";

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
  /** Rows that name them but are under a legal hold (another person's): left as they are. */
  keptUnderHold: { place: string; rows: number }[];
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
  const person = await loadDataSubject(kind, id, { activity: false });
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
 * Where the person belongs: their account's or organisation's projects, the projects it is a
 * member of, and those whose history they took part in (or, a user, wrote).
 */
export async function homeOf(person: DataSubject, organizationId: string): Promise<Home> {
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
                inArray(entries.id, participationsOf(person)),
                person.kind === "user" ? eq(entries.authorId, person.id) : undefined,
              ),
            ),
        ),
      ),
    );
  return { projectIds: rows.map((row) => row.id), organizationId };
}

/**
 * The holds in force over the person, their organisation, a project of theirs, or a project
 * whose entries, requests or documents name them: any of these stops the erasure.
 */
async function holdsOver(person: DataSubject, home: Home, executor: Database = db()) {
  const named = (columns: Parameters<typeof mentionsIn>[1]) => mentionsIn(person, columns);
  const naming = await executor
    .selectDistinct({ id: projects.id })
    .from(projects)
    .where(
      or(
        inArray(
          projects.id,
          executor
            .select({ id: entries.projectId })
            .from(entries)
            .where(named([entries.subject, entries.bodyText, sql`${entries.details}::text`])),
        ),
        inArray(
          projects.id,
          executor
            .select({ id: requests.projectId })
            .from(requests)
            .where(named([requests.title, requests.descriptionText])),
        ),
        inArray(
          projects.id,
          executor
            .select({ id: documents.projectId })
            .from(documents)
            .where(named([documents.title, documents.description])),
        ),
      ),
    );
  return holdsInForce(
    {
      contactIds: person.kind === "contact" ? [person.id] : [],
      accountIds: [home.organizationId],
      projectIds: [...new Set([...home.projectIds, ...naming.map((row) => row.id)])],
    },
    executor,
  );
}

/** Everything but the person's own record and the certificate, inside `tx`. */
async function eraseEverywhere(
  tx: Database,
  person: DataSubject,
  home: Home,
): Promise<ErasureOutcome & { fileKeys: string[] }> {
  const rules = rulesFor(person);
  const candidates = (columns: Parameters<typeof mentionsIn>[1]) => mentionsIn(person, columns);
  const changed: ErasedPlace[] = [];
  const keptUnderHold: { place: string; rows: number }[] = [];
  for (const place of places) {
    const { ids, held } = await scrubPlace(tx, place, candidates, rules, { ...person, home });
    if (ids.length) changed.push({ place: place.key, rows: ids.length, ids });
    if (held) keptUnderHold.push({ place: place.key, rows: held });
  }
  const unlinked = await tx
    .delete(entryParticipants)
    .where(
      and(
        person.kind === "contact"
          ? eq(entryParticipants.contactId, person.id)
          : eq(entryParticipants.userId, person.id),
        // A held entry keeps who took part in it.
        sql`not ${entryIdHeld(sql`${entryParticipants.entryId}`)}`,
      ),
    )
    .returning({ id: entryParticipants.id });
  const removed: { place: string; rows: number }[] = [];
  const remove = (place: string, rows: unknown[]) => {
    if (rows.length) removed.push({ place, rows: rows.length });
  };
  // Mail nobody placed yet that they sent or that went to them is their own message, raw bytes
  // and all: it goes. (Mail that only mentions them is rewritten with the other places.)
  const email = person.email?.trim().toLowerCase();
  if (email) {
    remove(
      "unresolvedMails",
      await tx
        .delete(unresolvedMails)
        .where(
          sql`lower(${unresolvedMails.fromAddress}) = ${email} or exists (
            select 1 from jsonb_array_elements_text(${unresolvedMails.recipients}) as recipient
            where lower(recipient) = ${email} or lower(recipient) like ${`%<${email}>`})`,
        )
        .returning({ id: unresolvedMails.id }),
    );
  }
  const exports = await tx
    .delete(subjectExports)
    .where(
      and(eq(subjectExports.subjectKind, person.kind), eq(subjectExports.subjectId, person.id)),
    )
    .returning({ fileKey: subjectExports.fileKey });
  remove("subjectExports", exports);
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
    keptUnderHold,
    unlinked: { participations: unlinked.length },
    removed,
    audit: { eventsErased: audit.events, eventsNotErasable: audit.unerasable },
    fileKeys: exports.flatMap((row) => row.fileKey ?? []),
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
export async function eraseWithin(tx: Database, person: DataSubject, home: Home, now: Date) {
  const outcome = await eraseEverywhere(tx, person, home);
  await anonymiseRecord(tx, person, now);
  return outcome;
}

/**
 * Files whose rows a committed erasure or retention run removed. A storage failure now is not
 * the officer's error: the hourly sweep removes files no row refers to.
 */
export async function removeFiles(keys: string[]) {
  if (!keys.length) return;
  try {
    await (await storage()).remove(keys);
  } catch (error) {
    logger.warn({ err: error, files: keys.length }, "files left for the storage sweep");
  }
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
 * An UPDATE or DELETE leaves the old row version in its page until a vacuum frees that space
 * for new rows to overwrite: after an erasure the touched tables are vacuumed at once, not
 * whenever autovacuum comes by. It shortens how long old bytes stay on disk; it does not wipe
 * them, nor backups or the write-ahead log (ADR 27).
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
  const home = await homeOf(found.person, found.organizationId);
  const holds = await holdsOver(found.person, home);
  let outcome: ErasureOutcome | null = null;
  try {
    await db().transaction(async (tx) => {
      const { fileKeys: _, ...counted } = await eraseEverywhere(tx, found.person, home);
      throw new DryRunDone(counted);
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
  // The certificate is kept for good: its reference must not become a place that names them.
  if (redactText(input.reference, rulesFor(person)) !== input.reference) {
    throw new ErasureRefused("referenceNamesPerson");
  }
  const home = await homeOf(person, found.organizationId);
  const holds = await holdsOver(person, home);
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
    // A hold placed since the check above still stops it.
    const placedMeanwhile = await holdsOver(person, home, tx);
    if (placedMeanwhile.length) throw new ErasureRefused("held", placedMeanwhile);
    const [head] = await tx.select().from(auditChainHead).where(eq(auditChainHead.id, 1));
    const { fileKeys: exportFiles, ...outcome } = await eraseEverywhere(tx, person, home);
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
      keptUnderHold: outcome.keptUnderHold,
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
      limits: [...erasureLimits],
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
    // One waiting vacuum serves every erasure queued before it runs.
    await enqueueJob(ERASURE_VACUUM, {}, { singletonKey: ERASURE_VACUUM }, tx);
    return { id, fileKeys: exportFiles };
  });
  await removeFiles(fileKeys);
  return erasureId;
}
