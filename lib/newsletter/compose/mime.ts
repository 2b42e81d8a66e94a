// The newsletter as a ready MIME message, built from parts encoded once per issue.
//
// nodemailer's composer re-encodes ~15 kB of quoted-printable per message and streams it
// to the socket in dozens of small writes; at 1,000 messages/s that was most of a core.
// Quoted-printable lets encoded pieces be joined with soft line breaks ("=\r\n"), so each
// recipient's copy is the issue's pre-encoded parts around their encoded unsubscribe URL.
import { randomBytes } from "node:crypto";
import addressparser from "nodemailer/lib/addressparser";
import mimeFuncs from "nodemailer/lib/mime-funcs";
import { encode as qpEncode, wrap as qpWrap } from "nodemailer/lib/qp";
import type { FrozenIssue } from "@/lib/db/schema";
import { escapeHtml } from "@/lib/mail/message";

export type MimeTemplate = {
  /** From, Subject and List-Id, encoded and folded. */
  fixedHeaders: string;
  boundary: string;
  text: string[];
  html: string[];
  /** Which unsubscribe URL each gap takes (see FrozenIssue). */
  slots?: ("one" | "all")[];
};

const crlf = (s: string) => s.replace(/\r?\n/g, "\r\n");
// 75, not 76: a soft break "=" may be added to a piece's last line when it is joined.
const qp = (s: string) => qpWrap(qpEncode(crlf(s)), 75);

function header(name: string, value: string): string {
  return mimeFuncs.foldLines(`${name}: ${value}`, 76) + "\r\n";
}

/** A display name and address ("Name" <a@b>), the name encoded when it is not plain ASCII. */
export function mailbox(name: string, address: string): string {
  if (!name) return `<${address}>`;
  const shown = /^[\x20-\x7e]*$/.test(name) ? `"${name.replace(/["\\]/g, "\\$&")}"` : mimeFuncs.encodeWords(name, "Q", 52);
  return `${shown} <${address}>`;
}

/** Splits EMAIL_FROM ('"Name" <a@b>' or 'a@b') into its parts (nodemailer's address parser). */
export function parseFrom(from: string): { name: string; address: string } {
  return addressparser(from, { flatten: true })[0] ?? { name: "", address: from.trim() };
}

/** Gmail's feedback loop: "<issue>:<newsletter>:newsletter:<sender host>", no colons inside a field. */
export function feedbackId(issueId: number, newsletter: string, host: string): string {
  const field = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, "-").slice(0, 60) || "x";
  return `${issueId}:${field(newsletter)}:newsletter:${field(host)}`;
}

export function mimeTemplate(
  issue: Pick<FrozenIssue, "subject" | "html" | "text" | "slots">,
  site: { from: string; listId: string; fromName?: string; feedbackId?: string },
): MimeTemplate {
  const from = parseFrom(site.from);
  return {
    fixedHeaders:
      header("From", mailbox(site.fromName || from.name, from.address)) +
      header("Subject", mimeFuncs.encodeWords(issue.subject, "Q", 52)) +
      header("List-Id", site.listId) +
      (site.feedbackId ? header("Feedback-ID", site.feedbackId) : "") +
      "MIME-Version: 1.0\r\n",
    // "=_" can never occur in quoted-printable text, so the boundary cannot either.
    boundary: `=_lede_${randomBytes(12).toString("hex")}`,
    text: issue.text.map(qp),
    html: issue.html.map(qp),
    slots: issue.slots,
  };
}

/**
 * `unsubscribeUrl` leaves this newsletter (List-Unsubscribe and the footer's first link);
 * `unsubscribeAllUrl`, the footer's "all newsletters" link.
 */
export type Recipient = {
  to: string;
  messageId: string;
  unsubscribeUrl: string;
  unsubscribeAllUrl?: string;
  date?: Date;
  /** Header lines of this copy's own (X-Lede-Delivery, a provider's metadata), each ending CRLF. */
  headers?: string;
};

function joinPieces(pieces: string[], slots: MimeTemplate["slots"], one: string, all: string): string {
  let out = pieces[0] ?? "";
  for (let i = 1; i < pieces.length; i++) out += `=\r\n${slots?.[i - 1] === "all" ? all : one}=\r\n` + pieces[i];
  return out;
}

/** One recipient's complete message (RFC 5322, CRLF line ends, 7-bit clean). */
export function mimeMessage(t: MimeTemplate, r: Recipient): string {
  const all = r.unsubscribeAllUrl ?? r.unsubscribeUrl;
  const part = (type: string, pieces: string[], one: string, everything: string) =>
    `--${t.boundary}\r\nContent-Type: ${type}; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n` +
    joinPieces(pieces, t.slots, one, everything) +
    "\r\n";
  const head =
    t.fixedHeaders +
    `To: <${r.to}>\r\n` +
    `Date: ${(r.date ?? new Date()).toUTCString().replace(/GMT/, "+0000")}\r\n` +
    `Message-ID: ${r.messageId}\r\n` +
    (r.headers ?? "") +
    `List-Unsubscribe: <${r.unsubscribeUrl}>\r\n` +
    "List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n" +
    `Content-Type: multipart/alternative; boundary="${t.boundary}"\r\n\r\n`;
  return (
    head +
    part("text/plain", t.text, qp(r.unsubscribeUrl), qp(all)) +
    part("text/html", t.html, qp(escapeHtml(r.unsubscribeUrl)), qp(escapeHtml(all))) +
    `--${t.boundary}--\r\n`
  );
}
