// A real Dovecot IMAP server for tests: Debian's dovecot-imapd, started as a normal process
// with its own configuration in a temp dir, one user (the bounce mailbox), on the port in
// LEDE_TEST_IMAP_PORT (default 4010, deliver's block). Stopped (and its dir removed) after.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

export const DOVECOT = process.env.LEDE_DOVECOT_BIN ?? "/usr/sbin/dovecot";

export type Dovecot = { url: string; user: string; password: string; port: number; stop: () => Promise<void> };

function systemUser(name: string): { uid: number; gid: number } | null {
  const line = fs.readFileSync("/etc/passwd", "utf8").split("\n").find((l) => l.startsWith(`${name}:`));
  if (!line) return null;
  const [, , uid, gid] = line.split(":");
  return { uid: Number(uid), gid: Number(gid) };
}

async function listening(port: number, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, "127.0.0.1", () => {
        s.destroy();
        resolve(true);
      });
      s.on("error", () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`dovecot did not listen on ${port}`);
}

export async function startDovecot(port = Number(process.env.LEDE_TEST_IMAP_PORT ?? 4010)): Promise<Dovecot> {
  if (!fs.existsSync(DOVECOT)) throw new Error(`${DOVECOT} is missing: apt-get install dovecot-imapd (.ci/run does)`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lede-dovecot-"));
  fs.chmodSync(dir, 0o755);
  const user = "bounces";
  const password = "bounce-secret";
  // As root, Dovecot will not give mail to uid 0: the mailbox belongs to its own system user.
  const root = process.getuid?.() === 0;
  const owner = root ? (systemUser("dovecot") ?? { uid: 0, gid: 0 }) : { uid: process.getuid!(), gid: process.getgid!() };
  const me = os.userInfo().username;
  const home = path.join(dir, "home");
  fs.mkdirSync(home, { recursive: true });
  if (root) fs.chownSync(home, owner.uid, owner.gid);
  fs.writeFileSync(path.join(dir, "passwd"), `${user}:{PLAIN}${password}\n`);
  fs.writeFileSync(
    path.join(dir, "dovecot.conf"),
    [
      `base_dir = ${dir}/run`,
      `state_dir = ${dir}/state`,
      `log_path = ${dir}/dovecot.log`,
      `info_log_path = ${dir}/dovecot.log`,
      "protocols = imap",
      "listen = 127.0.0.1",
      "ssl = no",
      "disable_plaintext_auth = no",
      "auth_mechanisms = plain login",
      `first_valid_uid = ${owner.uid}`,
      `first_valid_gid = ${owner.gid}`,
      ...(root ? [] : [`default_login_user = ${me}`, `default_internal_user = ${me}`]),
      "passdb {",
      "  driver = passwd-file",
      `  args = scheme=PLAIN username_format=%u ${dir}/passwd`,
      "}",
      "userdb {",
      "  driver = static",
      `  args = uid=${owner.uid} gid=${owner.gid} home=${home}/%u`,
      "}",
      "mail_location = maildir:~/Maildir",
      "service imap-login {",
      "  inet_listener imap {",
      `    port = ${port}`,
      "  }",
      "  inet_listener imaps {",
      "    port = 0",
      "  }",
      "}",
      "service stats {",
      "  unix_listener stats-reader {",
      "    mode = 0666",
      "  }",
      "  unix_listener stats-writer {",
      "    mode = 0666",
      "  }",
      "}",
      "",
    ].join("\n"),
  );
  const conf = path.join(dir, "dovecot.conf");
  const check = spawnSync(DOVECOT, ["-c", conf, "-n"], { encoding: "utf8" });
  if (check.status !== 0) throw new Error(`dovecot refused its test configuration: ${check.stderr}`);
  const child: ChildProcess = spawn(DOVECOT, ["-F", "-c", conf], { stdio: ["ignore", "pipe", "pipe"], detached: true });
  let output = "";
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  try {
    await listening(port, Date.now() + 15_000);
  } catch (err) {
    child.kill("SIGKILL");
    const log = fs.existsSync(path.join(dir, "dovecot.log")) ? fs.readFileSync(path.join(dir, "dovecot.log"), "utf8") : "";
    throw new Error(`${(err as Error).message}\n${output}\n${log}`);
  }
  return {
    url: `imap://${user}:${password}@127.0.0.1:${port}/INBOX`,
    user,
    password,
    port,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGTERM");
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null) child.kill("SIGKILL");
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
