import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./identity";
import {
  retentionRecordTypes,
  retentionTriggers,
  type RetentionRecordType,
  type RetentionTrigger,
} from "./values";

/**
 * How long each kind of record is kept (ADR 28): so many years from its trigger, counted from
 * the end of that calendar year as the commercial and tax codes count. One row per kind.
 */
export const retentionRules = pgTable(
  "retention_rules",
  {
    recordType: text("record_type", { enum: retentionRecordTypes })
      .$type<RetentionRecordType>()
      .primaryKey(),
    years: integer("years").notNull(),
    trigger: text("trigger", { enum: retentionTriggers }).$type<RetentionTrigger>().notNull(),
    /** Off until someone has looked at the dry run: retention deletes for good. */
    enabled: boolean("enabled").notNull().default(false),
    updatedById: uuid("updated_by_id").references(() => users.id),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("retention_rules_years_check", sql`${t.years} between 1 and 30`),
    check(
      "retention_rules_trigger_check",
      sql`${t.trigger} in ('created', 'resolved', 'projectClosed', 'lastContact')`,
    ),
  ],
);

/** One run of retention (the daily job's, or one started by hand), with its signed certificate. */
export const retentionRuns = pgTable(
  "retention_runs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ranAt: timestamp("ran_at", { withTimezone: true }).notNull(),
    /** Who started it; null for the daily job. */
    ranById: uuid("ran_by_id").references(() => users.id),
    /** Records removed or anonymised, all kinds together. */
    total: integer("total").notNull(),
    certificate: jsonb("certificate").$type<Record<string, unknown>>().notNull(),
    keyId: text("key_id").notNull(),
    signature: text("signature").notNull(),
  },
  (t) => [index("retention_runs_ran_idx").on(t.ranAt)],
);
