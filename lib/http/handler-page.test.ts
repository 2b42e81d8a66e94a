// The pages route handlers answer with: React components in the site's layout and styles.
import { createElement } from "react";
import { describe, expect, it } from "vitest";
import { UnsubscribeConfirm, UnsubscribeDone } from "@/components/newsletter/unsubscribe-notice";
import { messagePage } from "./forms";
import { renderHandlerPage } from "./handler-page";

describe("pages answered by route handlers", () => {
  it("a message page keeps its status, in the site's layout, styled by app/globals.css, text escaped", async () => {
    const res = messagePage(429, "Please wait a little", "Try again in <5> minutes & then some.", "/signin");
    expect(res.status).toBe(429);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("no-store");
    const html = await res.text();
    expect(html).toMatch(/^<!doctype html><html lang="en">/);
    expect(html).toContain("<title>Please wait a little · ");
    expect(html).toMatch(/<header class="site-header">.*<a href="\/" class="site-name">/s);
    expect(html).toContain('<main id="main" class="narrow"><div class="notice"><h1>Please wait a little</h1>');
    expect(html).toContain('<p role="status">Try again in &lt;5&gt; minutes &amp; then some.</p>');
    expect(html).toContain('<a href="/signin">Go back</a>');
    expect(html).toContain('<footer class="site-footer">');
    // The stylesheet is the site's own, not a copy of parts of it.
    expect(html).toContain(".notice { background: #fff;");
    expect(html).not.toMatch(/style="/);
  });

  it("the unsubscribe confirm page posts to the same link, and the done page names the masked address", () => {
    const link = { kind: "found", maskedEmail: "a…n@example.com", newsletter: null, status: "active" } as const;
    const confirm = renderHandlerPage("Unsubscribe", createElement(UnsubscribeConfirm, { siteName: "The Test Times", link, token: "u.a/b+c" }));
    expect(confirm).toContain('<form action="/unsubscribe?token=u.a%2Fb%2Bc" method="post"><button type="submit">Unsubscribe</button></form>');
    expect(confirm).toContain("<h1>Unsubscribe from all newsletters?</h1>");
    const done = renderHandlerPage("Unsubscribed", createElement(UnsubscribeDone, { siteName: "The Test Times", link: { ...link, status: "unsubscribed" } }));
    expect(done).toContain("<h1>You are unsubscribed</h1>");
    expect(done).toContain('<p role="status"><strong>a…n@example.com</strong> will get no more newsletters from The Test Times.</p>');
    expect(renderHandlerPage("Unsubscribe", createElement(UnsubscribeDone, { siteName: "X", link: { kind: "invalid" } }))).toContain(
      "<h1>This unsubscribe link is not valid</h1>",
    );
  });
});
