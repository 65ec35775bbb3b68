CREATE TABLE "request_reply_addresses" (
	"token" text PRIMARY KEY NOT NULL,
	"request_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "request_comments" ADD COLUMN "message_id" text;--> statement-breakpoint
ALTER TABLE "request_reply_addresses" ADD CONSTRAINT "request_reply_addresses_request_id_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_reply_addresses" ADD CONSTRAINT "request_reply_addresses_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "request_reply_addresses_pair_idx" ON "request_reply_addresses" USING btree ("request_id","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "request_comments_message_idx" ON "request_comments" USING btree ("request_id","message_id") WHERE "request_comments"."message_id" is not null;