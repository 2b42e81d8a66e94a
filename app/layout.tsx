import type { Metadata, Viewport } from "next";
import { PasskeyOffer } from "@/components/signin/passkey-offer";
import { SiteFooter } from "@/components/site/site-footer";
import { env } from "@/lib/config/env";
import "./globals.css";

export function generateMetadata(): Metadata {
  return {
    metadataBase: new URL(env.siteUrl),
    title: { default: env.siteName, template: `%s · ${env.siteName}` },
    description: `News from ${env.siteName}.`,
    alternates: { types: { "application/rss+xml": [{ url: "/feed.xml", title: env.siteName }] } },
  };
}

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#fbfaf7" };

/** The root layout reads no session: pages that know the viewer render the header. */
export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <PasskeyOffer />
        {children}
        <SiteFooter siteName={env.siteName} />
      </body>
    </html>
  );
}
