import { sql } from "drizzle-orm";
import {
  check,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { entries } from "./history";
import { organizations, users } from "./identity";
import { projects } from "./projects";
import { unresolvedReasons } from "./values";

export { unresolvedReasons, type UnresolvedReason } from "./values";

const bytea = customType<{ data: Buffer }>({ dataType: () => "bytea" });

export const unresolvedStatuses = ["open", "assigned", "discarded"] as const;

/**
 * Mail that reached a capture or reply address but could not be placed safely (ADR 21): it
 * waits here, seen by account managers only, until one assigns it to a project or discards it.
 */
export const unresolvedMails = pgTable(
  "unresolved_mails",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** The provider's id of the received mail: a webhook delivered twice queues it once. */
    providerId: text("provider_id").unique(),
    messageId: text("message_id"),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull(),
    fromAddress: text("from_address").notNull(),
    fromName: text("from_name"),
    /** The addresses it was sent to, as the mail names them. */
    recipients: jsonb("recipients").$type<string[]>().notNull(),
    subject: text("subject").notNull(),
    /** Its text, for the preview: never rendered as HTML. */
    previewText: text("preview_text").notNull(),
    /** The mail as received, to be imported when assigned (absent when it was too large). */
    raw: bytea("raw"),
    rawSize: integer("raw_size").notNull(),
    reason: text("reason", { enum: unresolvedReasons }).notNull(),
    /** The project and organisation its address names, when it names one. */
    projectId: uuid("project_id").references(() => projects.id),
    organizationId: uuid("organization_id").references(() => organizations.id),
    status: text("status", { enum: unresolvedStatuses }).notNull().default("open"),
    decidedById: uuid("decided_by_id").references(() => users.id),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    decisionReason: text("decision_reason"),
    entryId: uuid("entry_id").references(() => entries.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("unresolved_mails_open_idx").on(t.status, t.receivedAt.desc()),
    check("unresolved_mails_status_check", sql`${t.status} in ('open', 'assigned', 'discarded')`),
  ],
);

export type UnresolvedMail = typeof unresolvedMails.$inferSelect;
