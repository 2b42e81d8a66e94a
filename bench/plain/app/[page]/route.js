// The plain-Next baseline of `npm run bench`: the very bytes Lede served for one of its
// pages (written into bench/plain/pages/ by bench/plain.mjs before the build), from a
// force-static route handler of a Next app with nothing else in it, under `next start`.
import fs from "node:fs";
import path from "node:path";

export const dynamic = "force-static";
export const dynamicParams = false;

const PAGES = path.join(process.cwd(), "pages");

export function generateStaticParams() {
  return fs.readdirSync(PAGES).filter((f) => f.endsWith(".html")).map((f) => ({ page: f.slice(0, -5) }));
}

/** @param {Request} _req @param {{ params: Promise<{ page: string }> }} ctx */
export async function GET(_req, ctx) {
  const { page } = await ctx.params;
  return new Response(fs.readFileSync(path.join(PAGES, `${page}.html`)), { headers: { "content-type": "text/html; charset=utf-8" } });
}
