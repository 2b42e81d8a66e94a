// Premium text must be absent from every response an anonymous viewer can get.
import { test, expect } from "./fixtures";

const CANARIES = ["CANARY-GATED-7f3a9", "CANARY-AUTO-41c2e"];
const ARTICLES = ["/articles/e2e-premium-gated", "/articles/e2e-premium-auto"];
const GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";

function expectNoCanary(body: string, where: string) {
  for (const canary of CANARIES) expect(body, `${canary} in ${where}`).not.toContain(canary);
}

test("article HTML, RSC payloads and Googlebot responses carry no premium text", async ({ request }) => {
  for (const path of ARTICLES) {
    const variants: [string, Record<string, string>, string][] = [
      ["html", {}, path],
      ["rsc header", { RSC: "1" }, path],
      ["rsc prefetch", { RSC: "1", "Next-Router-Prefetch": "1" }, path],
      ["_rsc query", {}, `${path}?_rsc=abc12`],
      ["googlebot", { "User-Agent": GOOGLEBOT }, path],
      ["a forged render header", { "x-lede-render": "member" }, path],
      ["HEAD", {}, path],
    ];
    for (const [name, headers, url] of variants) {
      const res = name === "HEAD" ? await request.head(url, { headers }) : await request.get(url, { headers });
      expect(res.status(), `${name} ${url}`).toBe(200);
      expectNoCanary(await res.text(), `${name} ${url}`);
    }
  }
});

test("a stale or forged session cookie gets the gate, not the text", async ({ request }) => {
  const res = await request.get(ARTICLES[0], { headers: { Cookie: "authjs.session-token=forged-value" } });
  const body = await res.text();
  expectNoCanary(body, "forged cookie");
  expect(body).toContain("to access this content");
  expect(res.headers()["cache-control"]).toContain("no-store");
});

test("metadata, Open Graph and JSON-LD describe the article without premium text", async ({ request }) => {
  const html = await (await request.get(ARTICLES[0])).text();
  const head = html.slice(0, html.indexOf("</head>"));
  expect(head).toContain('property="og:title" content="E2E premium story with a gate marker"');
  expect(head).toContain('name="description"');
  expectNoCanary(head, "head");
  const ld = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(html);
  expect(ld).not.toBeNull();
  const data = JSON.parse(ld![1]);
  expect(data["@type"]).toBe("NewsArticle");
  expect(data.isAccessibleForFree).toBe(false);
  expect(data.hasPart).toMatchObject({ "@type": "WebPageElement", isAccessibleForFree: false, cssSelector: ".premium-content" });
  expectNoCanary(ld![1], "JSON-LD");

  const free = await (await request.get("/articles/e2e-free")).text();
  const freeLd = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(free)![1]);
  expect(freeLd.isAccessibleForFree).toBe(true);
  expect(free).toContain("FREE-TAIL-9d1b");
});

test("feed, sitemap, robots and APIs carry no premium text", async ({ request }) => {
  const feed = await request.get("/feed.xml");
  expect(feed.headers()["content-type"]).toContain("rss+xml");
  const feedText = await feed.text();
  expect(feedText).toContain("E2E premium story with a gate marker");
  expect(feedText).toContain("FREE-TAIL-9d1b");
  expectNoCanary(feedText, "feed.xml");

  const sitemap = await (await request.get("/sitemap.xml")).text();
  expect(sitemap).toContain("/articles/e2e-premium-gated");
  expectNoCanary(sitemap, "sitemap.xml");

  const robots = await (await request.get("/robots.txt")).text();
  expect(robots).toContain("Sitemap:");

  for (const url of ["/api/auth/session", "/api/health", "/api/auth/providers"]) {
    expectNoCanary(await (await request.get(url)).text(), url);
  }
});

test("a member's response is private and not stored; the member gets the text", async ({ page, signIn }) => {
  await signIn(page, `leak-member-${Date.now()}@example.com`, ARTICLES[0]);
  const res = await page.request.get(ARTICLES[0]);
  expect(res.headers()["cache-control"]).toMatch(/private/);
  expect(res.headers()["cache-control"]).toMatch(/no-store/);
  expect(await res.text()).toContain(CANARIES[0]);
  // …and right after, an anonymous request still gets the gate.
  const anonymous = await page.context().browser()!.newContext();
  const anon = await anonymous.request.get(ARTICLES[0]);
  expectNoCanary(await anon.text(), "anonymous after member");
  await anonymous.close();
});

test("unknown slugs get a proper 404 page", async ({ page }) => {
  const res = await page.goto("/articles/no-such-article-here");
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
});
