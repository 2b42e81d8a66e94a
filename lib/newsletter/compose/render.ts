// The newsletter email, HTML and plain text, rendered once per issue. Each recipient's
// copy differs only in the unsubscribe URL, so an issue is kept as the parts around it.
import { randomUUID } from "node:crypto";
import { renderMarkdown } from "@/lib/articles/markdown";
import { escapeHtml } from "@/lib/mail/message";
import type { FrozenIssue } from "@/lib/db/schema";
import type { IssueArticle, IssueContent, SiteFacts } from "./issue-content";
import { markdownToText } from "./plain-text";

// No per-recipient tracking: every copy's links are the same, naming only the issue.
const articleUrl = (site: SiteFacts, a: IssueArticle, issueId?: number, variant?: "a" | "b") =>
  `${site.siteUrl}/articles/${encodeURIComponent(a.slug)}${issueId ? `?ref=newsletter&issue=${issueId}${variant ? `&v=${variant}` : ""}` : ""}`;

function articleHtml(site: SiteFacts, a: IssueArticle, issueId?: number, variant?: "a" | "b"): string {
  const url = escapeHtml(articleUrl(site, a, issueId, variant));
  const badge = a.premium
    ? `<p style="margin:0 0 6px"><span style="display:inline-block;background:#8a1c1c;color:#fff;font:bold 11px Arial,sans-serif;letter-spacing:1px;text-transform:uppercase;padding:2px 6px;border-radius:3px">Premium</span> <span style="font:13px Arial,sans-serif;color:#555">free to read with your account</span></p>`
    : "";
  const dek = a.dek ? `<p style="margin:0 0 8px;font-size:16px;line-height:1.5;color:#444">${escapeHtml(a.dek)}</p>` : "";
  return `<tr><td style="padding:18px 0;border-top:1px solid #d9d4c7">
${badge}<h2 style="margin:0 0 6px;font-size:21px;line-height:1.25"><a href="${url}" style="color:#161616;text-decoration:none">${escapeHtml(a.title)}</a></h2>
${dek}<p style="margin:0"><a href="${url}" style="font:bold 14px Arial,sans-serif;color:#8a1c1c">Read the story</a></p>
</td></tr>`;
}

const subscribedTo = (site: SiteFacts) => (site.newsletterName ? `${site.newsletterName} from ${site.siteName}` : `the newsletter of ${site.siteName}`);
const leaveOne = (site: SiteFacts) => (site.newsletterName ? `Unsubscribe from ${site.newsletterName}` : "Unsubscribe");

function html(content: IssueContent, site: SiteFacts, mark: string, markAll: string): string {
  const name = escapeHtml(site.siteName);
  const intro = content.intro.trim() ? renderMarkdown(content.intro) : "";
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(content.subject)}</title></head>
<body style="margin:0;padding:24px 12px;background:#f4f1ea;font-family:Georgia,serif;color:#161616">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:600px;margin:0 auto;background:#fff;padding:28px">
<tr><td style="padding-bottom:14px;border-bottom:3px double #161616"><a href="${escapeHtml(site.siteUrl)}/" style="font-size:26px;font-weight:bold;color:#161616;text-decoration:none">${name}</a></td></tr>
<tr><td style="padding:20px 0 6px;font-size:17px;line-height:1.6">${intro}</td></tr>
${content.articles.map((a) => articleHtml(site, a, content.issueId, content.variant)).join("\n")}
<tr><td style="padding-top:22px;border-top:1px solid #d9d4c7;font:13px/1.5 Arial,sans-serif;color:#555">
<p style="margin:0 0 8px">You are getting this email because you subscribed to ${escapeHtml(subscribedTo(site))}.</p>
<p style="margin:0"><a href="${mark}" style="color:#555">${escapeHtml(leaveOne(site))}</a> · <a href="${markAll}" style="color:#555">Unsubscribe from all newsletters</a> · <a href="${escapeHtml(site.siteUrl)}/account" style="color:#555">Manage your subscriptions</a></p>
</td></tr></table></body></html>`;
}

function text(content: IssueContent, site: SiteFacts, mark: string, markAll: string): string {
  const rule = "-".repeat(40);
  const parts = [`${site.siteName}: ${content.subject}`, ""];
  const intro = markdownToText(content.intro);
  if (intro) parts.push(intro, "");
  for (const a of content.articles) {
    parts.push(rule, a.title);
    if (a.dek) parts.push(a.dek);
    if (a.premium) parts.push("[Premium: free to read with your account]");
    parts.push(`Read the story: ${articleUrl(site, a, content.issueId, content.variant)}`, "");
  }
  parts.push(
    rule,
    `You are getting this email because you subscribed to ${subscribedTo(site)}.`,
    `${leaveOne(site)}: ${mark}`,
    `Unsubscribe from all newsletters: ${markAll}`,
    `Manage your subscriptions: ${site.siteUrl}/account`,
  );
  return parts.join("\n") + "\n";
}

/** Splits a rendered template on its two marks: the parts, and which URL each gap takes. */
function splitOnMarks(rendered: string, mark: string, markAll: string): { parts: string[]; slots: ("one" | "all")[] } {
  const pieces = rendered.split(new RegExp(`(${mark}|${markAll})`));
  const parts: string[] = [];
  const slots: ("one" | "all")[] = [];
  pieces.forEach((p, i) => (i % 2 === 0 ? parts.push(p) : slots.push(p === mark ? "one" : "all")));
  return { parts, slots };
}

/** Renders an issue once, as the parts around the unsubscribe URLs. */
export function renderIssue(content: IssueContent, site: SiteFacts): FrozenIssue {
  // Marks no editor can type, so splitting on them finds only the template's own places.
  const id = randomUUID();
  const mark = `lede-unsubscribe-${id}`;
  const markAll = `lede-unsubscribe-all-${id}`;
  const h = splitOnMarks(html(content, site, mark, markAll), mark, markAll);
  const t = splitOnMarks(text(content, site, mark, markAll), mark, markAll);
  // One slot list serves both bodies: the template puts the two links in the same order in each.
  return { subject: content.subject, html: h.parts, text: t.parts, slots: h.slots };
}

/** The parts joined with each gap's URL (issues frozen before "all" existed: every gap is the newsletter's own). */
export function fillSlots(parts: string[], slots: FrozenIssue["slots"], one: string, all: string): string {
  let out = parts[0] ?? "";
  for (let i = 1; i < parts.length; i++) out += (slots?.[i - 1] === "all" ? all : one) + parts[i];
  return out;
}

/** One recipient's copy. */
export function personalise(
  issue: Pick<FrozenIssue, "subject" | "html" | "text" | "slots">,
  unsubscribeUrl: string,
  unsubscribeAllUrl = unsubscribeUrl,
): { subject: string; html: string; text: string } {
  return {
    subject: issue.subject,
    html: fillSlots(issue.html, issue.slots, escapeHtml(unsubscribeUrl), escapeHtml(unsubscribeAllUrl)),
    text: fillSlots(issue.text, issue.slots, unsubscribeUrl, unsubscribeAllUrl),
  };
}
