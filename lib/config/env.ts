// The one environment schema: the front server (server/), next.config.ts, the scripts and
// the app all read the environment through it, parsed once per process. A bad value stops
// the command with one line per bad variable, naming it. No server-only import: next.config
// and the front server load it outside Next's bundles.
import { z } from "zod";

const optionalString = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : undefined));

/**
 * A whole number written plainly ("5000"), in [min, max]; unset or empty takes `fallback`.
 * Number() would take "5k" as NaN, "0x10", "1e3" or " 7": none of them is what was meant.
 */
const wholeNumber = (min: number, max: number, fallback: number) =>
  optionalString.transform((v, ctx) => {
    if (v === undefined) return fallback;
    const n = /^\d{1,15}$/.test(v) ? Number(v) : NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max) {
      ctx.addIssue({ code: "custom", message: `must be a whole number from ${min} to ${max} (got ${JSON.stringify(v.slice(0, 40))})` });
      return z.NEVER;
    }
    return n;
  });

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: optionalString.refine(
    (v) => v === undefined || /^postgres(ql)?:\/\//.test(v),
    "must be a postgres:// or postgresql:// URL",
  ),
  EMAIL_SERVER: optionalString.refine(
    (v) => v === undefined || /^smtps?:\/\//.test(v),
    "must be an smtp:// or smtps:// URL, e.g. smtp://127.0.0.1:2525",
  ),
  EMAIL_FROM: optionalString,
  AUTH_SECRET: optionalString.refine(
    (v) => v === undefined || v.length >= 32,
    "must be at least 32 characters (try: openssl rand -base64 33)",
  ),
  PORT: wholeNumber(1, 65535, 3000),
  SITE_URL: optionalString.refine((v) => {
    if (v === undefined) return true;
    try {
      const u = new URL(v);
      return u.protocol === "http:" || u.protocol === "https:";
    } catch {
      return false;
    }
  }, "must be an http(s) origin, e.g. https://news.example.com"),
  SITE_NAME: optionalString,
  SITE_TIME_ZONE: optionalString.refine((v) => {
    if (v === undefined) return true;
    try {
      new Intl.DateTimeFormat("en-GB", { timeZone: v });
      return true;
    } catch {
      return false;
    }
  }, "must be an IANA time zone name, e.g. Europe/London"),
  EDITOR_EMAILS: optionalString,
  TRUST_PROXY: optionalString,
  BLOCKED_EMAIL_DOMAINS: optionalString,
  LEDE_DATA_DIR: optionalString,
  LEDE_WORKER: optionalString,
  LEDE_DB_POOL: wholeNumber(1, 1000, 10),
  LEDE_COUNT_QUERIES: optionalString,
  DKIM_DOMAIN: optionalString,
  DKIM_SELECTOR: optionalString,
  DKIM_PRIVATE_KEY: optionalString.refine(
    (v) => v === undefined || /-----BEGIN (RSA )?PRIVATE KEY-----/.test(v.replace(/\\n/g, "\n")),
    "must be a PEM private key (-----BEGIN PRIVATE KEY-----…); newlines may be written as \\n",
  ),
  LEDE_SMTP_CONNECTIONS: wholeNumber(1, 100, 16),
  LEDE_NEWSLETTER_LEASE_SECONDS: wholeNumber(1, 3600, 60),
  LEDE_NEWSLETTER_RETRY_SECONDS: z.coerce.number().min(0.1).max(3600).default(30),
  LEDE_METER_DAILY_CAP: wholeNumber(0, 100_000, 25),
  LEDE_NEW_ADDRESS_HOURLY_CAP: wholeNumber(1, 10_000_000, 2000),
  SES_SNS_TOPIC_ARNS: optionalString,
  POSTMARK_WEBHOOK_USER: optionalString,
  POSTMARK_WEBHOOK_PASSWORD: optionalString,
  SENDGRID_WEBHOOK_PUBLIC_KEY: optionalString,
  MAILGUN_WEBHOOK_SIGNING_KEY: optionalString,
  RESEND_WEBHOOK_SECRET: optionalString.refine(
    (v) => v === undefined || /^whsec_[A-Za-z0-9+/=]{16,}$/.test(v),
    "must be the endpoint's signing secret as Resend shows it (whsec_…)",
  ),
  LEDE_SNS_TEST_CA: optionalString,
  LEDE_SNS_TEST_CONNECT: optionalString,
  LEDE_BOUNCE_DOMAIN: optionalString.refine(
    (v) => v === undefined || /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/i.test(v),
    "must be a domain name, e.g. bounces.example.com",
  ),
  LEDE_BOUNCE_IMAP_URL: optionalString.refine(
    (v) => v === undefined || /^imaps?:\/\//.test(v),
    "must be an imap:// or imaps:// URL, e.g. imaps://bounces:secret@mail.example.com/INBOX",
  ),
  // The front server (server/): where it listens, and its render cache (lib/cache).
  LEDE_LISTEN_HOST: optionalString,
  LEDE_RENDER_CACHE_ENTRIES: wholeNumber(1, 1_000_000, 5000),
  LEDE_CACHE_HEARTBEAT_MS: wholeNumber(50, 60_000, 1000),
  LEDE_CACHE_LEASE_MS: wholeNumber(200, 600_000, 4000),
  // Rendering one saved article's markdown, in a worker thread (lib/articles/render-pool.ts).
  LEDE_ARTICLE_RENDER_MS: wholeNumber(100, 600_000, 10_000),
  // The build: its folder, and whether it is the benchmark's own (with the baseline pages).
  LEDE_DIST_DIR: optionalString.refine((v) => v === undefined || /^[\w.-]+$/.test(v), "must be a folder name inside the project (letters, digits, . _ -)"),
  LEDE_BENCH_BASELINE: optionalString,
  LEDE_COUNT_VIEWS: optionalString.refine(
    (v) => v === undefined || ["on", "off"].includes(v.toLowerCase()),
    "must be on or off",
  ),
  GOOGLE_CLIENT_ID: optionalString,
  GOOGLE_CLIENT_SECRET: optionalString,
  OIDC_ISSUER: optionalString.refine((v) => {
    if (v === undefined) return true;
    try {
      const u = new URL(v);
      return u.protocol === "https:" || (u.protocol === "http:" && ["localhost", "127.0.0.1", "[::1]"].includes(u.hostname));
    } catch {
      return false;
    }
  }, "must be the provider's https:// issuer URL, e.g. https://login.example.com"),
  OIDC_CLIENT_ID: optionalString,
  OIDC_CLIENT_SECRET: optionalString,
  OIDC_LABEL: optionalString,
}).refine(
  (e) => (e.GOOGLE_CLIENT_ID === undefined) === (e.GOOGLE_CLIENT_SECRET === undefined),
  { path: ["GOOGLE_CLIENT_ID"], message: "GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET must be set together (or neither)" },
).refine(
  (e) => [e.OIDC_ISSUER, e.OIDC_CLIENT_ID, e.OIDC_CLIENT_SECRET].every((v) => v === undefined) ||
    [e.OIDC_ISSUER, e.OIDC_CLIENT_ID, e.OIDC_CLIENT_SECRET].every((v) => v !== undefined),
  { path: ["OIDC_ISSUER"], message: "OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET must be set together (or none of them)" },
).refine(
  // A lease shorter than two heartbeats runs out between two renewals.
  (e) => e.LEDE_CACHE_LEASE_MS >= 2 * e.LEDE_CACHE_HEARTBEAT_MS,
  { path: ["LEDE_CACHE_LEASE_MS"], message: "must be at least twice LEDE_CACHE_HEARTBEAT_MS" },
).refine(
  (e) => (e.POSTMARK_WEBHOOK_USER === undefined) === (e.POSTMARK_WEBHOOK_PASSWORD === undefined),
  { path: ["POSTMARK_WEBHOOK_USER"], message: "POSTMARK_WEBHOOK_USER and POSTMARK_WEBHOOK_PASSWORD must be set together (or neither)" },
).refine(
  (e) => [e.DKIM_DOMAIN, e.DKIM_SELECTOR, e.DKIM_PRIVATE_KEY].every((v) => v === undefined) ||
    [e.DKIM_DOMAIN, e.DKIM_SELECTOR, e.DKIM_PRIVATE_KEY].every((v) => v !== undefined),
  { path: ["DKIM_DOMAIN"], message: "DKIM_DOMAIN, DKIM_SELECTOR and DKIM_PRIVATE_KEY must be set together (or none of them)" },
);

