import Link from "next/link";
import { SiteHeader } from "@/components/site/site-header";
import type { Editor } from "@/lib/desk/guard";
import { env } from "@/lib/config/env";

export type DeskSection = "articles" | "new" | "members" | "insight" | "newsletters" | "settings";

const SECTIONS: { key: DeskSection; href: string; label: string }[] = [
  { key: "articles", href: "/desk", label: "Articles" },
  { key: "new", href: "/desk/articles/new", label: "New article" },
  { key: "members", href: "/desk/members", label: "Members" },
  { key: "insight", href: "/desk/insight", label: "Insight" },
  { key: "newsletters", href: "/desk/newsletters", label: "Newsletters" },
  { key: "settings", href: "/desk/settings", label: "Settings" },
];

type Props = { editor: Editor; current: DeskSection | null; children: React.ReactNode };

/** The desk's frame: the site header, the desk's own navigation, then the page. */
export function DeskShell({ editor, current, children }: Props) {
  return (
    <>
      <SiteHeader siteName={env.siteName} viewer={editor} returnTo="/" />
      <div className="desk-bar">
        <nav className="desk-nav" aria-label="Desk">
          <span className="desk-label">Desk</span>
          {SECTIONS.map((s) => (
            <Link key={s.key} href={s.href} aria-current={s.key === current ? "page" : undefined}>
              {s.label}
            </Link>
          ))}
        </nav>
      </div>
      <main id="main" className="desk">
        {children}
      </main>
    </>
  );
}
