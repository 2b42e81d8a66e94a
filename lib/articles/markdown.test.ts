import { describe, expect, it } from "vitest";
import { renderMarkdown } from "./markdown";

describe("renderMarkdown sanitising", () => {
  it.each([
    ["<script>alert(1)</script>", /<script/i],
    ['<img src=x onerror="alert(1)">', /onerror/i],
    ["[click](javascript:alert(1))", /javascript:/i],
    ["![x](data:image/svg+xml;base64,PHN2Zz4=)", /data:/i],
    ['<a href="javascript:alert(1)">x</a>', /javascript:/i],
    ['<svg onload="alert(1)"></svg>', /onload|<svg/i],
    ['<iframe src="https://evil.example"></iframe>', /<iframe/i],
    ['<div style="background:url(javascript:alert(1))">x</div>', /javascript:|style=/i],
  ])("renders %j inert", (payload, forbidden) => {
    expect(renderMarkdown(payload)).not.toMatch(forbidden);
  });

  it("keeps ordinary formatting and safe links", () => {
    const html = renderMarkdown("## Head\n\n**Bold** and [a link](https://example.com/x).");
    expect(html).toContain("<h2>Head</h2>");
    expect(html).toContain("<strong>Bold</strong>");
    expect(html).toContain('href="https://example.com/x"');
  });
});
