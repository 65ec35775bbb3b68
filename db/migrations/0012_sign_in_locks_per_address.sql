-- Sign-in locks are counted per typed address, with or without an account behind it (ADR 0004),
-- so an unknown address locks exactly like a real one. Existing counters move to their user's
-- address; `last_failed_at` lets counters of addresses nobody uses any more be swept.
ALTER TABLE "account_lockouts" ADD COLUMN "email" text;--> statement-breakpoint
ALTER TABLE "account_lockouts" ADD COLUMN "last_failed_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
UPDATE "account_lockouts" SET "email" = lower(trim("users"."email")) FROM "users" WHERE "users"."id" = "account_lockouts"."user_id";--> statement-breakpoint
ALTER TABLE "account_lockouts" ALTER COLUMN "email" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "account_lockouts" DROP CONSTRAINT "account_lockouts_user_id_users_id_fk";--> statement-breakpoint
ALTER TABLE "account_lockouts" DROP CONSTRAINT "account_lockouts_user_id_device_key_pk";--> statement-breakpoint
ALTER TABLE "account_lockouts" DROP COLUMN "user_id";--> statement-breakpoint
ALTER TABLE "account_lockouts" ADD CONSTRAINT "account_lockouts_email_device_key_pk" PRIMARY KEY("email","device_key");--> statement-breakpoint
CREATE INDEX "account_lockouts_last_failed_idx" ON "account_lockouts" USING btree ("last_failed_at");
