// Each provider's verification, with requests signed in the test by the provider's own
// algorithm and keys made here: good ones pass, forged, expired, altered ones are refused.
import crypto from "node:crypto";
import https from "node:https";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTestCa, type TestCa } from "@/test/sns-ca";
import { postmarkAuth, resendSecret, sendgridKeys, sesNotification, signMailgun, signResend, signSendgrid, snsMessage } from "@/test/provider-events";
import { verifyMailgun } from "./mailgun";
import { verifyPostmark } from "./postmark";
import { verifyResend } from "./resend";
import { verifySendgrid } from "./sendgrid";
import { snsUrl } from "./sns-host";

const H = (h: Record<string, string>) => new Headers(h);
const old = Math.floor(Date.now() / 1000) - 3600;

describe("postmark", () => {
  const config = { user: "lede", password: "s3cret-pass" };
  const bounce = JSON.stringify({ RecordType: "Bounce", ID: 42, Type: "HardBounce", TypeCode: 1, Email: "Gone@Example.com", BouncedAt: new Date().toISOString(), MessageID: "pm-1", Description: "Unknown user", Details: "550 5.1.1", Metadata: { "lede-delivery": "7-abc" } });
  it("takes the webhook's credentials and maps a hard bounce", () => {
    const r = verifyPostmark(H({ authorization: postmarkAuth("lede", "s3cret-pass") }), bounce, config);
    expect(r).toMatchObject({ ok: true, events: [{ provider: "postmark", id: "Bounce:42", kind: "bounce", email: "gone@example.com", deliveryHints: ["7-abc"] }] });
  });
  it("refuses other credentials, none, and another scheme", () => {
    for (const auth of [postmarkAuth("lede", "wrong"), postmarkAuth("lede2", "s3cret-pass"), "", "Bearer x", "Basic", postmarkAuth("lede", "s3cret-pass") + "x"]) {
      expect(verifyPostmark(H(auth ? { authorization: auth } : {}), bounce, config)).toMatchObject({ ok: false, status: 401 });
    }
  });
  it("maps soft bounces, complaints and subscription changes; ignores the rest", () => {
    const auth = H({ authorization: postmarkAuth("lede", "s3cret-pass") });
    const kind = (b: object) => { const r = verifyPostmark(auth, JSON.stringify({ ID: 1, Email: "a@b.c", ...b }), config); return r.ok ? r.events[0]?.kind ?? null : r.status; };
    expect(kind({ RecordType: "Bounce", Type: "SoftBounce" })).toBe("soft-bounce");
    expect(kind({ RecordType: "SpamComplaint", Type: "SpamComplaint" })).toBe("complaint");
    expect(kind({ RecordType: "SubscriptionChange", ID: undefined, MessageID: "m", Recipient: "a@b.c", SuppressSending: true, SuppressionReason: "ManualSuppression" })).toBe("unsubscribe");
    expect(kind({ RecordType: "Delivery" })).toBeNull();
    expect(kind({ RecordType: "Bounce", Type: "AutoResponder" })).toBeNull();
  });
});

describe("sendgrid", () => {
  const { privateKey, publicKeyBase64 } = sendgridKeys();
  const events = [
    { email: "a@example.com", event: "bounce", type: "bounce", sg_event_id: "e1", "smtp-id": "<x@y>", timestamp: 1, reason: "550 5.1.1" },
    { email: "b@example.com", event: "spamreport", sg_event_id: "e2", timestamp: 1 },
    { email: "c@example.com", event: "delivered", sg_event_id: "e3", timestamp: 1 },
    { email: "d@example.com", event: "bounce", type: "blocked", sg_event_id: "e4", timestamp: 1 },
  ];
  it("verifies ECDSA over timestamp + body and maps the batch", () => {
    const req = signSendgrid(privateKey, events);
    const r = verifySendgrid(H(req.headers), req.body, publicKeyBase64);
    expect(r.ok && r.events.map((e) => [e.id, e.kind])).toEqual([["e1", "bounce"], ["e2", "complaint"], ["e4", "soft-bounce"]]);
  });
  it("refuses an altered body, another key, a moved timestamp, an old one", () => {
    const req = signSendgrid(privateKey, events);
    expect(verifySendgrid(H(req.headers), req.body.replace("a@example", "z@example"), publicKeyBase64)).toMatchObject({ ok: false, status: 401 });
    expect(verifySendgrid(H(req.headers), req.body, sendgridKeys().publicKeyBase64)).toMatchObject({ ok: false, status: 401 });
    const moved = { ...req.headers, "x-twilio-email-event-webhook-timestamp": String(Number(req.headers["x-twilio-email-event-webhook-timestamp"]) + 1) };
    expect(verifySendgrid(H(moved), req.body, publicKeyBase64)).toMatchObject({ ok: false, status: 401 });
    const stale = signSendgrid(privateKey, events, old);
    expect(verifySendgrid(H(stale.headers), stale.body, publicKeyBase64)).toMatchObject({ ok: false, status: 401, reason: "timestamp outside the window" });
    expect(verifySendgrid(H({}), req.body, publicKeyBase64)).toMatchObject({ ok: false, status: 401 });
  });
});

