// A composed mail (MailMessage) as MIME, built directly: nodemailer's composer took about
// 1.2 ms of CPU a message (streams, per-part encoders), in the web process that also
// answers the join that queued it. A sign-in mail is two short parts and a few headers:
// quoted-printable text and HTML in one multipart/alternative, as the newsletter's copies
// are (lib/newsletter/compose/mime.ts). Anything not plain ASCII where the message needs
// it to be (an address, a header name) is left to nodemailer (null).
import { randomBytes } from "node:crypto";
import mimeFuncs from "nodemailer/lib/mime-funcs";
import { encode as qpEncode, wrap as qpWrap } from "nodemailer/lib/qp";
import { mailbox, parseFrom } from "@/lib/newsletter/compose/mime";
import type { MailMessage } from "./message";

const PLAIN = /^[\x21-\x7e]+$/;
const HEADER_NAME = /^[A-Za-z0-9-]{1,76}$/;
const crlf = (s: string) => s.replace(/\r?\n/g, "\r\n");
const qp = (s: string) => qpWrap(qpEncode(crlf(s)), 76);
const header = (name: string, value: string) => mimeFuncs.foldLines(`${name}: ${value}`, 76) + "\r\n";
/** A header value as 7-bit text: encoded words where it is not plain ASCII, no line breaks. */
const text = (value: string) => {
  const flat = value.replace(/[\r\n]+/g, " ");
  return /^[\x20-\x7e]*$/.test(flat) ? flat : mimeFuncs.encodeWords(flat, "Q", 52);
};

/** The message's MIME and its envelope sender, or null when nodemailer should compose it. */
export function composedMime(m: MailMessage, defaultFrom: string, now = new Date()): { mime: string; from: string; messageId: string } | null {
  const from = parseFrom(m.from ?? defaultFrom);
  if (!PLAIN.test(from.address) || !PLAIN.test(m.to) || m.to.includes("<") || m.to.includes(",")) return null;
  const extra = Object.entries(m.headers ?? {});
  if (extra.some(([name]) => !HEADER_NAME.test(name))) return null;
  const messageId = m.messageId ?? `<${randomBytes(16).toString("hex")}@${from.address.split("@")[1] ?? "localhost"}>`;
  // "=_" never occurs in quoted-printable, so the boundary cannot occur in a part.
  const boundary = `=_lede_${randomBytes(12).toString("hex")}`;
  const head =
    header("From", mailbox(from.name, from.address)) +
    `To: <${m.to}>\r\n` +
    header("Subject", text(m.subject)) +
    `Date: ${now.toUTCString().replace(/GMT/, "+0000")}\r\n` +
    `Message-ID: ${messageId}\r\n` +
    extra.map(([name, value]) => header(name, text(value))).join("") +
    "MIME-Version: 1.0\r\n" +
    `Content-Type: multipart/alternative; boundary="${boundary}"\r\n\r\n`;
  const part = (type: string, body: string) =>
    `--${boundary}\r\nContent-Type: ${type}; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n${qp(body)}\r\n`;
  return { mime: head + part("text/plain", m.text) + part("text/html", m.html) + `--${boundary}--\r\n`, from: from.address, messageId };
}
