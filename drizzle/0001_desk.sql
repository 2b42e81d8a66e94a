CREATE TABLE "desk_audit" (
	"id" serial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" text,
	"actor_email" text NOT NULL,
	"action" text NOT NULL,
	"article_id" integer NOT NULL,
	"article_slug" text NOT NULL,
	"article_title" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "member_import" (
	"id" text PRIMARY KEY NOT NULL,
	"created_by" text,
	"file_name" text DEFAULT '' NOT NULL,
	"csv" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"applied_at" timestamp with time zone,
	"result" jsonb
);
--> statement-breakpoint
ALTER TABLE "desk_audit" ADD CONSTRAINT "desk_audit_actor_id_user_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_import" ADD CONSTRAINT "member_import_created_by_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "desk_audit_article_idx" ON "desk_audit" USING btree ("article_id","at");