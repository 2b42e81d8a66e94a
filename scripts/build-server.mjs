// Builds the front server (server/main.ts) and Next's cache handler (lib/cache/handler.ts)
// into <build folder>-server/ as plain CommonJS: production runs them with node, no loader.
// Packages stay in node_modules (not bundled); Lede's own modules are bundled in.
import path from "node:path";
import { buildSync } from "esbuild";

/** The folder the server of the build in `distDir` lives in (next.config.ts names its cache handler there). */
export const serverDirOf = (/** @type {string} */ distDir) => `${distDir}-server`;

/** @param {{ root: string, distDir: string }} options */
export function buildServer({ root, distDir }) {
  const outdir = path.join(root, serverDirOf(distDir));
  buildSync({
    absWorkingDir: root,
    entryPoints: { server: "server/main.ts", "cache-handler": "lib/cache/handler.ts" },
    outdir,
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    packages: "external",
    tsconfig: path.join(root, "tsconfig.json"),
    logLevel: "warning",
    legalComments: "none",
  });
  return outdir;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
  const distDir = process.env.LEDE_DIST_DIR || ".next";
  try {
    const out = buildServer({ root, distDir });
    console.log(`Built the front server into ${path.relative(root, out)}/`);
  } catch (err) {
    console.error(`Building the front server failed: ${err instanceof Error ? err.message : err}`);
    process.exit(1);
  }
}
