ALTER TABLE "newsletter_delivery" ADD COLUMN "refused_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "newsletter_issue" ADD COLUMN "pause_kind" text;--> statement-breakpoint
ALTER TABLE "newsletter_issue" ADD COLUMN "pause_reason" text;--> statement-breakpoint
ALTER TABLE "newsletter_issue" ADD COLUMN "paused_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "newsletter_delivery_refused_idx" ON "newsletter_delivery" USING btree ("issue_id","refused_at") WHERE refused_at IS NOT NULL;