// Environment, parsed once. A bad value fails fast with a message naming the variable.
import { z } from "zod";

const optionalString = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : undefined));

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
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
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
  LEDE_DB_POOL: z.coerce.number().int().min(1).max(1000).default(10),
  LEDE_COUNT_QUERIES: optionalString,
  DKIM_DOMAIN: optionalString,
  DKIM_SELECTOR: optionalString,
  DKIM_PRIVATE_KEY: optionalString.refine(
    (v) => v === undefined || /-----BEGIN (RSA )?PRIVATE KEY-----/.test(v.replace(/\\n/g, "\n")),
    "must be a PEM private key (-----BEGIN PRIVATE KEY-----…); newlines may be written as \\n",
  ),
  LEDE_SMTP_CONNECTIONS: z.coerce.number().int().min(1).max(100).default(16),
  LEDE_NEWSLETTER_LEASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  LEDE_NEWSLETTER_RETRY_SECONDS: z.coerce.number().min(0.1).max(3600).default(30),
  LEDE_METER_DAILY_CAP: z.coerce.number().int().min(0).max(100_000).default(25),
  LEDE_NEW_ADDRESS_HOURLY_CAP: z.coerce.number().int().min(1).max(10_000_000).default(2000),
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
    /** Tests only: server.js counts each request's queries (lib/db/query-count.ts). */
    countQueries: e.LEDE_COUNT_QUERIES === "1",
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

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = environment.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  return result.data;
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
