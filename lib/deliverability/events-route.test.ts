// Integration: the provider routes against a real database. Requests are signed here with
// each provider's algorithm; the checks are what an editor would see: who is suppressed or
// unsubscribed, what the issue's figures say, and that refused or replayed requests change
// nothing.
import crypto from "node:crypto";
import { sql } from "drizzle-orm";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/test/db";
import { subscriber, issue as makeIssue } from "@/test/newsletter";
import { postmarkAuth, resendSecret, sendgridKeys, signMailgun, signResend, signSendgrid } from "@/test/provider-events";

const sg = sendgridKeys();
const mailgunKey = crypto.randomBytes(16).toString("hex");
const resend = resendSecret();
Object.assign(process.env, {
  POSTMARK_WEBHOOK_USER: "lede-hooks",
  POSTMARK_WEBHOOK_PASSWORD: "pm-" + crypto.randomBytes(8).toString("hex"),
  SENDGRID_WEBHOOK_PUBLIC_KEY: sg.publicKeyBase64,
  MAILGUN_WEBHOOK_SIGNING_KEY: mailgunKey,
  RESEND_WEBHOOK_SECRET: resend,
});
delete process.env.SES_SNS_TOPIC_ARNS;

useTestDatabase();

type Route = typeof import("@/app/api/email-events/[provider]/route");
let route: Route;
let db: typeof import("@/lib/db/client").db;
let rowsOf: typeof import("@/lib/db/rows").rowsOf;
let messageIdOf: (issueId: number, deliveryId: string) => string;
let tokenOf: (deliveryId: string) => string;

beforeAll(async () => {
  route = await import("@/app/api/email-events/[provider]/route");
  ({ db } = await import("@/lib/db/client"));
  ({ rowsOf } = await import("@/lib/db/rows"));
  const t = await import("./delivery-token");
  messageIdOf = t.newsletterMessageId;
  tokenOf = t.deliveryToken;
});

async function post(provider: string, req: { headers: Record<string, string>; body: string | Uint8Array }, method = "POST") {
  const request = new Request(`http://localhost/api/email-events/${provider}`, { method, headers: req.headers, body: method === "GET" ? undefined : (req.body as BodyInit) });
  const handler = method === "GET" ? route.GET : route.POST;
  const res = await handler(request, { params: Promise.resolve({ provider }) });
  return { status: res.status, body: await res.json() };
}

async function q<T = Record<string, unknown>>(query: ReturnType<typeof sql>): Promise<T[]> {
  return rowsOf<T>(await db.execute(query));
}

const statusOf = async (email: string) => (await q<{ status: string }>(sql`SELECT s.status FROM subscription s JOIN "user" u ON u.id = s.user_id WHERE u.email = ${email}`))[0]?.status;
const suppressed = async (email: string) => (await q<{ reason: string }>(sql`SELECT reason FROM suppression WHERE email = ${email}`))[0]?.reason ?? null;
const eventCount = async () => (await q<{ n: number }>(sql`SELECT count(*)::int AS n FROM mail_event`))[0].n;
const snapshot = async () =>
  JSON.stringify([
    await q(sql`SELECT user_id, status FROM subscription ORDER BY user_id`),
    await q(sql`SELECT email, reason FROM suppression ORDER BY email`),
    await q(sql`SELECT provider, provider_event_id FROM mail_event ORDER BY id`),
    await q(sql`SELECT id, status FROM newsletter_issue ORDER BY id`),
  ]);

/** A sent delivery of a new issue to a new subscriber: its ids, Message-ID and token. */
async function delivered(email: string, newsletterId = 1, existingUser?: string) {
  const userId = existingUser ?? (await subscriber(email, "active", newsletterId));
  const issueId = await makeIssue(`Issue for ${email}`, []);
  await db.execute(sql`UPDATE newsletter_issue SET status = 'sent', newsletter_id = ${newsletterId} WHERE id = ${issueId}`);
  const [{ id }] = await q<{ id: string }>(sql`INSERT INTO newsletter_delivery (issue_id, user_id, email, status, sent_at)
    VALUES (${issueId}, ${userId}, ${email}, 'sent', now()) RETURNING id::text`);
  return { userId, issueId, deliveryId: id, messageId: messageIdOf(issueId, id), token: tokenOf(id) };
}

