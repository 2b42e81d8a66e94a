// Wall experiments (README: "Wall experiments"): an editor starts one with two variants of
// the gate; fresh browsers are assigned one each and keep it on every visit; bots and members
// are never assigned; a forged cookie is drawn again; no variant's render carries premium
// text on any channel; joins and confirmations land in the reader's variant; ending it keeps
// the chosen variant for everyone on every web process.
// Runs in its own project (playwright.config.ts): the experiment changes every premium gate.
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { test, expect, linkIn, randomIp, uniqueEmail } from "./fixtures";
import { writeArticle } from "./desk-page";
import { MAIN_URL, webOrigins } from "./support/env";

test.describe.configure({ mode: "serial" });

const run = Date.now().toString(36);
const ARTICLE = {
  title: `Experiment ${run}`,
  slug: `experiment-${run}`,
  premium: `EXPERIMENT-CANARY-${run} is the premium part.`,
};
const VARIANTS = [
  { heading: `Heading A ${run}`, sentence: `Sentence A ${run}.`, button: `Button A ${run}` },
  { heading: `Heading B ${run}`, sentence: `Sentence B ${run}.`, button: `Button B ${run}` },
];

// A desktop browser: Playwright's own user agent says HeadlessChrome, which counts as a bot.
const DESKTOP = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
const BOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";

type Reader = { context: BrowserContext; page: Page };
async function fresh(browser: Browser, userAgent = DESKTOP): Promise<Reader> {
  const context = await browser.newContext({ userAgent, extraHTTPHeaders: { "X-Forwarded-For": randomIp() } });
  return { context, page: await context.newPage() };
}

/** Which variant's gate `page` shows on the article (its heading), after loading it from `origin`. */
async function variantSeen(page: Page, origin = ""): Promise<number> {
  await page.goto(`${origin}/articles/${ARTICLE.slug}`);
  const heading = await page.getByTestId("gate").getByRole("heading").textContent();
  return VARIANTS.findIndex((v) => v.heading === heading);
}

async function wallCookie(context: BrowserContext): Promise<string | undefined> {
  return (await context.cookies()).find((c) => c.name === "lede-wall")?.value;
}

const readers: Reader[] = [];
let experimentId = 0;

test.afterAll(async () => {
  for (const r of readers) await r.context.close();
});

test("the editor starts an experiment with two variants of the gate", async ({ editorPage: editor }) => {
  await writeArticle(editor, { title: ARTICLE.title, slug: ARTICLE.slug, body: `The free lede ${run}.\n\n<!-- gate -->\n\n${ARTICLE.premium}`, premium: true }, "Publish");
  await editor.goto("/desk/insight");
  await expect(editor.getByTestId("experiment-none")).toBeVisible();
  // Refused field by field: B's words are required.
  await editor.getByLabel("Variant B: heading").fill("Only a heading");
  await editor.getByRole("button", { name: "Start the experiment" }).click();
  await expect(editor.getByTestId("start-experiment-status")).toContainText("Variant B's sentence is required.");
  await expect(editor.getByLabel("Variant B: sentence")).toHaveAttribute("aria-invalid", "true");
  for (const [i, v] of VARIANTS.entries()) {
    const letter = "AB"[i];
    await editor.getByLabel(`Variant ${letter}: heading`).fill(v.heading);
    await editor.getByLabel(`Variant ${letter}: sentence`).fill(v.sentence);
    await editor.getByLabel(`Variant ${letter}: button label`).fill(v.button);
  }
  await editor.getByLabel("Name (for the desk)").fill(`Wording ${run}`);
  await editor.getByRole("button", { name: "Start the experiment" }).click();
  await expect(editor.getByTestId("desk-notice")).toContainText("Experiment started");
  await expect(editor.getByTestId("experiment-running")).toContainText(`Wording ${run}`);
});

