import {
  aliasedTable,
  and,
  asc,
  desc,
  eq,
  ilike,
  inArray,
  isNull,
  or,
  sql,
  type SQL,
  type SQLWrapper,
} from "drizzle-orm";
import { db } from "#db/client.server";
import {
  auditEvents,
  contacts,
  documents,
  documentVersions,
  entries,
  entryParticipants,
  organizations,
  projects,
  requestComments,
  requests,
  sessions,
  users,
  type DataSubjectKind,
} from "#db/schema";
import {
  emailsIn,
  headerAddresses,
  parseAddress,
  phoneKey,
  phoneKeysIn,
  wholeNamePattern,
} from "~/features/accounts/index.server";
import { containsPattern } from "~/kernel/query-input";
import { describeAuditEvents, type AuditRow } from "./audit-log.server";
import type { AuditEventView } from "./types";

/*
 * Everything Ambit holds that names one person, for a data-subject export: their record, the
 * entries, documents, requests and comments that name them, and the audit log of who accessed
 * their record and those items. Read as the host sees it (the export answers the person, not
 * a reader), by a background job: the text matches scan, which is fine off the request path.
 */

/** Why an item is in the export. */
export type MatchReason =
  | "participant"
  | "author"
  | "emailHeader"
  | "name"
  | "email"
  | "phone"
  | "openedBy"
  | "owner"
  | "uploader";

/** The person as found, and the words that name them. */
export type DataSubject = {
  kind: DataSubjectKind;
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  /** A contact's account, a user's organisation. */
  organizationId: string;
  /** Their record, field by field, as stored. */
  record: Record<string, unknown>;
};

const iso = (value: Date | null | undefined) => value?.toISOString() ?? null;

const userSessions = (userId: string) =>
  db().select().from(sessions).where(eq(sessions.userId, userId)).orderBy(desc(sessions.createdAt));

const userSignIns = (userId: string) =>
  db()
    .select({ at: auditEvents.occurredAt, ip: auditEvents.ip, userAgent: auditEvents.userAgent })
    .from(auditEvents)
    .where(and(eq(auditEvents.actorUserId, userId), eq(auditEvents.action, "auth.login_succeeded")))
    .orderBy(desc(auditEvents.seq))
    .limit(1000);

/**
 * The person and their record. `activity: false` leaves a user's sessions and sign-ins (up to
 * 1,000 events) out of it: erasing someone needs to know who they are, not where they were.
 */
export async function loadDataSubject(
  kind: DataSubjectKind,
  id: string,
  { activity = true } = {},
): Promise<DataSubject | null> {
  if (kind === "contact") {
    const [row] = await db()
      .select({ contact: contacts, account: organizations.name })
      .from(contacts)
      .innerJoin(organizations, eq(organizations.id, contacts.accountId))
      .where(eq(contacts.id, id));
    if (!row) return null;
    const { contact } = row;
    return {
      kind,
      id,
      name: contact.name,
      email: contact.email,
      phone: contact.phone,
      organizationId: contact.accountId,
      record: {
        name: contact.name,
        roleTitle: contact.roleTitle,
        email: contact.email,
        phone: contact.phone,
        account: row.account,
        legalBasis: contact.legalBasis,
        notes: contact.notes,
        createdAt: iso(contact.createdAt),
        updatedAt: iso(contact.updatedAt),
      },
    };
  }
  const [row] = await db()
    .select({ user: users, organization: organizations.name })
    .from(users)
    .innerJoin(organizations, eq(organizations.id, users.organizationId))
    .where(eq(users.id, id));
  if (!row) return null;
  const { user } = row;
  const [sessionRows, signIns] = await Promise.all([
    activity ? userSessions(id) : [],
    activity ? userSignIns(id) : [],
  ]);
  // Secrets (password hash, two-factor key) are not the person's data to read: they are keys.
  return {
    kind,
    id,
    name: user.name,
    email: user.email,
    phone: null,
    organizationId: user.organizationId,
    record: {
      name: user.name,
      email: user.email,
      role: user.role,
      organization: row.organization,
      language: user.locale,
      timeZone: user.timeZone,
      twoFactorEnabledAt: iso(user.totpEnabledAt),
      passwordChangedAt: iso(user.passwordChangedAt),
      disabledAt: iso(user.disabledAt),
      createdAt: iso(user.createdAt),
      ...(activity && {
        sessions: sessionRows.map((session) => ({
          createdAt: iso(session.createdAt),
          lastSeenAt: iso(session.lastSeenAt),
          expiresAt: iso(session.expiresAt),
          ip: session.ip,
          userAgent: session.userAgent,
        })),
        signIns: signIns.map((event) => ({
          at: iso(event.at),
          ip: event.ip,
          userAgent: event.userAgent,
        })),
      }),
    },
  };
}

