// The sign-in mail (and every composed mail) is built as MIME here, not by nodemailer's
// composer: what a mail client reads of it must be what the message said.
import { simpleParser } from "mailparser";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { composedMime } from "./mime";
import { signInMail } from "./templates/signin";

describe("a composed mail as MIME", () => {
  it("reads back as the sign-in mail it was: from, to, subject, text, html, headers", async () => {
    const m = signInMail({ to: "Reader@Example.com", siteName: "Le Café — Quotidien", link: "https://news.example/signin/verify?token=abc_DEF-123", code: "042917", articleTitle: "Ça va «bien»", isNewAccount: true });
    const built = composedMime({ ...m, headers: { "X-Test": "plain", "X-Accented": "été ok", ...m.headers } }, '"The Daily Lede" <news@example.com>');
    expect(built).not.toBeNull();
    expect(built!.mime).toMatch(/^[\x00-\x7f]*$/);
    expect(built!.mime.split("\r\n").every((l) => l.length <= 998)).toBe(true);
    const parsed = await simpleParser(built!.mime);
    expect(parsed.from?.value[0]).toMatchObject({ name: "The Daily Lede", address: "news@example.com" });
    expect((parsed.to as { value: { address: string }[] }).value[0].address).toBe("Reader@Example.com");
    expect(parsed.subject).toBe(m.subject);
    expect(parsed.text?.trim()).toBe(m.text.trim());
    expect(parsed.html).toBe(m.html);
    expect(parsed.headers.get("x-test")).toBe("plain");
    // A header value that is not ASCII goes as encoded words (RFC 2047), as nodemailer wrote it.
    expect(built!.mime).toContain("X-Accented: =?UTF-8?Q?=C3=A9t=C3=A9?= ok\r\n");
    expect(parsed.messageId).toBe(built!.messageId);
    expect(built!.from).toBe("news@example.com");
  });

  it("any text survives the encoding", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: "grapheme", maxLength: 300 }), fc.string({ unit: "grapheme", maxLength: 80 }), async (body, subject) => {
        const built = composedMime({ to: "a@example.com", subject, text: body, html: `<p>${body}</p>` }, "news@example.com");
        const parsed = await simpleParser(built!.mime);
        // A part's last line break belongs to the boundary after it (RFC 2046).
        expect((parsed.text ?? "").replace(/\n+$/, "")).toBe(body.replace(/\r\n?/g, "\n").replace(/\n+$/, ""));
        expect((parsed.subject ?? "").replace(/\s+/g, " ").trim()).toBe(subject.replace(/[\r\n]+/g, " ").replace(/\s+/g, " ").trim());
      }),
      { numRuns: 100 },
    );
  });

  it("leaves to nodemailer what it must encode itself: a non-ASCII address, an odd header name", () => {
    expect(composedMime({ to: "jürgen@example.com", subject: "s", text: "t", html: "h" }, "news@example.com")).toBeNull();
    expect(composedMime({ to: "a@example.com", subject: "s", text: "t", html: "h" }, '"N" <nëws@example.com>')).toBeNull();
    expect(composedMime({ to: "a@example.com", subject: "s", text: "t", html: "h", headers: { "Bad Name": "x" } }, "news@example.com")).toBeNull();
  });
});
