import path from "node:path";
import type { NextConfig } from "next";
import { ARTICLE_LIMIT } from "./lib/http/body-limits";
import { envOrExit } from "./lib/config/env";
import { renderRewrites } from "./lib/render/routes";

// The one environment schema: a bad variable stops the build and `next start` alike.
const env = envOrExit(process.env, "next.config", false);
const { benchBaseline: bench, distDir } = env.build;

const nextConfig: NextConfig = {
  // PGlite loads its WASM PostgreSQL from node_modules at run time; pg-boss imports pg dynamically;
  // prom-client and pino are loaded once per process, shared with the front server (server/).
  serverExternalPackages: ["@electric-sql/pglite", "pg-boss", "postgres", "prom-client", "pino", "pino-pretty"],
  poweredByHeader: false,
  reactStrictMode: true,
  distDir,
  // Only the benchmark's own build (.next-bench) has its *.bench.tsx baseline routes.
  pageExtensions: [...(bench ? ["bench.tsx", "bench.ts"] : []), "tsx", "ts", "jsx", "js"],
  // Renders in memory only, dropped in every process at once (lib/cache); never on disk.
  // Built before Next by scripts/build-server.mjs, beside the front server.
  cacheHandler: path.join(process.cwd(), `${distDir}-server`, "cache-handler.js"),
  cacheMaxMemorySize: 0,
  // No page uses next/image; under `next start` too, the optimiser may read public/images only.
  images: { localPatterns: [{ pathname: "/images/**" }], remotePatterns: [] },
  // Which render a request gets: the header the front server sets (lib/render/choose.ts).
  async rewrites() {
    return { beforeFiles: renderRewrites(), afterFiles: [], fallback: [] };
  },
  // A member's gift link (app/articles/[slug]/gift/[token]): its address is the key, so it is
  // never indexed and never sent on as a Referer (Next itself makes the page private, no-store).
  async headers() {
    return [
      {
        source: "/articles/:slug/gift/:token",
        headers: [
          { key: "X-Robots-Tag", value: "noindex, nofollow" },
          { key: "Referrer-Policy", value: "no-referrer" },
        ],
      },
    ];
  },
  experimental: {
    // forbidden(): desk pages answer readers with a real 403 (app/desk/forbidden.tsx).
    authInterrupts: true,
    // At most the article editor's limit; the front server holds each path to its own first (lib/http/body-limits.js).
    serverActions: { bodySizeLimit: ARTICLE_LIMIT },
  },
};

export default nextConfig;
