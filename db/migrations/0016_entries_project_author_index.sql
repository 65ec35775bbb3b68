DROP INDEX "entries_author_project_idx";--> statement-breakpoint
CREATE INDEX "entries_project_author_idx" ON "entries" USING btree ("project_id","author_id","audience_id");