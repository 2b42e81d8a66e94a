/** @jsxImportSource @/lib/mail/jsx */
// The newsletter email, HTML and plain text, rendered once per issue. Each recipient's
// copy differs only in the unsubscribe URL, so an issue is kept as the parts around it.
import { randomUUID } from "node:crypto";
import { renderMarkdown } from "@/lib/articles/markdown";
import { ACCENT, INK, MailDocument, MUTED, Row, RULE, SANS } from "@/lib/mail/components";
import { documentOf, escapeHtml, raw } from "@/lib/mail/jsx/jsx-runtime";
import type { FrozenIssue } from "@/lib/db/schema";
import type { IssueArticle, IssueContent, SiteFacts } from "./issue-content";
import { markdownToText } from "./plain-text";

// No per-recipient tracking: every copy's links are the same, naming only the issue.
const articleUrl = (site: SiteFacts, a: IssueArticle, issueId?: number, variant?: "a" | "b") =>
  `${site.siteUrl}/articles/${encodeURIComponent(a.slug)}${issueId ? `?ref=newsletter&issue=${issueId}${variant ? `&v=${variant}` : ""}` : ""}`;

/** One article of the issue: its premium badge, title, dek and a link to read it. */
function IssueArticleRow(props: { site: SiteFacts; article: IssueArticle; issueId?: number; variant?: "a" | "b" }) {
  const a = props.article;
  const url = articleUrl(props.site, a, props.issueId, props.variant);
  return (
    <Row style={`padding:18px 0;border-top:1px solid ${RULE}`}>
      {a.premium ? (
        <p style="margin:0 0 6px">
          <span style={`display:inline-block;background:${ACCENT};color:#fff;font:bold 11px ${SANS};letter-spacing:1px;text-transform:uppercase;padding:2px 6px;border-radius:3px`}>Premium</span>{" "}
          <span style={`font:13px ${SANS};color:${MUTED}`}>free to read with your account</span>
        </p>
      ) : null}
      <h2 style="margin:0 0 6px;font-size:21px;line-height:1.25">
        <a href={url} style={`color:${INK};text-decoration:none`}>
          {a.title}
        </a>
      </h2>
      {a.dek ? <p style="margin:0 0 8px;font-size:16px;line-height:1.5;color:#444">{a.dek}</p> : null}
      <p style="margin:0">
        <a href={url} style={`font:bold 14px ${SANS};color:${ACCENT}`}>
          Read the story
        </a>
      </p>
    </Row>
  );
}

const subscribedTo = (site: SiteFacts) => (site.newsletterName ? `${site.newsletterName} from ${site.siteName}` : `the newsletter of ${site.siteName}`);
const leaveOne = (site: SiteFacts) => (site.newsletterName ? `Unsubscribe from ${site.newsletterName}` : "Unsubscribe");

/**
 * The issue's HTML. `mark` and `markAll` stand where each copy's unsubscribe URLs go
 * (renderIssue splits on them), so the issue is rendered once, not once per reader.
 */
export function IssueMail(props: { content: IssueContent; site: SiteFacts; mark: string; markAll: string }) {
  const { content, site } = props;
  const footerLink = `color:${MUTED}`;
  return (
    <MailDocument title={content.subject} width={600}>
      <Row style={`padding-bottom:14px;border-bottom:3px double ${INK}`}>
        <a href={`${site.siteUrl}/`} style={`font-size:26px;font-weight:bold;color:${INK};text-decoration:none`}>
          {site.siteName}
        </a>
      </Row>
      {/* The editor's intro, rendered by the same sanitising markdown renderer as articles. */}
      <Row style="padding:20px 0 6px;font-size:17px;line-height:1.6">{content.intro.trim() ? raw(renderMarkdown(content.intro)) : null}</Row>
      {content.articles.map((a) => (
        <IssueArticleRow key={a.slug} site={site} article={a} issueId={content.issueId} variant={content.variant} />
      ))}
      <Row style={`padding-top:22px;border-top:1px solid ${RULE};font:13px/1.5 ${SANS};color:${MUTED}`}>
        <p style="margin:0 0 8px">You are getting this email because you subscribed to {subscribedTo(site)}.</p>
        <p style="margin:0">
          <a href={props.mark} style={footerLink}>
            {leaveOne(site)}
          </a>
          {" · "}
          <a href={props.markAll} style={footerLink}>
            Unsubscribe from all newsletters
          </a>
          {" · "}
          <a href={`${site.siteUrl}/account`} style={footerLink}>
            Manage your subscriptions
          </a>
        </p>
      </Row>
    </MailDocument>
  );
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
  const h = splitOnMarks(documentOf(<IssueMail content={content} site={site} mark={mark} markAll={markAll} />), mark, markAll);
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
