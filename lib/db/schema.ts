import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  unique,
  uniqueIndex,
} from "drizzle-orm/pg-core";

const createdAt = () => timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow();

// ── Accounts (the Auth.js tables, plus Lede's columns) ──────────────────────

export const users = pgTable("user", {
  id: text("id").primaryKey().$defaultFn(() => crypto.randomUUID()),
  name: text("name"),
  /** The identity: the whole address, lowercased. */
  email: text("email").notNull().unique(),
  /** The address as its owner last typed it, when that differs from `email`: shown, and mailed. */
  emailAsTyped: text("email_as_typed"),
  emailVerified: timestamp("emailVerified", { withTimezone: true, mode: "date" }),
  image: text("image"),
  role: text("role", { enum: ["reader", "editor"] }).notNull().default("reader"),
  createdAt: createdAt(),
  lastSignInAt: timestamp("last_sign_in_at", { withTimezone: true, mode: "date" }),
  joinedFromArticleId: integer("joined_from_article_id").references(() => articles.id, {
    onDelete: "set null",
  }),
  /** Set when the publisher imported the address by CSV: it counts as confirmed. */
  importedAt: timestamp("imported_at", { withTimezone: true, mode: "date" }),
});
export type User = typeof users.$inferSelect;

export const accounts = pgTable(
  "account",
  {
    userId: text("userId").notNull().references(() => users.id, { onDelete: "cascade" }),
    type: text("type").notNull(),
    provider: text("provider").notNull(),
    providerAccountId: text("providerAccountId").notNull(),
    refresh_token: text("refresh_token"),
    access_token: text("access_token"),
    expires_at: integer("expires_at"),
    token_type: text("token_type"),
    scope: text("scope"),
    id_token: text("id_token"),
    session_state: text("session_state"),
  },
  (t) => [primaryKey({ columns: [t.provider, t.providerAccountId] })],
);

