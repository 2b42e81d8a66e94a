/** @jsxImportSource @/lib/mail/jsx */
// The pieces every Lede mail is built from, so the sign-in mail, the newsletter and the
// welcome look like one publication: a page, a centred card, a button. Inline styles and
// presentation tables, because that is what mail clients read.
import type { Child } from "./jsx/jsx-runtime";

export const PAPER = "#f4f1ea";
export const INK = "#161616";
export const MUTED = "#555";
export const RULE = "#d9d4c7";
export const ACCENT = "#8a1c1c";
export const SANS = "Arial,sans-serif";

/** The whole document: the page's colour and a card at most `width` wide. */
export function MailDocument(props: { title?: string; width: number; children?: Child }) {
  return (
    <html lang="en">
      {/* A mail's own <head>, not a Next page's: next/head has no place here. */}
      {/* eslint-disable-next-line @next/next/no-head-element */}
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        {props.title !== undefined ? <title>{props.title}</title> : null}
      </head>
      <body style={`margin:0;padding:24px 12px;background:${PAPER};font-family:Georgia,serif;color:${INK}`}>
        <table role="presentation" width="100%" cellpadding="0" cellspacing="0" style={`max-width:${props.width}px;margin:0 auto;background:#fff;padding:28px`}>
          {props.children}
        </table>
      </body>
    </html>
  );
}

/** One row of the card. */
export function Row(props: { style?: string; children?: Child }) {
  return (
    <tr>
      <td style={props.style}>{props.children}</td>
    </tr>
  );
}

/** A link drawn as a button: the one thing the reader should press. */
export function Button(props: { href: string; children?: Child }) {
  return (
    <a href={props.href} style={`background:${INK};color:#fff;padding:12px 22px;text-decoration:none;border-radius:4px;font-family:${SANS};font-weight:bold;display:inline-block`}>
      {props.children}
    </a>
  );
}
