import "server-only";
// Amazon SES, through an SNS topic's HTTP(S) subscription. Each SNS message is verified
// against its signing certificate (SignatureVersion 1: SHA1withRSA, 2: SHA256withRSA),
// fetched only from an SNS host; its topic must be one of SES_SNS_TOPIC_ARNS. A
// subscription confirmation is answered by visiting its SubscribeURL (an SNS host too).
import crypto from "node:crypto";
import { address, dateOr, headerHints, freshTimestamp, isObject, parseJson, refused, str, type EventKind, type ProviderEvent, type VerifyResult } from "../events";
import { signingCertificate, snsGet } from "./sns-cert";
import { snsUrl } from "./sns-host";

const NOTIFICATION_FIELDS = ["Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type"];
const SUBSCRIPTION_FIELDS = ["Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type"];

/** The string SNS signs: each present field's name and value, one per line, in this order. */
export function snsStringToSign(m: Record<string, unknown>): string | null {
  const fields = m.Type === "Notification" ? NOTIFICATION_FIELDS : SUBSCRIPTION_FIELDS;
  let out = "";
  for (const f of fields) {
    const v = m[f];
    if (v === undefined && f === "Subject") continue;
    if (typeof v !== "string") return null;
    out += `${f}\n${v}\n`;
  }
  return out;
}

function kindsOf(n: Record<string, unknown>): { kind: EventKind; recipients: unknown[]; detail: (r: Record<string, unknown>) => string } | null {
  const type = str(n.notificationType) ?? str(n.eventType);
  if (type === "Bounce" && isObject(n.bounce)) {
    const b = n.bounce;
    const permanent = str(b.bounceType) === "Permanent";
    return {
      kind: permanent ? "bounce" : "soft-bounce",
      recipients: Array.isArray(b.bouncedRecipients) ? b.bouncedRecipients : [],
      detail: (r) => [str(b.bounceType, 40), str(b.bounceSubType, 60), str(r.status, 20), str(r.diagnosticCode, 400)].filter(Boolean).join(": "),
    };
  }
  if (type === "Complaint" && isObject(n.complaint)) {
    const c = n.complaint;
    return {
      kind: "complaint",
      recipients: Array.isArray(c.complainedRecipients) ? c.complainedRecipients : [],
      detail: () => ["Complaint", str(c.complaintFeedbackType, 60), str(c.userAgent, 200)].filter(Boolean).join(": "),
    };
  }
  return null;
}

function eventsOf(envelope: Record<string, unknown>, now: number): ProviderEvent[] | null {
  const notification = parseJson(String(envelope.Message));
  if (!isObject(notification)) return null;
  const found = kindsOf(notification);
  if (!found) return [];
  const mail = isObject(notification.mail) ? notification.mail : {};
  const common = isObject(mail.commonHeaders) ? mail.commonHeaders : {};
  const hints: string[] = [];
  const messageId = str(common.messageId, 300);
  if (messageId) hints.push(messageId);
  hints.push(...headerHints(mail.headers));
  const section = isObject(notification.bounce) ? notification.bounce : isObject(notification.complaint) ? notification.complaint : {};
  const at = dateOr(section.timestamp, new Date(now));
  return found.recipients.slice(0, 100).flatMap((r, i) => {
    if (!isObject(r)) return [];
    return [{
      provider: "ses" as const,
      id: `${String(envelope.MessageId).slice(0, 200)}#${i}`,
      kind: found.kind,
      email: address(r.emailAddress),
      deliveryHints: hints,
      occurredAt: at,
      detail: found.detail(r).slice(0, 500),
    }];
  });
}

export async function verifySes(raw: string, topicArns: string[], now = Date.now()): Promise<VerifyResult> {
  const m = parseJson(raw);
  if (!isObject(m)) return refused(401, "not an SNS message");
  const type = str(m.Type);
  if (type !== "Notification" && type !== "SubscriptionConfirmation" && type !== "UnsubscribeConfirmation") return refused(401, "not an SNS message");
  if (!topicArns.includes(str(m.TopicArn, 300) ?? "")) return refused(401, "topic not configured");
  const version = str(m.SignatureVersion);
  const algorithm = version === "1" ? "sha1" : version === "2" ? "sha256" : null;
  const certUrl = snsUrl(m.SigningCertURL, "cert");
  const signature = str(m.Signature, 2000);
  const toSign = snsStringToSign(m);
  if (!algorithm || !certUrl || !signature || !toSign) return refused(401, "unsigned, or a certificate off SNS hosts");
  let good = false;
  try {
    const cert = await signingCertificate(certUrl);
    const when = new Date(now);
    good = new Date(cert.validFrom) <= when && when <= new Date(cert.validTo) &&
      crypto.verify(algorithm, Buffer.from(toSign, "utf8"), cert.publicKey, Buffer.from(signature, "base64"));
  } catch {
    good = false;
  }
  if (!good) return refused(401, "bad signature");
  if (!freshTimestamp(dateOr(m.Timestamp, new Date(0)).getTime() / 1000, now)) return refused(401, "timestamp outside the window");
  if (type === "SubscriptionConfirmation") {
    const subscribe = snsUrl(m.SubscribeURL, "subscribe");
    if (!subscribe) return refused(400, "SubscribeURL off SNS hosts");
    try {
      await snsGet(subscribe, 64 * 1024);
    } catch (err) {
      return refused(400, `confirming the subscription failed: ${(err as Error).message}`);
    }
    return { ok: true, events: [], answer: "subscription confirmed" };
  }
  if (type === "UnsubscribeConfirmation") return { ok: true, events: [] };
  const events = eventsOf(m, now);
  if (!events) return refused(400, "the SES notification is not JSON");
  return { ok: true, events };
}
