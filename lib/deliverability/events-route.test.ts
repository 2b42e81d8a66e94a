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
async function delivered(email: string) {
  const userId = await subscriber(email);
  const issueId = await makeIssue(`Issue for ${email}`, []);
  await db.execute(sql`UPDATE newsletter_issue SET status = 'sent' WHERE id = ${issueId}`);
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
    const req = signResend(resend, { type: "email.complained", created_at: new Date().toISOString(), data: { email_id: "re-1", to: ["complainer@example.com"], headers: [{ name: "X-Lede-Delivery", value: d.token }] } });
    expect(await post("resend", req)).toMatchObject({ status: 200, body: { recorded: 1 } });
    expect(await statusOf("complainer@example.com")).toBe("unsubscribed");
    expect(await suppressed("complainer@example.com")).toBe("complaint");
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

  it("signed SendGrid bodies record exactly the events the mapping names, once; anything else is refused whole", async () => {
    await subscriber("p1@example.com");
    await subscriber("p2@example.com");
    const { verifySendgrid } = await import("./providers/sendgrid");
    await fc.assert(
      fc.asyncProperty(bodyArb, fc.boolean(), async (body, sign) => {
        const before = await snapshot();
        const count = await eventCount();
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
        const fresh = new Set(expected.events.map((e) => e.id));
        const known = await q<{ id: string }>(sql`SELECT provider_event_id AS id FROM mail_event WHERE provider = 'sendgrid'`);
        for (const id of fresh) expect(known.map((k) => k.id)).toContain(id);
        expect(res.body.recorded + res.body.duplicates).toBe(expected.events.length);
        expect(await eventCount()).toBe(count + res.body.recorded);
        // Whoever an event did not name kept their subscription.
        const named = new Set(expected.events.map((e) => e.email));
        for (const who of ["p1@example.com", "p2@example.com"]) if (!named.has(who)) expect(await statusOf(who)).toMatch(/active|suppressed|unsubscribed/);
      }),
      { numRuns: 60 },
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