test("fresh browsers are assigned a variant each and see it again on every visit; bots and members are never assigned", async ({ browser, readerPage }) => {
  // Readers are drawn at random: new browsers until one of each variant is found.
  const found: (Reader | undefined)[] = [undefined, undefined];
  for (let i = 0; i < 40 && (!found[0] || !found[1]); i++) {
    const r = await fresh(browser);
    const v = await variantSeen(r.page);
    expect(v, "a variant's heading").toBeGreaterThanOrEqual(0);
    if (!found[v]) found[v] = r;
    else await r.context.close();
  }
  expect(found[0] && found[1], "one browser in each variant").toBeTruthy();
  readers.push(found[0]!, found[1]!);
  const [id] = (await wallCookie(found[0]!.context))!.split(".");
  experimentId = Number(id);
  for (const [v, r] of readers.entries()) {
    for (let visit = 0; visit < 3; visit++) {
      for (const origin of webOrigins()) expect(await variantSeen(r.page, origin)).toBe(v);
    }
    const gate = r.page.getByTestId("gate");
    await expect(gate.getByText(VARIANTS[v].sentence)).toBeVisible();
    await expect(gate.getByRole("button", { name: VARIANTS[v].button })).toBeVisible();
    await expect(r.page.getByText(ARTICLE.premium)).toHaveCount(0);
  }

  // A crawler gets the standing gate and no cookie; so does a request naming no browser.
  const bot = await fresh(browser, BOT);
  await bot.page.goto(`/articles/${ARTICLE.slug}`);
  await expect(bot.page.getByTestId("gate").getByRole("heading")).toHaveText(/^Join .* to access this content$/);
  expect(await wallCookie(bot.context)).toBeUndefined();
  await bot.context.close();
  // A member reads the article, unassigned.
  await readerPage.goto(`/articles/${ARTICLE.slug}`);
  await expect(readerPage.getByText(ARTICLE.premium)).toBeVisible();
  expect(await wallCookie(readerPage.context())).toBeUndefined();
});

test("a forged or stale variant cookie is drawn again, never served a render that does not exist", async ({ browser }) => {
  for (const value of [`${experimentId}.9`, `${experimentId}.2`, `${experimentId + 1000}.1`, "x", `${experimentId}.1x`, `0${experimentId}.1`, `${experimentId}.%31`]) {
    const r = await fresh(browser);
    await r.context.addCookies([{ name: "lede-wall", value, url: MAIN_URL }]);
    const res = await r.page.goto(`/articles/${ARTICLE.slug}`);
    expect(res!.status(), value).toBe(200);
    expect(await variantSeen(r.page), value).toBeGreaterThanOrEqual(0);
    expect(await wallCookie(r.context), value).toMatch(new RegExp(`^${experimentId}\\.[01]$`));
    await r.context.close();
  }
});

test("no variant's render carries premium text: HTML, RSC, HEAD, prefetch, on every web process, nor a render's own address", async ({ request }) => {
  for (const origin of webOrigins()) {
    for (const v of [0, 1]) {
      const cookie = `lede-wall=${experimentId}.${v}`;
      const channels: [string, Record<string, string>, "get" | "head"][] = [
        ["html", {}, "get"],
        ["rsc", { RSC: "1" }, "get"],
        ["prefetch", { RSC: "1", "Next-Router-Prefetch": "1" }, "get"],
        ["segment prefetch", { RSC: "1", "Next-Router-Prefetch": "1", "Next-Router-Segment-Prefetch": "/_tree" }, "get"],
        ["head", {}, "head"],
      ];
      for (const [name, headers, method] of channels) {
        const res = await request[method](`${origin}/articles/${ARTICLE.slug}`, { headers: { ...headers, Cookie: cookie, "User-Agent": DESKTOP } });
        expect(res.status(), `${name} variant ${v}`).toBeLessThan(400);
        if (method === "get") {
          const body = await res.text();
          expect(body, `${name} variant ${v}`).not.toContain(ARTICLE.premium);
          if (name === "html") expect(body).toContain(VARIANTS[v].heading);
        }
      }
      for (const path of [`/render~/gate-${v}/articles/${ARTICLE.slug}`, `/render%7E/spent-${v}/articles/${ARTICLE.slug}`]) {
        const res = await request.get(`${origin}${path}`, { headers: { "User-Agent": DESKTOP } });
        expect(res.status(), path).toBe(404);
        expect(await res.text()).not.toContain(ARTICLE.premium);
      }
    }
  }
});

