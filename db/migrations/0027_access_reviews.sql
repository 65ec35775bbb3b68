CREATE TABLE "access_review_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"review_id" uuid NOT NULL,
	"membership_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"reviewer_id" uuid NOT NULL,
	"access_at_start" text NOT NULL,
	"sections_at_start" text[] NOT NULL,
	"decision" text,
	"justification" text,
	"decided_by_id" uuid,
	"decided_at" timestamp with time zone,
	"defaulted" boolean DEFAULT false NOT NULL,
	"reminded_at" timestamp with time zone,
	CONSTRAINT "access_review_items_decision_check" CHECK ("access_review_items"."decision" is null or "access_review_items"."decision" in ('keep', 'change', 'revoke')),
	CONSTRAINT "access_review_items_decided_check" CHECK (("access_review_items"."decision" is null) = ("access_review_items"."decided_at" is null))
);
--> statement-breakpoint
CREATE TABLE "access_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"scope" text NOT NULL,
	"scope_id" uuid,
	"reviewer_id" uuid,
	"due_on" date NOT NULL,
	"default_decision" text NOT NULL,
	"created_by_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	"closed_by_id" uuid,
	CONSTRAINT "access_reviews_scope_check" CHECK ("access_reviews"."scope" in ('all', 'project', 'account', 'organization')),
	CONSTRAINT "access_reviews_scope_id_check" CHECK (("access_reviews"."scope" = 'all') = ("access_reviews"."scope_id" is null)),
	CONSTRAINT "access_reviews_default_check" CHECK ("access_reviews"."default_decision" in ('keep', 'revoke'))
);
--> statement-breakpoint
ALTER TABLE "host_settings" ADD COLUMN "dormant_after_days" integer DEFAULT 90 NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "last_sign_in_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "access_review_items" ADD CONSTRAINT "access_review_items_review_id_access_reviews_id_fk" FOREIGN KEY ("review_id") REFERENCES "public"."access_reviews"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_review_items" ADD CONSTRAINT "access_review_items_membership_id_memberships_id_fk" FOREIGN KEY ("membership_id") REFERENCES "public"."memberships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_review_items" ADD CONSTRAINT "access_review_items_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_review_items" ADD CONSTRAINT "access_review_items_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_review_items" ADD CONSTRAINT "access_review_items_reviewer_id_users_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_review_items" ADD CONSTRAINT "access_review_items_decided_by_id_users_id_fk" FOREIGN KEY ("decided_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_reviews" ADD CONSTRAINT "access_reviews_reviewer_id_users_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_reviews" ADD CONSTRAINT "access_reviews_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_reviews" ADD CONSTRAINT "access_reviews_closed_by_id_users_id_fk" FOREIGN KEY ("closed_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "access_review_items_membership_unique" ON "access_review_items" USING btree ("review_id","membership_id");--> statement-breakpoint
CREATE INDEX "access_review_items_reviewer_idx" ON "access_review_items" USING btree ("reviewer_id","review_id");--> statement-breakpoint
CREATE INDEX "access_review_items_review_idx" ON "access_review_items" USING btree ("review_id","project_id");--> statement-breakpoint
CREATE INDEX "access_reviews_open_idx" ON "access_reviews" USING btree ("due_on") WHERE "access_reviews"."closed_at" is null;--> statement-breakpoint
ALTER TABLE "host_settings" ADD CONSTRAINT "host_settings_dormant_check" CHECK ("host_settings"."dormant_after_days" between 14 and 730);--> statement-breakpoint
-- Dormant users are judged by their last sign-in: carry over what the audit log already knows.
UPDATE "users" SET "last_sign_in_at" = "signed_in"."at"
FROM (SELECT "actor_user_id", max("occurred_at") AS "at" FROM "audit_events"
      WHERE "action" = 'auth.login_succeeded' GROUP BY "actor_user_id") AS "signed_in"
WHERE "signed_in"."actor_user_id" = "users"."id";
