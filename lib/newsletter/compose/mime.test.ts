import { describe, expect, it } from "vitest";
import { simpleParser } from "mailparser";
import { mimeMessage, mimeTemplate, parseFrom } from "./mime";
import { personalise, renderIssue } from "./render";

const site = { siteName: "The Daily Lede", siteUrl: "https://news.example.com" };
const issue = renderIssue(
  {
    subject: "Ferries, fibre — and “café” news",
    intro: `Good morning.\n\n${"A long line of words that goes on. ".repeat(12)}\n\nSee [the map](https://example.com/map?a=1&b=2).`,
    articles: [
      { slug: "night-ferry", title: "Night ferry trial", dek: "Two crossings a night.", premium: false },
      { slug: "fibre", title: "Fibre co-op reaches 3,000 homes", dek: "Émile explains.", premium: true },
    ],
  },
  site,
);
const url = "https://news.example.com/unsubscribe?token=user-1.0123abcd";

async function parsed() {
  const t = mimeTemplate(issue, { from: '"The Daily Lede" <news@example.com>', listId: '"The Daily Lede newsletter" <newsletter.news.example.com>' });
  const raw = mimeMessage(t, { to: "reader@example.org", messageId: "<newsletter.1.42@news.example.com>", unsubscribeUrl: url });
  return { raw, mail: await simpleParser(raw) };
}

describe("newsletter MIME message", () => {
  it("decodes to exactly the personalised text and HTML", async () => {
    const { mail } = await parsed();
    const copy = personalise(issue, url);
    expect(mail.text?.replace(/\r\n/g, "\n")).toBe(copy.text);
    expect(mail.html).toBe(copy.html);
    expect(mail.subject).toBe("Ferries, fibre — and “café” news");
  });

  it("carries the bulk-sender headers", async () => {
    const { mail } = await parsed();
    const line = (name: string) => mail.headerLines.find((h) => h.key === name)?.line;
    expect(line("list-unsubscribe-post")).toBe("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
    expect(line("list-unsubscribe")).toBe(`List-Unsubscribe: <${url}>`);
    expect(line("list-id")).toBe('List-Id: "The Daily Lede newsletter" <newsletter.news.example.com>');
    expect(mail.messageId).toBe("<newsletter.1.42@news.example.com>");
    expect(mail.from?.value[0]).toMatchObject({ name: "The Daily Lede", address: "news@example.com" });
    expect(mail.to).toMatchObject({ value: [{ address: "reader@example.org" }] });
  });

  it("is 7-bit with no line over 998 characters and quoted-printable lines of at most 76", async () => {
    const { raw } = await parsed();
    const text = raw;
    expect(/[^\x00-\x7f]/.test(text)).toBe(false);
    const body = text.slice(text.indexOf("\r\n\r\n") + 4);
    for (const line of body.split("\r\n")) expect(line.length).toBeLessThanOrEqual(76);
  });
});

describe("parseFrom", () => {
  it("reads both forms of EMAIL_FROM", () => {
    expect(parseFrom('"Lede" <a@b.com>')).toEqual({ name: "Lede", address: "a@b.com" });
    expect(parseFrom("a@b.com")).toEqual({ name: "", address: "a@b.com" });
    expect(parseFrom("Lede News <a@b.com>")).toEqual({ name: "Lede News", address: "a@b.com" });
  });
});
