import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { signInMail } from "../templates/signin";
import { Fragment, Html, jsx, raw } from "./jsx-runtime";

// What a mail client would parse back out of a text node or an attribute value.
const unescape = (s: string) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&");

describe("mail JSX", () => {
  it("escapes any text and any attribute value, so a reader's or editor's words never become markup", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), fc.string({ unit: "binary" }), (text, attr) => {
        const out = jsx("a", { href: attr, children: text }).value;
        const m = /^<a href="([^"]*)">([^<]*)<\/a>$/.exec(out);
        expect(m, out).not.toBeNull();
        expect(unescape(m![1]!)).toBe(attr);
        expect(unescape(m![2]!)).toBe(text);
      }),
    );
  });

  it("puts trusted markup in as it is, and drops what renders nothing", () => {
    const out = jsx("td", { children: [raw("<p>intro</p>"), null, false, undefined, 0, ["a", jsx(Fragment, { children: "b" })]] });
    expect(out.value).toBe("<td><p>intro</p>0ab</td>");
  });

  it("writes void elements without a closing tag and boolean attributes bare, and skips absent ones", () => {
    expect(jsx("br", {}).value).toBe("<br>");
    expect(jsx("input", { disabled: true, hidden: false, title: undefined }).value).toBe("<input disabled>");
    expect(jsx("td", { className: "x", style: "color:#555" }).value).toBe('<td class="x" style="color:#555"></td>');
  });

  it("refuses what cannot be markup: an element or attribute name from data, children of a void element", () => {
    expect(() => jsx("a onclick", {})).toThrow(/not an element name/);
    expect(() => jsx("a", { 'x"><script': "1" })).toThrow(/not an attribute name/);
    expect(() => jsx("br", { children: "x" })).toThrow(/no children/);
  });

  it("runs components with their props", () => {
    const Greeting = (p: { name: string }) => jsx("p", { children: ["Hello, ", p.name] });
    expect(jsx(Greeting as never, { name: "<Ann>" })).toEqual(new Html("<p>Hello, &lt;Ann&gt;</p>"));
  });
});

describe("the sign-in mail", () => {
  it("carries the link as its button and the code, with the site's and article's names escaped", () => {
    const mail = signInMail({ to: "r@example.com", siteName: `Daily <b>"Lede"</b>`, link: "https://news.example/verify?t=a&b=c", code: "123456", articleTitle: "Rates & <script>", isNewAccount: true });
    expect(mail.html.startsWith("<!doctype html><html lang=\"en\">")).toBe(true);
    expect(mail.html).toContain('href="https://news.example/verify?t=a&amp;b=c"');
    expect(mail.html).toContain(">123456</p>");
    expect(mail.html).toContain("Daily &lt;b&gt;&quot;Lede&quot;&lt;/b&gt;");
    expect(mail.html).toContain("Rates &amp; &lt;script&gt;");
    expect(mail.html).not.toContain("<script>");
    expect(mail.text).toContain("Sign in: https://news.example/verify?t=a&b=c");
    expect(mail.subject).toBe(`Sign in to Daily <b>"Lede"</b> with code 123456`);
  });
});
