// Mailgun's webhooks: one JSON event, with a signature object holding a timestamp, a
// random token and the hex HMAC-SHA256 of timestamp + token under the webhook signing key.
import crypto from "node:crypto";
import { address, dateOr, freshTimestamp, isObject, parseJson, refused, str, type EventKind, type ProviderEvent, type VerifyResult } from "../events";

export function mailgunSignatureMatches(signingKey: string, timestamp: string, token: string, signature: string): boolean {
  if (!/^[0-9a-f]{64}$/i.test(signature)) return false;
  const expected = crypto.createHmac("sha256", signingKey).update(timestamp + token).digest();
  return crypto.timingSafeEqual(expected, Buffer.from(signature, "hex"));
}

function kindOf(e: Record<string, unknown>): EventKind | null {
  switch (str(e.event)) {
    case "failed":
      return str(e.severity) === "permanent" ? "bounce" : "soft-bounce";
    case "complained":
      return "complaint";
    case "unsubscribed":
      return "unsubscribe";
    default:
      return null;
  }
}

export function verifyMailgun(raw: string, signingKey: string, now = Date.now()): VerifyResult {
  const body = parseJson(raw);
  const sig = isObject(body) && isObject(body.signature) ? body.signature : null;
  const timestamp = sig ? (typeof sig.timestamp === "number" ? String(sig.timestamp) : str(sig.timestamp, 20)) : null;
  const token = sig ? str(sig.token, 200) : null;
  const signature = sig ? str(sig.signature, 200) : null;
  if (!timestamp || !token || !signature || !/^\d{1,12}$/.test(timestamp)) return refused(401, "no signature");
  if (!mailgunSignatureMatches(signingKey, timestamp, token, signature)) return refused(401, "bad signature");
  if (!freshTimestamp(Number(timestamp), now)) return refused(401, "timestamp outside the window");
  const e = isObject(body) && isObject(body["event-data"]) ? body["event-data"] : null;
  if (!e) return refused(400, "no event-data");
  const kind = kindOf(e);
  const id = str(e.id, 200);
  if (!kind || !id) return { ok: true, events: [] };
  const message = isObject(e.message) ? e.message : {};
  const messageHeaders = isObject(message.headers) ? message.headers : {};
  const variables = isObject(e["user-variables"]) ? e["user-variables"] : {};
  const status = isObject(e["delivery-status"]) ? e["delivery-status"] : {};
  const event: ProviderEvent = {
    provider: "mailgun",
    id,
    kind,
    email: address(e.recipient),
    deliveryHints: [str(variables.lede_delivery, 100), str(messageHeaders["message-id"], 300)].filter((h): h is string => !!h),
    occurredAt: dateOr(e.timestamp, new Date(now)),
    detail: [str(e.event, 40), str(e.severity, 20), str(e.reason, 60), typeof status.code === "number" ? String(status.code) : null, str(status.message, 300) ?? str(status.description, 300)]
      .filter(Boolean)
      .join(": ")
      .slice(0, 500),
  };
  return { ok: true, events: [event] };
}
