CREATE TABLE "experiment_traffic" (
	"experiment_id" integer NOT NULL,
	"variant" integer NOT NULL,
	"gate_views" integer DEFAULT 0 NOT NULL,
	"joins" integer DEFAULT 0 NOT NULL,
	"confirmations" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "experiment_traffic_experiment_id_variant_pk" PRIMARY KEY("experiment_id","variant")
);
--> statement-breakpoint
CREATE TABLE "gift" (
	"id" serial PRIMARY KEY NOT NULL,
	"token_hash" text NOT NULL,
	"user_id" text NOT NULL,
	"article_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"opens" integer DEFAULT 0 NOT NULL,
	"last_opened_at" timestamp with time zone,
	CONSTRAINT "gift_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "wall_experiment" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text DEFAULT '' NOT NULL,
	"variants" jsonb NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_by" text NOT NULL,
	"ended_at" timestamp with time zone,
	"ended_by" text,
	"winner" integer
);
--> statement-breakpoint
ALTER TABLE "join" ADD COLUMN "gift_id" integer;--> statement-breakpoint
ALTER TABLE "join" ADD COLUMN "experiment_id" integer;--> statement-breakpoint
ALTER TABLE "join" ADD COLUMN "variant" integer;--> statement-breakpoint
ALTER TABLE "experiment_traffic" ADD CONSTRAINT "experiment_traffic_experiment_id_wall_experiment_id_fk" FOREIGN KEY ("experiment_id") REFERENCES "public"."wall_experiment"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gift" ADD CONSTRAINT "gift_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gift" ADD CONSTRAINT "gift_article_id_article_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."article"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "gift_user_idx" ON "gift" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "gift_created_idx" ON "gift" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "wall_experiment_running_idx" ON "wall_experiment" USING btree ("status") WHERE status = 'running';--> statement-breakpoint
ALTER TABLE "join" ADD CONSTRAINT "join_gift_id_gift_id_fk" FOREIGN KEY ("gift_id") REFERENCES "public"."gift"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "join" ADD CONSTRAINT "join_experiment_id_wall_experiment_id_fk" FOREIGN KEY ("experiment_id") REFERENCES "public"."wall_experiment"("id") ON DELETE set null ON UPDATE no action;