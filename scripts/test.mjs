// npm test: unit and integration tests (Vitest), then the browser suite (Playwright),
// which builds and starts the app itself. DATABASE_URL, when set, points both at a
// PostgreSQL server where they create (and drop) fresh databases.
import { spawnSync } from "node:child_process";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const bin = (name) => path.join(root, "node_modules", ".bin", name);

function run(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: "inherit", cwd: root, env: process.env });
  return r.status ?? 1;
}

const unit = run(bin("vitest"), ["run"]);
if (unit !== 0) process.exit(unit);
process.exit(run(bin("playwright"), ["test", ...process.argv.slice(2)]));
