import { sql } from "drizzle-orm";
import {
  check,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { entries } from "./history";
import { organizations, users } from "./identity";
import { projects } from "./projects";
import { audiences } from "./sharing";
import {
  openRequestStatuses,
  requestCommentAudiences,
  requestEventKinds,
  requestPriorities,
  requestStatuses,
  requestTypes,
  type RequestCommentAudience,
  type RequestEventKind,
  type RequestPriority,
  type RequestStatus,
  type RequestType,
} from "./values";

export {
  openRequestStatuses,
  requestCommentAudiences,
  requestEventKinds,
  requestPriorities,
  requestStatuses,
  requestTypes,
};
export type {
  RequestCommentAudience,
  RequestEventKind,
  RequestPriority,
  RequestStatus,
  RequestType,
};

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

const inList = (values: readonly string[]) =>
  sql.raw(`(${values.map((value) => `'${value}'`).join(", ")})`);

/**
 * A customer's question, complaint or change request in a project. The SLA columns (`due_at`,
 * `at_risk_at`, `due_rank`) are derived from the request's history after every change, so the
 * queue can sort and filter by them; the history stays the truth (see sla-clock.server.ts).
 */
export const requests = pgTable(
  "requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Human reference, unique per host: `R-2026-0042`. */
    reference: text("reference").notNull().unique(),
    projectId: uuid("project_id")
      .notNull()
      .references(() => projects.id),
    /** The customer organisation the request is for (the project's account). */
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id),
    type: text("type", { enum: requestTypes }).notNull(),
    priority: text("priority", { enum: requestPriorities }).notNull().default("normal"),
    status: text("status", { enum: requestStatuses }).notNull().default("new"),
    title: text("title").notNull(),
    /** tiptap JSON as written; HTML and plain text are derived on save, as for entries. */
    description: jsonb("description").$type<Record<string, unknown>>(),
    descriptionHtml: text("description_html").notNull().default(""),
    descriptionText: text("description_text").notNull().default(""),
    openedById: uuid("opened_by_id")
      .notNull()
      .references(() => users.id),
    openedByOrganizationId: uuid("opened_by_organization_id")
      .notNull()
      .references(() => organizations.id),
    /** Host staff opening it on the customer's behalf link the call or letter it came from. */
    sourceEntryId: uuid("source_entry_id").references(() => entries.id),
    ownerId: uuid("owner_id")
      .notNull()
      .references(() => users.id),
    assignedOrganizationId: uuid("assigned_organization_id").references(() => organizations.id),
    /** Until when the customer may reopen it: set when it is resolved (the window of then). */
    reopenableUntil: timestamp("reopenable_until", { withTimezone: true }),
    dueAt: timestamp("due_at", { withTimezone: true }),
    atRiskAt: timestamp("at_risk_at", { withTimezone: true }),
    /** `due_at`, or far in the future while nothing is due: the queue's keyset order. */
    dueRank: timestamp("due_rank", { withTimezone: true }).notNull(),
    firstRespondedAt: timestamp("first_responded_at", { withTimezone: true }),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    rating: smallint("rating"),
    ratingComment: text("rating_comment").notNull().default(""),
    ratedAt: timestamp("rated_at", { withTimezone: true }),
    searchVector: tsvector("search_vector").generatedAlwaysAs(
      sql`setweight(to_tsvector('german'::regconfig, title), 'A') || setweight(to_tsvector('english'::regconfig, title), 'A') || setweight(to_tsvector('german'::regconfig, description_text), 'B') || setweight(to_tsvector('english'::regconfig, description_text), 'B')`,
    ),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /** The last change anyone made (a reply, a transition): the customer's list sorts by it. */
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("requests_queue_idx").on(t.dueRank, t.id),
    index("requests_project_idx").on(t.projectId, t.dueRank, t.id),
    index("requests_organization_idx").on(t.organizationId, t.dueRank, t.id),
    index("requests_assigned_idx").on(t.assignedOrganizationId, t.dueRank, t.id),
    index("requests_search_idx").using("gin", t.searchVector),
    index("requests_title_trgm_idx").using("gin", t.title.op("gin_trgm_ops")),
    check("requests_type_check", sql`${t.type} in ${inList(requestTypes)}`),
    check("requests_priority_check", sql`${t.priority} in ${inList(requestPriorities)}`),
    check("requests_status_check", sql`${t.status} in ${inList(requestStatuses)}`),
    check("requests_rating_check", sql`${t.rating} is null or (${t.rating} between 1 and 5)`),
  ],
);

/** The request's history: every transition, assignment and change, with who, when and why. */
export const requestEvents = pgTable(
  "request_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    requestId: uuid("request_id")
      .notNull()
      .references(() => requests.id),
    kind: text("kind", { enum: requestEventKinds }).notNull(),
    fromValue: text("from_value"),
    toValue: text("to_value"),
    reason: text("reason").notNull().default(""),
    actorId: uuid("actor_id").references(() => users.id),
    actorOrganizationId: uuid("actor_organization_id").references(() => organizations.id),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("request_events_request_idx").on(t.requestId, t.at, t.id),
    check("request_events_kind_check", sql`${t.kind} in ${inList(requestEventKinds)}`),
  ],
);

/** A reply or note on a request; who reads it is its audience (see `requestCommentAudiences`). */
export const requestComments = pgTable(
  "request_comments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    requestId: uuid("request_id")
      .notNull()
      .references(() => requests.id),
    authorId: uuid("author_id")
      .notNull()
      .references(() => users.id),
    authorOrganizationId: uuid("author_organization_id")
      .notNull()
      .references(() => organizations.id),
    audienceId: uuid("audience_id")
      .notNull()
      .references(() => audiences.id),
    body: jsonb("body").$type<Record<string, unknown>>(),
    bodyHtml: text("body_html").notNull().default(""),
    bodyText: text("body_text").notNull().default(""),
    searchVector: tsvector("search_vector").generatedAlwaysAs(
      sql`to_tsvector('german'::regconfig, body_text) || to_tsvector('english'::regconfig, body_text)`,
    ),
    /** A reply that came by email: its Message-ID, so the same mail is one reply. */
    messageId: text("message_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("request_comments_request_idx").on(t.requestId, t.createdAt, t.id),
    uniqueIndex("request_comments_message_idx")
      .on(t.requestId, t.messageId)
      .where(sql`${t.messageId} is not null`),
    index("request_comments_search_idx").using("gin", t.searchVector),
  ],
);

/** The last reference number handed out per year. */
export const requestCounters = pgTable("request_counters", {
  year: integer("year").primaryKey(),
  last: integer("last").notNull(),
});
