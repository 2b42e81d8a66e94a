// Resend's webhooks, signed the Svix way: svix-id, svix-timestamp and svix-signature
// headers; the signature is base64 HMAC-SHA256 of "<id>.<timestamp>.<body>" under the
// secret after "whsec_" (base64), listed as "v1,<sig>" (several, space separated, while
// a secret is being rotated).
import crypto from "node:crypto";
import { address, dateOr, headerHints, freshTimestamp, isObject, parseJson, refused, str, type EventKind, type ProviderEvent, type VerifyResult } from "../events";

export function svixSignature(secret: string, id: string, timestamp: string, body: string): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  return crypto.createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest("base64");
}

function signatureMatches(secret: string, id: string, timestamp: string, body: string, header: string): boolean {
  const expected = Buffer.from(svixSignature(secret, id, timestamp, body), "base64");
  return header
    .split(" ")
    .slice(0, 10)
    .some((entry) => {
      const [version, sig] = entry.split(",", 2);
      if (version !== "v1" || !sig) return false;
      const given = Buffer.from(sig, "base64");
      return given.length === expected.length && crypto.timingSafeEqual(given, expected);
    });
}

function kindOf(type: string | null, data: Record<string, unknown>): EventKind | null {
  if (type === "email.complained") return "complaint";
  if (type === "email.bounced") {
    // Resend sends email.bounced when the receiving server "permanently rejected the
    // email"; its bounce.type says Transient for the odd temporary one.
    const bounce = isObject(data.bounce) ? data.bounce : {};
    return /^(transient|temporary|soft)$/i.test(str(bounce.type, 40) ?? "") ? "soft-bounce" : "bounce";
  }
  return null;
}

/**
 * What names Lede's delivery in Resend's documented payload (data: email_id, message_id,
 * tags, from, to, subject…): a `lede_delivery` tag (tags come as an object, or as
 * {name, value} pairs in older payloads) and the copy's Message-ID, which Lede sets and
 * Resend reports as message_id. `email_id` is Resend's own id, kept in the detail: Lede
 * never learns it when sending over SMTP, so it cannot name a delivery. Headers are not
 * in the documented payload; an X-Lede-Delivery or Message-ID there is read as well.
 */
function hintsOf(data: Record<string, unknown>): string[] {
  const hints: string[] = [];
  const tags = data.tags;
  if (isObject(tags)) {
    const v = str(tags.lede_delivery, 100);
    if (v) hints.push(v);
  } else if (Array.isArray(tags)) {
    for (const t of tags.slice(0, 50)) {
      if (isObject(t) && str(t.name, 100) === "lede_delivery") {
        const v = str(t.value, 100);
        if (v) hints.push(v);
      }
    }
  }
  const messageId = str(data.message_id, 300);
  if (messageId) hints.push(messageId);
  hints.push(...headerHints(data.headers, 50));
  return hints;
}

export function verifyResend(headers: Headers, raw: string, secret: string, now = Date.now()): VerifyResult {
  const id = headers.get("svix-id");
  const timestamp = headers.get("svix-timestamp");
  const signature = headers.get("svix-signature");
  if (!id || !timestamp || !signature || id.length > 200 || !/^\d{1,12}$/.test(timestamp)) return refused(401, "no signature");
  if (!signatureMatches(secret, id, timestamp, raw, signature.slice(0, 2000))) return refused(401, "bad signature");
  if (!freshTimestamp(Number(timestamp), now)) return refused(401, "timestamp outside the window");
  const body = parseJson(raw);
  if (!isObject(body) || !isObject(body.data)) return refused(400, "not a Resend event");
  const data = body.data;
  const kind = kindOf(str(body.type, 60), data);
  if (!kind) return { ok: true, events: [] };
  const to = Array.isArray(data.to) ? data.to[0] : data.to;
  const bounce = isObject(data.bounce) ? data.bounce : {};
  const event: ProviderEvent = {
    provider: "resend",
    id,
    kind,
    email: address(to),
    deliveryHints: hintsOf(data),
    occurredAt: dateOr(body.created_at, new Date(now)),
    detail: [str(body.type, 60), str(bounce.type, 40), str(bounce.subType, 60), str(bounce.message, 300), str(data.email_id, 100) && `Resend email ${str(data.email_id, 100)}`]
      .filter(Boolean)
      .join(": ")
      .slice(0, 500),
  };
  return { ok: true, events: [event] };
}
