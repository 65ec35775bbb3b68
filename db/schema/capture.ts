import { sql } from "drizzle-orm";
import {
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { organizations, users } from "./identity";
import { projects } from "./projects";
import { requests } from "./requests";

/**
 * One capture address per organisation and project (ADR 19): mail sent or forwarded to it lands
 * in the project's history for that organisation. The token is an HMAC over (project,
 * organisation, key version), stored so that inbound mail finds its row by token alone and so
 * that the address keeps its words when a name changes; raising the version rotates it.
 */
export const captureAddresses = pgTable(
  "capture_addresses",
  {
    projectId: uuid("project_id")
      .notNull()
      .references(() => projects.id),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id),
    keyVersion: integer("key_version").notNull().default(1),
    /** `<project-slug>.<org-slug>`: what a reader recognises, never what authorises. */
    label: text("label").notNull(),
    token: text("token").notNull().unique(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    rotatedAt: timestamp("rotated_at", { withTimezone: true }),
    rotatedById: uuid("rotated_by_id").references(() => users.id),
  },
  (t) => [
    primaryKey({ columns: [t.projectId, t.organizationId] }),
    index("capture_addresses_organization_idx").on(t.organizationId),
    check("capture_addresses_key_version_check", sql`${t.keyVersion} > 0`),
  ],
);

/**
 * The address a request's email asks its recipient to reply to: one per request and recipient,
 * with a random token, so a reply names the request it answers and whom it was written to.
 */
export const requestReplyAddresses = pgTable(
  "request_reply_addresses",
  {
    token: text("token").primaryKey(),
    requestId: uuid("request_id")
      .notNull()
      .references(() => requests.id),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("request_reply_addresses_pair_idx").on(t.requestId, t.userId)],
);
