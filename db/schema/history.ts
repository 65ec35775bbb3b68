import { sql } from "drizzle-orm";
import {
  check,
  index,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { organizations, users } from "./identity";
import { projects } from "./projects";
import {
  audiences,
  entryChannels,
  entryDirections,
  type Audience,
  type EntryChannel,
  type EntryDirection,
} from "./values";

export { audiences, entryChannels, entryDirections };
export type { Audience, EntryChannel, EntryDirection };

/** One contact in a project's history: a call, email, letter, meeting, SMS, voicemail or note. */
export const entries = pgTable(
  "entries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    projectId: uuid("project_id")
      .notNull()
      .references(() => projects.id),
    channel: text("channel", { enum: entryChannels }).notNull(),
    direction: text("direction", { enum: entryDirections }).notNull(),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull(),
    subject: text("subject").notNull(),
    /** tiptap JSON as the author wrote it; HTML and plain text are derived on save. */
    body: jsonb("body").$type<Record<string, unknown>>(),
    bodyHtml: text("body_html").notNull().default(""),
    bodyText: text("body_text").notNull().default(""),
    /** Channel fields: call duration and outcome, letter date and reference, email from/to/cc. */
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
    authorId: uuid("author_id")
      .notNull()
      .references(() => users.id),
    authorOrganizationId: uuid("author_organization_id")
      .notNull()
      .references(() => organizations.id),
    audience: text("audience", { enum: audiences }).notNull(),
    redactedAt: timestamp("redacted_at", { withTimezone: true }),
    redactedById: uuid("redacted_by_id").references(() => users.id),
    redactionReason: text("redaction_reason"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Timelines page newest first by when it happened, with the id as tie-breaker (keyset).
    index("entries_project_timeline_idx").on(t.projectId, t.occurredAt.desc(), t.id.desc()),
    index("entries_author_org_idx").on(t.authorOrganizationId),
    check(
      "entries_audience_check",
      sql`${t.audience} in ('internal', 'all_members', 'partners', 'customer', 'custom')`,
    ),
    check(
      "entries_channel_check",
      sql`${t.channel} in ('call', 'email', 'letter', 'meeting', 'sms', 'voicemail', 'note')`,
    ),
  ],
);

/** The organisations of a `custom` audience. */
export const entryAudienceOrganizations = pgTable(
  "entry_audience_organizations",
  {
    entryId: uuid("entry_id")
      .notNull()
      .references(() => entries.id, { onDelete: "cascade" }),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id),
  },
  (t) => [
    primaryKey({ columns: [t.entryId, t.organizationId] }),
    index("entry_audience_org_idx").on(t.organizationId),
  ],
);

/** Every edit keeps what the entry was before and after, and who changed it. */
export const entryRevisions = pgTable(
  "entry_revisions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    entryId: uuid("entry_id")
      .notNull()
      .references(() => entries.id),
    editorId: uuid("editor_id")
      .notNull()
      .references(() => users.id),
    before: jsonb("before").$type<Record<string, unknown>>().notNull(),
    after: jsonb("after").$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("entry_revisions_entry_idx").on(t.entryId, t.createdAt)],
);
