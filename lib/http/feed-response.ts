import type { CachedFeed } from "@/lib/articles/feeds";
import { namesEtag } from "./etag";

/**
 * The answer for a feed anyone may read. `max-age=0, must-revalidate`: no shared cache in
 * front may serve it without asking, so none outlives a drop (an article turned premium
 * is out of the feed the moment the desk answers); asking costs a 304 while it is unchanged.
 */
export function feedResponse(request: Request, feed: CachedFeed, contentType: string): Response {
  const headers = { "Content-Type": contentType, "Cache-Control": "public, max-age=0, must-revalidate", ETag: feed.etag, Vary: "Accept-Encoding" };
  const asked = request.headers.get("if-none-match");
  if (asked && namesEtag(asked, feed.etag)) return new Response(null, { status: 304, headers });
  return new Response(feed.body, { headers });
}
