import { sql } from "drizzle-orm";
import {
  check,
  index,
  integer,
  jsonb,
  pgTable,
  smallint,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { entries } from "./history";
import { outboundStatuses, type OutboundStatus } from "./values";

export { outboundStatusRanks, outboundStatuses, type OutboundStatus } from "./values";

/** A recipient as the sender chose them: a contact person or a user, with the address used. */
export type OutboundRecipient = {
  name: string;
  email: string;
  contactId?: string;
  userId?: string;
};

/** An email sent from a project: its history entry, its recipients and its delivery status. */
export const outboundEmails = pgTable(
  "outbound_emails",
  {
    entryId: uuid("entry_id")
      .primaryKey()
      .references(() => entries.id),
    /** The Message-ID header we set (also on the entry), `<…@host>`. */
    messageId: text("message_id").notNull().unique(),
    /** When it answers an email: that one's Message-ID, and the conversation's References. */
    inReplyTo: text("in_reply_to"),
    references: text("references"),
    recipients: jsonb("recipients").$type<OutboundRecipient[]>().notNull(),
    /** Project documents sent along (their current version at sending). */
    documentIds: jsonb("document_ids").$type<string[]>().notNull().default([]),
    /** The sender's language: the mail's frame (greeting line, footer) is written in it. */
    language: text("language").notNull(),
    status: text("status", { enum: outboundStatuses as [OutboundStatus, ...OutboundStatus[]] })
      .notNull()
      .default("queued"),
    statusRank: smallint("status_rank").notNull().default(0),
    statusAt: timestamp("status_at", { withTimezone: true }).notNull().defaultNow(),
    /** Why it failed or bounced, as the provider said it. */
    statusReason: text("status_reason"),
    /** The provider's id of the sent message, which its webhook events name. */
    providerId: text("provider_id").unique(),
    attempts: integer("attempts").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check("outbound_emails_rank_check", sql`${t.statusRank} between 0 and 4`)],
);

/**
 * Every webhook delivery we accepted, by its id: the same event twice is stored once. Events are
 * kept with the status they mean, so one that arrives before we learnt the provider's id of
 * our message (its send is still committing) is applied when we learn it.
 */
export const emailWebhookEvents = pgTable(
  "email_webhook_events",
  {
    id: text("id").primaryKey(),
    type: text("type").notNull(),
    providerId: text("provider_id"),
    status: text("status", { enum: outboundStatuses as [OutboundStatus, ...OutboundStatus[]] }),
    reason: text("reason"),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("email_webhook_events_provider_idx").on(t.providerId)],
);
