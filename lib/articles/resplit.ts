import "server-only";
import { and, asc, eq, gt, lt } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { articles } from "@/lib/db/schema";
import { awaitDrop, recordDrop } from "@/lib/cache/drops";
import { renderedParts } from "./queries";
import { SPLIT_MESSAGES, SPLIT_VERSION, splitLede } from "./teaser";

const BATCH = 100;

/**
 * Re-renders the lede, rest and summary of every article stored under an older split
 * rule (run by `npm start` before serving). A premium article that has no valid split
 * under the new rule stays premium and gives away less, never more (see storedSplit);
 * each published one is named in a warning so an editor can place a gate marker.
 */
export async function resplitStaleArticles(warn: (line: string) => void = console.warn): Promise<{ resplit: number; unsplit: string[] }> {
  let resplit = 0;
  const unsplit: string[] = [];
  for (let after = 0; ; ) {
    const rows = await db
      .select({ id: articles.id, slug: articles.slug, body: articles.body, premium: articles.premium, status: articles.status })
      .from(articles)
      .where(and(lt(articles.splitVersion, SPLIT_VERSION), gt(articles.id, after)))
      .orderBy(asc(articles.id))
      .limit(BATCH);
    if (rows.length === 0) return { resplit, unsplit };
    after = rows.at(-1)!.id;
    for (const row of rows) {
      const { fallback, ...parts } = renderedParts(row.body, row.premium);
      // An editor's save meanwhile already wrote the current rule's split: leave it.
      // Processes still serving (a rolling deploy) drop what showed the old split.
      const drop = await db.transaction(async (tx) => {
        const written = await tx
          .update(articles)
          .set(parts)
          .where(and(eq(articles.id, row.id), lt(articles.splitVersion, SPLIT_VERSION), eq(articles.body, row.body)))
          .returning({ id: articles.id });
        if (written.length === 0) return null;
        return row.status === "published" ? recordDrop(tx, { slugs: [row.slug], lists: true }) : { tags: [], version: null };
      });
      if (!drop) continue;
      await awaitDrop(drop);
      resplit++;
      if (fallback && row.status === "published") {
        unsplit.push(row.slug);
        const problem = splitLede(row.body).problem!;
        const kept = parts.ledeHtml === "" ? "no free part" : "its first blocks only, never more than half";
        warn(`Article "${row.slug}": its body ${SPLIT_MESSAGES[problem]} Until an editor does, readers get ${kept}.`);
      }
    }
  }
}
