import { sitemapXml } from "@/lib/articles/feeds";
import { env } from "@/lib/config/env";

export const dynamic = "force-dynamic";

export async function GET() {
  return new Response(await sitemapXml(env.siteUrl), {
    headers: { "Content-Type": "application/xml; charset=utf-8", "Cache-Control": "public, max-age=300" },
  });
}
