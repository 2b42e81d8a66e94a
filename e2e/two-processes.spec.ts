// Two web processes of the main app on one PostgreSQL (global-setup's "main" and "second",
// whose database connection runs through a proxy this spec can cut). What an editor
// changes on either process's desk holds on both once the desk answers, for every kind of
// request, for anonymous readers and members; and a process cut off from the database
// while a change is made never serves the old version, and serves the new one once back.
import crypto from "node:crypto";
import type { Browser, BrowserContextOptions, Page } from "@playwright/test";
import { parseEnv } from "../lib/config/env";
import { test, expect, uniqueEmail } from "./fixtures";
import { writeArticle } from "./desk-page";
import { secondAppDatabase } from "./support/db-proxy";
import { described, PageReaders, PROCESSES, type Problem, type Process, type Reader, type Sees, type SeesFor } from "./support/readers";

/** The render cache's lease (LEDE_CACHE_LEASE_MS) the apps run with: its default. */
const LEASE_MS = parseEnv({}).renderCache.leaseMs;

test.skip(
  !process.env.E2E_DATABASE_URL,
  "needs DATABASE_URL: on the embedded database (PGlite) Lede is one process by design, so no second one is started (CI runs with PostgreSQL)",
);

// Whatever a spec did to it, the second process gets its database back.
test.afterEach(() => secondAppDatabase.restore());

const GATE = "to access this content";
const other = (p: Process): Process => (p === "main" ? "second" : "main");
const PROCESSES_LIST: Process[] = ["main", "second"];

/** Every kind of request of every reader on `processes`, right now: no retry, no wait. */
async function expectNow(page: PageReaders, processes: Process[], sees: SeesFor) {
  const problems: Problem[] = [];
  for (const p of processes) problems.push(...(await page.problems(p, sees)));
  expect(described(problems), "what readers got").toEqual([]);
}

/** The desk of one process, driven by the editor's page (its session cookie is for localhost: any port). */
function deskOn(page: Page, process: Process) {
  const origin = PROCESSES[process];
  const notice = page.getByTestId("desk-notice");
  return {
    notice,
    async premiumSwitch(title: string) {
      await page.goto(`${origin}/desk?${new URLSearchParams({ q: title })}`);
      return page.getByRole("row", { name: new RegExp(title) }).getByRole("button", { name: "Premium" });
    },
    async premium(title: string, on: boolean) {
      const toggle = await this.premiumSwitch(title);
      await expect(toggle).toHaveAttribute("aria-pressed", String(!on));
      await toggle.click();
      await expect(notice).toContainText(on ? "Premium is on" : "Premium is off");
    },
    async body(id: number, body: string) {
      await page.goto(`${origin}/desk/articles/${id}`);
      await page.getByLabel("Body (Markdown)").fill(body);
      await page.getByRole("button", { name: "Save changes" }).click();
      await expect(notice).toContainText("Changes saved");
    },
    async status(id: number, intent: "Publish" | "Unpublish") {
      await page.goto(`${origin}/desk/articles/${id}`);
      await page.getByRole("button", { name: intent }).click();
      await expect(notice).toContainText(intent === "Publish" ? "Published" : "Unpublished");
    },
    async remove(id: number) {
      await page.goto(`${origin}/desk/articles/${id}`);
      await page.getByLabel("Yes, delete this article").check();
      await page.getByRole("button", { name: "Delete article" }).click();
      await expect(notice).toContainText("Article deleted");
    },
  };
}

let memberState: BrowserContextOptions["storageState"];

/** An anonymous reader and a member (signed in once, on main: the cookie serves both ports). */
async function readersOf(browser: Browser, signIn: (page: Page, email: string) => Promise<void>) {
  const ip = () => `10.253.${crypto.randomInt(256)}.${crypto.randomInt(1, 250)}`;
  const anonymous = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": ip() } });
  const membership = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": ip() }, storageState: memberState });
  if (!memberState) {
    await signIn(await membership.newPage(), uniqueEmail("two-processes"));
    memberState = await membership.storageState();
  }
  const readers: Reader[] = [
    { name: "anonymous", request: anonymous.request },
    { name: "member", request: membership.request },
  ];
  return { readers, close: () => Promise.all([anonymous.close(), membership.close()]) };
}

/** An article of this test's own: sentences no other article has. */
function story(label: string) {
  const run = `${Date.now().toString(36)}${crypto.randomBytes(3).toString("hex")}`;
  return {
    title: `${label} ${run}`,
    slug: `${label.toLowerCase().replace(/\W+/g, "-")}-${run}`,
    lede: `Lede ${run} is free for everyone.`,
    moved: `Second paragraph ${run} is free until the gate moves up.`,
    premium: `Premium paragraph ${run} is for members only.`,
    edited: `Rewritten paragraph ${run} replaces the premium text.`,
  };
}