function list(v: string | undefined): string[] {
  return (v ?? "")
    .split(",")
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
}

const flag = (v: string | undefined, on: string[]) => on.includes((v ?? "").toLowerCase());

/** What the rest of Lede reads: lists split, switches read, defaults filled in. */
const environment = schema.transform((e) => {
  const siteName = e.SITE_NAME ?? "The Daily Lede";
  const siteUrl = (e.SITE_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, "");
  return {
    nodeEnv: e.NODE_ENV,
    databaseUrl: e.DATABASE_URL,
    emailServer: e.EMAIL_SERVER,
    emailFrom: e.EMAIL_FROM ?? `"${siteName.replace(/"/g, "")}" <no-reply@${new URL(siteUrl).hostname}>`,
    authSecret: e.AUTH_SECRET,
    port: e.PORT,
    siteUrl,
    siteName,
    /** The site's time zone (IANA): schedules are written and shown in it. */
    siteTimeZone: e.SITE_TIME_ZONE ?? "UTC",
    editorEmails: list(e.EDITOR_EMAILS),
    trustProxy: flag(e.TRUST_PROXY, ["1", "true", "yes"]),
    blockedEmailDomains: list(e.BLOCKED_EMAIL_DOMAINS),
    dataDir: e.LEDE_DATA_DIR ?? ".data",
    /** Run queue workers inside the web process (default on). */
    inProcessWorker: !flag(e.LEDE_WORKER, ["0", "false", "no", "off"]),
    /** Connections in each process's main PostgreSQL pool. */
    dbPool: e.LEDE_DB_POOL,
    /** Tests only: the front server counts each request's queries (lib/db/query-count.ts). */
    countQueries: e.LEDE_COUNT_QUERIES === "1",
    /** Where the front server listens: LEDE_LISTEN_HOST, else loopback on the embedded demo, else every interface. */
    listenHosts: e.LEDE_LISTEN_HOST
      ? e.LEDE_LISTEN_HOST.split(",").map((h) => h.trim()).filter(Boolean)
      : !e.DATABASE_URL && !e.EMAIL_SERVER
        ? ["127.0.0.1", "::1"]
        : ["0.0.0.0"],
    /** No DATABASE_URL and no EMAIL_SERVER: only then the dev mailbox, a generated secret, loopback only. */
    embeddedDemo: !e.DATABASE_URL && !e.EMAIL_SERVER,
    /** The public origin as configured ("" when SITE_URL is unset). */
    configuredSiteUrl: e.SITE_URL ? e.SITE_URL.replace(/\/+$/, "") : "",
    /** The render cache (lib/cache): entries per process, and its peers' heartbeat and lease. */
    renderCache: { maxEntries: e.LEDE_RENDER_CACHE_ENTRIES, heartbeatMs: e.LEDE_CACHE_HEARTBEAT_MS, leaseMs: e.LEDE_CACHE_LEASE_MS },
    /** The build folder, and whether this is the benchmark's own build. */
    build: { distDir: e.LEDE_DIST_DIR ?? ".next", benchBaseline: e.LEDE_BENCH_BASELINE === "1" },
    /** DKIM signing of newsletters, when all three DKIM_* variables are set. */
    dkim:
      e.DKIM_DOMAIN && e.DKIM_SELECTOR && e.DKIM_PRIVATE_KEY
        ? { domain: e.DKIM_DOMAIN, selector: e.DKIM_SELECTOR, privateKey: e.DKIM_PRIVATE_KEY.replace(/\\n/g, "\n") }
        : undefined,
    /** Free metered reads a day per client network for browsers that bring no meter cookie. */
    meterDailyCap: e.LEDE_METER_DAILY_CAP,
    /** Sign-in mails to addresses that are not members yet, per hour, site-wide (new joins wait past it). */
    newAddressHourlyCap: e.LEDE_NEW_ADDRESS_HOURLY_CAP,
    /** Count article views for the desk's insight page (default on; off for a site that wants no counts). */
    countViews: (e.LEDE_COUNT_VIEWS ?? "on").toLowerCase() === "on",
    /** "Continue with Google", when both Google variables are set. */
    google: e.GOOGLE_CLIENT_ID && e.GOOGLE_CLIENT_SECRET ? { clientId: e.GOOGLE_CLIENT_ID, clientSecret: e.GOOGLE_CLIENT_SECRET } : undefined,
    /** A publisher's own OpenID Connect provider, when its three variables are set. */
    oidc:
      e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET
        ? { issuer: e.OIDC_ISSUER, clientId: e.OIDC_CLIENT_ID, clientSecret: e.OIDC_CLIENT_SECRET, label: e.OIDC_LABEL ?? new URL(e.OIDC_ISSUER).hostname }
        : undefined,
    /** Provider webhooks (/api/email-events/<provider>): each is a 404 until its variables are set. */
    emailEvents: {
      sesTopicArns: (e.SES_SNS_TOPIC_ARNS ?? "").split(",").map((s) => s.trim()).filter(Boolean),
      postmark: e.POSTMARK_WEBHOOK_USER && e.POSTMARK_WEBHOOK_PASSWORD ? { user: e.POSTMARK_WEBHOOK_USER, password: e.POSTMARK_WEBHOOK_PASSWORD } : undefined,
      sendgridPublicKey: e.SENDGRID_WEBHOOK_PUBLIC_KEY,
      mailgunSigningKey: e.MAILGUN_WEBHOOK_SIGNING_KEY,
      resendSecret: e.RESEND_WEBHOOK_SECRET,
      /** Test only: trust this CA (PEM) for SNS certificates, and connect to host:port for SNS hosts. */
      snsTestCa: e.LEDE_SNS_TEST_CA?.replace(/\\n/g, "\n"),
      snsTestConnect: e.LEDE_SNS_TEST_CONNECT,
    },
    /** VERP: each newsletter copy's Return-Path is bounces+<token>@ this domain. */
    bounceDomain: e.LEDE_BOUNCE_DOMAIN?.toLowerCase(),
    /** The mailbox those bounces and abuse reports land in, read over IMAP. */
    bounceImapUrl: e.LEDE_BOUNCE_IMAP_URL,
    newsletter: {
      /** Pooled SMTP connections per worker process. */
      smtpConnections: e.LEDE_SMTP_CONNECTIONS,
      /** How long a claimed delivery stays reserved for the worker that claimed it. */
      leaseSeconds: e.LEDE_NEWSLETTER_LEASE_SECONDS,
      /** First retry delay after a temporary SMTP failure; doubles each attempt. */
      retrySeconds: e.LEDE_NEWSLETTER_RETRY_SECONDS,
    },
  };
});

