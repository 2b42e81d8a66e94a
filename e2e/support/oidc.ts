// Starts the suite's OpenID Connect provider (oidc-server.mjs, the `oidc-provider` package)
// in its own process and waits until it publishes its discovery document.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { ensurePortFree } from "./ports";

const ROOT = path.resolve(__dirname, "../..");

export async function startOidcProvider(port: number, redirectUris: string[]): Promise<ChildProcess> {
  await ensurePortFree(port, "the OpenID Connect provider");
  fs.mkdirSync(path.join(ROOT, "test-results"), { recursive: true });
  const log = fs.openSync(path.join(ROOT, "test-results", "oidc-provider.log"), "w");
  const child = spawn(process.execPath, [path.join(__dirname, "oidc-server.mjs")], {
    cwd: ROOT,
    env: { ...process.env, E2E_OIDC_PORT: String(port), E2E_OIDC_REDIRECT_URIS: redirectUris.join(",") },
    stdio: ["ignore", log, log],
    detached: true,
  });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the OpenID Connect provider exited with ${child.exitCode}; see test-results/oidc-provider.log`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/.well-known/openid-configuration`)).ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the OpenID Connect provider did not start on port ${port}; see test-results/oidc-provider.log`);
}