/** A name shorter than this would match half the history ("Li"): it is not searched for. */
const MIN_NAME_LENGTH = 4;
const MIN_PHONE_DIGITS = 6;

/**
 * Texts that may name the person, as a condition on the given columns: their name or email
 * address anywhere (case-insensitive), or the last digits of their phone number in the
 * columns' digits. It only narrows; `reasonsIn` then says exactly what matched.
 */
export function mentionsIn(
  person: Pick<DataSubject, "name" | "email" | "phone">,
  columns: SQLWrapper[],
): SQL | undefined {
  const text = sql`concat_ws(' ', ${sql.join(columns, sql`, `)})`;
  const digits = person.phone ? (phoneKey(person.phone) ?? "").replace(/\D/g, "") : "";
  return or(
    person.name.trim().length >= MIN_NAME_LENGTH
      ? ilike(text, containsPattern(person.name.trim()))
      : undefined,
    person.email ? ilike(text, containsPattern(person.email.trim())) : undefined,
    digits.length >= MIN_PHONE_DIGITS
      ? sql`regexp_replace(${text}, '\\D', '', 'g') like ${`%${digits.slice(-MIN_PHONE_DIGITS)}%`}`
      : undefined,
  );
}

/** What in these texts names the person: their name, address or number. */
function reasonsIn(person: DataSubject, texts: (string | null | undefined)[]): MatchReason[] {
  const reasons: MatchReason[] = [];
  const joined = texts.filter(Boolean).join("\n");
  const name = person.name.trim();
  if (name.length >= MIN_NAME_LENGTH && wholeNamePattern(name).test(joined)) reasons.push("name");
  const email = person.email?.trim().toLowerCase();
  if (email && emailsIn(joined).includes(email)) reasons.push("email");
  const key = person.phone ? phoneKey(person.phone) : null;
  if (key && phoneKeysIn(joined).includes(key)) reasons.push("phone");
  return reasons;
}

const author = aliasedTable(users, "author");

export type ExportedEntry = {
  id: string;
  project: string;
  channel: string;
  direction: string;
  occurredAt: string;
  subject: string;
  bodyText: string;
  details: Record<string, unknown>;
  author: string;
  redacted: boolean;
  reasons: MatchReason[];
};

/** The entries the person took part in, as a subquery of entry ids. */
export function participationsOf(person: Pick<DataSubject, "kind" | "id">) {
  return db()
    .select({ entryId: entryParticipants.entryId })
    .from(entryParticipants)
    .where(
      person.kind === "contact"
        ? eq(entryParticipants.contactId, person.id)
        : eq(entryParticipants.userId, person.id),
    );
}

export async function entriesNaming(person: DataSubject): Promise<ExportedEntry[]> {
  const participating = participationsOf(person);
  const rows = await db()
    .select({
      id: entries.id,
      project: projects.name,
      channel: entries.channel,
      direction: entries.direction,
      occurredAt: entries.occurredAt,
      subject: entries.subject,
      bodyText: entries.bodyText,
      details: entries.details,
      authorId: entries.authorId,
      author: author.name,
      redactedAt: entries.redactedAt,
      participant: sql<boolean>`${entries.id} in (${participating})`,
    })
    .from(entries)
    .innerJoin(projects, eq(projects.id, entries.projectId))
    .innerJoin(author, eq(author.id, entries.authorId))
    .where(
      or(
        inArray(entries.id, participating),
        person.kind === "user" ? eq(entries.authorId, person.id) : undefined,
        mentionsIn(person, [entries.subject, entries.bodyText, sql`${entries.details}::text`]),
      ),
    )
    .orderBy(asc(entries.occurredAt), asc(entries.id));
  const email = person.email?.toLowerCase();
  return rows
    .map((row) => {
      const headers = headerAddresses(row.details);
      const reasons: MatchReason[] = [];
      if (row.participant) reasons.push("participant");
      if (person.kind === "user" && row.authorId === person.id) reasons.push("author");
      if (email && headers.some((value) => parseAddress(value).address === email)) {
        reasons.push("emailHeader");
      }
      reasons.push(...reasonsIn(person, [row.subject, row.bodyText, ...headers]));
      return {
        id: row.id,
        project: row.project,
        channel: row.channel,
        direction: row.direction,
        occurredAt: row.occurredAt.toISOString(),
        subject: row.subject,
        bodyText: row.bodyText,
        details: row.details,
        author: row.author,
        redacted: row.redactedAt !== null,
        reasons,
      };
    })
    .filter((entry) => entry.reasons.length > 0);
}

