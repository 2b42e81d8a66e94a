import { rssFeed } from "@/lib/articles/feeds";
import { env } from "@/lib/config/env";

export const dynamic = "force-dynamic";

export async function GET() {
  return new Response(await rssFeed(env.siteName, env.siteUrl), {
    headers: { "Content-Type": "application/rss+xml; charset=utf-8", "Cache-Control": "public, max-age=60" },
  });
}
