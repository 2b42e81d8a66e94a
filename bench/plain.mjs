// The bench's second baseline: a plain Next app (bench/plain: one force-static route
// handler) built and served by `next start`, answering the same bytes Lede served for each
// page measured against it. Lede's own static page (a) shares whatever Lede's page path
// costs; this one does not.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { freePort, root } from "./app.mjs";

const DIR = path.join(root, "bench", "plain");
const NEXT = path.join(root, "node_modules", "next", "dist", "bin", "next");

/**
 * Builds the plain app with `pages` (name → HTML) and starts it on a free port.
 * @param {Record<string, string>} pages
 * @param {(line: string) => void} log
 */
export async function startPlainNext(pages, log) {
  fs.rmSync(path.join(DIR, "pages"), { recursive: true, force: true });
  fs.mkdirSync(path.join(DIR, "pages"), { recursive: true });
  for (const [name, html] of Object.entries(pages)) fs.writeFileSync(path.join(DIR, "pages", `${name}.html`), html);
  log("Building the plain Next baseline (bench/plain)…");
  const env = { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" };
  for (const k of Object.keys(env)) if (k.startsWith("LEDE_")) delete env[k];
  const built = spawnSync(process.execPath, [NEXT, "build"], { cwd: DIR, env, encoding: "utf8" });
  if (built.status !== 0) throw new Error(`building bench/plain failed:\n${built.stdout}\n${built.stderr}`);
  const port = await freePort();
  const logFile = fs.openSync(path.join(root, "bench", "server-plain.log"), "w");
  const child = spawn(process.execPath, [NEXT, "start", "-p", String(port), "-H", "127.0.0.1"], { cwd: DIR, env, detached: true, stdio: ["ignore", logFile, logFile] });
  fs.closeSync(logFile);
  const baseUrl = `http://127.0.0.1:${port}`;
  const first = Object.keys(pages)[0];
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited (code ${child.exitCode}); see bench/server-plain.log`);
    const ok = await fetch(`${baseUrl}/${first}`).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline) throw new Error("the plain Next baseline did not answer within 60 s");
    await new Promise((r) => setTimeout(r, 250));
  }
  for (const [name, html] of Object.entries(pages)) {
    const body = await (await fetch(`${baseUrl}/${name}`)).text();
    if (body !== html) throw new Error(`the plain baseline's /${name} is not the bytes Lede served`);
  }
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      return;
    }
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
  };
  return { baseUrl, serverPid: child.pid, stop };
}
