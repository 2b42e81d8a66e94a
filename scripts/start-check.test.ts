// `npm start` and `npm run worker` refuse a production database without a mail server
// (or a shared secret) in one line naming the variable, before migrating or building.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import envFiles from "@/lib/env-files";
import { buildServer } from "./build-server.mjs";

const ROOT = path.resolve(__dirname, "..");
// server.js starts the front server as built: built here (esbuild, under a second) into a folder of its own.
const DIST_DIR = ".next-start-check";

function run(args: string[], env: Record<string, string>) {
  const started = Date.now();
  // An unreachable database: a start that went on would fail later, with another message.
  const r = spawnSync(process.execPath, args, {
    cwd: ROOT,
    encoding: "utf8",
    env: envFiles.skipEnvFiles({ NODE_ENV: "production", PATH: process.env.PATH ?? "", LEDE_DIST_DIR: DIST_DIR, ...env }),
    timeout: 60_000,
  });
  return { ...r, ms: Date.now() - started, lines: `${r.stdout}${r.stderr}`.trim().split("\n") };
}

const DB = { DATABASE_URL: "postgres://nobody@127.0.0.1:1/nothing" };

describe("the start check", () => {
  it("stops npm start with one line naming EMAIL_SERVER when DATABASE_URL is set without it", () => {
    const r = run(["scripts/start.mjs"], { ...DB, AUTH_SECRET: "s".repeat(40) });
    expect(r.status).toBe(1);
    expect(r.lines).toHaveLength(1);
    expect(r.lines[0]).toMatch(/^npm start: EMAIL_SERVER is required when DATABASE_URL is set/);
    expect(r.ms).toBeLessThan(10_000); // no migration, no build
  });

  it("names AUTH_SECRET when the mail server is set and the secret is not", () => {
    const r = run(["scripts/start.mjs"], { ...DB, EMAIL_SERVER: "smtp://127.0.0.1:2525" });
    expect(r.status).toBe(1);
    expect(r.lines).toEqual([expect.stringMatching(/^npm start: AUTH_SECRET is required when DATABASE_URL is set/)]);
  });

  it("stops server.js and the worker the same way", () => {
    buildServer({ root: ROOT, distDir: DIST_DIR });
    const server = run(["server.js"], DB);
    expect(server.status).toBe(1);
    expect(server.lines).toEqual([expect.stringMatching(/^Lede could not start: EMAIL_SERVER is required/)]);
    const worker = run([path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), "--conditions=react-server", "scripts/worker.ts"], DB);
    expect(worker.status).toBe(1);
    expect(worker.lines).toEqual([expect.stringMatching(/^npm run worker: EMAIL_SERVER is required/)]);
  });
});

describe("a bad variable", () => {
  it("stops npm start, server.js and the worker with one line naming it", () => {
    buildServer({ root: ROOT, distDir: DIST_DIR });
    const bad = { LEDE_RENDER_CACHE_ENTRIES: "5k" };
    for (const [args, who] of [
      [["scripts/start.mjs"], "npm start"],
      [["server.js"], "Lede could not start"],
      [[path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), "--conditions=react-server", "scripts/worker.ts"], "npm run worker"],
    ] as const) {
      const r = run([...args], { ...bad, ...(who === "npm run worker" ? { DATABASE_URL: DB.DATABASE_URL } : {}) });
      expect(r.status, who).toBe(1);
      expect(r.lines, who).toEqual([`${who}: Invalid environment: LEDE_RENDER_CACHE_ENTRIES must be a whole number from 1 to 1000000 (got "5k")`]);
    }
    const port = run(["server.js"], { PORT: "abc" });
    expect(port.lines).toEqual([expect.stringMatching(/^Lede could not start: Invalid environment: PORT must be a whole number/)]);
  });
});
