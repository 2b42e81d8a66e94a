// Step: a plain page load of a render this process holds fresh is answered here, as Next
// answers it from the same entry (lib/cache/answer.ts). Everything else goes on to Next: a
// miss or a stale entry (Next renders, or serves stale and revalidates, and fills the cache),
// an RSC request or prefetch, a query, a path spelt with escapes.
import { isPlainPageRequest } from "@/lib/edge/response";
import { cachedAnswer, renderCacheKey, sendCachedAnswer } from "@/lib/cache/answer";
import type { RenderStore } from "@/lib/cache/store";
import { metrics } from "@/lib/metrics/registry";
import { RENDER_HEADER, RENDER_ROOT } from "@/lib/render/routes";
import type { Step } from "../pipeline";

/** A render's own path as choose-render sets it, with nothing Next would decode or read: its cache key as it is. */
const PLAIN_RENDER_PATH = new RegExp(`^${RENDER_ROOT}/([a-z0-9-]+)/[a-z0-9/-]+$`);  // its cache key: lib/cache/answer.ts

export function serveCached({ store }: { store: () => Pick<RenderStore, "fresh"> | undefined }): Step {
  return {
    name: "serve a cached render",
    run({ req, res, beforeHeaders }, next) {
      // Only choose-render rewrites a URL into a render's folder, naming the render in its
      // header (a client's spelling of either is answered not found before this step).
      const m = PLAIN_RENDER_PATH.exec(req.url ?? "");
      if (!m || req.headers[RENDER_HEADER] !== m[1] || !isPlainPageRequest(req)) return next();
      const key = renderCacheKey(req.url!);
      const entry = key === null ? null : store()?.fresh(key);
      const answer = entry ? cachedAnswer(entry.value) : null;
      if (!answer) return next();
      // choose-render's plan sets every render's Cache-Control as the headers go out; never none.
      beforeHeaders(() => {
        if (!res.hasHeader("Cache-Control")) res.setHeader("Cache-Control", "private, no-store");
      });
      if (!sendCachedAnswer(req, res, answer)) return next();
      const counted = metrics();
      counted.renderCache.inc({ result: "hit" });
      counted.renderAnswered.inc();
    },
  };
}
