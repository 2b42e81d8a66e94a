CREATE TABLE "newsletter_delivery" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"issue_id" integer NOT NULL,
	"user_id" text,
	"email" text,
	"status" text DEFAULT 'queued' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"not_before" timestamp with time zone,
	"lease_until" timestamp with time zone,
	"sent_at" timestamp with time zone,
	"last_error" text
);
--> statement-breakpoint
CREATE TABLE "newsletter_issue" (
	"id" serial PRIMARY KEY NOT NULL,
	"subject" text NOT NULL,
	"intro" text DEFAULT '' NOT NULL,
	"article_ids" integer[] DEFAULT '{}'::integer[] NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"frozen" jsonb,
	"send_started_at" timestamp with time zone,
	"fanout_cursor" text,
	"fanout_at" timestamp with time zone,
	"fanned_out_at" timestamp with time zone,
	"recipient_count" integer DEFAULT 0 NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "subscription" ADD COLUMN "suppressed_reason" text;--> statement-breakpoint
ALTER TABLE "newsletter_delivery" ADD CONSTRAINT "newsletter_delivery_issue_id_newsletter_issue_id_fk" FOREIGN KEY ("issue_id") REFERENCES "public"."newsletter_issue"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "newsletter_delivery" ADD CONSTRAINT "newsletter_delivery_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "newsletter_issue" ADD CONSTRAINT "newsletter_issue_created_by_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "newsletter_delivery_issue_user_idx" ON "newsletter_delivery" USING btree ("issue_id","user_id");--> statement-breakpoint
CREATE INDEX "newsletter_delivery_issue_status_idx" ON "newsletter_delivery" USING btree ("issue_id","status","id");--> statement-breakpoint
CREATE INDEX "newsletter_delivery_user_idx" ON "newsletter_delivery" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "newsletter_issue_status_idx" ON "newsletter_issue" USING btree ("status");--> statement-breakpoint
CREATE INDEX "subscription_status_user_idx" ON "subscription" USING btree ("status","user_id");