import { cachedRssFeed } from "@/lib/articles/feeds";
import { env } from "@/lib/config/env";
import { feedResponse } from "@/lib/http/feed-response";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  return feedResponse(request, await cachedRssFeed(env.siteName, env.siteUrl), "application/rss+xml; charset=utf-8");
}
