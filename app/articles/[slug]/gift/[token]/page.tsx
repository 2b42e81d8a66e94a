import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { cache } from "react";
import { isbot } from "isbot";
import { articlePageMetadata, ArticleScreen } from "@/components/article/article-page";
import { ANONYMOUS, type Reader } from "@/lib/access/viewer";
import { articleForViewer } from "@/lib/articles/page-data";
import { openGift } from "@/lib/gifts/links";
import { offeredNewsletters } from "@/lib/newsletter/newsletters";
import { countView } from "@/lib/insight/counts";
import { GIFT_REFERRAL } from "@/lib/insight/source";

// A member's gift link (lib/gifts): rendered per request for whoever holds it, never
// cached or shared; next.config.js adds X-Robots-Tag and Referrer-Policy to its answers.
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string; token: string }> };

/** A browser asking ahead (Next's prefetch, or the browser's own): not an open of the link. */
const isPrefetch = (h: Headers) => Boolean(h.get("next-router-prefetch") || h.get("purpose") === "prefetch" || /prefetch/.test(h.get("sec-purpose") ?? ""));

/**
 * Once per request (metadata and page): whom this link lets read what, counting the open.
 * A bot (by user agent, as the insight counts tell them; one that names none counts as one)
 * gets the lede and gate: a link that leaked to a crawler, an archive or a link preview
 * gives it the free part only.
 */
const readerFor = cache(async (slug: string, token: string): Promise<{ reader: Reader; read: boolean }> => {
  const h = await headers();
  const agent = h.get("user-agent");
  if (!agent || isbot(agent)) return { reader: ANONYMOUS, read: false };
  const read = !isPrefetch(h);
  const gift = await openGift(slug, token, { count: read });
  if (read) {
    // In memory like every view (lib/insight/counts.ts); a link that does not open is a gate view.
    void countView({
      slug,
      render: gift ? "gift" : "anonymous",
      url: `/articles/${slug}`,
      referer: undefined,
      userAgent: h.get("user-agent") ?? undefined,
      referral: gift ? GIFT_REFERRAL : undefined,
    });
  }
  return { reader: gift ? { kind: "gift", articleId: gift.articleId } : ANONYMOUS, read };
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug, token } = await params;
  const { reader } = await readerFor(slug, token);
  return {
    ...(await articlePageMetadata(slug, reader)),
    // Never indexed, and its address (the token) never sent on to other sites.
    robots: { index: false, follow: false },
    referrer: "no-referrer",
  };
}

export default async function GiftPage({ params }: Props) {
  const { slug, token } = await params;
  const { reader } = await readerFor(slug, token);
  const [data, offered] = await Promise.all([articleForViewer(slug, reader), offeredNewsletters()]);
  if (!data) notFound();
  return <ArticleScreen data={data} viewer={reader} gift={reader.kind === "gift" ? { token } : null} offer={offered.map((n) => n.name)} />;
}
