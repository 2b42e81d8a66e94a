const { ARTICLE_LIMIT } = require("./lib/http/body-limits");
const { renderRewrites } = require("./lib/render/routes");

// The benchmark builds its own copy (.next-bench) with its baseline routes, files named
// page.bench.tsx and route.bench.ts: in any other build they are no routes at all.
const bench = process.env.LEDE_BENCH_BASELINE === "1";

/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite ships a WASM build of PostgreSQL and must be loaded from node_modules at
  // run time; pg-boss imports pg dynamically.
  serverExternalPackages: ["@electric-sql/pglite", "pg-boss", "postgres"],
  poweredByHeader: false,
  reactStrictMode: true,
  distDir: process.env.LEDE_DIST_DIR || ".next",
  pageExtensions: [...(bench ? ["bench.tsx", "bench.ts"] : []), "tsx", "ts", "jsx", "js"],
  // Cached renders live in each process's memory and are dropped by tag in every process
  // at once (lib/render): never on disk, where a later `next start` could serve them.
  cacheHandler: require.resolve("./lib/render/cache-handler.js"),
  cacheMaxMemorySize: 0,
  // Which render a request gets: the header server.js sets (lib/render/routes.js).
  async rewrites() {
    return { beforeFiles: renderRewrites(), afterFiles: [], fallback: [] };
  },
  experimental: {
    // forbidden(): desk pages answer readers with a real 403 (app/desk/forbidden.tsx).
    authInterrupts: true,
    // Server actions read their bodies with at most the article editor's limit; server.js
    // holds each path to its own first (lib/http/body-limits.js).
    serverActions: { bodySizeLimit: ARTICLE_LIMIT },
  },
};

module.exports = nextConfig;
