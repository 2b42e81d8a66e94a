// The reader's side of the meter: a few free premium reads, counted down, then the wall;
// without a cookie counted per network; a cookie that is not ours, members-only articles
// and the meter switched off all get the gate, with no premium text on any channel.
// Runs in its own project (playwright.config.ts): the meter is site-wide.
import type { Browser, Page } from "@playwright/test";
import { test, expect, linkIn, uniqueEmail } from "./fixtures";
import { makeMembersOnly, setMeter, writeArticle } from "./desk-page";
import { MailClient } from "./support/mail-client";
import { MAIN_URL, webOrigins } from "./support/env";

test.describe.configure({ mode: "serial" });

const run = Date.now().toString(36);
const story = (name: string) => ({
  title: `Meter ${name} ${run}`,
  slug: `meter-${name}-${run}`,
  lede: `The free lede of ${name} ${run}.`,
  premium: `METER-CANARY-${name}-${run} is the premium part.`,
});
const A = story("a");
const B = story("b");
const C = story("c");
const M = story("members");
const ALL = [A, B, C, M];

let network = 40;
/** A new browser, alone on its own client network unless one is given. */
async function reader(browser: Browser, net = ++network, host = 1) {
  const context = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": `10.${net}.7.${host}` } });
  return { context, page: await context.newPage() };
}

async function open(page: Page, s: ReturnType<typeof story>, origin = MAIN_URL) {
  await page.goto(`${origin}/articles/${s.slug}`);
  return {
    notice: page.getByTestId("meter-notice"),
    spent: page.getByTestId("meter-spent"),
    gate: page.getByTestId("gate"),
    premium: page.getByText(s.premium),
  };
}

test("the editor publishes metered and members-only articles and switches the meter on", async ({ editorPage: editor }) => {
  for (const s of ALL) {
    await writeArticle(editor, { title: s.title, slug: s.slug, body: `${s.lede}\n\n<!-- gate -->\n\n${s.premium}`, premium: true }, "Publish");
  }
  await makeMembersOnly(editor, M.title);
  await setMeter(editor, { enabled: true, allowance: 2, period: "month" });
});

test("two metered articles read in full with the notice counting down, a re-read is free, the third meets the wall", async ({ browser }) => {
  const { context, page } = await reader(browser);
  let a = await open(page, A);
  await expect(a.premium).toBeVisible();
  await expect(a.notice).toContainText("You have 1 free article left this month. Join free to read without limits.");
  const b = await open(page, B);
  await expect(b.premium).toBeVisible();
  await expect(b.notice).toContainText("This is your last free article this month.");
  a = await open(page, A); // read again: free
  await expect(a.premium).toBeVisible();
  const c = await open(page, C);
  await expect(c.spent).toHaveText("You’ve read your 2 free articles this month.");
  await expect(c.gate.getByRole("heading")).toHaveText(/Join .* to access this content/);
  await expect(c.premium).toHaveCount(0);
  expect(await page.content()).not.toContain(C.premium);
  // The members' render is not the meter's: the masthead still offers to sign in.
  await expect(page.getByRole("link", { name: "Sign in" }).first()).toBeVisible();
  await context.close();
});

test("a spent reader gets no premium text on any channel, and neither does anyone for a members-only article", async ({ browser }) => {
  const { context, page } = await reader(browser);
  await open(page, A);
  await open(page, B);
  const request = page.request;
  const channels: [string, Record<string, string>, string][] = [
    ["html", {}, ""],
    ["rsc", { RSC: "1" }, ""],
    ["rsc query", { RSC: "1" }, "?_rsc=x1y2z"],
    ["prefetch", { RSC: "1", "Next-Router-Prefetch": "1" }, ""],
    ["segment prefetch", { RSC: "1", "Next-Router-Segment-Prefetch": "/_tree" }, ""],
    ["googlebot", { "User-Agent": "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)" }, ""],
  ];
  for (const s of [C, M]) {
    for (const [name, headers, query] of channels) {
      const res = await request.get(`/articles/${s.slug}${query}`, { headers });
      const body = await res.text();
      expect(body, `${name} of ${s.slug}`).not.toContain(s.premium);
      expect(res.headers()["cache-control"], `${name} of ${s.slug}`).toMatch(/private|must-revalidate/);
    }
    const html = await (await request.get(`/articles/${s.slug}`)).text();
    expect(html).toContain('"isAccessibleForFree":false');
    expect(html).toContain('"hasPart"');
  }
  for (const url of ["/feed.xml", "/sitemap.xml"]) {
    const body = await (await request.get(url)).text();
    for (const s of ALL) expect(body, url).not.toContain(s.premium);
  }
  // A free read's response is the reader's alone.
  const fresh = await reader(browser);
  const res = await fresh.page.request.get(`/articles/${A.slug}`);
  expect(await res.text()).toContain(A.premium);
  expect(res.headers()["cache-control"]).toBe("private, no-store");
  await Promise.all([context.close(), fresh.context.close()]);
});

test("a members-only article is gated for a reader with free reads left", async ({ browser }) => {
  const { context, page } = await reader(browser);
  const m = await open(page, M);
  await expect(m.gate).toBeVisible();
  await expect(m.notice).toHaveCount(0);
  await expect(m.spent).toHaveCount(0);
  await expect(m.premium).toHaveCount(0);
  const a = await open(page, A); // the allowance is untouched
  await expect(a.notice).toContainText("You have 1 free article left");
  await context.close();
});

