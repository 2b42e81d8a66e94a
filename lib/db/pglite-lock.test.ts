// Integration: the embedded database has one owner. While a Lede process holds the PGlite
// folder, `npm run editor:add` is refused with one line and touches nothing; once the
// holder is gone, or when its lock is left by a process that died, it works.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { afterAll, describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "../..");
const tsx = path.join(root, "node_modules/.bin/tsx");
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lede-lock-"));
const lockFile = path.join(dataDir, "pglite.lock");
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

// The embedded database, whatever the suite runs against.
const env: NodeJS.ProcessEnv = { ...process.env, LEDE_DATA_DIR: dataDir, AUTH_SECRET: "test-secret-0123456789abcdefghijklmnopqrstuvwxyz" };
delete env.DATABASE_URL;

function editorAdd(email: string) {
  const r = spawnSync(tsx, ["--conditions=react-server", "scripts/editor-add.ts", "--", email], { cwd: root, env, encoding: "utf8" });
  return { status: r.status, stdout: r.stdout.trim(), stderr: r.stderr.trim() };
}

describe("the embedded database's one owner", () => {
  it("refuses editor:add while another process holds it, and the folder is intact after", async () => {
    const holder = spawn(tsx, ["--conditions=react-server", "test/hold-embedded-db.ts"], { cwd: root, env, stdio: ["pipe", "pipe", "inherit"] });
    const lines = readline.createInterface({ input: holder.stdout! })[Symbol.asyncIterator]();
    const next = async () => String((await lines.next()).value ?? "");
    try {
      const ready = await next();
      expect(ready).toMatch(/^ready \d+$/);
      const pid = Number(ready.split(" ")[1]);
      expect(fs.readFileSync(lockFile, "utf8").trim()).toBe(String(pid));

      const refused = editorAdd("someone@example.com");
      expect(refused.status).toBe(1);
      expect(refused.stderr).toBe(
        `The embedded database (${path.join(dataDir, "pglite")}) is in use by another Lede process (pid ${pid}): stop the server first, or set DATABASE_URL.`,
      );
      expect(refused.stdout).toBe("");

      // The holder still reads its database, and nothing was added behind its back.
      holder.stdin!.write("check\n");
      expect(await next()).toBe("ok 1");
    } finally {
      holder.stdin!.end();
    }
    expect(await new Promise((r) => holder.once("exit", r))).toBe(0);
    expect(fs.existsSync(lockFile)).toBe(false);

    // Now editor:add opens the same folder: the holder's member is there, unharmed.
    const added = editorAdd("holder@example.com");
    expect(added).toMatchObject({ status: 0, stdout: "holder@example.com is now an editor." });
  }, 180_000);

  it("takes over a lock left by a process that died", () => {
    const dead = spawnSync(process.execPath, ["-e", "console.log(process.pid)"], { encoding: "utf8" });
    fs.writeFileSync(lockFile, `${dead.stdout.trim()}\n`);
    const added = editorAdd("second@example.com");
    expect(added).toMatchObject({ status: 0, stdout: "second@example.com is now an editor (new account)." });
    // Released on exit: the next process finds no lock.
    expect(fs.existsSync(lockFile)).toBe(false);
  }, 120_000);
});
