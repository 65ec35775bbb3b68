CREATE TABLE "host_settings" (
	"id" boolean PRIMARY KEY DEFAULT true NOT NULL,
	"default_locale" text DEFAULT 'de' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "host_settings_single_row" CHECK ("host_settings"."id"),
	CONSTRAINT "host_settings_default_locale_check" CHECK ("host_settings"."default_locale" in ('de', 'en'))
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "locale" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "browser_locale" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "time_zone" text;--> statement-breakpoint
ALTER TABLE "invitations" ADD COLUMN "locale" text DEFAULT 'de' NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_locale_check" CHECK ("users"."locale" in ('de', 'en'));--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_browser_locale_check" CHECK ("users"."browser_locale" in ('de', 'en'));--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_locale_check" CHECK ("invitations"."locale" in ('de', 'en'));--> statement-breakpoint
INSERT INTO "host_settings" DEFAULT VALUES;
