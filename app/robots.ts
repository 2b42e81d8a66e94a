import type { MetadataRoute } from "next";
import { env } from "@/lib/config/env";

export const dynamic = "force-dynamic";

export default function robots(): MetadataRoute.Robots {
  return {
    rules: { userAgent: "*", allow: "/", disallow: ["/account", "/desk", "/signin", "/signout", "/api/", "/dev/"] },
    sitemap: `${env.siteUrl}/sitemap.xml`,
  };
}
