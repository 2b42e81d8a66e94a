CREATE TABLE "meter_daily" (
	"day" text NOT NULL,
	"article_id" integer NOT NULL,
	"free_reads" integer DEFAULT 0 NOT NULL,
	"ran_out" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "meter_daily_day_article_id_pk" PRIMARY KEY("day","article_id")
);
--> statement-breakpoint
CREATE TABLE "setting_change" (
	"id" serial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" text,
	"actor_email" text NOT NULL,
	"key" text NOT NULL,
	"before" jsonb,
	"after" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "site_setting" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "article" ADD COLUMN "metered" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "join" ADD COLUMN "source" text;--> statement-breakpoint
ALTER TABLE "meter_daily" ADD CONSTRAINT "meter_daily_article_id_article_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."article"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "setting_change" ADD CONSTRAINT "setting_change_actor_id_user_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "setting_change_key_idx" ON "setting_change" USING btree ("key","at");