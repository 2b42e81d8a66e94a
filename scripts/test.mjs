// npm test: the gates (ESLint, then tsc on the TypeScript and on the tools' JavaScript),
// the unit and integration tests (Vitest), then the browser suite (Playwright),
// which builds and starts the app itself. A gate that fails stops the run. DATABASE_URL, when set, points both at a
// PostgreSQL server where they create (and drop) fresh databases. Ends with one
// "tests: N passed, N failed" line over both runners.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const bin = (name) => path.join(root, "node_modules", ".bin", name);
const reports = path.join(root, ".test-report");
fs.rmSync(reports, { recursive: true, force: true });
fs.mkdirSync(reports, { recursive: true });

function run(cmd, args, env = {}) {
  const r = spawnSync(cmd, args, { stdio: "inherit", cwd: root, env: { ...process.env, ...env } });
  return r.status ?? 1;
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(path.join(reports, file), "utf8"));
  } catch {
    return null;
  }
}

const gates = [
  ["lint", bin("eslint"), [".", "--max-warnings=0"]],
  ["types", bin("tsc"), ["--noEmit"]],
  ["types of the tools' JavaScript", bin("tsc"), ["--noEmit", "-p", "tsconfig.tools.json"]],
];
for (const [name, cmd, args] of gates) {
  const status = run(cmd, args);
  if (status !== 0) {
    console.log(`The ${name} gate failed: no test was run.`);
    console.log("tests: 0 passed, 1 failed, 0 skipped");
    process.exit(status);
  }
}

const unit = run(bin("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${path.join(reports, "vitest.json")}`]);
const e2e =
  unit === 0
    ? run(bin("playwright"), ["test", ...process.argv.slice(2)], { PLAYWRIGHT_JSON_OUTPUT_NAME: path.join(reports, "playwright.json") })
    : null;

const v = readJson("vitest.json");
const p = readJson("playwright.json");
const passed = (v?.numPassedTests ?? 0) + (p?.stats?.expected ?? 0) + (p?.stats?.flaky ?? 0);
const failed = (v?.numFailedTests ?? 0) + (p?.stats?.unexpected ?? 0) + (unit !== 0 && !v ? 1 : 0) + (e2e && !p ? 1 : 0);
const skipped = (v?.numPendingTests ?? 0) + (v?.numTodoTests ?? 0) + (p?.stats?.skipped ?? 0);
if (e2e === null) console.log("Browser tests not run: the unit and integration tests failed.");
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(unit !== 0 ? unit : (e2e ?? 1));
