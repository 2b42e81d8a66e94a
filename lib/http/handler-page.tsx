// Pages that route handlers answer with, rendered from React components in the site's
// layout and styles: for answers a page of the App Router cannot give (a 400, 413, 429
// or 503 to a form posted without JavaScript; /unsubscribe, whose POST must not redirect).
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { ReactNode } from "react";
import type * as ReactDomServer from "react-dom/server";
import { NextResponse } from "next/server";
import { HandlerPage } from "@/components/site/handler-page";
import { env } from "@/lib/config/env";

// Next bundles route handlers for React Server Components, where react-dom/server is a
// module that throws. Node loads React DOM's own server renderer instead; the pages are
// plain elements with no hooks and no client components, which it renders as they are.
const load = createRequire(path.join(process.cwd(), "package.json"));
let renderer: typeof ReactDomServer | undefined;
let stylesheet: string | undefined;

/** app/globals.css itself, the stylesheet of every page (read once; unstyled if missing). */
function siteStylesheet(): string {
  try {
    stylesheet ??= fs.readFileSync(path.join(process.cwd(), "app", "globals.css"), "utf8");
  } catch {
    stylesheet = "";
  }
  return stylesheet;
}

export function renderHandlerPage(title: string, body: ReactNode): string {
  renderer ??= load("react-dom/server") as typeof ReactDomServer;
  const page = (
    <HandlerPage siteName={env.siteName} title={title} stylesheet={siteStylesheet()}>
      {body}
    </HandlerPage>
  );
  return `<!doctype html>${renderer.renderToStaticMarkup(page)}`;
}

/** A whole page with a status; never cached (it answers one request). */
export function handlerPage(status: number, title: string, body: ReactNode, headers: Record<string, string> = {}): NextResponse {
  return new NextResponse(renderHandlerPage(title, body), {
    status,
    headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store", ...headers },
  });
}
