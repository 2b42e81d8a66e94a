// Starts what the e2e suite drives: a real SMTP server (the mail sink) and copies of the
// built app — "main" (PostgreSQL when DATABASE_URL is given, SMTP to the sink),
// "embedded" (nothing configured: PGlite and the dev mailbox) and, with DATABASE_URL,
// "second": another web process of the main app on the same database, reached through
// a proxy that specs can cut (e2e/two-processes.spec.ts). Then signs the editor and a
// reader in, once for the run, and saves their sessions (e2e/support/roles.ts).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { MailSink } from "./support/mail-sink";
import { runScript, startApp, stopApp } from "./support/apps";
import { DbProxy } from "./support/db-proxy";
import { E2E, MAIN_URL, OIDC_CLIENTS, OIDC_ISSUER, OIDC_LABEL } from "./support/env";
import { startOidcProvider } from "./support/oidc";
import { signInRole, stateFile } from "./support/roles";

function databaseNamed(base: string, name: string): string {
  const u = new URL(base);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Where the PostgreSQL server of a URL listens. */
function postgresAddress(url: string): { host: string; port: number } {
  const u = new URL(url);
  return { host: u.hostname.replace(/^\[(.*)\]$/, "$1") || "127.0.0.1", port: Number(u.port || 5432) };
}

export default async function globalSetup() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "lede-e2e-"));
  const sink = new MailSink(E2E.smtpPort, E2E.sinkApiPort);
  await sink.start();
  // A real OpenID Connect provider for "Continue with Example ID" (e2e/provider.spec.ts).
  const oidc = await startOidcProvider(E2E.oidcPort, [`${MAIN_URL}/signin/provider/callback/oidc`]);

  const base = process.env.DATABASE_URL;
  const dbName = `${process.env.E2E_DB_PREFIX ?? "lede_e2e_"}${Date.now()}`;
  if (base) {
    const admin = postgres(base, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${dbName}`);
    await admin.end();
  }

  const common: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", AUTH_SECRET: E2E.authSecret, SITE_NAME: E2E.siteName };
  for (const k of ["DATABASE_URL", "EMAIL_SERVER", "EMAIL_FROM", "SITE_URL", "EDITOR_EMAILS", "TRUST_PROXY", "LEDE_DATA_DIR", "PORT", "LEDE_COUNT_QUERIES", "GOOGLE_CLIENT_ID", "GOOGLE_CLIENT_SECRET", "OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET", "OIDC_LABEL"]) delete common[k];

  const mainEnv: NodeJS.ProcessEnv = {
    ...common,
    ...(base ? { DATABASE_URL: databaseNamed(base, dbName) } : { LEDE_DATA_DIR: path.join(tmp, "main") }),
    PORT: String(E2E.mainPort),
    SITE_URL: MAIN_URL,
    EMAIL_SERVER: `smtp://127.0.0.1:${E2E.smtpPort}`,
    EMAIL_FROM: `"${E2E.siteName}" <news@example.com>`,
    EDITOR_EMAILS: `${E2E.editorEmail},${E2E.providerEditorEmail}`,
    // Tests give each browser context its own client address, as a proxy in front would.
    TRUST_PROXY: "1",
    // Each response says how many database queries it cost (e2e/query-count.spec.ts).
    LEDE_COUNT_QUERIES: "1",
    // The meter's cap on free reads without a cookie per network per day (e2e/meter.spec.ts).
    LEDE_METER_DAILY_CAP: "3",
    // "Continue with Example ID": the suite's own OpenID Connect provider (no Google: it cannot be reached here).
    OIDC_ISSUER,
    OIDC_CLIENT_ID: OIDC_CLIENTS.lede.id,
    OIDC_CLIENT_SECRET: OIDC_CLIENTS.lede.secret,
    OIDC_LABEL,
  };
  // Migrate, seed the samples, then add the suite's own articles (with canary sentences).
  runScript("scripts/prepare.ts", [], mainEnv, "preparing the main database");
  runScript("scripts/import-articles.ts", ["e2e/articles"], mainEnv, "importing e2e articles");
  const main = await startApp("main", mainEnv, E2E.mainPort);
  // PGlite is one process by design: the second web process exists only on PostgreSQL.
  // It is the same site behind the same balancer (SITE_URL, secret, mail), built and
  // migrated by main's start already, so it runs server.js itself; main runs the workers.
  const proxy = base ? new DbProxy(postgresAddress(base), E2E.dbProxyPort, E2E.dbProxyApiPort) : null;
  await proxy?.start();
  const [second, embedded] = await Promise.all([
    proxy &&
      startApp(
        "second",
        { ...mainEnv, DATABASE_URL: proxy.urlFor(mainEnv.DATABASE_URL!), PORT: String(E2E.secondPort), LEDE_WORKER: "off" },
        E2E.secondPort,
        "server.js",
      ),
    startApp("embedded", { ...common, LEDE_DATA_DIR: path.join(tmp, "embedded"), PORT: String(E2E.embeddedPort) }, E2E.embeddedPort),
  ]);

  process.env.E2E_DATABASE_URL = base ? databaseNamed(base, dbName) : "";
  process.env.E2E_STATE_DIR = path.join(tmp, "sessions");
  fs.mkdirSync(process.env.E2E_STATE_DIR);
  await Promise.all((["editor", "reader"] as const).map((role) => signInRole(role, stateFile(role))));

  return async () => {
    stopApp(main);
    stopApp(second ?? undefined);
    stopApp(embedded);
    await sink.stop();
    await proxy?.stop();
    stopApp(oidc);
    await new Promise((r) => setTimeout(r, 500));
    if (base) {
      const admin = postgres(base, { max: 1, onnotice: () => {} });
      await admin.unsafe(`drop database if exists ${dbName} with (force)`).catch(() => {});
      await admin.end();
    }
    fs.rmSync(tmp, { recursive: true, force: true });
  };
}
