ALTER TABLE "newsletter" ADD COLUMN "welcome_since" timestamp with time zone;--> statement-breakpoint
-- Subscriptions from before welcome mail existed are never welcomed.
UPDATE "subscription" SET "welcomed_at" = coalesce("confirmed_at", "consent_at") WHERE "status" IN ('active', 'suppressed', 'unsubscribed') AND "welcomed_at" IS NULL;--> statement-breakpoint
CREATE INDEX "subscription_welcome_due_idx" ON "subscription" USING btree ("newsletter_id","user_id") WHERE status = 'active' AND welcomed_at IS NULL;