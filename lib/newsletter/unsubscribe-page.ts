// The /unsubscribe pages. A route handler answers both the one-click POST and the GET,
// so these are small complete HTML documents in the site's colours.
import { escapeHtml } from "@/lib/mail/message";
import type { UnsubscribeLink } from "./unsubscribe";

type Site = { siteName: string; siteUrl: string };

function page(site: Site, title: string, body: string): string {
  const name = escapeHtml(site.siteName);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)} · ${name}</title>
<style>
body{margin:0;background:#fbfaf7;color:#161616;font-family:Georgia,"Times New Roman",serif;line-height:1.6}
header{border-bottom:3px double #161616;background:#fff;padding:14px 20px}
header a{font-size:1.9rem;font-weight:700;text-decoration:none;color:inherit}
main{max-width:560px;margin:32px auto;padding:24px;background:#fff;border:1px solid #d9d4c7;font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif}
h1{font-family:Georgia,serif;margin-top:0;line-height:1.2}
button{font:600 1rem system-ui,sans-serif;background:#161616;color:#fff;border:2px solid #161616;border-radius:4px;padding:10px 18px;cursor:pointer}
button:hover{background:#8a1c1c;border-color:#8a1c1c}
:focus-visible{outline:3px solid #1a56db;outline-offset:2px}
a{color:inherit}
</style></head>
<body><header><a href="${escapeHtml(site.siteUrl)}/">${name}</a></header>
<main id="main">${body}</main></body></html>`;
}

const INVALID =
  "<h1>This unsubscribe link is not valid</h1><p role=\"status\">It may have been cut short by your mail program. Use the link in a recent newsletter, or sign in and change your newsletter setting on <a href=\"/account\">your account page</a>.</p>";

/** GET: a confirm button, and nothing changed yet. */
export function confirmPage(site: Site, link: UnsubscribeLink, token: string): string {
  if (link.kind === "invalid") return page(site, "Unsubscribe", INVALID);
  if (link.kind === "gone" || link.status === "unsubscribed" || link.status === "none") {
    return page(site, "Unsubscribe", `<h1>You are not subscribed</h1><p role="status">This address gets no newsletters from ${escapeHtml(site.siteName)}.</p><p><a href="/account">Your account</a></p>`);
  }
  const action = `/unsubscribe?token=${encodeURIComponent(token)}`;
  return page(
    site,
    "Unsubscribe",
    `<h1>Unsubscribe from the newsletter?</h1>
<p>We will stop sending newsletters from ${escapeHtml(site.siteName)} to <strong>${escapeHtml(link.maskedEmail)}</strong>. Your account stays as it is.</p>
<form method="post" action="${escapeHtml(action)}"><button type="submit">Unsubscribe</button></form>`,
  );
}

/** POST: the answer after unsubscribing (mail clients ignore it; people see it). */
export function donePage(site: Site, link: UnsubscribeLink): string {
  if (link.kind === "invalid") return page(site, "Unsubscribe", INVALID);
  const who = link.kind === "found" ? `<strong>${escapeHtml(link.maskedEmail)}</strong>` : "This address";
  return page(
    site,
    "Unsubscribed",
    `<h1>You are unsubscribed</h1>
<p role="status">${who} will get no more newsletters from ${escapeHtml(site.siteName)}.</p>
<p>Changed your mind? You can subscribe again on <a href="/account">your account page</a>.</p>`,
  );
}