export type ExportedDocument = {
  id: string;
  project: string;
  title: string;
  description: string;
  kind: string;
  createdAt: string;
  versions: { number: number; fileName: string; sizeBytes: number; contentType: string }[];
  reasons: MatchReason[];
};

export async function documentsNaming(person: DataSubject): Promise<ExportedDocument[]> {
  const rows = await db()
    .select({
      id: documents.id,
      project: projects.name,
      title: documents.title,
      description: documents.description,
      kind: documents.kind,
      createdAt: documents.createdAt,
      uploaderId: documents.uploaderId,
    })
    .from(documents)
    .innerJoin(projects, eq(projects.id, documents.projectId))
    .where(
      and(
        // A redacted document keeps nothing anyone may read, not even in an export.
        isNull(documents.redactedAt),
        or(
          person.kind === "user" ? eq(documents.uploaderId, person.id) : undefined,
          mentionsIn(person, [documents.title, documents.description]),
        ),
      ),
    )
    .orderBy(asc(documents.createdAt), asc(documents.id));
  const found = rows
    .map((row) => ({
      ...row,
      reasons: [
        ...(person.kind === "user" && row.uploaderId === person.id ? ["uploader" as const] : []),
        ...reasonsIn(person, [row.title, row.description]),
      ],
    }))
    .filter((row) => row.reasons.length > 0);
  const versions = await inChunks(
    found.map((row) => row.id),
    (ids) =>
      db()
        .select({
          documentId: documentVersions.documentId,
          number: documentVersions.number,
          fileName: documentVersions.fileName,
          sizeBytes: documentVersions.sizeBytes,
          contentType: documentVersions.contentType,
        })
        .from(documentVersions)
        .where(inArray(documentVersions.documentId, ids))
        .orderBy(asc(documentVersions.number)),
  );
  return found.map((row) => ({
    id: row.id,
    project: row.project,
    title: row.title,
    description: row.description,
    kind: row.kind,
    createdAt: row.createdAt.toISOString(),
    versions: versions
      .filter((version) => version.documentId === row.id)
      .map(({ documentId: _, ...version }) => version),
    reasons: row.reasons,
  }));
}

export type ExportedRequest = {
  id: string;
  reference: string;
  project: string;
  title: string;
  type: string;
  status: string;
  createdAt: string;
  openedBy: string;
  descriptionText: string;
  reasons: MatchReason[];
};

export type ExportedComment = {
  id: string;
  requestReference: string;
  requestTitle: string;
  author: string;
  createdAt: string;
  bodyText: string;
  reasons: MatchReason[];
};