describe("routes that are not configured, or not asked properly", () => {
  it("answer 404 for ses (no topic set) and for a provider Lede does not know, 405 for GET on a configured one", async () => {
    expect((await post("ses", { headers: {}, body: "{}" })).status).toBe(404);
    expect((await post("sparkpost", { headers: {}, body: "{}" })).status).toBe(404);
    expect((await post("ses", { headers: {}, body: "" }, "GET")).status).toBe(404);
    expect((await post("postmark", { headers: {}, body: "" }, "GET")).status).toBe(405);
  });
  it("refuses a body past 1 MB with 413, declared or not, and changes nothing", async () => {
    const before = await snapshot();
    const big = new Uint8Array(1024 * 1024 + 1).fill(32);
    const auth = { authorization: postmarkAuth("lede-hooks", process.env.POSTMARK_WEBHOOK_PASSWORD!) };
    expect((await post("postmark", { headers: auth, body: big })).status).toBe(413);
    const stream = new ReadableStream({ start(c) { for (let i = 0; i < 20; i++) c.enqueue(new Uint8Array(64 * 1024)); c.close(); } });
    const res = await route.POST(new Request("http://localhost/api/email-events/postmark", { method: "POST", headers: auth, body: stream, duplex: "half" } as RequestInit), { params: Promise.resolve({ provider: "postmark" }) });
    expect(res.status).toBe(413);
    expect(await snapshot()).toBe(before);
  });
});

