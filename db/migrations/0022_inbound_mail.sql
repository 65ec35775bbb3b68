CREATE TABLE "unresolved_mails" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"provider_id" text,
	"message_id" text,
	"received_at" timestamp with time zone NOT NULL,
	"from_address" text NOT NULL,
	"from_name" text,
	"recipients" jsonb NOT NULL,
	"subject" text NOT NULL,
	"preview_text" text NOT NULL,
	"raw" "bytea",
	"raw_size" integer NOT NULL,
	"reason" text NOT NULL,
	"project_id" uuid,
	"organization_id" uuid,
	"status" text DEFAULT 'open' NOT NULL,
	"decided_by_id" uuid,
	"decided_at" timestamp with time zone,
	"decision_reason" text,
	"entry_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "unresolved_mails_provider_id_unique" UNIQUE("provider_id"),
	CONSTRAINT "unresolved_mails_status_check" CHECK ("unresolved_mails"."status" in ('open', 'assigned', 'discarded'))
);
--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "mail_domains" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "unresolved_mails" ADD CONSTRAINT "unresolved_mails_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unresolved_mails" ADD CONSTRAINT "unresolved_mails_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unresolved_mails" ADD CONSTRAINT "unresolved_mails_decided_by_id_users_id_fk" FOREIGN KEY ("decided_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unresolved_mails" ADD CONSTRAINT "unresolved_mails_entry_id_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "unresolved_mails_open_idx" ON "unresolved_mails" USING btree ("status","received_at" DESC NULLS LAST);