test("joins and confirmations land in the reader's variant; the desk shows each with its interval and says whether the difference is clear", async ({ editorPage: editor, mail }) => {
  const [, b] = readers;
  const email = uniqueEmail("variant-b");
  await b.page.goto(`/articles/${ARTICLE.slug}`);
  await b.page.getByTestId("gate").getByLabel("Email address").fill(email);
  await b.page.getByRole("button", { name: VARIANTS[1].button }).click();
  await expect(b.page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
  await b.page.goto(linkIn(await mail.waitFor(email)));
  await b.page.getByRole("button", { name: "Continue" }).click();
  await expect(b.page.getByText(ARTICLE.premium)).toBeVisible();

  const table = editor.getByTestId(`experiment-${experimentId}`);
  const cell = (v: number, figure: string) => table.locator(`tr[data-variant="${v}"] td[data-figure="${figure}"]`);
  // Counted every few seconds in each process, then added up.
  await expect(async () => {
    await editor.goto("/desk/insight");
    await expect(cell(1, "confirmed")).toHaveText("1", { timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  await expect(cell(1, "joins")).toHaveText("1");
  await expect(cell(0, "joins")).toHaveText("0");
  await expect(cell(0, "confirmed")).toHaveText("0");
  expect(Number(await cell(0, "gate-views").textContent())).toBeGreaterThanOrEqual(3);
  expect(Number(await cell(1, "gate-views").textContent())).toBeGreaterThanOrEqual(3);
  await expect(cell(1, "conversion")).toHaveText(/^\d+\.\d% \(\d+\.\d%–\d+\.\d%\)$/);
  await expect(editor.getByTestId("experiment-verdict")).toHaveText(/^Not clear yet/);
});

test("ending it keeps the chosen variant for every reader on every web process", async ({ editorPage: editor, browser }) => {
  await editor.goto("/desk/insight");
  await editor.getByTestId("end-experiment").getByLabel("Variant B").check();
  await editor.getByRole("button", { name: "End the experiment" }).click();
  await expect(editor.getByTestId("desk-notice")).toContainText("Experiment ended");
  await expect(editor.getByTestId("experiment-none")).toBeVisible();
  const [a] = readers;
  const newcomer = await fresh(browser);
  const bot = await fresh(browser, BOT);
  for (const origin of webOrigins()) {
    for (const r of [a, newcomer, bot]) expect(await variantSeen(r.page, origin)).toBe(1);
    const rsc = await a.page.request.get(`${origin}/articles/${ARTICLE.slug}`, { headers: { RSC: "1" } });
    const body = await rsc.text();
    expect(body).toContain(VARIANTS[1].heading);
    expect(body).not.toContain(VARIANTS[0].heading);
    expect(body).not.toContain(ARTICLE.premium);
  }
  await newcomer.context.close();
  await bot.context.close();
});

test("a later experiment can bring back Lede's own words ({site} is the site's name), which the rest of the suite expects", async ({ editorPage: editor, browser }) => {
  await editor.goto("/desk/insight");
  const own = { heading: "Join {site} to access this content", sentence: "Plus special access to featured articles and other premium content through your account, for free.", button: "Join" };
  await editor.getByLabel("Variant A: heading").fill(own.heading);
  await editor.getByLabel("Variant A: sentence").fill(own.sentence);
  await editor.getByLabel("Variant A: button label").fill(own.button);
  await editor.getByLabel("Variant B: heading").fill(`Heading C ${run}`);
  await editor.getByLabel("Variant B: sentence").fill(`Sentence C ${run}.`);
  await editor.getByLabel("Variant B: button label").fill(`Button C ${run}`);
  await editor.getByRole("button", { name: "Start the experiment" }).click();
  await expect(editor.getByTestId("desk-notice")).toContainText("Experiment started");
  await editor.getByTestId("end-experiment").getByLabel("Variant A").check();
  await editor.getByRole("button", { name: "End the experiment" }).click();
  await expect(editor.getByTestId("desk-notice")).toContainText("Experiment ended");
  const r = await fresh(browser);
  for (const origin of webOrigins()) {
    await r.page.goto(`${origin}/articles/${ARTICLE.slug}`);
    await expect(r.page.getByTestId("gate").getByRole("heading")).toHaveText("Join The Daily Lede to access this content");
    await expect(r.page.getByTestId("gate").getByRole("button", { name: "Join", exact: true })).toBeVisible();
  }
  await r.context.close();
});
