import { bigint, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./identity";
import {
  dataSubjectKinds,
  languages,
  subjectExportStatuses,
  type DataSubjectKind,
  type SubjectExportStatus,
} from "./values";

export { dataSubjectKinds, subjectExportStatuses };
export type { DataSubjectKind, SubjectExportStatus };

/**
 * A data-subject export asked for in the compliance console: a job gathers everything Ambit
 * holds about one person into a ZIP, which only the requester may download, for a day.
 */
export const subjectExports = pgTable(
  "subject_exports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    subjectKind: text("subject_kind", { enum: dataSubjectKinds }).notNull(),
    /** A contact's or a user's id; no foreign key, as it points into one of two tables. */
    subjectId: uuid("subject_id").notNull(),
    requestedById: uuid("requested_by_id")
      .notNull()
      .references(() => users.id),
    /** The requester's language and clock when they asked: the summary is written in them. */
    language: text("language", { enum: languages }).notNull(),
    timeZone: text("time_zone").notNull(),
    status: text("status", { enum: subjectExportStatuses }).notNull().default("queued"),
    /** Steps of the job done, out of `total`. */
    progress: integer("progress").notNull().default(0),
    total: integer("total").notNull().default(0),
    fileKey: text("file_key"),
    sizeBytes: bigint("size_bytes", { mode: "number" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    /** After this the file is refused and the storage sweep removes it. */
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    error: text("error"),
  },
  (t) => [
    index("subject_exports_created_idx").on(t.createdAt),
    index("subject_exports_file_idx").on(t.fileKey),
  ],
);
