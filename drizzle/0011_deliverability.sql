CREATE TABLE "consent_record" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"newsletter_id" integer,
	"action" text NOT NULL,
	"source" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"network" text,
	"user_agent" text,
	"sentence" text,
	"attestation" text
);
--> statement-breakpoint
CREATE TABLE "mail_event" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"provider" text NOT NULL,
	"provider_event_id" text NOT NULL,
	"kind" text NOT NULL,
	"email" text,
	"delivery_id" bigint,
	"issue_id" integer,
	"user_id" text,
	"occurred_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"detail" text,
	"action" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "suppression" (
	"id" serial PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"newsletter_id" integer,
	"reason" text NOT NULL,
	"detail" text,
	"source" text NOT NULL,
	"event_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "suppression_email_newsletter_key" UNIQUE NULLS NOT DISTINCT("email","newsletter_id")
);
--> statement-breakpoint
ALTER TABLE "newsletter_issue" ADD COLUMN "guard_acknowledged" jsonb;--> statement-breakpoint
ALTER TABLE "consent_record" ADD CONSTRAINT "consent_record_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mail_event" ADD CONSTRAINT "mail_event_issue_id_newsletter_issue_id_fk" FOREIGN KEY ("issue_id") REFERENCES "public"."newsletter_issue"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mail_event" ADD CONSTRAINT "mail_event_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "consent_record_user_idx" ON "consent_record" USING btree ("user_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "mail_event_provider_id_idx" ON "mail_event" USING btree ("provider","provider_event_id");--> statement-breakpoint
CREATE INDEX "mail_event_issue_kind_idx" ON "mail_event" USING btree ("issue_id","kind");--> statement-breakpoint
CREATE INDEX "mail_event_email_kind_idx" ON "mail_event" USING btree ("email","kind","occurred_at");--> statement-breakpoint
CREATE INDEX "mail_event_user_idx" ON "mail_event" USING btree ("user_id","received_at");--> statement-breakpoint
CREATE INDEX "mail_event_received_idx" ON "mail_event" USING btree ("received_at");