/** sessionToken holds the SHA-256 of the cookie value, never the value itself. */
export const sessions = pgTable(
  "session",
  {
    sessionToken: text("sessionToken").primaryKey(),
    userId: text("userId").notNull().references(() => users.id, { onDelete: "cascade" }),
    expires: timestamp("expires", { withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [index("session_user_idx").on(t.userId)],
);

/**
 * One sign-in mail: its link and its 6-digit code, both stored as keyed hashes. Using
 * either (once) uses the row; the row is kept a few days after, so a second click on the
 * link can say "already used". `email` is the identity (the whole address, lowercased);
 * `sentTo` is the address as the reader typed it, where the mail went.
 */
export const signInTokens = pgTable(
  "sign_in_token",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    tokenHash: text("token_hash").notNull().unique(),
    codeHash: text("code_hash").notNull(),
    email: text("email").notNull(),
    sentTo: text("sent_to").notNull(),
    /** Where the reader goes once signed in: a same-origin path. */
    callbackUrl: text("callback_url").notNull().default("/"),
    expires: timestamp("expires", { withTimezone: true, mode: "date" }).notNull(),
    codeExpires: timestamp("code_expires", { withTimezone: true, mode: "date" }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
  },
  (t) => [index("sign_in_token_email_idx").on(t.email, t.codeExpires), index("sign_in_token_expires_idx").on(t.expires)],
);
export type SignInToken = typeof signInTokens.$inferSelect;

export const signIns = pgTable(
  "sign_in",
  {
    id: serial("id").primaryKey(),
    userId: text("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    method: text("method", { enum: ["link", "code", "passkey", "provider"] }).notNull(),
    /** For method "provider": which identity provider ("google", "oidc"). */
    provider: text("provider"),
    at: timestamp("at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [index("sign_in_user_idx").on(t.userId)],
);

/**
 * A reader's passkey (a WebAuthn credential, lib/auth/passkeys/). The public key only:
 * nothing here signs anyone in without the authenticator. `counter` and the backup flags
 * are what the authenticator last reported.
 */
export const passkeys = pgTable(
  "passkey",
  {
    /** The credential ID, base64url. */
    id: text("id").primaryKey(),
    userId: text("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    /** COSE public key, base64url. */
    publicKey: text("public_key").notNull(),
    counter: bigint("counter", { mode: "number" }).notNull().default(0),
    transports: jsonb("transports").$type<string[]>().notNull().default([]),
    /** "singleDevice" or "multiDevice" (synced), as registration said. */
    deviceType: text("device_type", { enum: ["singleDevice", "multiDevice"] }).notNull(),
    backedUp: boolean("backed_up").notNull(),
    aaguid: text("aaguid"),
    /** Shown on /account: what the reader or their browser called it. */
    name: text("name").notNull(),
    createdAt: createdAt(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [index("passkey_user_idx").on(t.userId)],
);
export type Passkey = typeof passkeys.$inferSelect;

/**
 * A WebAuthn challenge Lede issued, by its keyed hash: used once (deleted as it is
 * checked), and only before `expires`. A registration's belongs to the signed-in account.
 */
export const webauthnChallenges = pgTable(
  "webauthn_challenge",
  {
    challengeHash: text("challenge_hash").primaryKey(),
    purpose: text("purpose", { enum: ["register", "authenticate"] }).notNull(),
    userId: text("user_id").references(() => users.id, { onDelete: "cascade" }),
    expires: timestamp("expires", { withTimezone: true, mode: "date" }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("webauthn_challenge_expires_idx").on(t.expires)],
);

/** Every "join" submitted from an article (or the sign-in page when articleId is null). */
export const joins = pgTable(
  "join",
  {
    id: serial("id").primaryKey(),
    userId: text("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    articleId: integer("article_id").references(() => articles.id, { onDelete: "set null" }),
    newsletterConsent: boolean("newsletter_consent").notNull().default(false),
    /** Where the join form was: the meter's notice above a free read, its wall, or (null) the gate or /signin. */
    source: text("source", { enum: ["meter-notice", "meter-wall"] }),
    /** Where the reader came from (lib/insight/source.ts): its class, other site's host, newsletter issue. */
    referralSource: text("referral_source", { enum: ["search", "social", "newsletter", "site", "other", "direct", "gift"] }),
    referralHost: text("referral_host"),
    referralIssueId: integer("referral_issue_id"),
    /** The gift link the reader joined from (lib/gifts), when they did; cleared with the gift. */
    giftId: integer("gift_id").references(() => gifts.id, { onDelete: "set null" }),
    /** The wall experiment and variant this reader's gate was in (lib/experiments), if any. */
    experimentId: integer("experiment_id").references(() => wallExperiments.id, { onDelete: "set null" }),
    variant: integer("variant"),
    createdAt: createdAt(),
  },
  // (user, article): "has this reader joined from this article before?" is asked by every join.
  (t) => [index("join_article_idx").on(t.articleId, t.createdAt), index("join_user_article_idx").on(t.userId, t.articleId)],
);

// ── Articles ────────────────────────────────────────────────────────────────

/**
 * The free lede and the premium rest are stored (and rendered) apart so that the
 * rest is read only after the access rule has said yes.
 */
export const articles = pgTable(
  "article",
  {
    id: serial("id").primaryKey(),
    slug: text("slug").notNull(),
    title: text("title").notNull(),
    dek: text("dek").notNull().default(""),
    author: text("author").notNull().default(""),
    publishedAt: timestamp("published_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    premium: boolean("premium").notNull().default(false),
    /** For a premium article: counted by the meter (true) or members only (false). */
    metered: boolean("metered").notNull().default(true),
    status: text("status", { enum: ["published", "draft"] }).notNull().default("published"),
    image: text("image"),
    imageCaption: text("image_caption"),
    /** Markdown source as written, gate marker included. */
    body: text("body").notNull().default(""),
    ledeHtml: text("lede_html").notNull().default(""),
    restHtml: text("rest_html").notNull().default(""),
    /** Plain-text excerpt of the lede for feeds and meta tags. */
    summary: text("summary").notNull().default(""),
    /** The lede rule (teaser.ts SPLIT_VERSION) the three columns above were made with. */
    splitVersion: integer("split_version").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("article_slug_idx").on(t.slug), index("article_published_idx").on(t.status, t.publishedAt)],
);
export type Article = typeof articles.$inferSelect;

// ── The meter (lib/meter) ───────────────────────────────────────────────────

/** Site-wide settings the desk changes (today: the meter), one JSON value per key. */
export const siteSettings = pgTable("site_setting", {
  key: text("key").primaryKey(),
  value: jsonb("value").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
});

/** Who changed a site setting, from what to what, and when. */
export const settingChanges = pgTable(
  "setting_change",
  {
    id: serial("id").primaryKey(),
    at: timestamp("at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    actorId: text("actor_id").references(() => users.id, { onDelete: "set null" }),
    actorEmail: text("actor_email").notNull(),
    key: text("key").notNull(),
    before: jsonb("before"),
    after: jsonb("after").notNull(),
  },
  (t) => [index("setting_change_key_idx").on(t.key, t.at)],
);

/**
 * What the meter did, per UTC day and article: free reads it gave (a read that used
 * one of a reader's free articles), and readers whose last free read that was. Added
 * to in batches from each process's memory (lib/meter/counts.ts).
 */
/**
 * What readers did on each article, per UTC day and source (lib/insight): counted in each
 * web process's memory and added here every few seconds. Nothing names a reader: a row is
 * a day, an article, where readers came from (a class, the other site's host, the
 * newsletter issue) and how many views of each kind. Views by bots have source "bot".
 */
export const articleTraffic = pgTable(
  "article_traffic",
  {
    day: text("day").notNull(),
    articleId: integer("article_id")
      .notNull()
      .references(() => articles.id, { onDelete: "cascade" }),
    source: text("source", { enum: ["search", "social", "newsletter", "site", "other", "direct", "gift", "bot"] }).notNull(),
    /** For "other": the referring site's host ("" once folded into the rest); else "". */
    host: text("host").notNull().default(""),
    /** For "newsletter": the issue whose link it was (0 when unknown); else 0. */
    issueId: integer("issue_id").notNull().default(0),
    /** Every view by a reader without an account (gate views and metered reads among them). */
    anonymousViews: integer("anonymous_views").notNull().default(0),
    memberViews: integer("member_views").notNull().default(0),
    /** A premium article served with its gate (the meter's wall among them). */
    gateViews: integer("gate_views").notNull().default(0),
    /** A premium article read in full on the meter (re-reads too). */
    meteredReads: integer("metered_reads").notNull().default(0),
    /** The meter's wall: a reader who had used their free reads. */
    spentGates: integer("spent_gates").notNull().default(0),
    /** Free reads the meter gave (a re-read gives none), and of them readers' last ones. */
    freeReads: integer("free_reads").notNull().default(0),
    ranOut: integer("ran_out").notNull().default(0),
    /**
     * Readers who joined from the article (each once), accounts that joined from it and
     * confirmed (their first sign-in), and of them those whose newsletter opt-in that
     * confirmed; counted like views, once the join or sign-in committed. Their source is the join's.
     */
    joins: integer("joins").notNull().default(0),
    confirmations: integer("confirmations").notNull().default(0),
    newsletterOptIns: integer("newsletter_opt_ins").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.day, t.articleId, t.source, t.host, t.issueId] }), index("article_traffic_article_idx").on(t.articleId, t.day)],
);

// ── Gift links (lib/gifts) ──────────────────────────────────────────────────

/**
 * A member's gift of one premium article: whoever opens its link reads that article in
 * full until it expires. The link's token is stored only as a keyed hash; the gift goes
 * with its member's account (and with its article).
 */
export const gifts = pgTable(
  "gift",
  {
    id: serial("id").primaryKey(),
    tokenHash: text("token_hash").notNull().unique(),
    userId: text("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    articleId: integer("article_id").notNull().references(() => articles.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
    /** Page views of the link by people (not bots, prefetches or HEAD requests). */
    opens: integer("opens").notNull().default(0),
    lastOpenedAt: timestamp("last_opened_at", { withTimezone: true, mode: "date" }),
  },
  // (user, made): "how many gifts this month?" is asked by every new gift, and /account lists them.
  (t) => [index("gift_user_idx").on(t.userId, t.createdAt), index("gift_created_idx").on(t.createdAt)],
);
export type Gift = typeof gifts.$inferSelect;

// ── Wall experiments (lib/experiments) ──────────────────────────────────────

/** One variant of the gate: its heading, sentence and button, and (meter on) the free reads. */
export type WallVariant = { heading: string; sentence: string; button: string; allowance: number | null };

/**
 * An experiment on the gate: 2–4 variants, readers without an account assigned to one by a
 * cookie. At most one runs at a time; ending it keeps the chosen variant as the gate.
 */
export const wallExperiments = pgTable(
  "wall_experiment",
  {
    id: serial("id").primaryKey(),
    name: text("name").notNull().default(""),
    variants: jsonb("variants").$type<WallVariant[]>().notNull(),
    status: text("status", { enum: ["running", "ended"] }).notNull().default("running"),
    startedAt: timestamp("started_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    startedBy: text("started_by").notNull(),
    endedAt: timestamp("ended_at", { withTimezone: true, mode: "date" }),
    endedBy: text("ended_by"),
    /** The variant (its index) the editor kept when ending it. */
    winner: integer("winner"),
  },
  (t) => [uniqueIndex("wall_experiment_running_idx").on(t.status).where(sql`status = 'running'`)],
);
export type WallExperiment = typeof wallExperiments.$inferSelect;

/** Per experiment and variant: gate views, joins and confirmations, added from each process's memory. */
export const experimentTraffic = pgTable(
  "experiment_traffic",
  {
    experimentId: integer("experiment_id")
      .notNull()
      .references(() => wallExperiments.id, { onDelete: "cascade" }),
    variant: integer("variant").notNull(),
    gateViews: integer("gate_views").notNull().default(0),
    joins: integer("joins").notNull().default(0),
    confirmations: integer("confirmations").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.experimentId, t.variant] })],
);

// ── Newsletter ──────────────────────────────────────────────────────────────

/**
 * A newsletter the site runs (a morning briefing, a weekly long read…). Archived ones keep
 * their issues and subscriptions but take no new subscribers and send nothing. The welcome
 * mail and the digest's settings live here too: one of each per newsletter.
 */
export const newsletters = pgTable("newsletter", {
  id: serial("id").primaryKey(),
  name: text("name").notNull(),
  description: text("description").notNull().default(""),
  /** The From name of its mail (the address stays EMAIL_FROM's); empty: the site's name. */
  senderName: text("sender_name").notNull().default(""),
  /** Offered (by name, in the consent box) to readers who join from an article. */
  offeredByDefault: boolean("offered_by_default").notNull().default(false),
  archivedAt: timestamp("archived_at", { withTimezone: true, mode: "date" }),
  /** Sent once to each subscriber after they confirm, when on. Markdown, like an issue's intro. */
  welcomeOn: boolean("welcome_on").notNull().default(false),
  welcomeSubject: text("welcome_subject").notNull().default(""),
  welcomeBody: text("welcome_body").notNull().default(""),
  /** When the welcome was last turned on: only readers who confirm after it are welcomed. */
  welcomeSince: timestamp("welcome_since", { withTimezone: true, mode: "date" }),
  /** The digest: off, or made on these weekdays (0 = Sunday) at this local time (SITE_TIME_ZONE). */
  digestOn: boolean("digest_on").notNull().default(false),
  digestDays: integer("digest_days").array().notNull().default(sql`'{5}'::integer[]`),
  digestTime: text("digest_time").notNull().default("07:00"),
  /** Sent on its own (true) or left as a draft for an editor to approve (false, the default). */
  digestAutoSend: boolean("digest_auto_send").notNull().default(false),
  digestSize: integer("digest_size").notNull().default(5),
  digestPinnedIds: integer("digest_pinned_ids").array().notNull().default(sql`'{}'::integer[]`),
  /**
   * The digest's last slot dealt with (made, or found with nothing new), or the moment it was
   * turned on: only a slot after it makes a digest, so turning it on does not make last week's.
   */
  digestDoneUntil: timestamp("digest_done_until", { withTimezone: true, mode: "date" }),
  createdAt: createdAt(),
  updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
});
export type Newsletter = typeof newsletters.$inferSelect;

/** A reader's subscription to one newsletter. */
export const subscriptions = pgTable(
  "subscription",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    newsletterId: integer("newsletter_id")
      .notNull()
      .references(() => newsletters.id, { onDelete: "cascade" }),
    status: text("status", { enum: ["pending", "active", "unsubscribed", "suppressed"] }).notNull(),
    consentAt: timestamp("consent_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    confirmedAt: timestamp("confirmed_at", { withTimezone: true, mode: "date" }),
    unsubscribedAt: timestamp("unsubscribed_at", { withTimezone: true, mode: "date" }),
    source: text("source").notNull().default("gate"),
    /** Why mail to this address stopped (the SMTP reply), when status is "suppressed". */
    suppressedReason: text("suppressed_reason"),
    /** When this subscription's welcome mail was queued: set once, in the queueing transaction. */
    welcomedAt: timestamp("welcomed_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.newsletterId] }),
    // The newsletter fan-out pages through one newsletter's active subscribers in user_id order.
    index("subscription_newsletter_status_user_idx").on(t.newsletterId, t.status, t.userId),
    // The welcome sweep's question: who is active and not yet welcomed (a handful at a time).
    index("subscription_welcome_due_idx").on(t.newsletterId, t.userId).where(sql`status = 'active' AND welcomed_at IS NULL`),
  ],
);
export type Subscription = typeof subscriptions.$inferSelect;

// ── Infrastructure ──────────────────────────────────────────────────────────

/** Fixed-window counters of lib/auth/rate-limits.ts, shared by every app process. */
export const rateLimits = pgTable("rate_limit", {
  key: text("key").primaryKey(),
  points: integer("points").notNull(),
  expire: timestamp("expire", { withTimezone: true, mode: "date" }),
});

/**
 * Cached renders every web process must drop (lib/render): one row per change, written
 * in the change's own transaction. Versions commit in order (an advisory lock).
 */
export const cacheDrops = pgTable("cache_drop", {
  version: bigserial("version", { mode: "number" }).primaryKey(),
  tags: jsonb("tags").$type<string[]>().notNull(),
  at: timestamp("at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
});

/** Each web process's lease and the last drop it applied (lib/cache/peers.ts). */
export const cachePeers = pgTable("cache_peer", {
  id: text("id").primaryKey(),
  seen: bigint("seen", { mode: "number" }).notNull(),
  leaseUntil: timestamp("lease_until", { withTimezone: true, mode: "date" }).notNull(),
  host: text("host").notNull(),
  pid: integer("pid").notNull(),
  startedAt: timestamp("started_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
});

/** Mail delivered while no EMAIL_SERVER is configured, shown at /dev/mailbox. */
export const devMailbox = pgTable("dev_mailbox", {
  id: serial("id").primaryKey(),
  to: text("to").notNull(),
  subject: text("subject").notNull(),
  text: text("text").notNull(),
  html: text("html").notNull(),
  createdAt: createdAt(),
});

// ── Desk ────────────────────────────────────────────────────────────────────

/**
 * Who did what to an article, and when. The article's id, slug and title are copied,
 * not referenced, so the trail outlives a deleted article; the actor's address too.
 */
export const deskAudit = pgTable(
  "desk_audit",
  {
    id: serial("id").primaryKey(),
    at: timestamp("at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    actorId: text("actor_id").references(() => users.id, { onDelete: "set null" }),
    actorEmail: text("actor_email").notNull(),
    action: text("action", {
      enum: ["created", "edited", "published", "unpublished", "premium_on", "premium_off", "metered_on", "members_only", "deleted"],
    }).notNull(),
    articleId: integer("article_id").notNull(),
    articleSlug: text("article_slug").notNull(),
    articleTitle: text("article_title").notNull(),
  },
  (t) => [index("desk_audit_article_idx").on(t.articleId, t.at)],
);
export type DeskAuditEntry = typeof deskAudit.$inferSelect;

/**
 * A members CSV uploaded for import: kept between the dry run and the editor's go-ahead,
 * then emptied (the CSV holds personal data) once applied.
 */
export const memberImports = pgTable("member_import", {
  id: text("id").primaryKey().$defaultFn(() => crypto.randomUUID()),
  createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
  fileName: text("file_name").notNull().default(""),
  /** The newsletter the file's consenting members are subscribed to. */
  newsletterId: integer("newsletter_id").references(() => newsletters.id, { onDelete: "set null" }),
  csv: text("csv"),
  createdAt: createdAt(),
  appliedAt: timestamp("applied_at", { withTimezone: true, mode: "date" }),
  /** Counts after applying: { created, existing, invalid }. */
  result: jsonb("result").$type<{ created: number; existing: number; invalid: number }>(),
});
export type MemberImport = typeof memberImports.$inferSelect;

// ── Newsletter issues ───────────────────────────────────────────────────────

/** What an issue looks like once frozen for sending: the parts around each recipient's unsubscribe URL. */
export type FrozenIssue = {
  subject: string;
  html: string[];
  text: string[];
  /**
   * Which unsubscribe URL goes in each gap between the parts: the newsletter's own ("one")
   * or all newsletters' ("all"). Absent (issues frozen before there were several): all "one".
   */
  slots?: ("one" | "all")[];
  /** The From name (the newsletter's sender name) and the List-Id's phrase and id. */
  fromName?: string;
  list?: { name: string; id: string };
  /** A two-subject issue's second version: its subject and its links marked v=b. */
  b?: { subject: string; html: string[]; text: string[] };
};

export const newsletterIssues = pgTable(
  "newsletter_issue",
  {
    id: serial("id").primaryKey(),
    /** The one newsletter whose subscribers it goes to. */
    newsletterId: integer("newsletter_id")
      .notNull()
      .references(() => newsletters.id, { onDelete: "restrict" }),
    /** "digest": made by the digest schedule for the period ending digestPeriodEnd. */
    kind: text("kind", { enum: ["issue", "digest"] }).notNull().default("issue"),
    subject: text("subject").notNull(),
    /** A second subject line: each goes to a sample, the rest gets the winner. */
    subjectB: text("subject_b"),
    /** Per cent of the list each subject's sample takes. */
    samplePercent: integer("sample_percent").notNull().default(10),
    /** Minutes between the samples going out and the rest being sent. */
    testWaitMinutes: integer("test_wait_minutes").notNull().default(60),
    testDecidedAt: timestamp("test_decided_at", { withTimezone: true, mode: "date" }),
    testWinner: text("test_winner", { enum: ["a", "b"] }),
    /** Why the winner won (or why there was no clear winner), shown on the desk. */
    testReason: text("test_reason"),
    /** While status is "scheduled": when sending starts. */
    scheduledAt: timestamp("scheduled_at", { withTimezone: true, mode: "date" }),
    digestPeriodStart: timestamp("digest_period_start", { withTimezone: true, mode: "date" }),
    digestPeriodEnd: timestamp("digest_period_end", { withTimezone: true, mode: "date" }),
    /** Markdown, as the editor wrote it. */
    intro: text("intro").notNull().default(""),
    /** The picked articles, in the order they appear. */
    articleIds: integer("article_ids").array().notNull().default(sql`'{}'::integer[]`),
    status: text("status", { enum: ["draft", "scheduled", "sending", "paused", "sent"] }).notNull().default("draft"),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    /** Rendered once when sending starts, so later edits to articles change nothing mid-send. */
    frozen: jsonb("frozen").$type<FrozenIssue>(),
    sendStartedAt: timestamp("send_started_at", { withTimezone: true, mode: "date" }),
    /** The fan-out's keyset cursor (last subscriber user_id given a delivery row) and heartbeat. */
    fanoutCursor: text("fanout_cursor"),
    fanoutAt: timestamp("fanout_at", { withTimezone: true, mode: "date" }),
    fannedOutAt: timestamp("fanned_out_at", { withTimezone: true, mode: "date" }),
    recipientCount: integer("recipient_count").notNull().default(0),
    finishedAt: timestamp("finished_at", { withTimezone: true, mode: "date" }),
    /**
     * Set while status is "paused": what the mail server kept refusing (the message itself,
     * or our sending setup), its last reply, and when sending stopped.
     */
    pauseKind: text("pause_kind", { enum: ["message", "setup", "complaints", "bounces"] }),
    pauseReason: text("pause_reason"),
    pausedAt: timestamp("paused_at", { withTimezone: true, mode: "date" }),
    /**
     * The send guard's figures an editor resumed past (complaints, permanent bounces): the
     * guard pauses again only when more arrive, not for the ones the editor already saw.
     */
    guardAcknowledged: jsonb("guard_acknowledged").$type<{ complaints: number; bounces: number }>(),
  },
  (t) => [
    index("newsletter_issue_status_idx").on(t.status),
    index("newsletter_issue_newsletter_idx").on(t.newsletterId, t.createdAt),
    // The digest schedule makes one issue per newsletter and period, however many workers run it.
    uniqueIndex("newsletter_issue_digest_period_idx").on(t.newsletterId, t.digestPeriodEnd).where(sql`kind = 'digest'`),
  ],
);
export type NewsletterIssue = typeof newsletterIssues.$inferSelect;

/**
 * One row per (issue, subscriber): the unique index is what makes "exactly one copy"
 * hold however often a fan-out runs. userId and email are the personal fields, cleared
 * when the account is deleted.
 */
export const newsletterDeliveries = pgTable(
  "newsletter_delivery",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    issueId: integer("issue_id")
      .notNull()
      .references(() => newsletterIssues.id, { onDelete: "cascade" }),
    userId: text("user_id").references(() => users.id, { onDelete: "set null" }),
    email: text("email"),
    // refused: the server refused the message itself (not the address); Resume queues it again.
    // held: a two-subject issue's rest, waiting for the samples' winner.
    status: text("status", { enum: ["queued", "held", "sending", "sent", "failed", "refused", "skipped"] }).notNull().default("queued"),
    /** Which subject this copy had ("a" or "b") on a two-subject issue; null otherwise, or while held. */
    variant: text("variant", { enum: ["a", "b"] }),
    attempts: integer("attempts").notNull().default(0),
    /** A temporary failure waits until then before the next attempt. */
    notBefore: timestamp("not_before", { withTimezone: true, mode: "date" }),
    /** While status is "sending": the claim expires then, and another worker may take the row. */
    leaseUntil: timestamp("lease_until", { withTimezone: true, mode: "date" }),
    sentAt: timestamp("sent_at", { withTimezone: true, mode: "date" }),
    lastError: text("last_error"),
    /** When the server last refused this delivery for a reason not about the address. */
    refusedAt: timestamp("refused_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [
    uniqueIndex("newsletter_delivery_issue_user_idx").on(t.issueId, t.userId),
    index("newsletter_delivery_issue_status_idx").on(t.issueId, t.status, t.id),
    index("newsletter_delivery_user_idx").on(t.userId),
    // Partial: rows never refused are not in it, so marking them sent never touches it.
    index("newsletter_delivery_refused_idx").on(t.issueId, t.refusedAt).where(sql`refused_at IS NOT NULL`),
  ],
);
export type NewsletterDelivery = typeof newsletterDeliveries.$inferSelect;

/** Site visits from a two-subject issue's links, per subject (the link's `v`), counted like article views. */
export const newsletterIssueVisits = pgTable(
  "newsletter_issue_visit",
  {
    issueId: integer("issue_id")
      .notNull()
      .references(() => newsletterIssues.id, { onDelete: "cascade" }),
    variant: text("variant", { enum: ["a", "b"] }).notNull(),
    visits: integer("visits").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.issueId, t.variant] })],
);

// ── Deliverability (lib/deliverability) ─────────────────────────────────────

/**
 * Addresses no newsletter is sent to: a permanent bounce, too many temporary ones, a spam
 * complaint, or an import whose source had cleaned or seen the address complain. Keyed by
 * the identity (the whole address, lowercased), not the account, so it holds for an
 * address with no account yet and outlives a deleted one. `newsletterId` null means every
 * newsletter (all kinds above); a value narrows it to one newsletter's subscription.
 */
export const suppressions = pgTable(
  "suppression",
  {
    id: serial("id").primaryKey(),
    email: text("email").notNull(),
    newsletterId: integer("newsletter_id"),
    reason: text("reason", { enum: ["bounce", "soft-bounces", "complaint", "import", "smtp"] }).notNull(),
    /** The provider's (or mail server's) own words. */
    detail: text("detail"),
    /** Where it was heard: ses, postmark, sendgrid, mailgun, resend, imap, smtp, import. */
    source: text("source").notNull(),
    eventId: bigint("event_id", { mode: "number" }),
    createdAt: createdAt(),
  },
  (t) => [unique("suppression_email_newsletter_key").on(t.email, t.newsletterId).nullsNotDistinct()],
);
export type Suppression = typeof suppressions.$inferSelect;

/**
 * What a provider (or the bounce mailbox) told Lede about a delivery, once per provider
 * event id: the unique key is the replay protection. `deliveryId`/`issueId` are set when
 * the event named a delivery Lede made (its Message-ID or delivery header); `email` is the
 * recipient as the provider gave it, lowercased. `action` says what Lede did about it.
 */
export const mailEvents = pgTable(
  "mail_event",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    provider: text("provider", { enum: ["ses", "postmark", "sendgrid", "mailgun", "resend", "imap", "smtp"] }).notNull(),
    providerEventId: text("provider_event_id").notNull(),
    kind: text("kind", { enum: ["bounce", "soft-bounce", "complaint", "unsubscribe"] }).notNull(),
    email: text("email"),
    deliveryId: bigint("delivery_id", { mode: "number" }),
    issueId: integer("issue_id").references(() => newsletterIssues.id, { onDelete: "set null" }),
    userId: text("user_id").references(() => users.id, { onDelete: "set null" }),
    occurredAt: timestamp("occurred_at", { withTimezone: true, mode: "date" }).notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    /** The provider's text (diagnostic code, feedback type), cut to 500 characters. */
    detail: text("detail"),
    action: text("action", { enum: ["suppressed", "counted", "unsubscribed", "none"] }).notNull(),
  },
  (t) => [
    uniqueIndex("mail_event_provider_id_idx").on(t.provider, t.providerEventId),
    index("mail_event_issue_kind_idx").on(t.issueId, t.kind),
    index("mail_event_email_kind_idx").on(t.email, t.kind, t.occurredAt),
    index("mail_event_user_idx").on(t.userId, t.receivedAt),
    index("mail_event_received_idx").on(t.receivedAt),
  ],
);
export type MailEvent = typeof mailEvents.$inferSelect;

/**
 * Proof of consent: one row per newsletter opt-in, its confirmation, an import's vouching,
 * and a withdrawal. `network` is the requester's network, not their address (IPv4 /24,
 * IPv6 /48: see README, "Proof of consent"). `sentence` is the exact text shown next to
 * the box. `newsletterId` null: the site's (first) newsletter.
 */
export const consentRecords = pgTable(
  "consent_record",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    newsletterId: integer("newsletter_id"),
    action: text("action", { enum: ["opt-in", "confirmed", "imported", "withdrawn"] }).notNull(),
    /** gate, meter-notice, meter-wall, signin, account, import, unsubscribe-link, provider */
    source: text("source").notNull(),
    at: timestamp("at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    network: text("network"),
    userAgent: text("user_agent"),
    sentence: text("sentence"),
    /** For imports: what the publisher attested, the file's name and the import's id. */
    attestation: text("attestation"),
  },
  (t) => [index("consent_record_user_idx").on(t.userId, t.at)],
);
export type ConsentRecord = typeof consentRecords.$inferSelect;

/** The send guard's thresholds (desk settings, key "send-guard"). */
export type SendGuardSettings = { complaintRate: number; minDelivered: number; bounceRate: number };
export const sendGuardKey = "send-guard";
