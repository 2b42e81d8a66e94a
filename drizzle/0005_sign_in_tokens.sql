CREATE TABLE "sign_in_token" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"token_hash" text NOT NULL,
	"code_hash" text NOT NULL,
	"email" text NOT NULL,
	"sent_to" text NOT NULL,
	"callback_url" text DEFAULT '/' NOT NULL,
	"expires" timestamp with time zone NOT NULL,
	"code_expires" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sign_in_token_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
DROP TABLE "signin_code" CASCADE;--> statement-breakpoint
DROP TABLE "used_token" CASCADE;--> statement-breakpoint
DROP TABLE "verificationToken" CASCADE;--> statement-breakpoint
ALTER TABLE "user" ADD COLUMN "email_as_typed" text;--> statement-breakpoint
CREATE INDEX "sign_in_token_email_idx" ON "sign_in_token" USING btree ("email","code_expires");--> statement-breakpoint
CREATE INDEX "sign_in_token_expires_idx" ON "sign_in_token" USING btree ("expires");
--> statement-breakpoint
-- data migration (keep at merge): an address's identity is the whole address, lowercased.
-- Each mixed-case address keeps its spelling in email_as_typed and takes the lowercase
-- identity, unless an account already holds that identity; of several spellings of one
-- address only the oldest takes it. The others stay as they were: merging two accounts
-- is the publisher's call.
WITH ranked AS (
  SELECT id, email, row_number() OVER (PARTITION BY lower(email) ORDER BY created_at, id) AS n
  FROM "user" WHERE email <> lower(email)
)
UPDATE "user" u SET email_as_typed = u.email, email = lower(u.email)
FROM ranked r
WHERE u.id = r.id AND r.n = 1
  AND NOT EXISTS (SELECT 1 FROM "user" o WHERE o.email = lower(r.email));
