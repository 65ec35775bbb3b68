CREATE TABLE "email_webhook_events" (
	"id" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"provider_id" text,
	"status" text,
	"reason" text,
	"occurred_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outbound_emails" (
	"entry_id" uuid PRIMARY KEY NOT NULL,
	"message_id" text NOT NULL,
	"recipients" jsonb NOT NULL,
	"document_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"language" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"status_rank" smallint DEFAULT 0 NOT NULL,
	"status_at" timestamp with time zone DEFAULT now() NOT NULL,
	"status_reason" text,
	"provider_id" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "outbound_emails_message_id_unique" UNIQUE("message_id"),
	CONSTRAINT "outbound_emails_provider_id_unique" UNIQUE("provider_id"),
	CONSTRAINT "outbound_emails_rank_check" CHECK ("outbound_emails"."status_rank" between 0 and 4)
);
--> statement-breakpoint
ALTER TABLE "outbound_emails" ADD CONSTRAINT "outbound_emails_entry_id_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "email_webhook_events_provider_idx" ON "email_webhook_events" USING btree ("provider_id");