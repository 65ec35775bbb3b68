CREATE TABLE "retention_rules" (
	"record_type" text PRIMARY KEY NOT NULL,
	"years" integer NOT NULL,
	"trigger" text NOT NULL,
	"enabled" boolean DEFAULT false NOT NULL,
	"updated_by_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "retention_rules_years_check" CHECK ("retention_rules"."years" between 1 and 30),
	CONSTRAINT "retention_rules_trigger_check" CHECK ("retention_rules"."trigger" in ('created', 'resolved', 'projectClosed', 'lastContact'))
);
--> statement-breakpoint
CREATE TABLE "retention_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ran_at" timestamp with time zone NOT NULL,
	"ran_by_id" uuid,
	"total" integer NOT NULL,
	"certificate" jsonb NOT NULL,
	"key_id" text NOT NULL,
	"signature" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "retention_rules" ADD CONSTRAINT "retention_rules_updated_by_id_users_id_fk" FOREIGN KEY ("updated_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "retention_runs" ADD CONSTRAINT "retention_runs_ran_by_id_users_id_fk" FOREIGN KEY ("ran_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "retention_runs_ran_idx" ON "retention_runs" USING btree ("ran_at");--> statement-breakpoint
-- The defaults of the German commercial and tax codes (sources: README, "Retention"), each off
-- until an administrator or compliance officer has looked at what it would remove.
INSERT INTO "retention_rules" ("record_type", "years", "trigger") VALUES
  ('entries', 6, 'created'),
  ('documents', 10, 'created'),
  ('requests', 6, 'resolved'),
  ('contacts', 6, 'lastContact'),
  ('auditEvents', 10, 'created');
--> statement-breakpoint
-- A run's certificate is kept as it was signed.
CREATE FUNCTION retention_runs_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'retention runs are kept as signed (% refused)', TG_OP;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER retention_runs_no_update_delete
  BEFORE UPDATE OR DELETE ON retention_runs
  FOR EACH ROW EXECUTE FUNCTION retention_runs_refuse_change();
--> statement-breakpoint
CREATE TRIGGER retention_runs_no_truncate
  BEFORE TRUNCATE ON retention_runs
  FOR EACH STATEMENT EXECUTE FUNCTION retention_runs_refuse_change();
