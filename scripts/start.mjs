// npm start: migrate, seed an empty database, build when the sources changed, serve on PORT
// (`npm start -- --no-serve`: all but the serving, once per deploy before deploy/Procfile).
import { spawnSync, spawn } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { missingToolsMessage } from "./build-tools.mjs";

const require = createRequire(import.meta.url);
const { loadEnvFiles } = require("../lib/env-files.js");

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
process.chdir(root);
const missingTools = missingToolsMessage(root);
if (missingTools) {
  console.error(missingTools);
  process.exit(1);
}
// Loaded once the tools are known to be there (the build imports esbuild).
const { ensureBuilt } = await import("./build-stamp.mjs");
/** @type {Record<string, string | undefined>} */ (process.env).NODE_ENV ||= "production";
// .env files as Next reads them; every step below inherits the result.
loadEnvFiles();

function run(cmd, args, label) {
  const r = spawnSync(cmd, args, { stdio: "inherit", env: process.env });
  if (r.status === 78) process.exit(1); // a bad environment, already said in one line
  if (r.status !== 0) {
    console.error(`npm start: ${label} failed.`);
    process.exit(r.status ?? 1);
  }
}

const bin = (name) => path.join(root, "node_modules", ".bin", name);

// 1. The environment (lib/config/env.ts: a bad variable, or production settings that have
// no safe default, stop here with one line naming it), migrations and, for an empty
// database, the sample articles.
run(bin("tsx"), ["--conditions=react-server", "scripts/prepare.ts"], "preparing the database");

// 2. Build, unless the last build was made from exactly these sources.
try {
  ensureBuilt({ root, distDir: ".next", env: process.env, bakedIn: ["SITE_NAME"] });
} catch (err) {
  console.error(`npm start: ${err instanceof Error ? err.message : err}.`);
  process.exit(1);
}

// A deploy's one-off step (deploy/Procfile's processes then run server.js themselves).
if (process.argv.includes("--no-serve")) process.exit(0);

// 3. Serve.
const server = spawn(process.execPath, ["server.js"], { stdio: "inherit", env: process.env });
for (const sig of /** @type {const} */ (["SIGINT", "SIGTERM"])) process.on(sig, () => server.kill(sig));
server.on("exit", (code) => process.exit(code ?? 0));
