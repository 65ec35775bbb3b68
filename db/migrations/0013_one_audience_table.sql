CREATE TABLE "audiences" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"organization_key" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "audiences_kind_organizations_key" UNIQUE("kind","organization_key"),
	CONSTRAINT "audiences_kind_check" CHECK ("audiences"."kind" in ('internal', 'all_members', 'partners', 'customer', 'custom')),
	CONSTRAINT "audiences_organizations_check" CHECK (("audiences"."kind" = 'custom') = ("audiences"."organization_key" <> ''))
);
--> statement-breakpoint
CREATE TABLE "audience_organizations" (
	"audience_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	CONSTRAINT "audience_organizations_audience_id_organization_id_pk" PRIMARY KEY("audience_id","organization_id")
);
--> statement-breakpoint
ALTER TABLE "audience_organizations" ADD CONSTRAINT "audience_organizations_audience_id_audiences_id_fk" FOREIGN KEY ("audience_id") REFERENCES "public"."audiences"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audience_organizations" ADD CONSTRAINT "audience_organizations_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audience_organizations_org_idx" ON "audience_organizations" USING btree ("organization_id");--> statement-breakpoint
-- The preset audiences, one row each.
INSERT INTO "audiences" ("kind") VALUES ('internal'), ('all_members'), ('partners'), ('customer');--> statement-breakpoint
-- Each custom item's organisations as a key: the ids sorted byte-wise (as the app sorts them), joined with commas.
CREATE VIEW "migration_0013_custom_keys" AS
	SELECT 'entry' AS "item", a."entry_id" AS "id",
		string_agg(a."organization_id"::text, ',' ORDER BY a."organization_id"::text COLLATE "C") AS "organization_key"
	FROM "entry_audience_organizations" a
	JOIN "entries" e ON e."id" = a."entry_id" AND e."audience" = 'custom'
	GROUP BY a."entry_id"
	UNION ALL
	SELECT 'document', a."document_id",
		string_agg(a."organization_id"::text, ',' ORDER BY a."organization_id"::text COLLATE "C")
	FROM "document_audience_organizations" a
	JOIN "documents" d ON d."id" = a."document_id" AND d."audience" = 'custom'
	GROUP BY a."document_id";--> statement-breakpoint
INSERT INTO "audiences" ("kind", "organization_key")
	SELECT DISTINCT 'custom', "organization_key" FROM "migration_0013_custom_keys";--> statement-breakpoint
INSERT INTO "audience_organizations" ("audience_id", "organization_id")
	SELECT a."id", o."id"::uuid
	FROM "audiences" a, unnest(string_to_array(a."organization_key", ',')) AS o("id")
	WHERE a."kind" = 'custom';--> statement-breakpoint
ALTER TABLE "entries" ADD COLUMN "audience_id" uuid;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "audience_id" uuid;--> statement-breakpoint
UPDATE "entries" e SET "audience_id" = a."id"
	FROM "audiences" a
	WHERE e."audience" <> 'custom' AND a."kind" = e."audience" AND a."organization_key" = '';--> statement-breakpoint
UPDATE "entries" e SET "audience_id" = a."id"
	FROM "migration_0013_custom_keys" k
	JOIN "audiences" a ON a."kind" = 'custom' AND a."organization_key" = k."organization_key"
	WHERE k."item" = 'entry' AND e."id" = k."id";--> statement-breakpoint
UPDATE "documents" d SET "audience_id" = a."id"
	FROM "audiences" a
	WHERE d."audience" <> 'custom' AND a."kind" = d."audience" AND a."organization_key" = '';--> statement-breakpoint
UPDATE "documents" d SET "audience_id" = a."id"
	FROM "migration_0013_custom_keys" k
	JOIN "audiences" a ON a."kind" = 'custom' AND a."organization_key" = k."organization_key"
	WHERE k."item" = 'document' AND d."id" = k."id";--> statement-breakpoint
-- A custom item without organisations left was readable by the host alone: internal says so.
UPDATE "entries" SET "audience_id" = (SELECT "id" FROM "audiences" WHERE "kind" = 'internal')
	WHERE "audience_id" IS NULL;--> statement-breakpoint
UPDATE "documents" SET "audience_id" = (SELECT "id" FROM "audiences" WHERE "kind" = 'internal')
	WHERE "audience_id" IS NULL;--> statement-breakpoint
-- An attachment carries its entry's audience: the same row, whatever its own copy had drifted to.
UPDATE "documents" d SET "audience_id" = e."audience_id"
	FROM "entries" e
	WHERE d."entry_id" = e."id";--> statement-breakpoint
DROP VIEW "migration_0013_custom_keys";--> statement-breakpoint
ALTER TABLE "entries" ALTER COLUMN "audience_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "documents" ALTER COLUMN "audience_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "entries" ADD CONSTRAINT "entries_audience_id_audiences_id_fk" FOREIGN KEY ("audience_id") REFERENCES "public"."audiences"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_audience_id_audiences_id_fk" FOREIGN KEY ("audience_id") REFERENCES "public"."audiences"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
DROP TABLE "entry_audience_organizations";--> statement-breakpoint
DROP TABLE "document_audience_organizations";--> statement-breakpoint
ALTER TABLE "entries" DROP CONSTRAINT "entries_audience_check";--> statement-breakpoint
ALTER TABLE "documents" DROP CONSTRAINT "documents_audience_check";--> statement-breakpoint
ALTER TABLE "entries" DROP COLUMN "audience";--> statement-breakpoint
ALTER TABLE "documents" DROP COLUMN "audience";