describe("mailgun", () => {
  const key = crypto.randomBytes(16).toString("hex");
  const data = { id: "mg-1", event: "failed", severity: "permanent", recipient: "X@example.com", timestamp: Date.now() / 1000, message: { headers: { "message-id": "abc@example.com" } }, "user-variables": { lede_delivery: "9-x" }, "delivery-status": { code: 550, message: "no such user" } };
  it("verifies the HMAC of timestamp + token and maps a permanent failure", () => {
    const req = signMailgun(key, data);
    expect(verifyMailgun(req.body, key)).toMatchObject({ ok: true, events: [{ id: "mg-1", kind: "bounce", email: "x@example.com", deliveryHints: ["9-x", "abc@example.com"] }] });
  });
  it("refuses another key, an altered token, an old timestamp", () => {
    const req = signMailgun(key, data);
    expect(verifyMailgun(req.body, "other-key")).toMatchObject({ ok: false, status: 401 });
    const body = JSON.parse(req.body);
    body.signature.token = body.signature.token.replace(/^./, (c: string) => (c === "a" ? "b" : "a"));
    expect(verifyMailgun(JSON.stringify(body), key)).toMatchObject({ ok: false, status: 401 });
    expect(verifyMailgun(signMailgun(key, data, old).body, key)).toMatchObject({ ok: false, status: 401 });
  });
});

describe("resend (svix)", () => {
  const secret = resendSecret();
  // Resend's documented payload: type, created_at, data { email_id, message_id, from, to, subject, tags, bounce }.
  const data = { email_id: "56761188-7520-42d8-8898-ff6fc54ce618", message_id: "<newsletter.3.5-abc@example.com>", from: "news@example.com", to: ["Who@Example.com"], subject: "Issue", created_at: new Date().toISOString(), tags: { lede_delivery: "5-abc" } };
  const event = { type: "email.complained", created_at: new Date().toISOString(), data };
  it("verifies v1 signatures of id.timestamp.body", () => {
    const req = signResend(secret, event, { id: "msg_1" });
    expect(verifyResend(H(req.headers), req.body, secret)).toMatchObject({ ok: true, events: [{ id: "msg_1", kind: "complaint", email: "who@example.com", deliveryHints: ["5-abc", "<newsletter.3.5-abc@example.com>"] }] });
    // Several signatures during a rotation: any one that matches is enough.
    const rotated = { ...req.headers, "svix-signature": `v1,AAAA ${req.headers["svix-signature"]}` };
    expect(verifyResend(H(rotated), req.body, secret).ok).toBe(true);
  });
  it("reads the delivery from the documented fields: tags (object or name/value pairs) and message_id; bounce types", () => {
    const kinds = (type: string, extra: Record<string, unknown>) => {
      const req = signResend(secret, { type, created_at: new Date().toISOString(), data: { ...data, ...extra } });
      const r = verifyResend(H(req.headers), req.body, secret);
      return r.ok ? r.events.map((e) => ({ kind: e.kind, hints: e.deliveryHints, detail: e.detail })) : r;
    };
    expect(kinds("email.bounced", { tags: [{ name: "other", value: "x" }, { name: "lede_delivery", value: "7-def" }], message_id: undefined, bounce: { type: "Permanent", subType: "General", message: "550 no such user" } }))
      .toMatchObject([{ kind: "bounce", hints: ["7-def"], detail: expect.stringContaining("550 no such user") }]);
    expect(kinds("email.bounced", { tags: undefined, bounce: { type: "Transient", subType: "MailboxFull", message: "452" } })).toMatchObject([{ kind: "soft-bounce", hints: ["<newsletter.3.5-abc@example.com>"] }]);
    expect(kinds("email.bounced", { tags: undefined, message_id: undefined })).toMatchObject([{ kind: "bounce", hints: [] }]);
    // Resend's own id is kept for the desk, never taken for a delivery of Lede's.
    expect(kinds("email.complained", {})).toMatchObject([{ detail: expect.stringContaining("56761188-7520-42d8-8898-ff6fc54ce618") }]);
    for (const ignored of ["email.delivered", "email.delivery_delayed", "email.opened", "email.sent", "contact.updated"]) expect(kinds(ignored, {})).toEqual([]);
  });
  it("refuses another secret, another id, an old timestamp", () => {
    const req = signResend(secret, event, { id: "msg_1" });
    expect(verifyResend(H(req.headers), req.body, resendSecret())).toMatchObject({ ok: false, status: 401 });
    expect(verifyResend(H({ ...req.headers, "svix-id": "msg_2" }), req.body, secret)).toMatchObject({ ok: false, status: 401 });
    const stale = signResend(secret, event, { timestamp: old });
    expect(verifyResend(H(stale.headers), stale.body, secret)).toMatchObject({ ok: false, status: 401 });
  });
});

