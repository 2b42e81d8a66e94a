DROP INDEX "join_user_idx";--> statement-breakpoint
CREATE INDEX "join_user_article_idx" ON "join" USING btree ("user_id","article_id");