describe("what events do", () => {
  it("a permanent bounce suppresses the delivery's address, matched by Message-ID, never by the address the event names", async () => {
    const d = await delivered("bounce-me@example.com");
    await subscriber("bystander@example.com");
    const req = signSendgrid(sg.privateKey, [{ email: "bystander@example.com", event: "bounce", type: "bounce", sg_event_id: "sg-b1", "smtp-id": d.messageId, timestamp: Math.floor(Date.now() / 1000), reason: "550 5.1.1 unknown user" }]);
    expect(await post("sendgrid", req)).toMatchObject({ status: 200, body: { recorded: 1, duplicates: 0 } });
    expect(await statusOf("bounce-me@example.com")).toBe("suppressed");
    expect(await suppressed("bounce-me@example.com")).toBe("bounce");
    expect(await statusOf("bystander@example.com")).toBe("active");
    expect(await suppressed("bystander@example.com")).toBeNull();
    const [ev] = await q<{ issue_id: number; action: string; detail: string }>(sql`SELECT issue_id, action, detail FROM mail_event WHERE provider_event_id = 'sg-b1'`);
    expect(ev).toMatchObject({ issue_id: d.issueId, action: "suppressed" });
    expect(ev.detail).toContain("550 5.1.1");

    // The same request again, and the same event in a new request: nothing twice.
    const before = await snapshot();
    expect(await post("sendgrid", req)).toMatchObject({ status: 200, body: { recorded: 0, duplicates: 1 } });
    const again = signSendgrid(sg.privateKey, JSON.parse(req.body));
    expect(await post("sendgrid", again)).toMatchObject({ status: 200, body: { recorded: 0, duplicates: 1 } });
    expect(await snapshot()).toBe(before);
  });

  it("a complaint unsubscribes from every newsletter, suppresses, and is counted against its issue", async () => {
    const d = await delivered("complainer@example.com");
    await subscriber("innocent@example.com");
    // Resend's documented payload: the copy's Message-ID comes back as data.message_id; its
    // `to` here names someone else, and the delivery decides.
    const req = signResend(resend, { type: "email.complained", created_at: new Date().toISOString(), data: { email_id: "4ef9a417-02e9-4d39-ad75-9611e0fcc33c", message_id: d.messageId, from: "news@example.com", to: ["innocent@example.com"], subject: "Issue", created_at: new Date().toISOString() } });
    expect(await post("resend", req)).toMatchObject({ status: 200, body: { recorded: 1 } });
    expect(await statusOf("complainer@example.com")).toBe("unsubscribed");
    expect(await suppressed("complainer@example.com")).toBe("complaint");
    expect(await statusOf("innocent@example.com")).toBe("active");
    expect(await suppressed("innocent@example.com")).toBeNull();
    const [ev] = await q<{ issue_id: number; kind: string }>(sql`SELECT issue_id, kind FROM mail_event WHERE provider = 'resend'`);
    expect(ev).toEqual({ issue_id: d.issueId, kind: "complaint" });
    const consent = await q<{ action: string }>(sql`SELECT action FROM consent_record WHERE user_id = ${d.userId}`);
    expect(consent.map((c) => c.action)).toContain("withdrawn");
    // A replay of the same Svix message (same id, re-signed now) changes nothing.
    const replay = signResend(resend, JSON.parse(req.body), { id: req.headers["svix-id"] });
    expect(await post("resend", replay)).toMatchObject({ status: 200, body: { recorded: 0, duplicates: 1 } });
  });

  it(`temporary bounces are counted, and the third in 14 days suppresses`, async () => {
    const d = await delivered("flaky@example.com");
    const soft = (i: number) => signMailgun(mailgunKey, { id: `mg-soft-${i}`, event: "failed", severity: "temporary", recipient: "flaky@example.com", timestamp: Date.now() / 1000, message: { headers: { "message-id": d.messageId.slice(1, -1) } }, "delivery-status": { code: 452, message: "mailbox full" } });
    for (const i of [1, 2]) expect(await post("mailgun", soft(i))).toMatchObject({ status: 200, body: { recorded: 1 } });
    expect(await statusOf("flaky@example.com")).toBe("active");
    expect(await post("mailgun", soft(3))).toMatchObject({ status: 200, body: { recorded: 1 } });
    expect(await statusOf("flaky@example.com")).toBe("suppressed");
    expect(await suppressed("flaky@example.com")).toBe("soft-bounces");
  });

  it("a provider's unsubscribe event unsubscribes (Postmark, matched by its metadata header)", async () => {
    const d = await delivered("leaver@example.com");
    const body = JSON.stringify({ RecordType: "SubscriptionChange", MessageID: "pm-x", ChangedAt: new Date().toISOString(), Recipient: "leaver@example.com", SuppressSending: true, SuppressionReason: "ManualSuppression", Metadata: { "lede-delivery": d.token } });
    const auth = { authorization: postmarkAuth("lede-hooks", process.env.POSTMARK_WEBHOOK_PASSWORD!) };
    expect(await post("postmark", { headers: auth, body })).toMatchObject({ status: 200, body: { recorded: 1 } });
    expect(await statusOf("leaver@example.com")).toBe("unsubscribed");
    expect(await suppressed("leaver@example.com")).toBeNull();
  });

  it("a provider's unsubscribe leaves only the newsletter of the issue it came from; a complaint leaves them all", async () => {
    const [{ id: second }] = await q<{ id: number }>(sql`INSERT INTO newsletter (name, description) VALUES ('Weekend edition', 'Saturdays.') RETURNING id`);
    const email = "two-lists@example.com";
    const d = await delivered(email, second);
    await db.execute(sql`INSERT INTO subscription (user_id, newsletter_id, status, confirmed_at) VALUES (${d.userId}, 1, 'active', now())`);
    const subs = async () => Object.fromEntries((await q<{ newsletter_id: number; status: string }>(sql`SELECT newsletter_id, status FROM subscription WHERE user_id = ${d.userId}`)).map((r) => [r.newsletter_id, r.status]));
    // SendGrid's group unsubscribe from a copy of the weekend edition.
    const unsub = signSendgrid(sg.privateKey, [{ email, event: "group_unsubscribe", sg_event_id: "sg-scope-u", lede_delivery: d.token, timestamp: Math.floor(Date.now() / 1000) }]);
    expect(await post("sendgrid", unsub)).toMatchObject({ status: 200, body: { recorded: 1 } });
    expect(await subs()).toEqual({ 1: "active", [second]: "unsubscribed" });
    expect(await suppressed(email)).toBeNull();
    const withdrawn = await q<{ newsletter_id: number; source: string }>(sql`SELECT newsletter_id, source FROM consent_record WHERE user_id = ${d.userId} AND action = 'withdrawn'`);
    expect(withdrawn).toEqual([{ newsletter_id: second, source: "sendgrid unsubscribe" }]);
    // An unsubscribe that names no delivery of Lede's: the reader said no, to every newsletter.
    const other = await subscriber("no-delivery@example.com");
    await db.execute(sql`INSERT INTO subscription (user_id, newsletter_id, status, confirmed_at) VALUES (${other}, ${second}, 'active', now())`);
    const loose = signSendgrid(sg.privateKey, [{ email: "no-delivery@example.com", event: "unsubscribe", sg_event_id: "sg-scope-loose", timestamp: Math.floor(Date.now() / 1000) }]);
    expect(await post("sendgrid", loose)).toMatchObject({ status: 200, body: { recorded: 1 } });
    expect((await q<{ status: string }>(sql`SELECT status FROM subscription WHERE user_id = ${other}`)).map((r) => r.status)).toEqual(["unsubscribed", "unsubscribed"]);
    // A complaint about a weekend copy: every newsletter, and suppressed.
    await db.execute(sql`UPDATE subscription SET status = 'active' WHERE user_id = ${d.userId}`);
    const complaint = signSendgrid(sg.privateKey, [{ email, event: "spamreport", sg_event_id: "sg-scope-c", lede_delivery: d.token, timestamp: Math.floor(Date.now() / 1000) }]);
    expect(await post("sendgrid", complaint)).toMatchObject({ status: 200, body: { recorded: 1 } });
    expect(await subs()).toEqual({ 1: "unsubscribed", [second]: "unsubscribed" });
    expect(await suppressed(email)).toBe("complaint");
  });

  it("a batch is recorded in one go: every event acts, a body naming an id twice acts once, a complaint wins over a bounce", async () => {
    const ds = await Promise.all(Array.from({ length: 6 }, (_, i) => delivered(`batch${i}@example.com`)));
    const ts = Math.floor(Date.now() / 1000);
    const events = [
      ...ds.slice(0, 4).map((d, i) => ({ email: `someone-else${i}@example.com`, event: "bounce", type: "bounce", sg_event_id: `sg-batch-${i}`, "smtp-id": d.messageId, timestamp: ts, reason: "550 gone" })),
      { email: "batch4@example.com", event: "bounce", type: "bounce", sg_event_id: "sg-batch-4b", lede_delivery: ds[4].token, timestamp: ts },
      { email: "batch4@example.com", event: "spamreport", sg_event_id: "sg-batch-4c", lede_delivery: ds[4].token, timestamp: ts },
      { email: "batch5@example.com", event: "spamreport", sg_event_id: "sg-batch-5", lede_delivery: ds[5].token, timestamp: ts },
      { email: "batch5@example.com", event: "spamreport", sg_event_id: "sg-batch-5", lede_delivery: ds[5].token, timestamp: ts },
    ];
    expect(await post("sendgrid", signSendgrid(sg.privateKey, events))).toMatchObject({ status: 200, body: { recorded: 7, duplicates: 1 } });
    for (const i of [0, 1, 2, 3]) {
      expect(await statusOf(`batch${i}@example.com`)).toBe("suppressed");
      expect(await suppressed(`batch${i}@example.com`)).toBe("bounce");
    }
    expect(await statusOf("batch4@example.com")).toBe("unsubscribed");
    expect(await suppressed("batch4@example.com")).toBe("complaint");
    expect(await statusOf("batch5@example.com")).toBe("unsubscribed");
    expect((await q<{ n: number }>(sql`SELECT count(*)::int AS n FROM mail_event WHERE provider_event_id LIKE 'sg-batch-%'`))[0].n).toBe(7);
    expect((await q<{ n: number }>(sql`SELECT count(*)::int AS n FROM mail_event WHERE email LIKE 'someone-else%'`))[0].n).toBe(0);
  });

  it("batches arriving together about the same readers, in opposite orders, are all recorded (none refused for a deadlock)", async () => {
    const ds = await Promise.all(Array.from({ length: 30 }, (_, i) => delivered(`together${i}@example.com`)));
    const ts = Math.floor(Date.now() / 1000);
    const batch = (n: number) => {
      const order = n % 2 === 0 ? ds : [...ds].reverse();
      return order.map((d, i) => ({ email: "x@example.com", event: "bounce", type: "blocked", sg_event_id: `sg-together-${n}-${i}`, lede_delivery: d.token, timestamp: ts, reason: "451 try later" }));
    };
    const before = await eventCount();
    const answers = await Promise.all(Array.from({ length: 8 }, (_, n) => post("sendgrid", signSendgrid(sg.privateKey, batch(n)))));
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(200));
    expect((await eventCount()) - before).toBe(8 * 30);
  });

  it("temporary bounces in one batch count towards the limit in order", async () => {
    const d = await delivered("flaky-batch@example.com");
    const soft = (i: number) => ({ email: "flaky-batch@example.com", event: "bounce", type: "blocked", sg_event_id: `sg-soft-${i}`, lede_delivery: d.token, timestamp: Math.floor(Date.now() / 1000), reason: `452 try later ${i}` });
    expect(await post("sendgrid", signSendgrid(sg.privateKey, [soft(1), soft(2)]))).toMatchObject({ status: 200, body: { recorded: 2 } });
    expect(await statusOf("flaky-batch@example.com")).toBe("active");
    expect(await post("sendgrid", signSendgrid(sg.privateKey, [soft(2), soft(3), soft(4)]))).toMatchObject({ status: 200, body: { recorded: 2, duplicates: 1 } });
    expect(await statusOf("flaky-batch@example.com")).toBe("suppressed");
    const actions = await q<{ id: string; action: string }>(sql`SELECT provider_event_id AS id, action FROM mail_event WHERE provider_event_id LIKE 'sg-soft-%' ORDER BY id`);
    expect(actions).toEqual([{ id: "sg-soft-1", action: "counted" }, { id: "sg-soft-2", action: "counted" }, { id: "sg-soft-3", action: "suppressed" }, { id: "sg-soft-4", action: "suppressed" }]);
    const [sup] = await q<{ detail: string }>(sql`SELECT detail FROM suppression WHERE email = 'flaky-batch@example.com'`);
    expect(sup.detail).toMatch(/^3 temporary bounces in 14 days; last: .*452 try later 3/);
  });

  it("forged, expired and cross-provider requests get 401 and change nothing", async () => {
    const d = await delivered("target@example.com");
    const events = [{ email: "target@example.com", event: "spamreport", sg_event_id: "sg-forged", "smtp-id": d.messageId, timestamp: 1 }];
    const before = await snapshot();
    const other = sendgridKeys();
    expect((await post("sendgrid", signSendgrid(other.privateKey, events))).status).toBe(401);
    expect((await post("sendgrid", signSendgrid(sg.privateKey, events, Math.floor(Date.now() / 1000) - 600))).status).toBe(401);
    // A genuine SendGrid request posted to the Resend and Mailgun routes, a Resend one to Postmark.
    expect((await post("resend", signSendgrid(sg.privateKey, events))).status).toBe(401);
    expect((await post("mailgun", signSendgrid(sg.privateKey, events))).status).toBe(401);
    expect((await post("postmark", signResend(resend, { type: "email.complained", data: { to: ["target@example.com"] } }))).status).toBe(401);
    expect((await post("mailgun", signMailgun("not-the-key", { id: "x", event: "complained", recipient: "target@example.com" }))).status).toBe(401);
    expect(await snapshot()).toBe(before);
    expect(await statusOf("target@example.com")).toBe("active");
  });
});

