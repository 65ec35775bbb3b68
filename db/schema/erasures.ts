import { sql } from "drizzle-orm";
import { check, index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./identity";
import { dataSubjectKinds } from "./values";

/**
 * One person's data erased (ADR 27), with the signed deletion certificate that says what was
 * erased, where, when and by whom. The certificate names the person only by pseudonym: it must
 * not become the last place that holds them.
 */
export const erasures = pgTable(
  "erasures",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    subjectKind: text("subject_kind", { enum: dataSubjectKinds }).notNull(),
    /** The contact's or user's id; the row stays, anonymised. */
    subjectId: uuid("subject_id").notNull(),
    pseudonym: text("pseudonym").notNull(),
    /** The data-subject request or ticket it answers, as the officer gave it. */
    reference: text("reference").notNull(),
    erasedById: uuid("erased_by_id")
      .notNull()
      .references(() => users.id),
    erasedAt: timestamp("erased_at", { withTimezone: true }).notNull(),
    /** The certificate as signed: canonical JSON of its body, and the Ed25519 signature. */
    certificate: jsonb("certificate").$type<Record<string, unknown>>().notNull(),
    keyId: text("key_id").notNull(),
    signature: text("signature").notNull(),
  },
  (t) => [
    index("erasures_erased_idx").on(t.erasedAt),
    index("erasures_subject_idx").on(t.subjectKind, t.subjectId),
    check("erasures_subject_kind_check", sql`${t.subjectKind} in ('contact', 'user')`),
  ],
);
