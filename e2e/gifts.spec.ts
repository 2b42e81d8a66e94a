// Gift links (README: "Gift links"): a member gifts a premium article; a fresh browser reads
// it in full under "Shared by a member of …", joins from it, and the desk credits the gift.
// A link opens only its own article and stops on expiry, its member's account deletion and
// gifts switched off (on every web process); a member past the month's allowance gets none.
import type { Browser, Page } from "@playwright/test";
import { test, expect, linkIn, randomIp, uniqueEmail, E2E } from "./fixtures";
import { writeArticle } from "./desk-page";
import { hasMainDb, withMainDb } from "./support/main-db";
import { webOrigins } from "./support/env";

test.describe.configure({ mode: "serial" });

const run = Date.now().toString(36);
const story = (name: string) => ({
  title: `Gift ${name} ${run}`,
  slug: `gift-${name}-${run}`,
  lede: `The free lede of gift ${name} ${run}.`,
  premium: `GIFT-CANARY-${name}-${run} is the premium part.`,
});
const A = story("a");
const B = story("b");

// A desktop browser: Playwright's own user agent says HeadlessChrome, which counts as a bot.
const DESKTOP = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

/** A browser with no cookies of its own, on its own client network. */
async function fresh(browser: Browser, userAgent = DESKTOP) {
  const context = await browser.newContext({ userAgent, extraHTTPHeaders: { "X-Forwarded-For": randomIp() } });
  return { context, page: await context.newPage() };
}

/** The member clicks "Gift this article" on `slug` and reads the link off the page. */
async function gift(page: Page, slug: string): Promise<string> {
  await page.goto(`/articles/${slug}`);
  await page.getByRole("button", { name: "Gift this article" }).click();
  const link = page.getByTestId("gift-link");
  await expect(link).toHaveValue(new RegExp(`/articles/${slug}/gift/[A-Za-z0-9_-]{43}$`));
  return link.inputValue();
}

/** What every way of asking for `url` carries: none of them may hold `canary`. */
async function expectNoPremium(page: Page, url: string, canary: string) {
  const channels: [string, Record<string, string>, "get" | "head"][] = [
    ["html", {}, "get"],
    ["rsc", { RSC: "1" }, "get"],
    ["prefetch", { RSC: "1", "Next-Router-Prefetch": "1" }, "get"],
    ["head", {}, "head"],
  ];
  for (const [name, headers, method] of channels) {
    const res = await page.request[method](url, { headers });
    expect(res.status(), `${name} ${url}`).toBeLessThan(500);
    if (method === "get") expect(await res.text(), `${name} ${url}`).not.toContain(canary);
  }
}

const giftTokenOf = (link: string) => link.slice(link.lastIndexOf("/") + 1);

let member: { email: string; page: Page; close: () => Promise<void> };
let giftLink = "";

test.beforeAll(async ({ browser }) => {
  // The suite's editor and a member of this spec's own (signed in through the mail).
  const editor = await browser.newContext({ storageState: `${process.env.E2E_STATE_DIR}/editor.json`, extraHTTPHeaders: { "X-Forwarded-For": randomIp() } });
  const ep = await editor.newPage();
  for (const s of [A, B]) {
    await writeArticle(ep, { title: s.title, slug: s.slug, body: `${s.lede}\n\n<!-- gate -->\n\n${s.premium}`, premium: true }, "Publish");
  }
  await editor.close();
});

test.afterAll(async () => {
  await member?.close();
});

