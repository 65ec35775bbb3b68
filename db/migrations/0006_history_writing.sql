CREATE TABLE "entry_participants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"entry_id" uuid NOT NULL,
	"contact_id" uuid,
	"user_id" uuid,
	CONSTRAINT "entry_participants_one_party" CHECK (num_nonnulls("entry_participants"."contact_id", "entry_participants"."user_id") = 1)
);
--> statement-breakpoint
CREATE TABLE "timeline_visits" (
	"user_id" uuid NOT NULL,
	"scope" text NOT NULL,
	"scope_id" uuid NOT NULL,
	"seen_at" timestamp with time zone NOT NULL,
	CONSTRAINT "timeline_visits_user_id_scope_scope_id_pk" PRIMARY KEY("user_id","scope","scope_id")
);
--> statement-breakpoint
ALTER TABLE "entries" ADD COLUMN "search_vector" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('german'::regconfig, subject), 'A') || setweight(to_tsvector('english'::regconfig, subject), 'A') || setweight(to_tsvector('german'::regconfig, body_text), 'B') || setweight(to_tsvector('english'::regconfig, body_text), 'B')) STORED;--> statement-breakpoint
ALTER TABLE "entry_participants" ADD CONSTRAINT "entry_participants_entry_id_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entry_participants" ADD CONSTRAINT "entry_participants_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entry_participants" ADD CONSTRAINT "entry_participants_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "timeline_visits" ADD CONSTRAINT "timeline_visits_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "entry_participants_contact_idx" ON "entry_participants" USING btree ("entry_id","contact_id");--> statement-breakpoint
CREATE UNIQUE INDEX "entry_participants_user_idx" ON "entry_participants" USING btree ("entry_id","user_id");--> statement-breakpoint
CREATE INDEX "entry_participants_contact_lookup_idx" ON "entry_participants" USING btree ("contact_id");--> statement-breakpoint
CREATE INDEX "entries_search_idx" ON "entries" USING gin ("search_vector");