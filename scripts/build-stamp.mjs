// Builds the app (the front server, then Next) unless the last build in that folder was made
// from exactly these sources and build-time values. Used by `npm start` (.next) and
// `npm run bench` (.next-bench).
import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { buildServer, serverDirOf } from "./build-server.mjs";

const BUILD_INPUTS = ["app", "components", "lib", "server", "public", "instrumentation.ts", "next.config.ts", "scripts/build-server.mjs", "package-lock.json", "tsconfig.json"];

function hashInputs(root, bakedIn) {
  const h = crypto.createHash("sha256");
  h.update(bakedIn);
  const walk = (p) => {
    if (!fs.existsSync(p)) return;
    const st = fs.statSync(p);
    if (st.isDirectory()) {
      for (const e of fs.readdirSync(p).sort()) if (!e.startsWith(".") && !e.endsWith(".test.ts")) walk(path.join(p, e));
    } else {
      h.update(path.relative(root, p));
      h.update(fs.readFileSync(p));
    }
  };
  for (const input of BUILD_INPUTS) walk(path.join(root, input));
  return h.digest("hex");
}

/**
 * Runs `next build` into `distDir` when needed. `env` is the build's environment;
 * `bakedIn` names the variables whose values end up in pages rendered at build time.
 * Returns whether it built; throws when the build fails.
 */
export function ensureBuilt({ root, distDir, env, bakedIn, log = console.log }) {
  const stamp = path.join(root, distDir, "lede-build-hash");
  const want = hashInputs(root, bakedIn.map((k) => `${k}=${env[k] ?? ""}\n`).join(""));
  const built = ["BUILD_ID", "lede-build-hash"].every((f) => fs.existsSync(path.join(root, distDir, f))) && fs.existsSync(path.join(root, serverDirOf(distDir), "server.js"));
  const have = built ? fs.readFileSync(stamp, "utf8") : "";
  if (have === want) return false;
  log(`Building Lede into ${distDir} (first run, or the sources changed)…`);
  // First: next build loads the cache handler built here.
  buildServer({ root, distDir });
  const r = spawnSync(path.join(root, "node_modules", ".bin", "next"), ["build"], { cwd: root, stdio: "inherit", env: { ...env, LEDE_DIST_DIR: distDir } });
  if (r.status !== 0) throw new Error(`next build failed (exit ${r.status ?? r.signal})`);
  fs.writeFileSync(stamp, want);
  return true;
}
