import { sql } from "drizzle-orm";
import {
  check,
  index,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { organizations } from "./identity";
import { audiences as audienceKinds } from "./values";

export { audienceKinds };

/**
 * Who an item is shared with, as a value: every entry, document (and later request) with the
 * same audience points at the same row. A preset kind has one row; a `custom` audience has one
 * row per distinct set of organisations, named by `organization_key` (the sorted ids, joined
 * with commas), so the table grows with the audiences people choose, not with the items.
 */
export const audiences = pgTable(
  "audiences",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kind: text("kind", { enum: audienceKinds }).notNull(),
    organizationKey: text("organization_key").notNull().default(""),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("audiences_kind_organizations_key").on(t.kind, t.organizationKey),
    check(
      "audiences_kind_check",
      sql`${t.kind} in ('internal', 'all_members', 'partners', 'customer', 'custom')`,
    ),
    check(
      "audiences_organizations_check",
      sql`(${t.kind} = 'custom') = (${t.organizationKey} <> '')`,
    ),
  ],
);

/** The organisations of a `custom` audience. */
export const audienceOrganizations = pgTable(
  "audience_organizations",
  {
    audienceId: uuid("audience_id")
      .notNull()
      .references(() => audiences.id, { onDelete: "cascade" }),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id),
  },
  (t) => [
    primaryKey({ columns: [t.audienceId, t.organizationId] }),
    index("audience_organizations_org_idx").on(t.organizationId),
  ],
);
