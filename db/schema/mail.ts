import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

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
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("mail_messages_created_idx").on(t.createdAt)],
);
