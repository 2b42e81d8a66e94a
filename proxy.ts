import { NextResponse, type NextRequest } from "next/server";
import { SESSION_COOKIE_NAMES } from "@/lib/auth/session-cookie";

/**
 * A cheap check only: requests without a session cookie are served the cached
 * anonymous render. Requests with one go to the dynamic pages, where the access rule
 * decides again, next to the data. Under `npm start`, server.js makes this choice (and
 * more) before Next sees the request; this covers `next dev` and `next start`.
 */
export function proxy(req: NextRequest) {
  const signedIn = SESSION_COOKIE_NAMES.some((name) => req.cookies.has(name));
  if (signedIn) return NextResponse.next();
  const { pathname } = req.nextUrl;
  if (pathname === "/") return NextResponse.rewrite(new URL("/anon/front", req.url));
  const article = /^\/articles\/([^/]+)\/?$/.exec(pathname);
  if (article) return NextResponse.rewrite(new URL(`/anon/articles/${article[1]}`, req.url));
  return NextResponse.next();
}

// Runs only without a session cookie, so signed-in readers pay nothing for it. (Literal:
// Next reads the matcher at build time.)
export const config = {
  matcher: [
    {
      source: "/",
      missing: [
        { type: "cookie", key: "authjs.session-token" },
        { type: "cookie", key: "__Secure-authjs.session-token" },
      ],
    },
    {
      source: "/articles/:slug",
      missing: [
        { type: "cookie", key: "authjs.session-token" },
        { type: "cookie", key: "__Secure-authjs.session-token" },
      ],
    },
  ],
};
