CREATE TABLE "erasures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"subject_kind" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"pseudonym" text NOT NULL,
	"reference" text NOT NULL,
	"erased_by_id" uuid NOT NULL,
	"erased_at" timestamp with time zone NOT NULL,
	"certificate" jsonb NOT NULL,
	"key_id" text NOT NULL,
	"signature" text NOT NULL,
	CONSTRAINT "erasures_subject_kind_check" CHECK ("erasures"."subject_kind" in ('contact', 'user'))
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "erased_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "erased_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "erasures" ADD CONSTRAINT "erasures_erased_by_id_users_id_fk" FOREIGN KEY ("erased_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "erasures_erased_idx" ON "erasures" USING btree ("erased_at");--> statement-breakpoint
CREATE INDEX "erasures_subject_idx" ON "erasures" USING btree ("subject_kind","subject_id");--> statement-breakpoint
-- A deletion certificate is kept as it was signed: no one edits or removes it afterwards.
CREATE FUNCTION erasures_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'erasures are kept as signed (% refused)', TG_OP;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER erasures_no_update_delete
  BEFORE UPDATE OR DELETE ON erasures
  FOR EACH ROW EXECUTE FUNCTION erasures_refuse_change();
--> statement-breakpoint
CREATE TRIGGER erasures_no_truncate
  BEFORE TRUNCATE ON erasures
  FOR EACH STATEMENT EXECUTE FUNCTION erasures_refuse_change();
