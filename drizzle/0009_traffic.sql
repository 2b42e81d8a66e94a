CREATE TABLE "article_traffic" (
	"day" text NOT NULL,
	"article_id" integer NOT NULL,
	"source" text NOT NULL,
	"host" text DEFAULT '' NOT NULL,
	"issue_id" integer DEFAULT 0 NOT NULL,
	"anonymous_views" integer DEFAULT 0 NOT NULL,
	"member_views" integer DEFAULT 0 NOT NULL,
	"gate_views" integer DEFAULT 0 NOT NULL,
	"metered_reads" integer DEFAULT 0 NOT NULL,
	"spent_gates" integer DEFAULT 0 NOT NULL,
	"free_reads" integer DEFAULT 0 NOT NULL,
	"ran_out" integer DEFAULT 0 NOT NULL,
	"joins" integer DEFAULT 0 NOT NULL,
	"confirmations" integer DEFAULT 0 NOT NULL,
	"newsletter_opt_ins" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "article_traffic_day_article_id_source_host_issue_id_pk" PRIMARY KEY("day","article_id","source","host","issue_id")
);
--> statement-breakpoint
-- What the meter counted so far moves over; its sources were not recorded: "direct".
INSERT INTO "article_traffic" ("day", "article_id", "source", "free_reads", "ran_out", "metered_reads", "anonymous_views")
SELECT "day", "article_id", 'direct', "free_reads", "ran_out", "free_reads", "free_reads" FROM "meter_daily";--> statement-breakpoint
DROP TABLE "meter_daily" CASCADE;--> statement-breakpoint
ALTER TABLE "join" ADD COLUMN "referral_source" text;--> statement-breakpoint
ALTER TABLE "join" ADD COLUMN "referral_host" text;--> statement-breakpoint
ALTER TABLE "join" ADD COLUMN "referral_issue_id" integer;--> statement-breakpoint
ALTER TABLE "article_traffic" ADD CONSTRAINT "article_traffic_article_id_article_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."article"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "article_traffic_article_idx" ON "article_traffic" USING btree ("article_id","day");