export type Env = z.infer<typeof environment>;

/** A bad environment: one line per bad variable, each naming it. */
export class EnvError extends Error {
  constructor(readonly lines: string[]) {
    super(lines.join("\n"));
    this.name = "EnvError";
  }
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = environment.safeParse(source);
  if (!result.success) {
    throw new EnvError(result.error.issues.map((i) => `Invalid environment: ${i.path.join(".") || "(environment)"} ${i.message}`));
  }
  return result.data;
}

/**
 * Why this environment must not serve (one line naming the variable), or null: production
 * settings that have no safe default. Checked by `npm start`, the front server and the worker.
 */
export function startProblem(e: Env): string | null {
  if (!e.databaseUrl) return null;
  if (!e.emailServer) {
    return "EMAIL_SERVER is required when DATABASE_URL is set (e.g. smtp://user:pass@smtp.example.com:587): the dev mailbox exists only on the embedded demo.";
  }
  if (!e.authSecret) {
    return "AUTH_SECRET is required when DATABASE_URL is set: every process must share it (try: openssl rand -base64 33).";
  }
  return null;
}

/**
 * For entry points: the environment, or the process stops with its lines (exit 1).
 * `serving`: also refuse what may not serve (startProblem); a build need not.
 */
export function envOrExit(source: Record<string, string | undefined> = process.env, who = "Lede", serving = true, exitCode = 1): Env {
  try {
    const e = parseEnv(source);
    const problem = serving ? startProblem(e) : null;
    if (problem) throw new EnvError([problem]);
    return e;
  } catch (err) {
    if (!(err instanceof EnvError)) throw err;
    for (const line of err.lines) console.error(`${who}: ${line}`);
    process.exit(exitCode);
  }
}

let cached: Env | undefined;

/** The parsed environment of this process. */
export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

export const env: Env = new Proxy({} as Env, {
  get: (_t, key: string) => getEnv()[key as keyof Env],
});
