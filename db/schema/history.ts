import { sql } from "drizzle-orm";
import {
  check,
  customType,
  index,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { organizations, users } from "./identity";
import { contacts, projects } from "./projects";
import { audiences } from "./sharing";
import {
  entryChannels,
  entryDirections,
  type Audience,
  type EntryChannel,
  type EntryDirection,
} from "./values";

export { entryChannels, entryDirections };
export type { Audience, EntryChannel, EntryDirection };

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

/**
 * Subject (weight A) and body (weight B), stemmed in German and in English: our users write in
 * both, often in one project, and a query is matched against either stemming.
 */
const searchDocument = sql`setweight(to_tsvector('german'::regconfig, subject), 'A') || setweight(to_tsvector('english'::regconfig, subject), 'A') || setweight(to_tsvector('german'::regconfig, body_text), 'B') || setweight(to_tsvector('english'::regconfig, body_text), 'B')`;

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
    /** Who may read it besides the host: a shared row of `audiences` (see sharing.ts). */
    audienceId: uuid("audience_id")
      .notNull()
      .references(() => audiences.id),
    searchVector: tsvector("search_vector").generatedAlwaysAs(searchDocument),
    /** An imported email's Message-ID: the same message lands once per project. */
    messageId: text("message_id"),
    /**
     * The conversation an email belongs to: the Message-ID of its first message, from its
     * References and In-Reply-To headers (or its own), so the entry page shows the thread.
     */
    threadKey: text("thread_key"),
    redactedAt: timestamp("redacted_at", { withTimezone: true }),
    redactedById: uuid("redacted_by_id").references(() => users.id),
    redactionReason: text("redaction_reason"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Timelines page newest first by when it happened, with the id as tie-breaker (keyset).
    // NULLS FIRST is what `order by … desc` means: with drizzle's default (NULLS LAST) the
    // planner cannot read the order from this index and sorts the whole project instead.
    index("entries_project_timeline_idx").on(
      t.projectId,
      t.occurredAt.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
    // "New since your last visit" counts what was logged in a project after a moment.
    index("entries_project_logged_idx").on(t.projectId, t.createdAt),
    // Search walks all entries newest first when a term is common (see search.server.ts).
    index("entries_recent_idx").on(t.occurredAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index("entries_author_org_idx").on(t.authorOrganizationId),
    // The timeline's author menu: a loose scan for the project's authors, then one probe each
    // for an entry the reader may read (audience in the index: no heap visit to rule one out).
    index("entries_project_author_idx").on(t.projectId, t.authorId, t.audienceId),
    index("entries_search_idx").using("gin", t.searchVector),
    // The audit explorer finds entries by any part of their subject (ADR 29).
    index("entries_subject_trgm_idx").using("gin", t.subject.op("gin_trgm_ops")),
    uniqueIndex("entries_message_id_idx").on(t.projectId, t.messageId),
    index("entries_thread_idx")
      .on(t.projectId, t.threadKey)
      .where(sql`${t.threadKey} is not null`),
    check(
      "entries_channel_check",
      sql`${t.channel} in ('call', 'email', 'letter', 'meeting', 'sms', 'voicemail', 'note')`,
    ),
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

/** The contact persons and users who took part in a call, meeting or exchange. */
export const entryParticipants = pgTable(
  "entry_participants",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    entryId: uuid("entry_id")
      .notNull()
      .references(() => entries.id, { onDelete: "cascade" }),
    contactId: uuid("contact_id").references(() => contacts.id),
    userId: uuid("user_id").references(() => users.id),
  },
  (t) => [
    check("entry_participants_one_party", sql`num_nonnulls(${t.contactId}, ${t.userId}) = 1`),
    uniqueIndex("entry_participants_contact_idx").on(t.entryId, t.contactId),
    uniqueIndex("entry_participants_user_idx").on(t.entryId, t.userId),
    index("entry_participants_contact_lookup_idx").on(t.contactId),
  ],
);

export const timelineScopes = ["project", "account"] as const;

/** When a user last opened a timeline, for the "new since your last visit" marker. */
export const timelineVisits = pgTable(
  "timeline_visits",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    scope: text("scope", { enum: timelineScopes }).notNull(),
    scopeId: uuid("scope_id").notNull(),
    seenAt: timestamp("seen_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.scope, t.scopeId] })],
);