describe("SNS certificate URLs", () => {
  it("accepts only https on an SNS host, no credentials, no port, a .pem path", () => {
    expect(snsUrl("https://sns.us-east-1.amazonaws.com/SimpleNotificationService-abc123.pem", "cert")?.hostname).toBe("sns.us-east-1.amazonaws.com");
    expect(snsUrl("https://sns.cn-north-1.amazonaws.com.cn/SimpleNotificationService-abc.pem", "cert")).not.toBeNull();
    for (const bad of [
      "http://sns.us-east-1.amazonaws.com/SimpleNotificationService-abc.pem",
      "https://sns.us-east-1.amazonaws.com.evil.com/SimpleNotificationService-abc.pem",
      "https://evil.com/sns.us-east-1.amazonaws.com/SimpleNotificationService-abc.pem",
      "https://sns.us-east-1.amazonaws.com@evil.com/SimpleNotificationService-abc.pem",
      "https://user:pw@sns.us-east-1.amazonaws.com/SimpleNotificationService-abc.pem",
      "https://evil.com\\@sns.us-east-1.amazonaws.com/SimpleNotificationService-abc.pem",
      "https://sns.us-east-1.amazonaws.com:8443/SimpleNotificationService-abc.pem",
      "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-abc.pem?x=1",
      "https://sns.us-east-1.amazonaws.com/../evil/SimpleNotificationService-abc.pem",
      "https://sns.us-east-1.amazonaws.com/other.pem",
      "https://snsXus-east-1.amazonaws.com/SimpleNotificationService-abc.pem",
      "https://sqs.us-east-1.amazonaws.com/SimpleNotificationService-abc.pem",
      "https://sns.us-east-1.amazonaws.com./SimpleNotificationService-abc.pem",
      "https://SNS.US-EAST-1.AMAZONAWS.COM.evil.com/SimpleNotificationService-abc.pem",
      "https://sns.us-east-1.amazonaws.com%2eevil.com/SimpleNotificationService-abc.pem",
      " https://sns.us-east-1.amazonaws.com/SimpleNotificationService-abc.pem",
      "https://[::1]/SimpleNotificationService-abc.pem",
      "https://127.0.0.1/SimpleNotificationService-abc.pem",
    ]) {
      expect(snsUrl(bad, "cert"), bad).toBeNull();
    }
  });
});

