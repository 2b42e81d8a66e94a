const { ACTION_LIMIT } = require("./lib/http/body-limits");

/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite ships a WASM build of PostgreSQL and must be loaded from node_modules at
  // run time; rate-limiter-flexible and pg-boss import drizzle/pg dynamically.
  serverExternalPackages: ["@electric-sql/pglite", "rate-limiter-flexible", "pg-boss", "postgres"],
  poweredByHeader: false,
  reactStrictMode: true,
  // The benchmark builds its own copy (with its static baseline page) beside the app's.
  distDir: process.env.LEDE_DIST_DIR || ".next",
  experimental: {
    // Each process keeps its cached renders in memory: two instances sharing a build
    // folder (or a copied one) never serve each other's renders from disk, and the
    // members' render (premium text) is never written to disk, where a later
    // `next start` could serve it without server.js.
    isrFlushToDisk: false,
    // forbidden(): desk pages answer readers with a real 403 (app/desk/forbidden.tsx).
    authInterrupts: true,
    // Server actions read their bodies with this limit (Next's default, said once, in
    // lib/http/body-limits.js, where server.js's ceiling for them comes from too).
    serverActions: { bodySizeLimit: ACTION_LIMIT },
  },
};

module.exports = nextConfig;