test("a member gifts an article; a fresh browser reads it in full, privately, and joins from it; the desk credits the gift", async ({ browser, signIn, mail, editorPage }) => {
  const context = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": randomIp() } });
  const page = await context.newPage();
  const email = uniqueEmail("giver");
  await signIn(page, email, `/articles/${A.slug}`);
  member = { email, page, close: () => context.close() };
  giftLink = await gift(page, A.slug);
  await expect(page.getByTestId("gift-status")).toHaveText(/You have 9 gift links left this month/);

  // Anonymous readers never see the button; nor does a free article's reader.
  const stranger = await fresh(browser);
  await stranger.page.goto(`/articles/${A.slug}`);
  await expect(stranger.page.getByTestId("gate")).toBeVisible();
  await expect(stranger.page.getByRole("button", { name: "Gift this article" })).toHaveCount(0);

  // The gift page: the whole article, its note above, the join form below, private and unindexed.
  const response = await stranger.page.goto(giftLink);
  const headers = response!.headers();
  expect(headers["cache-control"]).toContain("private");
  expect(headers["cache-control"]).toContain("no-store");
  expect(headers["x-robots-tag"]).toContain("noindex");
  expect(headers["referrer-policy"]).toBe("no-referrer");
  await expect(stranger.page.locator('meta[name="robots"]')).toHaveAttribute("content", /noindex/);
  await expect(stranger.page.locator('meta[name="referrer"]')).toHaveAttribute("content", "no-referrer");
  await expect(stranger.page.getByTestId("gift-note")).toHaveText(`Shared by a member of ${E2E.siteName}`);
  await expect(stranger.page.getByText(A.premium)).toBeVisible();
  await expect(stranger.page.getByTestId("gate")).toHaveCount(0);

  // A link on the page sends no Referer: the token never leaves with the reader.
  const referers: (string | undefined)[] = [];
  stranger.page.on("request", (r) => {
    if (r.url().startsWith(new URL(giftLink).origin) && !r.url().includes("/gift/")) referers.push(r.headers()["referer"]);
  });
  await stranger.page.getByRole("link", { name: E2E.siteName }).first().click();
  await expect(stranger.page).toHaveURL(/\/$/);
  expect(referers.length).toBeGreaterThan(0);
  for (const r of referers) expect(r ?? "", "no Referer carries the gift link").not.toContain("/gift/");

  // Join from the gift page, confirm through the mail: back on the article, a member now.
  await stranger.page.goto(giftLink);
  const joiner = uniqueEmail("gift-joiner");
  const form = stranger.page.getByTestId("gift-join");
  await form.getByLabel("Email address").fill(joiner);
  await form.getByRole("button", { name: "Join" }).click();
  await expect(stranger.page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
  await stranger.page.goto(linkIn(await mail.waitFor(joiner)));
  await stranger.page.getByRole("button", { name: "Continue" }).click();
  await expect(stranger.page).toHaveURL(new RegExp(`/articles/${A.slug}$`));
  await expect(stranger.page.getByText(A.premium)).toBeVisible();
  await stranger.context.close();
  // A crawler, an archive or a link preview that got hold of the link gets the free part only,
  // and is no open of it; so is a request that names no browser.
  const crawler = await fresh(browser, "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)");
  await crawler.page.goto(giftLink);
  await expect(crawler.page.getByTestId("gate")).toBeVisible();
  expect(await crawler.page.content()).not.toContain(A.premium);
  await expectNoPremium(crawler.page, giftLink, A.premium);
  await crawler.context.close();
  const noAgent = await page.request.get(giftLink, { headers: { "User-Agent": "" } });
  expect(await noAgent.text()).not.toContain(A.premium);

  // The member's account lists the gift: opened twice (the two visits above), one join.
  await page.goto("/account");
  const row = page.getByTestId("gift-table").getByRole("row", { name: new RegExp(A.title) });
  await expect(row.getByRole("cell").nth(3)).toHaveText("2 times");
  await expect(row.getByRole("cell").nth(4)).toHaveText("1");
  await expect(page.getByTestId("gift-allowance")).toContainText("You can gift 9 more premium articles this month");

  // The desk: the gift is a source of its own, with its join and confirmation (counted every few seconds).
  await expect(async () => {
    await editorPage.goto("/desk/insight?days=7");
    const giftRow = editorPage.locator('[data-testid="sources"] tr[data-source="gift"] td');
    await expect(giftRow.nth(2)).not.toHaveText("0", { timeout: 1000 }); // joins
    await expect(giftRow.nth(3)).not.toHaveText("0", { timeout: 1000 }); // confirmed
  }).toPass({ timeout: 30_000 });
  const figures = editorPage.getByTestId("gift-figures");
  await expect(figures.getByRole("row", { name: /Gift links members made/ }).getByRole("cell").first()).not.toHaveText("0");
  await expect(figures.getByRole("row", { name: /Joins from gift links/ }).getByRole("cell").first()).not.toHaveText("0");
});

test("a gift link opens only its own article: on another slug, forged or altered it is the gate with no premium text anywhere", async ({ browser }) => {
  const token = giftTokenOf(giftLink);
  const { context, page } = await fresh(browser);
  const forged = `${"A".repeat(42)}B`;
  const altered = `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`;
  const attempts = [
    [`/articles/${B.slug}/gift/${token}`, B],
    [`/articles/${A.slug}/gift/${forged}`, A],
    [`/articles/${A.slug}/gift/${altered}`, A],
    [`/articles/${A.slug}/gift/${token.toLowerCase()}`, A],
    [`/articles/${A.slug}/gift/${token}x`, A],
    [`/articles/${A.slug}/gift/${encodeURIComponent(" " + token)}`, A],
  ] as const;
  for (const [url, s] of attempts) {
    await page.goto(url);
    await expect(page.getByTestId("gate"), url).toBeVisible();
    await expect(page.getByTestId("gift-note")).toHaveCount(0);
    expect(await page.content(), url).not.toContain(s.premium);
    await expectNoPremium(page, url, s.premium);
  }
  // The token that works: every channel of its own page is private.
  const res = await page.request.get(giftLink, { headers: { RSC: "1" } });
  expect(res.headers()["cache-control"]).toContain("no-store");
  await context.close();
});

test("switching gift links off stops every link on every web process at once; on again, they open again", async ({ browser, editorPage }) => {
  const setGifts = async (enabled: boolean) => {
    await editorPage.goto("/desk/settings");
    await editorPage.getByLabel(/^Gift links on/).setChecked(enabled);
    await editorPage.getByRole("button", { name: "Save gift link settings" }).click();
    await expect(editorPage.getByTestId("desk-notice")).toHaveText(/^Gift link settings saved/);
  };
  const { context, page } = await fresh(browser);
  const path = new URL(giftLink).pathname;
  await setGifts(false);
  try {
    for (const origin of webOrigins()) {
      await page.goto(`${origin}${path}`);
      await expect(page.getByTestId("gate")).toBeVisible();
      await expectNoPremium(page, `${origin}${path}`, A.premium);
      // The member's page offers no gift while they are off.
      await member.page.goto(`${origin}/articles/${A.slug}`);
      await expect(member.page.getByText(A.premium)).toBeVisible();
      await expect(member.page.getByRole("button", { name: "Gift this article" })).toHaveCount(0);
    }
    const refused = await member.page.request.post(`/articles/${A.slug}/gift`, { headers: { Accept: "application/json", Origin: new URL(giftLink).origin } });
    expect(refused.status()).toBe(403);
  } finally {
    await setGifts(true);
  }
  for (const origin of webOrigins()) {
    await page.goto(`${origin}${path}`);
    await expect(page.getByText(A.premium)).toBeVisible();
  }
  await context.close();
});

test("an expired link is the gate", async ({ browser }) => {
  test.skip(!hasMainDb(), "needs the main app's PostgreSQL database to move a gift's expiry into the past");
  const { context, page } = await fresh(browser);
  const link = await gift(member.page, B.slug);
  await page.goto(link);
  await expect(page.getByText(B.premium)).toBeVisible();
  await withMainDb((sql) => sql`update gift set expires_at = now() - interval '1 second' where article_id = (select id from article where slug = ${B.slug})`);
  for (const origin of webOrigins()) {
    await page.goto(`${origin}${new URL(link).pathname}`);
    await expect(page.getByTestId("gate")).toBeVisible();
    await expectNoPremium(page, `${origin}${new URL(link).pathname}`, B.premium);
  }
  await member.page.goto("/account");
  await expect(member.page.getByTestId("gift-table").getByRole("row", { name: new RegExp(B.title) })).toContainText("Expired");
  await context.close();
});

test("a member past the month's gifts gets no link, and the refusal says when they can gift again", async ({ browser, signIn }) => {
  const context = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": randomIp() } });
  const page = await context.newPage();
  await signIn(page, uniqueEmail("generous"), `/articles/${A.slug}`);
  const origin = new URL(giftLink).origin;
  for (let i = 0; i < 10; i++) {
    const made = await page.request.post(`/articles/${A.slug}/gift`, { headers: { Accept: "application/json", Origin: origin } });
    expect(made.status(), `gift ${i + 1}`).toBe(200);
  }
  await page.goto(`/articles/${A.slug}`);
  await page.getByRole("button", { name: "Gift this article" }).click();
  await expect(page.getByTestId("gift-status")).toHaveText(/You have used your 10 gift links for this month/);
  await expect(page.getByTestId("gift-link")).toHaveCount(0);
  const refused = await page.request.post(`/articles/${A.slug}/gift`, { headers: { Accept: "application/json", Origin: origin } });
  expect(refused.status()).toBe(429);
  expect(await refused.text()).not.toContain("/gift/");
  // Without JavaScript: the same refusal as a page, and no link.
  const plain = await page.request.post(`/articles/${A.slug}/gift`, { headers: { Origin: origin }, form: {} });
  expect(plain.status()).toBe(429);
  expect(await plain.text()).toContain("You have used your 10 gift links");
  // Nobody without an account makes one; nor does a post from another site.
  const anonymous = await (await fresh(browser)).page.request.post(`/articles/${A.slug}/gift`, { headers: { Accept: "application/json", Origin: origin } });
  expect(anonymous.status()).toBe(401);
  const crossSite = await page.request.post(`/articles/${A.slug}/gift`, { headers: { Accept: "application/json", Origin: "https://evil.example" } });
  expect(crossSite.status()).toBe(400);
  await context.close();
});

test("a member's links stop when they delete their account", async ({ browser }) => {
  const { context, page } = await fresh(browser);
  await page.goto(giftLink);
  await expect(page.getByText(A.premium)).toBeVisible();
  const p = member.page;
  await p.goto("/account/delete");
  await p.getByLabel("Yes, delete my account and everything in it").check();
  await p.getByRole("button", { name: "Delete my account" }).click();
  await expect(p.getByRole("heading", { name: "Your account has been deleted" })).toBeVisible();
  for (const origin of webOrigins()) {
    await page.goto(`${origin}${new URL(giftLink).pathname}`);
    await expect(page.getByTestId("gate")).toBeVisible();
    await expectNoPremium(page, `${origin}${new URL(giftLink).pathname}`, A.premium);
  }
  await context.close();
});
