/** The footer under every page: the root layout's and the ones route handlers answer with. */
export function SiteFooter({ siteName }: { siteName: string }) {
  return (
    <footer className="site-footer">
      <div className="bar">
        <span>© {siteName}. Published with Lede.</span>
        <span>
          <a href="/feed.xml">RSS</a> · <a href="/account">Your account</a>
        </span>
      </div>
    </footer>
  );
}
