// Real `npm run worker` processes for integration tests: started on a test database, and
// killed with SIGKILL (as a crash would) when a test is done with them.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

const ROOT = path.resolve(__dirname, "..");

/** A worker process (scripts/worker.ts) with this environment on top of the test's own. */
export function startWorkerProcess(env: Record<string, string | undefined>): ChildProcess {
  return spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/worker.ts"], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "ignore", "inherit"],
  });
}

/** SIGKILL, and wait until it is gone. */
export async function killProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGKILL");
  await exited;
}
