// Starts the built app the way an operator would (`npm start`, or `node server.js` for a
// further process of an app already built and migrated), and waits for health.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { ensurePortFree } from "./ports";

const ROOT = path.resolve(__dirname, "../..");
const LOGS = path.join(ROOT, "test-results");

export function runScript(script: string, args: string[], env: NodeJS.ProcessEnv, label: string): void {
  const r = spawnSync(path.join(ROOT, "node_modules/.bin/tsx"), ["--conditions=react-server", script, ...args], {
    cwd: ROOT,
    env,
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(`${label} failed:\n${r.stdout}\n${r.stderr}`);
}

export async function startApp(
  name: string,
  env: NodeJS.ProcessEnv,
  port: number,
  entry: "scripts/start.mjs" | "server.js" = "scripts/start.mjs",
): Promise<ChildProcess> {
  await ensurePortFree(port, `app ${name}`);
  fs.mkdirSync(LOGS, { recursive: true });
  const log = fs.openSync(path.join(LOGS, `app-${name}.log`), "w");
  const child = spawn(process.execPath, [entry], {
    cwd: ROOT,
    env,
    stdio: ["ignore", log, log],
    detached: true,
  });
  // The first start builds the app: minutes on a busy two-core machine.
  const deadline = Date.now() + 600_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`app ${name} exited with ${child.exitCode}; see test-results/app-${name}.log`);
    }
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (res.ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`app ${name} did not become healthy on port ${port}; see test-results/app-${name}.log`);
}

export function stopApp(child: ChildProcess | undefined): void {
  if (!child?.pid) return;
  try {
    process.kill(-child.pid, "SIGTERM");
  } catch {
    // already gone
  }
}