test("each change made on one process's desk holds on both processes as soon as the desk answers", async ({ browser, editorPage: editor, signIn }) => {
  // A dozen changes, each read by two readers in four kinds of request on two processes: on a
  // busy two-core machine that takes longer than one ordinary test.
  test.slow();
  const s = story("Two processes");
  const { readers, close } = await readersOf(browser, signIn);
  const article = new PageReaders(readers, `/articles/${s.slug}`);
  const front = new PageReaders(readers, "/");
  const desk = { main: deskOn(editor, "main"), second: deskOn(editor, "second") };
  type View = [PageReaders, SeesFor];

  /** A change on `where`'s desk, then every reader on the other process and on the same one, at once. */
  const narrowing = async (where: Process, change: () => Promise<void>, ...views: View[]) => {
    await change();
    for (const [page, sees] of views) await expectNow(page, [other(where), where], sees);
  };
  /** A change that only adds: at once on its own process, within a few seconds on the other. */
  const widening = async (where: Process, change: () => Promise<void>, ...views: View[]) => {
    await change();
    for (const [page, sees] of views) {
      await expectNow(page, [where], sees);
      await expect(async () => expect(described(await page.problems(other(where), sees))).toEqual([])).toPass({ timeout: 5_000 });
    }
  };

  // Published free (main's desk), with a gate marker after the second paragraph: everyone
  // reads it all. Both processes' caches now hold every render of it, as after each step.
  const id = await writeArticle(
    editor,
    { title: s.title, slug: s.slug, body: `${s.lede}\n\n${s.moved}\n\n<!-- gate -->\n\n${s.premium}`, premium: false },
    "Publish",
  );
  await expectNow(article, ["main", "second"], () => ({ status: 200, shows: [s.title, s.lede, s.moved, s.premium], hides: [GATE] }));

  // Premium on (second's desk): anonymous readers get the first two paragraphs and the gate.
  await narrowing("second", () => desk.second.premium(s.title, true), [
    article,
    (r) =>
      r === "member"
        ? { status: 200, shows: [s.lede, s.moved, s.premium], hides: [GATE] }
        : { status: 200, shows: [s.lede, s.moved, GATE], hides: [s.premium] },
  ]);

  // The gate marker moved up (main's desk): the second paragraph is for members now.
  await narrowing("main", () => desk.main.body(id, `${s.lede}\n\n<!-- gate -->\n\n${s.moved}\n\n${s.premium}`), [
    article,
    (r) =>
      r === "member"
        ? { status: 200, shows: [s.lede, s.moved, s.premium], hides: [GATE] }
        : { status: 200, shows: [s.lede, GATE], hides: [s.moved, s.premium] },
  ]);

  // The premium text rewritten (second's desk): members read the new text, never the old.
  await narrowing("second", () => desk.second.body(id, `${s.lede}\n\n<!-- gate -->\n\n${s.moved}\n\n${s.edited}`), [
    article,
    (r) =>
      r === "member"
        ? { status: 200, shows: [s.lede, s.moved, s.edited], hides: [GATE, s.premium] }
        : { status: 200, shows: [s.lede, GATE], hides: [s.moved, s.premium, s.edited] },
  ]);

  // Premium off (main's desk): everyone reads it all; the front page lists it.
  const allOfIt = (): Sees => ({ status: 200, shows: [s.title, s.lede, s.moved, s.edited], hides: [GATE, s.premium] });
  const listed = (): Sees => ({ status: 200, shows: [s.title], hides: [] });
  await widening("main", () => desk.main.premium(s.title, false), [article, allOfIt], [front, listed]);

  // Unpublished (second's desk): not found, and off the front page.
  const gone = (): Sees => ({ status: 404, shows: [], hides: [s.title, s.lede, s.moved, s.edited] });
  const unlisted = (): Sees => ({ status: 200, shows: [], hides: [s.title] });
  await narrowing("second", () => desk.second.status(id, "Unpublish"), [article, gone], [front, unlisted]);

  // Published again (main's desk).
  await widening("main", () => desk.main.status(id, "Publish"), [article, allOfIt], [front, listed]);

  // Deleted (second's desk).
  await narrowing("second", () => desk.second.remove(id), [article, gone], [front, unlisted]);
  await close();
});

