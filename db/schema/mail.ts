import { sql } from "drizzle-orm";
import { index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

export const mailStatuses = ["outbox", "sent", "failed"] as const;

// Every message the app sends; without a mail provider it stays here as the development outbox.
export const mailMessages = pgTable(
  "mail_messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    template: text("template").notNull(),
    from: text("from").notNull(),
    to: text("to").notNull(),
    subject: text("subject").notNull(),
    html: text("html").notNull(),
    text: text("text").notNull(),
    transport: text("transport", { enum: ["outbox", "resend"] }).notNull(),
    status: text("status", { enum: mailStatuses }).notNull(),
    providerId: text("provider_id"),
    error: text("error"),
    // What this message is about and for whom (e.g. a request change and its recipient), for
    // mail a job sends: a job run twice finds its message here and does not send it again.
    dedupeKey: text("dedupe_key"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("mail_messages_created_idx").on(t.createdAt),
    uniqueIndex("mail_messages_dedupe_key_idx")
      .on(t.dedupeKey)
      .where(sql`${t.dedupeKey} is not null`),
  ],
);
