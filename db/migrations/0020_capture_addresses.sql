CREATE TABLE "capture_addresses" (
	"project_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"key_version" integer DEFAULT 1 NOT NULL,
	"label" text NOT NULL,
	"token" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"rotated_at" timestamp with time zone,
	"rotated_by_id" uuid,
	CONSTRAINT "capture_addresses_project_id_organization_id_pk" PRIMARY KEY("project_id","organization_id"),
	CONSTRAINT "capture_addresses_token_unique" UNIQUE("token"),
	CONSTRAINT "capture_addresses_key_version_check" CHECK ("capture_addresses"."key_version" > 0)
);
--> statement-breakpoint
ALTER TABLE "capture_addresses" ADD CONSTRAINT "capture_addresses_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "capture_addresses" ADD CONSTRAINT "capture_addresses_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "capture_addresses" ADD CONSTRAINT "capture_addresses_rotated_by_id_users_id_fk" FOREIGN KEY ("rotated_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "capture_addresses_organization_idx" ON "capture_addresses" USING btree ("organization_id");