test("the feed and the sitemap follow a change made on either desk as soon as it answers, and no shared cache may keep them", async ({ editorPage: editor, request }) => {
  const s = story("Feed");
  const feedOn = async (process: Process) => {
    const r = await request.get(`${PROCESSES[process]}/feed.xml`, { headers: { "x-forwarded-for": "10.252.0.1" } });
    expect(r.status()).toBe(200);
    // Anyone in front (a CDN, a proxy) must ask again each time, so none outlives a drop.
    expect(r.headers()["cache-control"]).toBe("public, max-age=0, must-revalidate");
    return { text: await r.text(), etag: r.headers()["etag"] };
  };
  const sitemapOn = async (process: Process) => (await request.get(`${PROCESSES[process]}/sitemap.xml`)).text();

  const id = await writeArticle(editor, { title: s.title, slug: s.slug, body: `${s.lede}\n\n<!-- gate -->\n\n${s.premium}`, premium: false }, "Publish");
  for (const p of PROCESSES_LIST) {
    expect((await feedOn(p)).text, `${p}: a free article is in the feed in full`).toContain(s.premium);
    expect(await sitemapOn(p)).toContain(`/articles/${s.slug}<`);
  }
  // Unchanged, a cache that asks again with the validator gets a 304.
  const kept = await feedOn("second");
  const again = await request.get(`${PROCESSES.second}/feed.xml`, { headers: { "if-none-match": kept.etag } });
  expect(again.status()).toBe(304);

  // Premium on through second's desk: neither process's feed has the premium text any more.
  await deskOn(editor, "second").premium(s.title, true);
  for (const p of PROCESSES_LIST) {
    const feed = await feedOn(p);
    expect(feed.text, `${p}: the lede stays`).toContain(s.lede);
    expect(feed.text, `${p}: the premium text is gone at once`).not.toContain(s.premium);
    expect(feed.etag).not.toBe(kept.etag);
  }
  // Unpublished through main's desk: out of both feeds and both sitemaps.
  await deskOn(editor, "main").status(id, "Unpublish");
  for (const p of PROCESSES_LIST) {
    expect((await feedOn(p)).text).not.toContain(s.title);
    expect(await sitemapOn(p)).not.toContain(`/articles/${s.slug}<`);
  }
});

test.describe("a process cut off from the database", () => {
  const premiumArticle = (s: ReturnType<typeof story>): SeesFor => (r) =>
    r === "member" ? { status: 200, shows: [s.lede, s.premium], hides: [GATE] } : { status: 200, shows: [s.lede, GATE], hides: [s.premium] };

  /**
   * Polls until every reader of `process` gets `sees` from its cache again, failing on
   * any old text on the way. The wait is for its database pools to reconnect (every 2 s
   * at most, lib/db/reconnect.js) and its next heartbeat.
   */
  async function servedAgain(page: PageReaders, process: Process, sees: SeesFor) {
    const leaks: string[] = [];
    await expect(async () => {
      const problems = await page.problems(process, sees);
      leaks.push(...described(problems.filter((p) => p.leak)));
      expect(described(problems)).toEqual([]);
    }).toPass({ timeout: 15_000 });
    expect(leaks, "old text served while catching up").toEqual([]);
  }

  test("serves nothing it had while a change is made, and the new version once it is back", async ({ browser, editorPage: editor, signIn }) => {
    const s = story("Cut off");
    const { readers, close } = await readersOf(browser, signIn);
    const article = new PageReaders(readers, `/articles/${s.slug}`);
    const id = await writeArticle(editor, { title: s.title, slug: s.slug, body: `${s.lede}\n\n<!-- gate -->\n\n${s.premium}`, premium: true }, "Publish");
    await expectNow(article, ["second"], premiumArticle(s));

    await secondAppDatabase.cut("refuse");
    // The desk waits for the second process until its lease runs out, not longer.
    const started = Date.now();
    await deskOn(editor, "main").status(id, "Unpublish");
    expect(Date.now() - started, "ms until the desk answered").toBeLessThan(LEASE_MS + 5_000);
    const gone = (): Sees => ({ status: 404, shows: [], hides: [s.title, s.lede, s.premium] });
    await expectNow(article, ["main"], gone);
    // Out of touch, the second process may fail to answer; it must not show the article.
    const anyAnswer = (): Sees => ({ shows: [], hides: [s.title, s.lede, s.premium] });
    expect(described(await article.problems("second", anyAnswer, { kept: false }))).toEqual([]);

    await secondAppDatabase.restore();
    await servedAgain(article, "second", gone);
    await close();
  });

  test("that misses a change's notification serves nothing old once the desk answered", async ({ browser, editorPage: editor, signIn }) => {
    const s = story("Missed notice");
    const { readers, close } = await readersOf(browser, signIn);
    const article = new PageReaders(readers, `/articles/${s.slug}`);
    await writeArticle(editor, { title: s.title, slug: s.slug, body: `${s.lede}\n\n<!-- gate -->\n\n${s.premium}`, premium: false }, "Publish");
    await expectNow(article, ["second"], () => ({ status: 200, shows: [s.lede, s.premium], hides: [GATE] }));

    // Its connections reset, new ones left unanswered (a network dropping packets), while
    // premium is switched on through main's desk and main's own cache already shows it …
    await secondAppDatabase.cut("hold");
    const desk = deskOn(editor, "main");
    await (await desk.premiumSwitch(s.title)).click();
    const anonymous = readers.find((r) => r.name === "anonymous")!;
    await expect.poll(async () => (await anonymous.request.get(`${PROCESSES.main}/articles/${s.slug}`)).text()).toContain(GATE);
    // … then back at once: the notification went out while it was away.
    await secondAppDatabase.restore();
    await expect(desk.notice).toContainText("Premium is on");
    // Members read the premium text before and after; anonymous readers no longer may.
    const noOldText: SeesFor = (r) => ({ shows: [], hides: r === "anonymous" ? [s.premium] : [] });
    expect(described(await article.problems("second", noOldText, { kept: false }))).toEqual([]);
    await servedAgain(article, "second", premiumArticle(s));
    await close();
  });
});
