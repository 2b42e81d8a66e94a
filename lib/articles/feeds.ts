import "server-only";
import crypto from "node:crypto";
import { unstable_cache } from "next/cache";
import { mayReadFull } from "@/lib/access/may-read";
import { FEEDS_TAG } from "@/lib/cache/tags";
import { ANONYMOUS } from "@/lib/access/viewer";
import { escapeHtml } from "@/lib/mail/message";
import { listPublished, listPublishedTeasers, loadRestHtml } from "./queries";

const xml = escapeHtml;

/**
 * RSS for anyone: free articles in full, premium ones with their lede only. The access
 * rule is asked per item as for an anonymous reader, since a feed has no session.
 */
export async function rssFeed(siteName: string, siteUrl: string): Promise<string> {
  const items: string[] = [];
  for (const article of await listPublishedTeasers(30)) {
    const rest = mayReadFull(ANONYMOUS, article) ? await loadRestHtml(article.id) : "";
    const link = `${siteUrl}/articles/${article.slug}`;
    const more = article.premium
      ? `<p><a href="${xml(link)}">Join ${xml(siteName)} free to read the rest.</a></p>`
      : "";
    items.push(`<item>
<title>${xml(article.title)}</title>
<link>${xml(link)}</link>
<guid isPermaLink="true">${xml(link)}</guid>
<pubDate>${article.publishedAt.toUTCString()}</pubDate>
${article.author ? `<dc:creator>${xml(article.author)}</dc:creator>` : ""}
${article.premium ? "<category>Premium</category>" : ""}
<description>${xml(article.dek || article.summary)}</description>
<content:encoded><![CDATA[${(article.ledeHtml + rest + more).replace(/]]>/g, "]]]]><![CDATA[>")}]]></content:encoded>
</item>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
<title>${xml(siteName)}</title>
<link>${xml(siteUrl)}/</link>
<atom:link href="${xml(siteUrl)}/feed.xml" rel="self" type="application/rss+xml"/>
<description>${xml(`News from ${siteName}`)}</description>
<language>en</language>
${items.join("\n")}
</channel>
</rss>`;
}

/** Published article URLs; nothing of their text. */
export async function sitemapXml(siteUrl: string): Promise<string> {
  const cards = await listPublished(5000);
  const urls = [`<url><loc>${xml(siteUrl)}/</loc><changefreq>hourly</changefreq></url>`].concat(
    cards.map(
      (a) => `<url><loc>${xml(`${siteUrl}/articles/${a.slug}`)}</loc><lastmod>${a.publishedAt.toISOString()}</lastmod></url>`,
    ),
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${urls.join("\n")}
</urlset>`;
}

/** A feed as it is kept in the render cache: its text and the validator that names it. */
export type CachedFeed = { body: string; etag: string };

const withEtag = (body: string): CachedFeed => ({ body, etag: `"${crypto.createHash("sha256").update(body).digest("base64url").slice(0, 27)}"` });

/**
 * The feed and the sitemap, kept in each process's render cache like the pages (the same
 * store, trusted only while the process is in touch with the others) until a change to a
 * published article drops FEEDS_TAG in every process; an hour at most, as the pages.
 */
export const cachedRssFeed = unstable_cache(async (siteName: string, siteUrl: string) => withEtag(await rssFeed(siteName, siteUrl)), ["lede-rss-feed"], {
  tags: [FEEDS_TAG],
  revalidate: 3600,
});

export const cachedSitemap = unstable_cache(async (siteUrl: string) => withEtag(await sitemapXml(siteUrl)), ["lede-sitemap"], {
  tags: [FEEDS_TAG],
  revalidate: 3600,
});
