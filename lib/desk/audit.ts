import "server-only";
import { desc, eq } from "drizzle-orm";
import { db, type Executor } from "@/lib/db/client";
import { deskAudit, type Article, type DeskAuditEntry } from "@/lib/db/schema";
import type { Editor } from "./guard";

export type AuditAction = DeskAuditEntry["action"];

export const AUDIT_LABELS: Record<AuditAction, string> = {
  created: "created",
  edited: "edited",
  published: "published",
  unpublished: "unpublished",
  premium_on: "made premium",
  premium_off: "made free",
  metered_on: "made metered (free reads count for it)",
  members_only: "made members only",
  deleted: "deleted",
};

type ArticleRef = Pick<Article, "id" | "slug" | "title">;

/** Written in the same transaction as the change it describes. */
export async function recordAudit(
  tx: Executor,
  editor: Editor,
  article: ArticleRef,
  actions: AuditAction[],
): Promise<void> {
  if (actions.length === 0) return;
  await tx.insert(deskAudit).values(
    actions.map((action) => ({
      actorId: editor.userId,
      actorEmail: editor.email,
      action,
      articleId: article.id,
      articleSlug: article.slug,
      articleTitle: article.title,
    })),
  );
}

/** An article's trail, newest first. */
export async function auditTrail(articleId: number, limit = 100): Promise<DeskAuditEntry[]> {
  return db
    .select()
    .from(deskAudit)
    .where(eq(deskAudit.articleId, articleId))
    .orderBy(desc(deskAudit.at), desc(deskAudit.id))
    .limit(limit);
}

/** The whole desk's trail, newest first (deleted articles keep theirs). */
export async function recentAudit(limit = 50): Promise<DeskAuditEntry[]> {
  return db.select().from(deskAudit).orderBy(desc(deskAudit.at), desc(deskAudit.id)).limit(limit);
}