describe("ses via SNS, against a certificate served over https by the test's own CA", () => {
  let ca: TestCa;
  let server: https.Server;
  let verifySes: typeof import("./ses").verifySes;
  let fetches = 0;
  const topic = "arn:aws:sns:us-east-1:123456789012:lede-ses";
  let confirmed = 0;
  beforeAll(async () => {
    ca = makeTestCa();
    server = https.createServer({ key: ca.serverKey, cert: ca.serverCert }, (req, res) => {
      fetches++;
      if (req.url === "/SimpleNotificationService-test.pem") return res.end(ca.signingCert);
      if (req.url?.startsWith("/?Action=ConfirmSubscription")) {
        confirmed++;
        return res.end("<ConfirmSubscriptionResponse/>");
      }
      res.statusCode = 404;
      res.end();
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    process.env.LEDE_SNS_TEST_CA = ca.caPem;
    process.env.LEDE_SNS_TEST_CONNECT = `127.0.0.1:${(server.address() as AddressInfo).port}`;
    ({ verifySes } = await import("./ses"));
  });
  afterAll(() => server?.close());

  it("verifies SignatureVersion 1 and 2 and maps each recipient to one event", async () => {
    for (const version of ["1", "2"] as const) {
      const m = snsMessage(ca.signingKey, { Type: "Notification", TopicArn: topic, Message: sesNotification("Bounce", ["a@example.com", "B@example.com"]) }, { version });
      const r = await verifySes(JSON.stringify(m), [topic]);
      expect(r.ok && r.events.map((e) => [e.id, e.kind, e.email])).toEqual([[`${m.MessageId}#0`, "bounce", "a@example.com"], [`${m.MessageId}#1`, "bounce", "b@example.com"]]);
    }
    expect(fetches).toBe(1); // the certificate is kept
  });
  it("refuses an altered message, another topic, a key of another CA, an old message, a certificate off SNS hosts", async () => {
    const good = snsMessage(ca.signingKey, { Type: "Notification", TopicArn: topic, Message: sesNotification("Complaint", ["a@example.com"]) });
    expect(await verifySes(JSON.stringify({ ...good, Message: good.Message.replace("a@example", "b@example") }), [topic])).toMatchObject({ ok: false, status: 401 });
    expect(await verifySes(JSON.stringify(good), ["arn:aws:sns:us-east-1:1:other"])).toMatchObject({ ok: false, status: 401 });
    const { privateKey } = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
    const forged = snsMessage(privateKey.export({ format: "pem", type: "pkcs8" }).toString(), { Type: "Notification", TopicArn: topic, Message: sesNotification("Complaint", ["a@example.com"]) });
    expect(await verifySes(JSON.stringify(forged), [topic])).toMatchObject({ ok: false, status: 401 });
    const stale = snsMessage(ca.signingKey, { Type: "Notification", TopicArn: topic, Message: sesNotification("Complaint", ["a@example.com"]), Timestamp: new Date(Date.now() - 3600_000).toISOString() });
    expect(await verifySes(JSON.stringify(stale), [topic])).toMatchObject({ ok: false, status: 401 });
    const before = fetches;
    const offHost = snsMessage(ca.signingKey, { Type: "Notification", TopicArn: topic, Message: sesNotification("Complaint", ["a@example.com"]) }, { certUrl: "https://sns.us-east-1.amazonaws.com.evil.com/SimpleNotificationService-test.pem" });
    expect(await verifySes(JSON.stringify(offHost), [topic])).toMatchObject({ ok: false, status: 401 });
    expect(fetches).toBe(before); // nothing fetched for it
  });
  it("answers a subscription confirmation by visiting its SubscribeURL, only on an SNS host", async () => {
    const m = snsMessage(ca.signingKey, { Type: "SubscriptionConfirmation", TopicArn: topic, Message: "confirm", Token: "tok", SubscribeURL: "https://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription&TopicArn=x&Token=tok" });
    expect(await verifySes(JSON.stringify(m), [topic])).toMatchObject({ ok: true, events: [], answer: "subscription confirmed" });
    expect(confirmed).toBe(1);
    const evil = snsMessage(ca.signingKey, { Type: "SubscriptionConfirmation", TopicArn: topic, Message: "confirm", Token: "tok", SubscribeURL: "https://evil.example/?Action=ConfirmSubscription" });
    expect(await verifySes(JSON.stringify(evil), [topic])).toMatchObject({ ok: false, status: 400 });
    expect(confirmed).toBe(1);
  });
});
