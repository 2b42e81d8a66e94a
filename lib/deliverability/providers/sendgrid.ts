// SendGrid's Event Webhook: a JSON array of events, signed with ECDSA (P-256, SHA-256)
// over the timestamp header followed by the raw body; the public key is the base64 DER
// (SubjectPublicKeyInfo) SendGrid shows under Mail Settings → Signed Event Webhook.
import crypto from "node:crypto";
import { address, dateOr, freshTimestamp, isObject, parseJson, refused, str, type EventKind, type ProviderEvent, type VerifyResult } from "../events";

export const SIGNATURE_HEADER = "x-twilio-email-event-webhook-signature";
export const TIMESTAMP_HEADER = "x-twilio-email-event-webhook-timestamp";

const keys = new Map<string, crypto.KeyObject>();

export function sendgridKey(publicKey: string): crypto.KeyObject {
  let key = keys.get(publicKey);
  if (!key) {
    key = publicKey.includes("BEGIN PUBLIC KEY")
      ? crypto.createPublicKey(publicKey.replace(/\\n/g, "\n"))
      : crypto.createPublicKey({ key: Buffer.from(publicKey, "base64"), format: "der", type: "spki" });
    keys.set(publicKey, key);
  }
  return key;
}

function kindOf(e: Record<string, unknown>): EventKind | null {
  switch (str(e.event)) {
    case "bounce":
      // "blocked" bounces are SendGrid's word for a temporary refusal.
      return str(e.type) === "blocked" ? "soft-bounce" : "bounce";
    case "deferred":
      return null; // SendGrid keeps retrying those itself; only its final bounce counts.
    case "spamreport":
      return "complaint";
    case "unsubscribe":
    case "group_unsubscribe":
      return "unsubscribe";
    default:
      return null;
  }
}

export function verifySendgrid(headers: Headers, raw: string, publicKey: string, now = Date.now()): VerifyResult {
  const signature = headers.get(SIGNATURE_HEADER);
  const timestamp = headers.get(TIMESTAMP_HEADER);
  if (!signature || !timestamp || !/^\d{1,12}$/.test(timestamp)) return refused(401, "no signature or timestamp");
  let good = false;
  try {
    good = crypto.verify("sha256", Buffer.from(timestamp + raw, "utf8"), { key: sendgridKey(publicKey), dsaEncoding: "der" }, Buffer.from(signature, "base64"));
  } catch {
    good = false;
  }
  if (!good) return refused(401, "bad signature");
  if (!freshTimestamp(Number(timestamp), now)) return refused(401, "timestamp outside the window");
  const body = parseJson(raw);
  if (!Array.isArray(body)) return refused(400, "not a JSON array");
  const events: ProviderEvent[] = [];
  for (const e of body) {
    if (!isObject(e)) continue;
    const kind = kindOf(e);
    const id = str(e.sg_event_id, 200);
    if (!kind || !id) continue;
    events.push({
      provider: "sendgrid",
      id,
      kind,
      email: address(e.email),
      deliveryHints: [str(e.lede_delivery, 100), str(e["smtp-id"], 300)].filter((h): h is string => !!h),
      occurredAt: dateOr(e.timestamp, new Date(now)),
      detail: [str(e.event, 40), str(e.type, 40), str(e.status, 20), str(e.reason, 400)].filter(Boolean).join(": ").slice(0, 500),
    });
  }
  return { ok: true, events };
}
