import { SiteHeader } from "@/components/site/site-header";
import { FrontPage } from "@/components/site/front-page";
import { currentViewer } from "@/lib/auth";
import { frontPageArticles } from "@/lib/articles/page-data";
import { env } from "@/lib/env";

// Readers with a session cookie land here (see proxy.ts); everyone else gets the
// cached anonymous front page from app/anon/[page].
export const dynamic = "force-dynamic";

export default async function SignedInFrontPage() {
  const viewer = await currentViewer();
  const articles = await frontPageArticles();
  return (
    <>
      <SiteHeader siteName={env.siteName} viewer={viewer} />
      <main id="main">
        <FrontPage articles={articles} />
      </main>
    </>
  );
}
