// Next's cacheHandler (next.config.ts): renders kept in this process's store (store.ts),
// never on disk. Built by scripts/build-server.mjs into the build's server folder, which
// is what Next loads: it runs outside Next's bundles, as its own CommonJS module.
import { frontContract } from "@/server/contract";
import { metrics } from "@/lib/metrics/registry";
import { renderCache } from "./store";

type Context = { tags?: string[]; cacheControl?: { revalidate?: number | false } } | undefined;
type Value = { kind?: string; status?: number; headers?: Record<string, unknown>; revalidate?: number | false } | null;

/** The tags Next gave an entry: a page's in its headers, a data entry's in the context. */
export function tagsOf(value: Value, ctx: Context): string[] {
  const header = value?.headers?.["x-next-cache-tags"];
  const fromHeader = typeof header === "string" && header ? header.split(",") : [];
  return [...fromHeader, ...(ctx?.tags ?? [])];
}

export default class LedeCacheHandler {
  async get(key: string) {
    const entry = renderCache().get(key);
    metrics().renderCache.inc({ result: entry ? "hit" : "miss" });
    return entry ? { value: entry.value, lastModified: entry.lastModified } : null;
  }

  async set(key: string, value: Value, ctx: Context) {
    const revalidate = ctx?.cacheControl?.revalidate ?? value?.revalidate;
    // A page for something that does not exist (a made-up slug) is kept apart: thousands of
    // them must not evict the articles.
    renderCache().set(key, value, tagsOf(value, ctx), typeof revalidate === "number" ? revalidate : undefined, value?.status === 404);
  }

  /**
   * Next's revalidateTag()/revalidatePath(): dropped in every process through the app's one
   * writer of cache_drop (lib/cache/drops.ts); before the app has started, here only.
   */
  async revalidateTag(tags: string | string[]) {
    const list = Array.isArray(tags) ? tags : [tags];
    const app = frontContract().app;
    if (app) await app.dropEverywhere(list);
    else renderCache().dropLocally(list);
  }

  resetRequestCache() {}
}
