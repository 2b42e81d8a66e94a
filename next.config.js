const { ARTICLE_LIMIT } = require("./lib/http/body-limits");
const { buildSettings } = require("./lib/deployment");
const { renderRewrites } = require("./lib/render/routes");

// Only the benchmark's own build (.next-bench) has its *.bench.tsx baseline routes.
const { benchBaseline: bench, distDir } = buildSettings();

/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite loads its WASM PostgreSQL from node_modules at run time; pg-boss imports pg dynamically;
  // prom-client and pino are loaded once per process, shared with server.js.
  serverExternalPackages: ["@electric-sql/pglite", "pg-boss", "postgres", "prom-client", "pino", "pino-pretty"],
  poweredByHeader: false,
  reactStrictMode: true,
  distDir,
  pageExtensions: [...(bench ? ["bench.tsx", "bench.ts"] : []), "tsx", "ts", "jsx", "js"],
  // Renders in memory only, dropped in every process at once (lib/render); never on disk.
  cacheHandler: require.resolve("./lib/render/cache-handler.js"),
  cacheMaxMemorySize: 0,
  // Which render a request gets: the header server.js sets (lib/render/routes.js).
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
    // At most the article editor's limit; server.js holds each path to its own first (lib/http/body-limits.js).
    serverActions: { bodySizeLimit: ARTICLE_LIMIT },
  },
};

module.exports = nextConfig;
