import { FrontPage } from "@/components/site/front-page";
import { SiteHeader } from "@/components/site/site-header";
import type { Viewer } from "@/lib/access/viewer";
import { frontPageArticles } from "@/lib/articles/page-data";
import { env } from "@/lib/config/env";

/** The front page with the masthead for this viewer. */
export async function FrontPageScreen({ viewer }: { viewer: Viewer }) {
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
