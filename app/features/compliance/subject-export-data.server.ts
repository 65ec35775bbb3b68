import type { TFunction } from "i18next";
import { strToU8, zipSync } from "fflate";
import { auditSentence } from "./audit-sentence";
import {
  accessLogOf,
  documentsNaming,
  entriesNaming,
  requestsNaming,
  type DataSubject,
  type ExportedComment,
  type ExportedDocument,
  type ExportedEntry,
  type ExportedRequest,
} from "./subject-export-collect.server";
import { subjectExportHtml } from "./subject-export-summary.server";
import type { Language } from "~/i18n";

/** One line of "who accessed their data": who, what, when, as a sentence; no network details. */
export type AccessLogLine = {
  seq: number;
  at: string;
  action: string;
  actor: string | null;
  organization: string | null;
  item: { type: string; label: string | null } | null;
  sentence: string;
};

/** What `data.json` holds, and what `summary.html` shows. */
export type SubjectExportData = {
  format: "ambit-subject-export/1";
  generatedAt: string;
  requestedBy: { name: string; email: string };
  person: DataSubject;
  entries: ExportedEntry[];
  documents: ExportedDocument[];
  requests: ExportedRequest[];
  comments: ExportedComment[];
  accessLog: { events: AccessLogLine[]; cut: boolean };
  /** The documents' files stay in Ambit: listed with their metadata, not copied. */
  documentFilesIncluded: false;
};

/** The steps of the job, for its progress: the four searches, the access log, the ZIP. */
export const EXPORT_STEPS = 6;

/**
 * Gathers everything about the person, reporting each step done. The access log is written
 * as sentences in the requester's language, without IP addresses and browsers: those are the
 * readers' data, and who read is what the person is owed.
 */
export async function gatherSubjectExport(
  person: DataSubject,
  requestedBy: { name: string; email: string },
  t: TFunction,
  onStep: (done: number) => Promise<void>,
): Promise<SubjectExportData> {
  const entries = await entriesNaming(person);
  await onStep(1);
  const documents = await documentsNaming(person);
  await onStep(2);
  const { requests, comments } = await requestsNaming(person);
  await onStep(3);
  const log = await accessLogOf(person, {
    entryIds: entries.map((entry) => entry.id),
    documentIds: documents.map((document) => document.id),
    requestIds: requests.map((request) => request.id),
  });
  await onStep(4);
  return {
    format: "ambit-subject-export/1",
    generatedAt: new Date().toISOString(),
    requestedBy,
    person,
    entries,
    documents,
    requests,
    comments,
    accessLog: {
      cut: log.cut,
      events: log.events.map((event) => ({
        seq: event.seq,
        at: event.occurredAt,
        action: event.action,
        actor: event.actor?.name ?? null,
        organization: event.actor?.organization ?? null,
        item: event.item ? { type: event.item.type, label: event.item.label } : null,
        sentence: auditSentence(t, { ...event, ip: null }),
      })),
    },
    documentFilesIncluded: false,
  };
}

/** The ZIP: `summary.html` to read, `data.json` for machines. */
export function subjectExportZip(
  data: SubjectExportData,
  t: TFunction,
  reader: { language: Language; timeZone: string },
) {
  return zipSync(
    {
      "summary.html": strToU8(subjectExportHtml(data, t, reader)),
      "data.json": strToU8(JSON.stringify(data, null, 2)),
    },
    { level: 6, mtime: new Date(data.generatedAt) },
  );
}
