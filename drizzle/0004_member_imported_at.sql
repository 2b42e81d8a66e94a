ALTER TABLE "user" ADD COLUMN "imported_at" timestamp with time zone;--> statement-breakpoint
-- data migration (keep at merge)
-- Members imported before imported_at existed. Imported with newsletter consent: their
-- subscription says so. Imported without: an account nobody ever confirmed and for which
-- no sign-in link or code was ever stored can only have come from a CSV import (every
-- request for a link stores one, and nothing has deleted them so far). Without this the
-- hourly cleanup would take such members for abandoned joins and delete them.
UPDATE "user" u SET "imported_at" = u."created_at"
WHERE u."imported_at" IS NULL AND u."emailVerified" IS NULL AND u."role" = 'reader'
  AND (
    EXISTS (SELECT 1 FROM "subscription" s WHERE s."user_id" = u."id" AND s."source" = 'import')
    OR (
      NOT EXISTS (SELECT 1 FROM "verificationToken" v WHERE v."identifier" = u."email")
      AND NOT EXISTS (SELECT 1 FROM "signin_code" c WHERE c."email" = u."email")
      AND NOT EXISTS (SELECT 1 FROM "join" j WHERE j."user_id" = u."id")
    )
  );
