// The insight page as an editor reads it after readers came: views from search, from a
// newsletter link and from another site, on two web processes, bots apart; joins from
// search and from the newsletter, one confirmed with the newsletter; the funnel and its
// rates, the articles table, the sources, and the CSV with the same numbers. Then a web
// process that stops saves what it counted.
import { spawn } from "node:child_process";
import path from "node:path";
import postgres from "postgres";
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { writeArticle } from "./desk-page";
import { test, expect, linkIn, randomIp, uniqueEmail } from "./fixtures";
import { MailClient } from "./support/mail-client";
import { E2E, MAIN_URL, SECOND_URL } from "./support/env";

test.skip(
  !process.env.E2E_DATABASE_URL,
  "needs DATABASE_URL: views from two web processes add up in PostgreSQL (the embedded database is one process's)",
);

// A desktop browser: Playwright's own user agent says HeadlessChrome, which counts as a bot.
const DESKTOP = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36";

async function reader(browser: Browser, userAgent: string | undefined = DESKTOP): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ ...(userAgent ? { userAgent } : {}), extraHTTPHeaders: { "X-Forwarded-For": randomIp() } });
  return { context, page: await context.newPage() };
}

async function join(page: Page, email: string, newsletter = false) {
  await page.getByLabel("Email address").fill(email);
  if (newsletter) await page.getByLabel(/newsletters? .*too \(unsubscribe at any time\)/).check();
  await page.getByRole("button", { name: "Join" }).click();
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
}

/** The numbers of a CSV line (RFC 4180, no quoted commas in these). */
const csvRowOf = (csv: string, slug: string) => csv.split("\r\n").find((l) => l.split(",")[1] === slug)?.split(",");

