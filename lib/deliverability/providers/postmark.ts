// Postmark: bounce, spam complaint and subscription change webhooks, authenticated by the
// basic-auth credentials put in the webhook's URL on Postmark's side. Postmark signs
// nothing, so there is no timestamp to check: a replay is caught by the event's ID.
import crypto from "node:crypto";
import { address, dateOr, isObject, parseJson, refused, str, type EventKind, type ProviderEvent, type VerifyResult } from "../events";

export type PostmarkConfig = { user: string; password: string };

const digest = (s: string) => crypto.createHash("sha256").update(s).digest();

export function basicAuthMatches(header: string | null, config: PostmarkConfig): boolean {
  const m = /^Basic\s+([A-Za-z0-9+/=]{1,1000})$/i.exec(header?.trim() ?? "");
  const decoded = m ? Buffer.from(m[1], "base64") : null;
  // Node's base64 decoder skips what it cannot read; only a canonical encoding counts.
  const given = decoded && decoded.toString("base64") === m![1] ? decoded.toString("utf8") : "\0no credentials";
  // Hashes of equal length, so the comparison takes the same time whatever was sent.
  return crypto.timingSafeEqual(digest(given), digest(`${config.user}:${config.password}`)) && m !== null;
}

// Postmark's bounce types (TypeCode): which are permanent, which temporary.
const PERMANENT = new Set(["HardBounce", "BadEmailAddress", "ManuallyDeactivated"]);
const TEMPORARY = new Set(["SoftBounce", "Transient", "DnsError"]);

function kindOf(body: Record<string, unknown>): EventKind | null {
  const record = str(body.RecordType);
  const type = str(body.Type) ?? "";
  if (record === "SpamComplaint" || type === "SpamComplaint") return "complaint";
  if (record === "Bounce") return PERMANENT.has(type) ? "bounce" : TEMPORARY.has(type) ? "soft-bounce" : type === "Unsubscribe" ? "unsubscribe" : null;
  if (record === "SubscriptionChange" && body.SuppressSending === true && str(body.SuppressionReason) === "ManualSuppression") return "unsubscribe";
  return null;
}

export function verifyPostmark(headers: Headers, raw: string, config: PostmarkConfig, now = new Date()): VerifyResult {
  if (!basicAuthMatches(headers.get("authorization"), config)) return refused(401, "credentials do not match");
  const body = parseJson(raw);
  if (!isObject(body)) return refused(400, "not a JSON object");
  const kind = kindOf(body);
  if (!kind) return { ok: true, events: [] };
  const metadata = isObject(body.Metadata) ? body.Metadata : {};
  const idPart = typeof body.ID === "number" || typeof body.ID === "string" ? String(body.ID) : null;
  const email = address(body.Email ?? body.Recipient);
  const messageId = str(body.MessageID, 200);
  const id = idPart ? `${str(body.RecordType)}:${idPart}` : messageId && email ? `${str(body.RecordType)}:${messageId}:${email}:${str(body.ChangedAt, 60) ?? ""}` : null;
  if (!id) return refused(400, "the event has no ID");
  const event: ProviderEvent = {
    provider: "postmark",
    id: id.slice(0, 300),
    kind,
    email,
    deliveryHints: [str(metadata["lede-delivery"], 100)].filter((h): h is string => !!h),
    occurredAt: dateOr(body.BouncedAt ?? body.ChangedAt, now),
    detail: [str(body.Type, 60), str(body.Description, 300), str(body.Details, 300)].filter(Boolean).join(": ").slice(0, 500),
  };
  return { ok: true, events: [event] };
}
