// npm start: migrate, seed an empty database, build when the sources changed, serve on PORT.
import { spawnSync, spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
process.chdir(root);
process.env.NODE_ENV ||= "production";

function run(cmd, args, label) {
  const r = spawnSync(cmd, args, { stdio: "inherit", env: process.env });
  if (r.status !== 0) {
    console.error(`npm start: ${label} failed.`);
    process.exit(r.status ?? 1);
  }
}

const bin = (name) => path.join(root, "node_modules", ".bin", name);

// 1. Database: migrations and, for an empty database, the sample articles.
run(bin("tsx"), ["--conditions=react-server", "scripts/prepare.ts"], "preparing the database");

// 2. Build, unless the last build was made from exactly these sources.
const BUILD_INPUTS = ["app", "components", "lib", "public", "proxy.ts", "instrumentation.ts", "next.config.js", "package-lock.json", "tsconfig.json"];
function hashInputs() {
  const h = crypto.createHash("sha256");
  // SITE_NAME is baked into the few pages rendered at build time (the 404 page).
  h.update(`${process.env.SITE_NAME ?? ""}\n`);
  const walk = (p) => {
    if (!fs.existsSync(p)) return;
    const st = fs.statSync(p);
    if (st.isDirectory()) {
      for (const e of fs.readdirSync(p).sort()) if (!e.startsWith(".") && !e.endsWith(".test.ts")) walk(path.join(p, e));
    } else {
      h.update(p);
      h.update(fs.readFileSync(p));
    }
  };
  BUILD_INPUTS.forEach(walk);
  return h.digest("hex");
}
const stamp = path.join(root, ".next", "lede-build-hash");
const want = hashInputs();
const have = fs.existsSync(path.join(root, ".next", "BUILD_ID")) && fs.existsSync(stamp) ? fs.readFileSync(stamp, "utf8") : "";
if (have !== want) {
  console.log("Building Lede (first start, or the sources changed)…");
  run(bin("next"), ["build"], "next build");
  fs.writeFileSync(stamp, want);
}

// 3. Serve.
const server = spawn(process.execPath, ["server.js"], { stdio: "inherit", env: process.env });
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => server.kill(sig));
server.on("exit", (code) => process.exit(code ?? 0));