test("what readers did shows up on the insight page, per article, per source and in the CSV, with its rates", async ({ editorPage: editor, browser }) => {
  test.setTimeout(120_000);
  const run = Date.now().toString(36);
  const slug = `insight-probe-${run}`;
  const title = `Insight probe ${run}`;
  const id = await writeArticle(
    editor,
    { title, slug, body: `The lede.\n\nMore lede.\n\n<!-- gate -->\n\nPremium ${run}.\n\nMore premium.`, premium: true },
    "Publish",
  );
  const url = `/articles/${slug}`;
  const mail = new MailClient();
  const fromSearch = uniqueEmail("search");
  const fromNewsletter = uniqueEmail("letter");

  // Gate views: from search (three readers, one on the second web process), from a
  // newsletter link, from another site; a crawler apart.
  const a = await reader(browser);
  await a.page.goto(url, { referer: "https://www.google.com/" });
  await expect(a.page.getByRole("heading", { name: /Join .* to access this content/ })).toBeVisible();
  const b = await reader(browser);
  await b.page.goto(`${url}?ref=newsletter&issue=424242`);
  await join(b.page, fromNewsletter);
  const c = await reader(browser);
  await c.page.goto(url, { referer: "https://www.google.com/" });
  await join(c.page, fromSearch, true);
  const d = await reader(browser);
  await d.page.goto(`${SECOND_URL}${url}`, { referer: "https://www.bing.com/search?q=probe" });
  await expect(d.page.getByRole("heading", { name: /Join .* to access this content/ })).toBeVisible();
  const e = await reader(browser);
  await e.page.goto(url, { referer: `https://probe-${run}.example/links` });
  const bot = await reader(browser, "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)");
  await bot.page.goto(url);

  // The reader from search confirms from the mail and lands back on the article, a member.
  await c.page.goto(linkIn(await mail.waitFor(fromSearch)));
  await c.page.getByRole("button", { name: "Continue" }).click();
  await expect(c.page).toHaveURL(new RegExp(`${url}$`));
  await expect(c.page.getByText(`Premium ${run}.`)).toBeVisible();

  // After the flush (every few seconds), the article's own funnel: 6 views (1 a member's),
  // 5 gate views, 2 joins, 1 confirmed, 1 newsletter subscriber.
  await expect(async () => {
    await editor.goto(`/desk/articles/${id}`);
    await expect(editor.getByTestId("views-7")).toHaveText("6", { timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  const funnel = editor.getByTestId("article-funnel");
  const step = (name: string) => funnel.locator(`tr[data-step="${name}"]`);
  await expect(step("gateViews").locator("td").nth(0)).toHaveText("5");
  await expect(step("gateViews").locator("td").nth(1)).toHaveText("83%"); // of views
  await expect(step("joins").locator("td").nth(0)).toHaveText("2");
  await expect(step("joins").locator("td").nth(1)).toHaveText("40%"); // joins per gate view
  await expect(step("confirmed").locator("td").nth(0)).toHaveText("1");
  await expect(step("confirmed").locator("td").nth(1)).toHaveText("50%");
  await expect(step("subscribed").locator("td").nth(0)).toHaveText("1");
  await expect(step("subscribed").locator("td").nth(1)).toHaveText("100%");

  // The insight page: the article's row, sortable; the sources; the CSV agrees.
  await editor.goto("/desk/insight?days=7");
  const row = editor.locator(`[data-testid="article-funnels"] tr[data-slug="${slug}"]`);
  await expect(row.locator("td")).toHaveText(["6", "5", "2", "1", "1", "40%"]);
  await editor.getByRole("link", { name: "Conversion" }).click();
  await expect(editor).toHaveURL(/sort=conversion/);
  await expect(editor.getByTestId("article-funnels").getByRole("columnheader", { name: /Conversion/ })).toHaveAttribute("aria-sort", "descending");
  await expect(editor.locator(`[data-testid="sources"] tr[data-host="probe-${run}.example"] td`).nth(0)).toHaveText("1");
  const search = editor.locator(`[data-testid="sources"] tr[data-source="search"]`);
  await expect(search).toBeVisible();
  const csv = (await (await editor.request.get("/desk/insight/export.csv?days=7")).text()).replace(/^\uFEFF/, "");
  expect(csv.split("\r\n")[0]).toBe(
    "article,slug,status,views,member_views,gate_views,metered_reads,spent_gates,joins,confirmed,newsletter_subscribers,conversion",
  );
  expect(csvRowOf(csv, slug)).toEqual([title, slug, "published", "6", "1", "5", "0", "0", "2", "1", "1", "0.4000"]);

  // A period or order typed by hand that the desk does not offer: 30 days by gate views.
  await editor.goto(`/desk/insight?days=${encodeURIComponent("7 or 1=1")}&sort=%3Cscript%3E`);
  await expect(editor.getByRole("heading", { name: "Articles, last 30 days" })).toBeVisible();
  await expect(editor.getByTestId("article-funnels").getByRole("columnheader", { name: /Gate views/ })).toHaveAttribute("aria-sort", "descending");
  const fallback = await editor.request.get("/desk/insight/export.csv?days=0x7&sort=joins%00");
  expect(fallback.status()).toBe(200);
  expect(fallback.headers()["content-disposition"]).toContain("insight-30-days-");

  // Readers see none of it: the page and the CSV are the desk's.
  const anon = await reader(browser);
  expect((await anon.page.request.get(`${MAIN_URL}/desk/insight/export.csv`)).status()).toBe(403);
  for (const r of [a, b, c, d, e, bot, anon]) await r.context.close();
});

test("a web process that stops saves the views it counted", async ({ editorPage: editor }) => {
  test.setTimeout(120_000);
  const run = Date.now().toString(36);
  const slug = `insight-stop-${run}`;
  await writeArticle(editor, { title: `Insight stop ${run}`, slug, body: `Lede.\n\n<!-- gate -->\n\nRest.\n\nMore.`, premium: true }, "Publish");
  const port = E2E.insightPort;
  const db = postgres(process.env.E2E_DATABASE_URL!, { max: 1, onnotice: () => {} });
  const counted = async () =>
    (await db`select coalesce(sum(t.anonymous_views), 0)::int as n from article_traffic t join article a on a.id = t.article_id where a.slug = ${slug}`)[0].n;
  const server = spawn(process.execPath, ["server.js"], {
    cwd: path.resolve(__dirname, ".."),
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      SITE_URL: `http://localhost:${port}`,
      DATABASE_URL: process.env.E2E_DATABASE_URL,
      EMAIL_SERVER: `smtp://127.0.0.1:${E2E.smtpPort}`,
      AUTH_SECRET: E2E.authSecret,
      SITE_NAME: E2E.siteName,
      LEDE_WORKER: "off",
    },
    stdio: "ignore",
    detached: true,
  });
  try {
    await expect
      .poll(async () => (await fetch(`http://127.0.0.1:${port}/api/health`).catch(() => null))?.status ?? 0, { timeout: 60_000 })
      .toBe(200);
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`http://127.0.0.1:${port}/articles/${slug}`, { headers: { "User-Agent": DESKTOP } });
      expect(res.status).toBe(200);
      await res.arrayBuffer();
    }
    // Stopped at once, before its next flush: what it counted is saved as it stops.
    const exited = new Promise<number | null>((resolve) => server.once("exit", resolve));
    process.kill(-server.pid!, "SIGTERM");
    expect(await exited).toBe(0);
    expect(await counted()).toBe(3);
  } finally {
    if (server.exitCode === null && server.pid) process.kill(-server.pid, "SIGKILL");
    await db.end();
  }
});
