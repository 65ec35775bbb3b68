ALTER TABLE "entries" ADD COLUMN "thread_key" text;--> statement-breakpoint
ALTER TABLE "outbound_emails" ADD COLUMN "in_reply_to" text;--> statement-breakpoint
ALTER TABLE "outbound_emails" ADD COLUMN "references" text;--> statement-breakpoint
CREATE INDEX "entries_thread_idx" ON "entries" USING btree ("project_id","thread_key") WHERE "entries"."thread_key" is not null;--> statement-breakpoint
-- Every email already kept starts a conversation of its own.
UPDATE "entries" SET "thread_key" = "message_id" WHERE "message_id" IS NOT NULL;
