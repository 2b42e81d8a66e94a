import type { ReactNode } from "react";
import { SiteFooter } from "./site-footer";

type Props = { siteName: string; title: string; stylesheet: string; children: ReactNode };

/**
 * A whole document for a page a route handler answers with (a status the App Router's
 * pages cannot give, or a POST that must not redirect): the root layout's skip link,
 * masthead and footer around the site's `.notice` box, styled by app/globals.css itself.
 * Plain elements only: it is rendered outside Next's React (lib/http/handler-page.tsx).
 */
export function HandlerPage({ siteName, title, stylesheet, children }: Props) {
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{`${title} · ${siteName}`}</title>
        <style dangerouslySetInnerHTML={{ __html: stylesheet }} />
      </head>
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <header className="site-header">
          <div className="bar">
            <a href="/" className="site-name">
              {siteName}
            </a>
          </div>
        </header>
        <main id="main" className="narrow">
          <div className="notice">{children}</div>
        </main>
        <SiteFooter siteName={siteName} />
      </body>
    </html>
  );
}
