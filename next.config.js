const { ACTION_LIMIT } = require("./lib/http/body-limits");
const { buildSettings } = require("./lib/deployment");
const { renderRewrites } = require("./lib/render/routes");

// The benchmark builds its own copy (.next-bench) with its baseline routes, files named
// page.bench.tsx and route.bench.ts: in any other build they are no routes at all.
const { benchBaseline: bench, distDir } = buildSettings();

/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite ships a WASM build of PostgreSQL and must be loaded from node_modules at
  // run time; pg-boss imports pg dynamically.
  serverExternalPackages: ["@electric-sql/pglite", "pg-boss", "postgres"],
  poweredByHeader: false,
  reactStrictMode: true,
  distDir,
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
    // Server actions read their bodies with this limit (Next's default, said once, in
    // lib/http/body-limits.js, where server.js's ceiling for them comes from too).
    serverActions: { bodySizeLimit: ACTION_LIMIT },
  },
};

module.exports = nextConfig;
