CREATE TABLE "newsletter_issue_visit" (
	"issue_id" integer NOT NULL,
	"variant" text NOT NULL,
	"visits" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "newsletter_issue_visit_issue_id_variant_pk" PRIMARY KEY("issue_id","variant")
);
--> statement-breakpoint
CREATE TABLE "newsletter" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"sender_name" text DEFAULT '' NOT NULL,
	"offered_by_default" boolean DEFAULT false NOT NULL,
	"archived_at" timestamp with time zone,
	"welcome_on" boolean DEFAULT false NOT NULL,
	"welcome_subject" text DEFAULT '' NOT NULL,
	"welcome_body" text DEFAULT '' NOT NULL,
	"digest_on" boolean DEFAULT false NOT NULL,
	"digest_days" integer[] DEFAULT '{5}'::integer[] NOT NULL,
	"digest_time" text DEFAULT '07:00' NOT NULL,
	"digest_auto_send" boolean DEFAULT false NOT NULL,
	"digest_size" integer DEFAULT 5 NOT NULL,
	"digest_pinned_ids" integer[] DEFAULT '{}'::integer[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
DROP INDEX "subscription_status_user_idx";--> statement-breakpoint
-- Today's one list becomes the first newsletter, offered by default as the gate offered it.
INSERT INTO "newsletter" ("id", "name", "description", "offered_by_default") VALUES (1, 'Newsletter', 'Our newsletter.', true);--> statement-breakpoint
SELECT setval(pg_get_serial_sequence('newsletter', 'id'), 1);--> statement-breakpoint
ALTER TABLE "subscription" ADD COLUMN "newsletter_id" integer;--> statement-breakpoint
UPDATE "subscription" SET "newsletter_id" = 1;--> statement-breakpoint
ALTER TABLE "subscription" ALTER COLUMN "newsletter_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "subscription" DROP CONSTRAINT "subscription_pkey";--> statement-breakpoint
ALTER TABLE "subscription" ADD CONSTRAINT "subscription_user_id_newsletter_id_pk" PRIMARY KEY("user_id","newsletter_id");--> statement-breakpoint
ALTER TABLE "member_import" ADD COLUMN "newsletter_id" integer;--> statement-breakpoint
ALTER TABLE "newsletter_delivery" ADD COLUMN "variant" text;--> statement-breakpoint
ALTER TABLE "newsletter_issue" ADD COLUMN "newsletter_id" integer;--> statement-breakpoint
UPDATE "newsletter_issue" SET "newsletter_id" = 1;--> statement-breakpoint
ALTER TABLE "newsletter_issue" ALTER COLUMN "newsletter_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "newsletter_issue" ADD COLUMN "kind" text DEFAULT 'issue' NOT NULL;--> statement-breakpoint
ALTER TABLE "newsletter_issue" ADD COLUMN "subject_b" text;--> statement-breakpoint
ALTER TABLE "newsletter_issue" ADD COLUMN "sample_percent" integer DEFAULT 10 NOT NULL;--> statement-breakpoint
ALTER TABLE "newsletter_issue" ADD COLUMN "test_wait_minutes" integer DEFAULT 60 NOT NULL;--> statement-breakpoint
ALTER TABLE "newsletter_issue" ADD COLUMN "test_decided_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "newsletter_issue" ADD COLUMN "test_winner" text;--> statement-breakpoint
ALTER TABLE "newsletter_issue" ADD COLUMN "test_reason" text;--> statement-breakpoint
ALTER TABLE "newsletter_issue" ADD COLUMN "scheduled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "newsletter_issue" ADD COLUMN "digest_period_start" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "newsletter_issue" ADD COLUMN "digest_period_end" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "subscription" ADD COLUMN "welcomed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "newsletter_issue_visit" ADD CONSTRAINT "newsletter_issue_visit_issue_id_newsletter_issue_id_fk" FOREIGN KEY ("issue_id") REFERENCES "public"."newsletter_issue"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_import" ADD CONSTRAINT "member_import_newsletter_id_newsletter_id_fk" FOREIGN KEY ("newsletter_id") REFERENCES "public"."newsletter"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "newsletter_issue" ADD CONSTRAINT "newsletter_issue_newsletter_id_newsletter_id_fk" FOREIGN KEY ("newsletter_id") REFERENCES "public"."newsletter"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscription" ADD CONSTRAINT "subscription_newsletter_id_newsletter_id_fk" FOREIGN KEY ("newsletter_id") REFERENCES "public"."newsletter"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "newsletter_issue_newsletter_idx" ON "newsletter_issue" USING btree ("newsletter_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "newsletter_issue_digest_period_idx" ON "newsletter_issue" USING btree ("newsletter_id","digest_period_end") WHERE kind = 'digest';--> statement-breakpoint
CREATE INDEX "subscription_newsletter_status_user_idx" ON "subscription" USING btree ("newsletter_id","status","user_id");