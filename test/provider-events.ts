// Signs provider webhook requests the way each provider does, with keys the test made:
// SNS (RSA over the string to sign), SendGrid (ECDSA P-256 over timestamp + body),
// Mailgun (HMAC-SHA256 of timestamp + token), Resend (Svix: HMAC of id.timestamp.body).
import crypto from "node:crypto";

export type SignedRequest = { headers: Record<string, string>; body: string };

export function snsMessage(
  signingKey: string,
  fields: { Type: string; TopicArn: string; Message: string; MessageId?: string; Timestamp?: string; Subject?: string; SubscribeURL?: string; Token?: string },
  opts: { version?: "1" | "2"; certUrl?: string } = {},
): Record<string, string> {
  const m: Record<string, string> = {
    MessageId: fields.MessageId ?? crypto.randomUUID(),
    Timestamp: fields.Timestamp ?? new Date().toISOString(),
    ...fields,
  } as Record<string, string>;
  const order = m.Type === "Notification"
    ? ["Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type"]
    : ["Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type"];
  const toSign = order.filter((k) => m[k] !== undefined).map((k) => `${k}\n${m[k]}\n`).join("");
  const version = opts.version ?? "2";
  const signature = crypto.sign(version === "1" ? "sha1" : "sha256", Buffer.from(toSign), signingKey).toString("base64");
  return {
    ...m,
    SignatureVersion: version,
    Signature: signature,
    SigningCertURL: opts.certUrl ?? "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-test.pem",
    UnsubscribeURL: "https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe",
  };
}

export function sesNotification(kind: "Bounce" | "Complaint", recipients: string[], opts: { permanent?: boolean; messageId?: string } = {}): string {
  const mail = { timestamp: new Date().toISOString(), messageId: "ses-" + crypto.randomUUID(), source: "news@example.com", destination: recipients, commonHeaders: { messageId: opts.messageId } };
  return JSON.stringify(
    kind === "Bounce"
      ? { notificationType: "Bounce", mail, bounce: { bounceType: opts.permanent === false ? "Transient" : "Permanent", bounceSubType: "General", timestamp: new Date().toISOString(), feedbackId: crypto.randomUUID(), bouncedRecipients: recipients.map((emailAddress) => ({ emailAddress, action: "failed", status: "5.1.1", diagnosticCode: "smtp; 550 5.1.1 user unknown" })) } }
      : { notificationType: "Complaint", mail, complaint: { complaintFeedbackType: "abuse", timestamp: new Date().toISOString(), feedbackId: crypto.randomUUID(), complainedRecipients: recipients.map((emailAddress) => ({ emailAddress })) } },
  );
}

export function sendgridKeys() {
  const { publicKey, privateKey } = crypto.generateKeyPairSync("ec", { namedCurve: "prime256v1" });
  return { privateKey, publicKeyBase64: publicKey.export({ format: "der", type: "spki" }).toString("base64") };
}

export function signSendgrid(privateKey: crypto.KeyObject, events: unknown[], timestamp = Math.floor(Date.now() / 1000)): SignedRequest {
  const body = JSON.stringify(events);
  const signature = crypto.sign("sha256", Buffer.from(`${timestamp}${body}`), { key: privateKey, dsaEncoding: "der" }).toString("base64");
  return {
    body,
    headers: { "content-type": "application/json", "x-twilio-email-event-webhook-signature": signature, "x-twilio-email-event-webhook-timestamp": String(timestamp) },
  };
}

export function signMailgun(signingKey: string, eventData: Record<string, unknown>, timestamp = Math.floor(Date.now() / 1000), token = crypto.randomBytes(25).toString("hex")): SignedRequest {
  const signature = crypto.createHmac("sha256", signingKey).update(`${timestamp}${token}`).digest("hex");
  return { headers: { "content-type": "application/json" }, body: JSON.stringify({ signature: { timestamp: String(timestamp), token, signature }, "event-data": eventData }) };
}

export function resendSecret(): string {
  return "whsec_" + crypto.randomBytes(24).toString("base64");
}

export function signResend(secret: string, event: unknown, opts: { id?: string; timestamp?: number } = {}): SignedRequest {
  const id = opts.id ?? "msg_" + crypto.randomBytes(12).toString("hex");
  const timestamp = String(opts.timestamp ?? Math.floor(Date.now() / 1000));
  const body = JSON.stringify(event);
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  const sig = crypto.createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest("base64");
  return { body, headers: { "content-type": "application/json", "svix-id": id, "svix-timestamp": timestamp, "svix-signature": `v1,${sig}` } };
}

export function postmarkAuth(user: string, password: string): string {
  return "Basic " + Buffer.from(`${user}:${password}`).toString("base64");
}