describe("property: any body either acts as documented or changes nothing", () => {
  const eventArb = fc.record(
    {
      email: fc.oneof(fc.constantFrom("p1@example.com", "P2@Example.com", "nobody@example.com"), fc.string()),
      event: fc.constantFrom("bounce", "spamreport", "unsubscribe", "group_unsubscribe", "delivered", "deferred", "open", "x"),
      type: fc.constantFrom("bounce", "blocked", "other"),
      sg_event_id: fc.oneof(fc.uuid(), fc.constantFrom("dup-1", "dup-2"), fc.string({ maxLength: 3 })),
      "smtp-id": fc.string({ maxLength: 40 }),
      timestamp: fc.oneof(fc.integer(), fc.string()),
      reason: fc.string({ maxLength: 20 }),
    },
    { requiredKeys: [] },
  );
  const bodyArb = fc.oneof(fc.array(eventArb, { maxLength: 4 }).map((a) => JSON.stringify(a)), fc.json(), fc.string({ maxLength: 50 }));

  it("signed SendGrid bodies do exactly what the mapping says, once (a model of who ends where); anything else is refused whole", async () => {
    const people = ["p1@example.com", "p2@example.com"];
    for (const who of people) await subscriber(who);
    const { verifySendgrid } = await import("./providers/sendgrid");
    const { SOFT_BOUNCE_DAYS, SOFT_BOUNCE_LIMIT } = await import("./record");
    const windowStart = () => Date.now() - SOFT_BOUNCE_DAYS * 86_400_000;
    await fc.assert(
      fc.asyncProperty(bodyArb, fc.boolean(), async (body, sign) => {
        // Each run starts from both people subscribed and unsuppressed; recorded events stay (replays must stay replays).
        await db.execute(sql`UPDATE subscription SET status = 'active', unsubscribed_at = NULL, suppressed_reason = NULL`);
        await db.execute(sql`DELETE FROM suppression`);
        const before = await snapshot();
        const count = await eventCount();
        const known = new Set((await q<{ id: string }>(sql`SELECT provider_event_id AS id FROM mail_event WHERE provider = 'sendgrid'`)).map((k) => k.id));
        const softBefore = new Map<string, number>();
        for (const who of people) softBefore.set(who, (await q<{ n: number }>(sql`SELECT count(*)::int AS n FROM mail_event WHERE email = ${who} AND kind = 'soft-bounce' AND occurred_at >= now() - make_interval(days => ${SOFT_BOUNCE_DAYS})`))[0].n);
        const timestamp = String(Math.floor(Date.now() / 1000));
        const signature = sign ? crypto.sign("sha256", Buffer.from(timestamp + body), { key: sg.privateKey, dsaEncoding: "der" }).toString("base64") : "MEUCIQ" + "A".repeat(90);
        const headers = { "x-twilio-email-event-webhook-signature": signature, "x-twilio-email-event-webhook-timestamp": timestamp };
        const expected = verifySendgrid(new Headers(headers), body, sg.publicKeyBase64);
        const res = await post("sendgrid", { headers, body });
        if (!expected.ok) {
          expect(res.status).toBe(expected.status);
          expect(await snapshot()).toBe(before);
          return;
        }
        expect(res.status).toBe(200);
        // The model: the first event of each id not recorded before acts; replays do nothing.
        const fresh: typeof expected.events = [];
        for (const e of expected.events) if (!known.has(e.id) && !fresh.some((f) => f.id === e.id)) fresh.push(e);
        expect(res.body).toEqual({ ok: true, recorded: fresh.length, duplicates: expected.events.length - fresh.length });
        expect(await eventCount()).toBe(count + fresh.length);
        for (const who of people) {
          const mine = fresh.filter((e) => e.email === who);
          let soft = softBefore.get(who)!;
          for (const e of mine) if (e.kind === "soft-bounce" && e.occurredAt.getTime() >= windowStart()) soft++;
          const inWindowSoft = mine.some((e) => e.kind === "soft-bounce" && e.occurredAt.getTime() >= windowStart());
          const bounced = mine.some((e) => e.kind === "bounce");
          const softLimit = inWindowSoft && soft >= SOFT_BOUNCE_LIMIT;
          const complained = mine.some((e) => e.kind === "complaint");
          const leaves = complained || mine.some((e) => e.kind === "unsubscribe");
          expect(await statusOf(who)).toBe(leaves ? "unsubscribed" : bounced || softLimit ? "suppressed" : "active");
          const reason = await suppressed(who);
          if (complained) expect(reason).toBe("complaint");
          else if (bounced || softLimit) expect(reason).toMatch(/^(bounce|soft-bounces)$/);
          else expect(reason).toBeNull();
        }
        // Nobody else was touched: every other address suppressed in this run was named by an event that suppresses.
        const named = new Set(fresh.filter((e) => e.kind !== "unsubscribe").map((e) => e.email));
        for (const r of await q<{ email: string }>(sql`SELECT email FROM suppression`)) expect(named.has(r.email)).toBe(true);
      }),
      { numRuns: 80 },
    );
  });

  it("unsigned bodies to every configured route change nothing", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom("postmark", "sendgrid", "mailgun", "resend"), bodyArb, fc.dictionary(fc.constantFrom("authorization", "svix-id", "svix-timestamp", "svix-signature", "x-twilio-email-event-webhook-signature", "x-twilio-email-event-webhook-timestamp"), fc.string({ maxLength: 30 })), async (provider, body, headers) => {
        const before = await snapshot();
        const res = await post(provider, { headers, body });
        expect([400, 401]).toContain(res.status);
        expect(await snapshot()).toBe(before);
      }),
      { numRuns: 60 },
    );
  });
});
