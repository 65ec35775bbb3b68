import { sql } from "drizzle-orm";
import { check, index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./identity";
import { holdScopes } from "./values";

/**
 * A legal hold: while it is in force, nothing it covers is erased or removed by retention,
 * whatever anyone asks. Released holds stay, for the record of when and by whom.
 */
export const legalHolds = pgTable(
  "legal_holds",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    scope: text("scope", { enum: holdScopes }).notNull(),
    /** The account (its organisation), project or contact person it covers. */
    scopeId: uuid("scope_id").notNull(),
    reason: text("reason").notNull(),
    createdById: uuid("created_by_id")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    releasedAt: timestamp("released_at", { withTimezone: true }),
    releasedById: uuid("released_by_id").references(() => users.id),
  },
  (t) => [
    index("legal_holds_scope_idx")
      .on(t.scope, t.scopeId)
      .where(sql`${t.releasedAt} is null`),
    check("legal_holds_scope_check", sql`${t.scope} in ('account', 'project', 'contact')`),
    check(
      "legal_holds_released_check",
      sql`(${t.releasedAt} is null) = (${t.releasedById} is null)`,
    ),
  ],
);
