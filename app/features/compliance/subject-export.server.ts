import { randomUUID } from "node:crypto";
import { rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { aliasedTable, and, desc, eq, gte, ilike, or } from "drizzle-orm";
import type { TFunction } from "i18next";
import { db } from "#db/client.server";
import { contacts, organizations, subjectExports, users, type DataSubjectKind } from "#db/schema";
import { subject, type AppAbility } from "#policies/ability";
import { accessibleWhere } from "#policies/to-sql";
import { translatorFor, type Language } from "~/i18n";
import { recordAudit, type AuditActor } from "~/kernel/audit/audit.server";
import { fileResponse } from "~/kernel/files/file-response.server";
import { enqueueJob, type JobWorker } from "~/kernel/jobs/jobs.server";
import { logger } from "~/kernel/logger.server";
import { notFound } from "~/kernel/permissions.server";
import { containsPattern, isUuid } from "~/kernel/query-input";
import { storage, uploadTempDir } from "~/kernel/storage/storage.server";
import { calendarDayIn } from "~/kernel/time-zone";
import { loadDataSubject } from "./subject-export-collect.server";
import { EXPORT_STEPS, gatherSubjectExport, subjectExportZip } from "./subject-export-data.server";
import type { SubjectExportView } from "./types";

export const SUBJECT_EXPORT = "subject-export";

/** How long the requester may download a finished export. */
export const EXPORT_LIFETIME_MS = 24 * 3600_000;
/** The longest a job may run (its expiry); one older than that died with its process. */
const LONGEST_SECONDS = 3600;
/** The page lists the exports of this many days. */
const RECENT_DAYS = 30;

const audited = (kind: DataSubjectKind) => (kind === "contact" ? "Contact" : "User");

/** People whose data may be exported, by name or address: contact persons and users. */
export async function findDataSubjects(text: string) {
  const query = text.trim();
  if (query.length < 2) return [];
  const pattern = containsPattern(query);
  const [contactRows, userRows] = await Promise.all([
    db()
      .select({
        id: contacts.id,
        name: contacts.name,
        email: contacts.email,
        organization: organizations.name,
        erasedAt: contacts.erasedAt,
      })
      .from(contacts)
      .innerJoin(organizations, eq(organizations.id, contacts.accountId))
      .where(or(ilike(contacts.name, pattern), ilike(contacts.email, pattern)))
      .orderBy(contacts.name)
      .limit(10),
    db()
      .select({
        id: users.id,
        name: users.name,
        email: users.email,
        organization: organizations.name,
        erasedAt: users.erasedAt,
        role: users.role,
      })
      .from(users)
      .innerJoin(organizations, eq(organizations.id, users.organizationId))
      .where(or(ilike(users.name, pattern), ilike(users.email, pattern)))
      .orderBy(users.name)
      .limit(10),
  ]);
  return [
    ...contactRows.map(({ erasedAt, ...row }) => ({
      kind: "contact" as const,
      ...row,
      erased: erasedAt !== null,
      role: null,
    })),
    ...userRows.map(({ erasedAt, ...row }) => ({
      kind: "user" as const,
      ...row,
      erased: erasedAt !== null,
    })),
  ];
}

/**
 * Queues an export of everything about one person, recorded in the audit log against the
 * person's record (so it shows among who accessed their data). The export's id and the person's
 * name; null when there is no such person.
 */
export async function startSubjectExport(
  actor: AuditActor & { userId: string },
  person: { kind: DataSubjectKind; id: string },
  reader: { language: Language; timeZone: string },
) {
  if (!isUuid(person.id)) return null;
  const found = await loadDataSubject(person.kind, person.id);
  if (!found) return null;
  return db().transaction(async (tx) => {
    const [row] = await tx
      .insert(subjectExports)
      .values({
        subjectKind: person.kind,
        subjectId: person.id,
        requestedById: actor.userId,
        language: reader.language,
        timeZone: reader.timeZone,
        total: EXPORT_STEPS,
      })
      .returning({ id: subjectExports.id });
    await recordAudit(
      actor,
      {
        action: "subject_export.requested",
        subjectType: audited(person.kind),
        subjectId: person.id,
        details: { exportId: row!.id },
      },
      tx,
    );
    // Only the id: the row says whose data and for whom, and names have no business in the queue.
    await enqueueJob(SUBJECT_EXPORT, { id: row!.id }, {}, tx);
    return { id: row!.id, name: found.name };
  });
}

const contactOf = aliasedTable(contacts, "subject_contact");
const userOf = aliasedTable(users, "subject_user");
const requester = aliasedTable(users, "requester");

/** The recent exports, newest first, as the page shows them to this reader. */
export async function listSubjectExports(
  ability: AppAbility,
  now = new Date(),
): Promise<SubjectExportView[]> {
  const rows = await db()
    .select({
      row: subjectExports,
      contactName: contactOf.name,
      userName: userOf.name,
      requestedBy: requester.name,
    })
    .from(subjectExports)
    .leftJoin(
      contactOf,
      and(eq(subjectExports.subjectKind, "contact"), eq(contactOf.id, subjectExports.subjectId)),
    )
    .leftJoin(
      userOf,
      and(eq(subjectExports.subjectKind, "user"), eq(userOf.id, subjectExports.subjectId)),
    )
    .leftJoin(requester, eq(requester.id, subjectExports.requestedById))
    .where(
      and(
        accessibleWhere(ability, "read", "SubjectExport"),
        gte(subjectExports.createdAt, new Date(now.getTime() - RECENT_DAYS * 86_400_000)),
      ),
    )
    .orderBy(desc(subjectExports.createdAt))
    .limit(50);
  return rows.map(({ row, contactName, userName, requestedBy }) => {
    const status = statusAt(row, now);
    const downloadable =
      status === "done" && ability.can("download", subject("SubjectExport", row));
    return {
      id: row.id,
      kind: row.subjectKind,
      name: contactName ?? userName,
      requestedBy,
      createdAt: row.createdAt.toISOString(),
      status,
      progress: row.progress,
      total: row.total,
      sizeBytes: row.sizeBytes,
      expiresAt: row.expiresAt?.toISOString() ?? null,
      minutesLeft:
        downloadable && row.expiresAt
          ? Math.max(1, Math.floor((row.expiresAt.getTime() - now.getTime()) / 60_000))
          : null,
      downloadHref: downloadable ? `/compliance/subject-requests/${row.id}/download` : null,
    };
  });
}

type ExportRow = typeof subjectExports.$inferSelect;

/** Where an export stands now: a finished file lapses, and a job that ran too long died. */
function statusAt(row: ExportRow, now: Date): SubjectExportView["status"] {
  if (row.status === "done") {
    return row.expiresAt && row.expiresAt > now ? "done" : "expired";
  }
  if (row.status === "failed") return "failed";
  return now.getTime() - row.createdAt.getTime() > LONGEST_SECONDS * 1000 ? "stalled" : row.status;
}

/** The console's figure: exports waiting or running, and all of the recent ones. */
export async function subjectExportFigures(ability: AppAbility, now = new Date()) {
  const list = await listSubjectExports(ability, now);
  return {
    open: list.filter((row) => row.status === "queued" || row.status === "running").length,
    recent: list.length,
  };
}

/** Runs one export: gathers, writes the ZIP to storage, and makes it downloadable for a day. */
export async function runSubjectExport(data: unknown) {
  const id = (data as { id?: unknown } | null)?.id;
  if (typeof id !== "string" || !isUuid(id)) return;
  // Claiming it: a job delivered twice finds it no longer queued and does nothing.
  const [row] = await db()
    .update(subjectExports)
    .set({ status: "running" })
    .where(and(eq(subjectExports.id, id), eq(subjectExports.status, "queued")))
    .returning();
  if (!row) return;
  const step = async (progress: number) => {
    await db().update(subjectExports).set({ progress }).where(eq(subjectExports.id, id));
  };
  try {
    const [person, [requestedBy]] = await Promise.all([
      loadDataSubject(row.subjectKind, row.subjectId),
      db()
        .select({ name: users.name, email: users.email })
        .from(users)
        .where(eq(users.id, row.requestedById)),
    ]);
    if (!person || !requestedBy) throw new Error("the person or the requester is gone");
    const t = translatorFor(row.language);
    const gathered = await gatherSubjectExport(person, requestedBy, t, step);
    const zip = subjectExportZip(gathered, t, row);
    const key = `subject-export-${randomUUID()}`;
    await storeFile(key, zip);
    await step(EXPORT_STEPS);
    const finishedAt = new Date();
    await db()
      .update(subjectExports)
      .set({
        status: "done",
        fileKey: key,
        sizeBytes: zip.byteLength,
        finishedAt,
        expiresAt: new Date(finishedAt.getTime() + EXPORT_LIFETIME_MS),
      })
      .where(eq(subjectExports.id, id));
  } catch (error) {
    logger.error({ err: error, exportId: id }, "data-subject export failed");
    await db()
      .update(subjectExports)
      .set({ status: "failed", finishedAt: new Date(), error: String(error) })
      .where(eq(subjectExports.id, id));
  }
}

/** Storage takes files from disk: the ZIP goes through a temp file, removed at once. */
async function storeFile(key: string, bytes: Uint8Array) {
  const temp = path.join(await uploadTempDir(), `${key}.zip`);
  await writeFile(temp, bytes);
  try {
    await (
      await storage()
    ).put(key, {
      path: temp,
      size: bytes.byteLength,
      contentType: "application/zip",
      name: `${key}.zip`,
    });
  } finally {
    await rm(temp, { force: true });
  }
}

/** Run once: an export that failed is asked for again by a person, not behind their back. */
export const subjectExportWorker: JobWorker = {
  name: SUBJECT_EXPORT,
  handler: runSubjectExport,
  options: { retryLimit: 0, expireInSeconds: LONGEST_SECONDS },
};

/**
 * The ZIP, for the one who asked for it while it lasts: anyone else gets the 404 of an export
 * that does not exist, the requester of a lapsed one a 410 that says so. Each download is
 * recorded against the person's record.
 */
export async function serveSubjectExport(
  viewer: { ability: AppAbility; auditActor: AuditActor },
  exportId: string,
  t: TFunction,
  now = new Date(),
) {
  if (!isUuid(exportId)) notFound();
  const [row] = await db()
    .select()
    .from(subjectExports)
    .where(
      and(
        eq(subjectExports.id, exportId),
        accessibleWhere(viewer.ability, "download", "SubjectExport"),
      ),
    );
  if (!row || row.status !== "done" || !row.fileKey) notFound();
  if (!row.expiresAt || row.expiresAt <= now) {
    throw new Response(t("compliance.subjectExport.expired"), {
      status: 410,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  }
  await recordAudit(viewer.auditActor, {
    action: "subject_export.downloaded",
    subjectType: audited(row.subjectKind),
    subjectId: row.subjectId,
    details: { exportId: row.id, sizeBytes: row.sizeBytes },
  });
  const day = calendarDayIn(row.finishedAt ?? now, row.timeZone);
  return fileResponse(
    {
      storageKey: row.fileKey,
      fileName: `data-subject-export-${day}.zip`,
      contentType: "application/zip",
    },
    "attachment",
  );
}
