-- Trigram indexes let a part of a title find its rows without reading the table (ADR 29).
-- pg_trgm ships with PostgreSQL (contrib) and is a trusted extension: the database owner may
-- create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE INDEX "contacts_name_trgm_idx" ON "contacts" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "entries_subject_trgm_idx" ON "entries" USING gin ("subject" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "documents_title_trgm_idx" ON "documents" USING gin ("title" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "requests_title_trgm_idx" ON "requests" USING gin ("title" gin_trgm_ops);