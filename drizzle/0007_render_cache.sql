CREATE TABLE "cache_drop" (
	"version" bigserial PRIMARY KEY NOT NULL,
	"tags" jsonb NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cache_peer" (
	"id" text PRIMARY KEY NOT NULL,
	"seen" bigint NOT NULL,
	"lease_until" timestamp with time zone NOT NULL,
	"host" text NOT NULL,
	"pid" integer NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL
);
