// Delivery status notifications (RFC 3464) and abuse reports (ARF, RFC 5965), as they land
// in the bounce mailbox: multipart/report messages. A small reader of just what they hold
// (the report part's fields, the returned message's headers); anything else is not a report.
import crypto from "node:crypto";
import type { EventKind } from "./events";

export type ReportFinding = { kind: EventKind | null; recipient: string | null; detail: string };
export type Report = { type: "dsn" | "arf"; findings: ReportFinding[]; hints: string[]; id: string };

const MAX_BYTES = 512 * 1024;

type Part = { headers: Map<string, string>; body: string };

/** Headers (unfolded, names lowercased, first of each kept) and the body. */
function splitMessage(raw: string): Part {
  const m = /\r?\n\r?\n/.exec(raw);
  const head = m ? raw.slice(0, m.index) : raw;
  const body = m ? raw.slice(m.index + m[0].length) : "";
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const i = line.indexOf(":");
    if (i <= 0) continue;
    const name = line.slice(0, i).trim().toLowerCase();
    if (!headers.has(name)) headers.set(name, line.slice(i + 1).trim());
  }
  return { headers, body };
}

/** The value and parameters of a Content-Type header. */
function contentType(v: string | undefined): { type: string; params: Record<string, string> } {
  const [type, ...rest] = (v ?? "text/plain").split(";");
  const params: Record<string, string> = {};
  for (const p of rest) {
    const i = p.indexOf("=");
    if (i > 0) params[p.slice(0, i).trim().toLowerCase()] = p.slice(i + 1).trim().replace(/^"(.*)"$/, "$1");
  }
  return { type: type.trim().toLowerCase(), params };
}

function decode(part: Part): string {
  const cte = (part.headers.get("content-transfer-encoding") ?? "").toLowerCase();
  if (cte === "base64") return Buffer.from(part.body.replace(/\s+/g, ""), "base64").toString("utf8");
  if (cte === "quoted-printable") {
    return part.body.replace(/=\r?\n/g, "").replace(/=([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  }
  return part.body;
}

function parts(body: string, boundary: string): Part[] {
  const delimiter = `--${boundary}`;
  const out: Part[] = [];
  const chunks = body.split(new RegExp(`\\r?\\n?${delimiter.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));
  for (const chunk of chunks.slice(1, 20)) {
    if (chunk.startsWith("--")) break;
    out.push(splitMessage(chunk.replace(/^[ \t]*\r?\n/, "")));
  }
  return out;
}

/** "Name: value" field blocks separated by blank lines (RFC 3464, RFC 5965). */
function fieldBlocks(text: string): Map<string, string>[] {
  return text
    .replace(/\r?\n[ \t]+/g, " ")
    .split(/\r?\n\s*\r?\n/)
    .map((block) => {
      const fields = new Map<string, string>();
      for (const line of block.split(/\r?\n/)) {
        const i = line.indexOf(":");
        if (i > 0) fields.set(line.slice(0, i).trim().toLowerCase(), line.slice(i + 1).trim());
      }
      return fields;
    })
    .filter((f) => f.size > 0);
}

const addressOf = (v: string | undefined) => {
  const s = (v ?? "").replace(/^rfc822\s*;\s*/i, "").trim().replace(/^<|>$/g, "");
  return /^[^\s@<>]+@[^\s@<>]+$/.test(s) ? s.toLowerCase() : null;
};

export function parseReport(raw: string): Report | null {
  if (raw.length > MAX_BYTES) return null;
  const top = splitMessage(raw);
  const ct = contentType(top.headers.get("content-type"));
  const reportType = (ct.params["report-type"] ?? "").toLowerCase();
  if (ct.type !== "multipart/report" || !ct.params.boundary || !["delivery-status", "feedback-report"].includes(reportType)) return null;
  const all = parts(top.body, ct.params.boundary);
  const hints: string[] = [];
  for (const h of ["to", "delivered-to", "x-original-to", "envelope-to", "x-failed-recipients"]) {
    const v = top.headers.get(h);
    if (v) hints.push(v);
  }
  const original = all.find((p) => ["message/rfc822", "text/rfc822-headers", "message/rfc822-headers"].includes(contentType(p.headers.get("content-type")).type));
  if (original) {
    const returned = splitMessage(decode(original));
    for (const h of ["x-lede-delivery", "message-id", "return-path"]) {
      const v = returned.headers.get(h);
      if (v) hints.push(v);
    }
  }
  const id = "report:" + crypto.createHash("sha256").update(top.headers.get("message-id") || raw).digest("hex").slice(0, 40);
  if (reportType === "delivery-status") {
    const status = all.find((p) => contentType(p.headers.get("content-type")).type === "message/delivery-status");
    if (!status) return null;
    const blocks = fieldBlocks(decode(status)).filter((b) => b.has("final-recipient") || b.has("original-recipient"));
    if (blocks.length === 0) return null;
    const findings = blocks.map((b): ReportFinding => {
      const action = (b.get("action") ?? "").toLowerCase();
      const code = b.get("status") ?? "";
      const kind: EventKind | null =
        action === "failed" && /^5\./.test(code) ? "bounce" : action === "delayed" || (action === "failed" && /^4\./.test(code)) ? "soft-bounce" : null;
      const detail = [`${action || "unknown"} ${code}`.trim(), b.get("diagnostic-code")].filter(Boolean).join(": ").slice(0, 500);
      return { kind, recipient: addressOf(b.get("final-recipient") ?? b.get("original-recipient")), detail };
    });
    return { type: "dsn", findings, hints, id };
  }
  const feedback = all.find((p) => contentType(p.headers.get("content-type")).type === "message/feedback-report");
  if (!feedback) return null;
  const [fields] = fieldBlocks(decode(feedback));
  const type = (fields?.get("feedback-type") ?? "").toLowerCase();
  if (!type) return null;
  const kind: EventKind | null = type === "abuse" || type === "fraud" ? "complaint" : null;
  const detail = ["Complaint", type, fields?.get("user-agent")].filter(Boolean).join(": ").slice(0, 500);
  return { type: "arf", findings: [{ kind, recipient: addressOf(fields?.get("original-rcpt-to")), detail }], hints, id };
}
