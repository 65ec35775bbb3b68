import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  date,
  index,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { organizations, users } from "./identity";
import { memberships, projects } from "./projects";
import {
  membershipAccess,
  reviewDecisions,
  reviewDefaults,
  reviewScopes,
  type ProjectSection,
} from "./values";

/**
 * An access review campaign: every external membership in its scope is confirmed, changed or
 * revoked by its reviewer (the project's owner, or one named person) by the due day; what nobody
 * decided follows the campaign's default when it closes.
 */
export const accessReviews = pgTable(
  "access_reviews",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    title: text("title").notNull(),
    scope: text("scope", { enum: reviewScopes }).notNull(),
    /** The project, customer account or organisation of the scope; null for `all`. */
    scopeId: uuid("scope_id"),
    /** The one person who reviews everything; null: each project's owner. */
    reviewerId: uuid("reviewer_id").references(() => users.id),
    /** The last day to decide, in the host's calendar. */
    dueOn: date("due_on", { mode: "string" }).notNull(),
    defaultDecision: text("default_decision", { enum: reviewDefaults }).notNull(),
    createdById: uuid("created_by_id")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    /** Null when it closed on its due day by itself. */
    closedById: uuid("closed_by_id").references(() => users.id),
  },
  (t) => [
    index("access_reviews_open_idx")
      .on(t.dueOn)
      .where(sql`${t.closedAt} is null`),
    check(
      "access_reviews_scope_check",
      sql`${t.scope} in ('all', 'project', 'account', 'organization')`,
    ),
    check("access_reviews_scope_id_check", sql`(${t.scope} = 'all') = (${t.scopeId} is null)`),
    check("access_reviews_default_check", sql`${t.defaultDecision} in ('keep', 'revoke')`),
  ],
);

/** One membership in a review, as it was when the review began, and its reviewer's decision. */
export const accessReviewItems = pgTable(
  "access_review_items",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    reviewId: uuid("review_id")
      .notNull()
      .references(() => accessReviews.id),
    membershipId: uuid("membership_id")
      .notNull()
      .references(() => memberships.id),
    projectId: uuid("project_id")
      .notNull()
      .references(() => projects.id),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id),
    reviewerId: uuid("reviewer_id")
      .notNull()
      .references(() => users.id),
    accessAtStart: text("access_at_start", { enum: membershipAccess }).notNull(),
    sectionsAtStart: text("sections_at_start").array().notNull().$type<ProjectSection[]>(),
    decision: text("decision", { enum: reviewDecisions }),
    justification: text("justification"),
    /** Null with a decision: the review's default, applied when it closed. */
    decidedById: uuid("decided_by_id").references(() => users.id),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    defaulted: boolean("defaulted").notNull().default(false),
    /** When its reviewer was last reminded of it by email. */
    remindedAt: timestamp("reminded_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("access_review_items_membership_unique").on(t.reviewId, t.membershipId),
    index("access_review_items_reviewer_idx").on(t.reviewerId, t.reviewId),
    index("access_review_items_review_idx").on(t.reviewId, t.projectId),
    check(
      "access_review_items_decision_check",
      sql`${t.decision} is null or ${t.decision} in ('keep', 'change', 'revoke')`,
    ),
    check(
      "access_review_items_decided_check",
      sql`(${t.decision} is null) = (${t.decidedAt} is null)`,
    ),
  ],
);
