// The production layout of README "Running in production", started for a spec: its own
// PostgreSQL database, deploy/Procfile's processes (two web processes, a worker, Varnish,
// nginx) with the configs deploy/render.js makes from deploy/, and a TLS certificate made
// here. Ports default to 4400-4499 (E2E_PROXY_* move them).
import { execFileSync, spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import https from "node:https";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import deployRender from "../../deploy/render";
const { render } = deployRender;
import { E2E } from "./env";

const ROOT = path.resolve(__dirname, "../..");
const LOGS = path.join(ROOT, "test-results");
const port = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

export const STACK = {
  httpsPort: port("E2E_PROXY_HTTPS_PORT", 4443),
  web1Port: port("E2E_PROXY_WEB1_PORT", 4451),
  web2Port: port("E2E_PROXY_WEB2_PORT", 4452),
  workerMetricsPort: port("E2E_PROXY_WORKER_METRICS_PORT", 4453),
  restoredPort: port("E2E_PROXY_RESTORED_PORT", 4454),
  varnishPort: port("E2E_PROXY_VARNISH_PORT", 4481),
  purgePort: port("E2E_PROXY_PURGE_PORT", 4482),
  metricsToken: "metrics-token-0123456789abcdefghijklmnopqrstuvwxyz",
};

/** Which of deploy/Procfile's processes run, by name. */
export function procfile(): { name: string; command: string }[] {
  return fs
    .readFileSync(path.join(ROOT, "deploy/Procfile"), "utf8")
    .split("\n")
    .filter((l) => /^[a-z0-9]+:/.test(l))
    .map((l) => ({ name: l.slice(0, l.indexOf(":")), command: l.slice(l.indexOf(":") + 1).trim() }));
}

/** A process group started as a Procfile runner would (sh -c with the environment), logging to test-results/. */
export function startProcess(name: string, command: string, env: NodeJS.ProcessEnv): ChildProcess {
  fs.mkdirSync(LOGS, { recursive: true });
  const log = fs.openSync(path.join(LOGS, `stack-${name}.log`), "w");
  // `exec env …`: the process is the command itself (its exit code, its signals), its VAR=… prefix kept.
  return spawn("sh", ["-c", `exec env ${command}`], { cwd: ROOT, env, stdio: ["ignore", log, log], detached: true });
}

export function stopProcess(child: ChildProcess | undefined, signal: NodeJS.Signals = "SIGTERM"): void {
  if (!child?.pid || gone(child)) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

const gone = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

/** The process's exit code once it has exited (null: killed by a signal). */
export const exited = (child: ChildProcess) =>
  gone(child) ? Promise.resolve(child.exitCode) : new Promise<number | null>((r) => child.once("exit", (code) => r(code)));

/** Waits until `check` holds (no fixed pause), failing with `what` after `ms`. */
export async function until(what: string, check: () => Promise<boolean>, ms = 120_000, children: ChildProcess[] = []): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    const dead = children.find(gone);
    if (dead) throw new Error(`${what}: a process exited (${dead.spawnargs.join(" ")}); see test-results/stack-*.log`);
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms; see test-results/stack-*.log`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** A self-signed certificate for localhost, made with openssl for this run. */
export function makeCertificate(dir: string): { cert: string; key: string; ca: Buffer } {
  const cert = path.join(dir, "cert.pem");
  const key = path.join(dir, "key.pem");
  execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "2", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"], { stdio: "ignore" });
  return { cert, key, ca: fs.readFileSync(cert) };
}

export type Answer = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

/**
 * One HTTPS request checked against the certificate (no "ignore errors"), optionally from a
 * given loopback address (127.0.0.0/8 is all this machine's), as a client elsewhere would be.
 */
export function httpsRequest(
  url: string,
  opts: { ca: Buffer; method?: string; headers?: Record<string, string>; body?: string; from?: string },
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = https.request(url, { method: opts.method ?? "GET", headers: opts.headers, ca: opts.ca, servername: new URL(url).hostname, localAddress: opts.from, family: opts.from ? (opts.from.includes(":") ? 6 : 4) : undefined, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
    });
    req.on("error", reject);
    req.end(opts.body);
  });
}

/** Runs a repo script (tsx) with `env`, failing with its output. */
export function runTsx(script: string, args: string[], env: NodeJS.ProcessEnv): string {
  const r = spawnSync(path.join(ROOT, "node_modules/.bin/tsx"), ["--conditions=react-server", script, ...args], { cwd: ROOT, env, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`${script} failed:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

export function databaseUrl(base: string, name: string): string {
  const u = new URL(base);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function adminSql<T>(base: string, fn: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(base, { max: 1, onnotice: () => {} });
  try {
    return await fn(sql);
  } finally {
    await sql.end();
  }
}

/** The whole layout: a database, the Procfile's processes, the rendered configs. */
export async function startStack(base: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lede-stack-"));
  // nginx's and Varnish's workers run as their own users when started as root.
  fs.chmodSync(dir, 0o755);
  const tls = makeCertificate(dir);
  fs.chmodSync(tls.key, 0o644);
  const dbName = `${process.env.E2E_DB_PREFIX ?? "lede_e2e_"}stack_${Date.now()}`;
  await adminSql(base, (sql) => sql.unsafe(`create database ${dbName}`));
  const siteUrl = `https://localhost:${STACK.httpsPort}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: databaseUrl(base, dbName),
    EMAIL_SERVER: `smtp://127.0.0.1:${E2E.smtpPort}`,
    EMAIL_FROM: `"${E2E.siteName}" <news@example.com>`,
    AUTH_SECRET: E2E.authSecret,
    SITE_NAME: E2E.siteName,
    SITE_URL: siteUrl,
    EDITOR_EMAILS: E2E.editorEmail,
    TRUST_PROXY: "1",
    LEDE_LISTEN_HOST: "127.0.0.1",
    LEDE_METRICS_TOKEN: STACK.metricsToken,
    LEDE_EDGE_PURGE: "varnish",
    LEDE_VARNISH_PURGE_URL: `http://127.0.0.1:${STACK.purgePort}/`,
    LEDE_RUN_DIR: dir,
    LEDE_WEB1_PORT: String(STACK.web1Port),
    LEDE_WEB2_PORT: String(STACK.web2Port),
    LEDE_WORKER_METRICS_PORT: String(STACK.workerMetricsPort),
    LEDE_VARNISH_PORT: String(STACK.varnishPort),
    LEDE_VARNISH_PURGE_PORT: String(STACK.purgePort),
    LEDE_BACKENDS: `127.0.0.1:${STACK.web1Port},127.0.0.1:${STACK.web2Port}`,
    LEDE_UPSTREAM: `127.0.0.1:${STACK.varnishPort}`,
    LEDE_NGINX_LISTEN: "127.0.0.1",
    LEDE_HTTPS_PORT: String(STACK.httpsPort),
    LEDE_TLS_CERT: tls.cert,
    LEDE_TLS_KEY: tls.key,
  };
  for (const k of ["LEDE_COUNT_QUERIES", "PORT", "LEDE_DATA_DIR", "LEDE_METER_DAILY_CAP"]) delete env[k];
  for (const file of ["nginx.conf", "lede.vcl"]) {
    fs.writeFileSync(path.join(dir, file), render(fs.readFileSync(path.join(ROOT, "deploy", file), "utf8"), env));
  }
  // The deploy's one-off step (migrate, seed; the suite already built), then the suite's articles.
  runTsx("scripts/prepare.ts", [], env);
  runTsx("scripts/import-articles.ts", ["e2e/articles"], env);
  const children = new Map<string, ChildProcess>();
  const stop = async () => {
    for (const child of children.values()) stopProcess(child);
    await Promise.all([...children.values()].map((c) => Promise.race([exited(c), new Promise((r) => setTimeout(r, 20_000))])));
    for (const child of children.values()) stopProcess(child, "SIGKILL");
    await adminSql(base, (sql) => sql.unsafe(`drop database if exists ${dbName} with (force)`)).catch(() => {});
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (const { name, command } of procfile()) children.set(name, startProcess(name, command, env));
    const all = [...children.values()];
    const ok = (url: string) => fetch(url).then((r) => r.ok);
    await until("both web processes ready", async () => (await ok(`http://127.0.0.1:${STACK.web1Port}/api/health/ready`)) && ok(`http://127.0.0.1:${STACK.web2Port}/api/health/ready`), 180_000, all);
    await until("nginx and Varnish answering", async () => (await httpsRequest(`${siteUrl}/api/health`, { ca: tls.ca })).status === 200, 60_000, all);
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    dir,
    env,
    siteUrl,
    ca: tls.ca,
    dbName,
    databaseUrl: env.DATABASE_URL!,
    children,
    get: (p: string, o: Omit<Parameters<typeof httpsRequest>[1], "ca"> = {}) => httpsRequest(`${siteUrl}${p}`, { ...o, ca: tls.ca }),
    stop,
  };
}
export type Stack = Awaited<ReturnType<typeof startStack>>;