export async function requestsNaming(
  person: DataSubject,
): Promise<{ requests: ExportedRequest[]; comments: ExportedComment[] }> {
  const opener = aliasedTable(users, "opener");
  const isUser = person.kind === "user";
  const [requestRows, commentRows] = await Promise.all([
    db()
      .select({
        id: requests.id,
        reference: requests.reference,
        project: projects.name,
        title: requests.title,
        type: requests.type,
        status: requests.status,
        createdAt: requests.createdAt,
        openedById: requests.openedById,
        ownerId: requests.ownerId,
        openedBy: opener.name,
        descriptionText: requests.descriptionText,
      })
      .from(requests)
      .innerJoin(projects, eq(projects.id, requests.projectId))
      .innerJoin(opener, eq(opener.id, requests.openedById))
      .where(
        or(
          isUser ? eq(requests.openedById, person.id) : undefined,
          isUser ? eq(requests.ownerId, person.id) : undefined,
          mentionsIn(person, [requests.title, requests.descriptionText]),
        ),
      )
      .orderBy(asc(requests.createdAt), asc(requests.id)),
    db()
      .select({
        id: requestComments.id,
        requestReference: requests.reference,
        requestTitle: requests.title,
        authorId: requestComments.authorId,
        author: author.name,
        createdAt: requestComments.createdAt,
        bodyText: requestComments.bodyText,
      })
      .from(requestComments)
      .innerJoin(requests, eq(requests.id, requestComments.requestId))
      .innerJoin(author, eq(author.id, requestComments.authorId))
      .where(
        or(
          isUser ? eq(requestComments.authorId, person.id) : undefined,
          mentionsIn(person, [requestComments.bodyText]),
        ),
      )
      .orderBy(asc(requestComments.createdAt), asc(requestComments.id)),
  ]);
  return {
    requests: requestRows
      .map(({ openedById, ownerId, createdAt, ...row }) => ({
        ...row,
        createdAt: createdAt.toISOString(),
        reasons: [
          ...(isUser && openedById === person.id ? ["openedBy" as const] : []),
          ...(isUser && ownerId === person.id ? ["owner" as const] : []),
          ...reasonsIn(person, [row.title, row.descriptionText]),
        ],
      }))
      .filter((row) => row.reasons.length > 0),
    comments: commentRows
      .map(({ authorId, createdAt, ...row }) => ({
        ...row,
        createdAt: createdAt.toISOString(),
        reasons: [
          ...(isUser && authorId === person.id ? ["author" as const] : []),
          ...reasonsIn(person, [row.bodyText]),
        ],
      }))
      .filter((row) => row.reasons.length > 0),
  };
}

/** Ids go to the database a thousand at a time: far below any engine's parameter limit. */
async function inChunks<T>(ids: string[], query: (chunk: string[]) => Promise<T[]>) {
  const out: T[] = [];
  for (let start = 0; start < ids.length; start += 1000) {
    out.push(...(await query(ids.slice(start, start + 1000))));
  }
  return out;
}

/** More events than this are cut, and the summary says so. */
export const ACCESS_LOG_LIMIT = 10_000;

/**
 * Who accessed the person's data: every event about their record (a contact shown by name on
 * an account page included) and every read or change of the items found, oldest first.
 */
export async function accessLogOf(
  person: DataSubject,
  items: { entryIds: string[]; documentIds: string[]; requestIds: string[] },
): Promise<{ events: AuditEventView[]; cut: boolean }> {
  const about = (type: string, ids: string[]) =>
    ids.length
      ? and(eq(auditEvents.subjectType, type), inArray(auditEvents.subjectId, ids))
      : undefined;
  const record = or(
    about(person.kind === "contact" ? "Contact" : "User", [person.id]),
    person.kind === "contact"
      ? and(
          eq(auditEvents.action, "account.viewed"),
          sql`${auditEvents.details}->'contactIds' @> ${JSON.stringify([person.id])}::jsonb`,
        )
      : undefined,
  );
  const select = (where: SQL | undefined) =>
    db()
      .select()
      .from(auditEvents)
      .where(where)
      .orderBy(asc(auditEvents.seq))
      .limit(ACCESS_LOG_LIMIT + 1);
  const rows: AuditRow[] = [
    ...(await select(record)),
    ...(await inChunks(items.entryIds, (ids) => select(about("Entry", ids)))),
    ...(await inChunks(items.documentIds, (ids) => select(about("Document", ids)))),
    ...(await inChunks(items.requestIds, (ids) => select(about("Request", ids)))),
  ];
  const unique = [...new Map(rows.map((row) => [row.seq, row])).values()].sort(
    (a, b) => a.seq - b.seq,
  );
  const kept = unique.slice(0, ACCESS_LOG_LIMIT);
  const events: AuditEventView[] = [];
  for (let start = 0; start < kept.length; start += 500) {
    events.push(...(await describeAuditEvents(kept.slice(start, start + 500))));
  }
  return { events, cut: unique.length > ACCESS_LOG_LIMIT };
}