test("a cookie that is not the meter's own counts as spent", async ({ browser }) => {
  const { context, page } = await reader(browser);
  await open(page, A);
  const [cookie] = (await context.cookies()).filter((c) => c.name === "lede-meter");
  expect(cookie.httpOnly).toBe(true);
  for (const forged of [`${cookie.value.slice(0, -1)}A`, cookie.value.replace(/\.([^.]*)$/, "."), "v1..AAAAAAAAAAAAAAAAAAAAAA", `${cookie.value}%`, "%E0%A4%A", "x".repeat(600)]) {
    await context.addCookies([{ ...cookie, value: forged }]);
    const b = await open(page, B);
    await expect(b.spent).toBeVisible();
    await expect(b.premium).toHaveCount(0);
  }
  await context.close();
});

test("fresh browsers on one network sample again, up to the network's daily cap", async ({ browser }) => {
  const net = ++network;
  // The main app runs with LEDE_METER_DAILY_CAP=3: three browsers that bring no cookie.
  for (let host = 1; host <= 3; host++) {
    const { context, page } = await reader(browser, net, host);
    await expect((await open(page, A)).premium).toBeVisible();
    await context.close();
  }
  const { context, page } = await reader(browser, net, 4);
  const a = await open(page, A);
  await expect(a.gate).toBeVisible();
  await expect(a.premium).toHaveCount(0);
  await context.close();
  // Another network is not held back.
  const other = await reader(browser);
  await expect((await open(other.page, A)).premium).toBeVisible();
  await other.context.close();
});

test("a reader who keeps putting back an older cookie reads no more than the allowance", async ({ browser }) => {
  const { context, page } = await reader(browser);
  await expect((await open(page, A)).notice).toContainText("You have 1 free article left");
  const [old] = (await context.cookies()).filter((c) => c.name === "lede-meter");
  // The cookie from after one read, put back before each new article: the browser's
  // reads are counted in the database too, so the second article is its last.
  await context.addCookies([old]);
  await expect((await open(page, B)).premium).toBeVisible();
  await context.addCookies([old]);
  const c = await open(page, C);
  await expect(c.spent).toBeVisible();
  await expect(c.premium).toHaveCount(0);
  await expect((await open(page, A)).premium).toBeVisible(); // a re-read is still free
  await context.close();
});

test("a meter cookie copied into a browser on another network reads nothing there, and its owner still re-reads", async ({ browser }) => {
  const owner = await reader(browser);
  await expect((await open(owner.page, A)).premium).toBeVisible();
  await expect((await open(owner.page, B)).premium).toBeVisible();
  const cookies = (await owner.context.cookies()).filter((c) => c.name === "lede-meter");
  for (let i = 0; i < 3; i++) {
    const other = await reader(browser);
    await other.context.addCookies(cookies);
    for (const s of [A, B]) {
      const seen = await open(other.page, s);
      await expect(seen.spent, `${s.slug} in copy ${i}`).toBeVisible();
      await expect(seen.premium).toHaveCount(0);
    }
    await other.context.close();
  }
  await expect((await open(owner.page, A)).premium).toBeVisible();
  await owner.context.close();
});

test("parallel page loads with one cookie, on every web process, read no more than the allowance", async ({ browser, playwright }) => {
  const net = ++network;
  const { context, page } = await reader(browser, net);
  await expect((await open(page, A)).notice).toContainText("You have 1 free article left");
  const cookie = (await context.cookies()).find((c) => c.name === "lede-meter")!;
  // The same browser (its cookie, its network) asks for two new articles eight times at once.
  const request = await playwright.request.newContext({ extraHTTPHeaders: { "X-Forwarded-For": `10.${net}.7.1`, Cookie: `lede-meter=${cookie.value}` } });
  const origins = webOrigins();
  const pages = await Promise.all(
    Array.from({ length: 8 }, (_, i) => request.get(`${origins[i % origins.length]}/articles/${[B, C][i % 2].slug}`).then((r) => r.text())),
  );
  await request.dispose();
  const full = pages.filter((html) => html.includes(B.premium) || html.includes(C.premium));
  expect(full).toHaveLength(1);
  // The rest meet the gate: the browser's allowance, or past it the network's daily cap.
  expect(pages.filter((html) => html.includes('data-testid="gate"'))).toHaveLength(7);
  await context.close();
});

test("joining from the meter's notice lands back on the article, signed in", async ({ browser }) => {
  const mail = new MailClient();
  const email = uniqueEmail("metered-joiner");
  const { context, page } = await reader(browser);
  const a = await open(page, A);
  await a.notice.getByLabel("Email address").fill(email);
  await a.notice.getByRole("button", { name: "Join" }).click();
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
  await page.goto(linkIn(await mail.waitFor(email)));
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(new RegExp(`/articles/${A.slug}$`));
  await expect(page.getByTestId("signed-in-as")).toHaveText(email);
  await expect(page.getByText(A.premium)).toBeVisible();
  await expect(page.getByTestId("meter-notice")).toHaveCount(0); // members never see the meter
  await context.close();
});

test("the meter switched off gates everything at once, on every web process", async ({ browser, editorPage: editor }) => {
  const { context, page } = await reader(browser);
  await expect((await open(page, A)).premium).toBeVisible();
  const origins = webOrigins();
  if (origins.length === 1) test.info().annotations.push({ type: "one process", description: "PGlite: no second web process to check" });
  for (const origin of origins) await open(page, B, origin); // the second one's cache is warm too
  await setMeter(editor, { enabled: false });
  for (const origin of origins) {
    for (const s of [A, B]) {
      const seen = await open(page, s, origin);
      await expect(seen.gate, `${s.slug} on ${origin}`).toBeVisible();
      await expect(seen.notice).toHaveCount(0);
      expect(await page.content(), `${s.slug} on ${origin}`).not.toContain(s.premium);
    }
  }
  await context.close();
});
