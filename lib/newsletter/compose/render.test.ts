import { describe, expect, it } from "vitest";
import { markdownToText } from "./plain-text";
import { personalise, renderIssue } from "./render";

const site = { siteName: "The Daily Lede", siteUrl: "https://news.example.com" };
const content = {
  subject: "Tuesday",
  intro: "Hello <script>alert(1)</script> **readers**. See [the map](https://example.com/map).",
  articles: [
    { slug: "free-one", title: "Free story", dek: "A dek & more", premium: false },
    { slug: "paid-one", title: "Paid story", dek: "Worth it", premium: true },
  ],
};

describe("renderIssue", () => {
  const issue = renderIssue(content, site);
  const copy = personalise(issue, "https://news.example.com/unsubscribe?token=u.1");

  it("links every article by headline and dek, and marks the premium one", () => {
    expect(copy.html).toContain('href="https://news.example.com/articles/free-one"');
    expect(copy.html).toContain("A dek &amp; more");
    expect(copy.html.match(/Premium<\/span>/g)).toHaveLength(1);
    expect(copy.text).toContain("Paid story\nWorth it\n[Premium: free to read with your account]");
    expect(copy.text).toContain("Read the story: https://news.example.com/articles/paid-one");
  });

  it("names the issue in every article link (the same for every recipient), so the desk can count its visits", () => {
    const copy = personalise(renderIssue({ ...content, issueId: 7 }, site), "https://news.example.com/unsubscribe?token=u.1");
    expect(copy.html).toContain('href="https://news.example.com/articles/free-one?ref=newsletter&amp;issue=7"');
    expect(copy.text).toContain("Read the story: https://news.example.com/articles/paid-one?ref=newsletter&issue=7");
    expect(copy.html).not.toMatch(/<img/);
  });

  it("puts the recipient's unsubscribe URL in a visible link in both parts", () => {
    expect(copy.html).toContain('<a href="https://news.example.com/unsubscribe?token=u.1" style="color:#555">Unsubscribe</a>');
    expect(copy.text).toContain("Unsubscribe: https://news.example.com/unsubscribe?token=u.1");
  });

  it("sanitises the editor's markdown", () => {
    expect(copy.html).not.toContain("<script");
    expect(copy.html).toContain("<strong>readers</strong>");
  });

  it("renders once and personalises by joining parts: this newsletter's link, then all newsletters'", () => {
    expect(issue.html.length).toBe(3);
    expect(issue.text.length).toBe(3);
    expect(issue.slots).toEqual(["one", "all"]);
    expect(personalise(issue, "https://x/u?token=other").html).not.toContain("u.1");
    const both = personalise(issue, "https://x/u?token=one", "https://x/u?token=all");
    expect(both.text).toContain("Unsubscribe: https://x/u?token=one\nUnsubscribe from all newsletters: https://x/u?token=all");
    expect(both.html).toContain('<a href="https://x/u?token=all" style="color:#555">Unsubscribe from all newsletters</a>');
  });

  it("names its newsletter in the footer and marks a two-subject version's links", () => {
    const named = personalise(
      renderIssue({ ...content, issueId: 7, variant: "b" }, { ...site, newsletterName: "Sport" }),
      "https://x/u?token=one",
      "https://x/u?token=all",
    );
    expect(named.text).toContain("because you subscribed to Sport from The Daily Lede.");
    expect(named.text).toContain("Unsubscribe from Sport: https://x/u?token=one");
    expect(named.text).toContain("https://news.example.com/articles/free-one?ref=newsletter&issue=7&v=b");
  });

  it("fills issues frozen before 'all' existed with the one URL everywhere", () => {
    const old = { subject: "Old", html: ["a", "b"], text: ["c", "d"] };
    expect(personalise(old, "U", "ALL")).toEqual({ subject: "Old", html: "aUb", text: "cUd" });
  });
});

describe("markdownToText", () => {
  it("writes links out, keeps lists and paragraphs", () => {
    expect(markdownToText("# Big news\n\nRead [this](https://a.example/b) now.\n\n- one\n- two\n\n1. first")).toBe(
      "BIG NEWS\n\nRead this (https://a.example/b) now.\n\n- one\n- two\n\n1. first",
    );
  });
});
