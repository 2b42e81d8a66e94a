import type { Locator } from "@playwright/test";
import { test, expect, EDITOR_EMAIL as EDITOR, SITE_ORIGIN, uniqueEmail } from "./fixtures";
import { premiumSwitch, writeArticle } from "./desk-page";

test.describe("the editors' desk", () => {
  test("premium article: gated for anonymous readers, read by members, free at once when premium is switched off", async ({
    browser,
    editorPage: page,
    signIn,
  }) => {
    const run = Date.now();
    const title = `Tide table shake-up ${run}`;
    const canary = `The canary ${run} sings only for members.`;
    const id = await writeArticle(
      page,
      {
        title,
        slug: `tide-table-${run}`,
        body: `The free lede paragraph.\n\n<!-- gate -->\n\n${canary}`,
        premium: true,
      },
      "Publish",
    );
    await expect(page.getByTestId("audit-trail")).toContainText(`${EDITOR} published`);

    const anonymous = await browser.newContext();
    const anon = await anonymous.newPage();
    await anon.goto(`/articles/tide-table-${run}`);
    await expect(anon.getByRole("heading", { level: 1 })).toHaveText(title);
    await expect(anon.getByTestId("gate")).toBeVisible();
    expect(await anon.content()).not.toContain(canary);

    const membership = await browser.newContext();
    const member = await membership.newPage();
    await signIn(member, uniqueEmail("member"), `/articles/tide-table-${run}`);
    await member.goto(`/articles/tide-table-${run}`);
    await expect(member.getByTestId("article-rest")).toContainText(canary);
    await expect(member.getByTestId("gate")).toHaveCount(0);

    const toggle = await premiumSwitch(page, title);
    await expect(toggle).toHaveAttribute("aria-pressed", "true");
    await toggle.click();
    await expect(page.getByTestId("desk-notice")).toContainText("Premium is off");
    await expect(await premiumSwitch(page, title)).toHaveAttribute("aria-pressed", "false");

    // The very next anonymous request gets the whole article, not the cached gate.
    await anon.goto(`/articles/tide-table-${run}`);
    await expect(anon.getByTestId("article-rest")).toContainText(canary);
    await expect(anon.getByTestId("gate")).toHaveCount(0);

    // And switched back on, the next request is gated again.
    await (await premiumSwitch(page, title)).click();
    await expect(page.getByTestId("desk-notice")).toContainText("Premium is on");
    await anon.goto(`/articles/tide-table-${run}`);
    await expect(anon.getByTestId("gate")).toBeVisible();
    expect(await anon.content()).not.toContain(canary);

    await page.goto(`/desk/articles/${id}`);
    await expect(page.getByTestId("audit-trail")).toContainText(`${EDITOR} made premium`);
    await expect(page.getByTestId("audit-trail")).toContainText(`${EDITOR} made free`);
    await anonymous.close();
    await membership.close();
  });

  test("drafts stay invisible to readers until published", async ({ browser, editorPage: page }) => {
    const run = Date.now();
    const slug = `draft-${run}`;
    await writeArticle(page, { title: `Draft story ${run}`, slug, body: "Not yet.", premium: false }, "Save draft");
    const anon = await (await browser.newContext()).newPage();
    expect((await anon.goto(`/articles/${slug}`))?.status()).toBe(404);
    expect(await (await anon.request.get("/feed.xml")).text()).not.toContain(slug);
    expect(await (await anon.request.get("/sitemap.xml")).text()).not.toContain(slug);
    await page.getByRole("button", { name: "Publish" }).click();
    await expect(page.getByTestId("desk-notice")).toContainText("Published");
    expect((await anon.goto(`/articles/${slug}`))?.status()).toBe(200);
    await page.getByRole("button", { name: "Unpublish" }).click();
    await expect(page.getByTestId("desk-notice")).toContainText("Unpublished");
    expect((await anon.goto(`/articles/${slug}`))?.status()).toBe(404);
  });

  test("a slug another article has is refused with a clear message, and nothing is saved", async ({ editorPage: page }) => {
    const run = Date.now();
    await writeArticle(page, { title: `First ${run}`, slug: `taken-${run}`, body: "One.", premium: false }, "Save draft");
    await page.goto("/desk/articles/new");
    await page.getByLabel("Title").fill(`Second ${run}`);
    await page.getByLabel("Slug").fill(`taken-${run}`);
    await page.getByRole("button", { name: "Save draft" }).click();
    await expect(page.getByText(`Slug is already used by “First ${run}”. Choose another.`).first()).toBeVisible();
    await expect(page.getByLabel("Slug")).toBeFocused();
    await page.goto(`/desk?q=Second ${run}`);
    await expect(page.getByText(`No article has “Second ${run}” in its title.`)).toBeVisible();
  });

  test("XSS payloads pasted into a body come out inert", async ({ browser, editorPage: page }) => {
    const run = Date.now();
    const payloads = [
      `<script>window.__xss = 1; alert("xss")</script>`,
      `<img src="x" onerror="window.__xss = 2">`,
      `[click me](javascript:window.__xss=3)`,
      `![pixel](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9ImFsZXJ0KDEpIi8+)`,
      `<a href="javascript:window.__xss=4">anchor</a>`,
      `<svg onload="window.__xss=5"></svg>`,
      `<iframe src="javascript:window.__xss=6"></iframe>`,
      `<div onmouseover="window.__xss=7">hover</div>`,
      `[data link](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)`,
    ].join("\n\n");
    await writeArticle(
      page,
      { title: `Payloads ${run}`, slug: `payloads-${run}`, body: `${payloads}\n\n<!-- gate -->\n\n${payloads}`, premium: false },
      "Publish",
    );
    const reader = await (await browser.newContext()).newPage();
    const dialogs: string[] = [];
    reader.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await reader.goto(`/articles/payloads-${run}`);
    const body = reader.getByTestId("article").locator(".body");
    await expect(body.getByText("click me").first()).toBeVisible();
    await body.getByText("click me").first().click();
    expect(dialogs).toEqual([]);
    expect(await reader.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
    const html = await body.innerHTML();
    expect(html).not.toMatch(/<script|<iframe|<svg|onerror|onload|onmouseover/i);
    expect(html).not.toMatch(/(href|src)="\s*(javascript|data):/i);
  });
});

test.describe("the desk refuses readers", () => {
  test("a reader opening /desk is refused, and an anonymous visitor is asked to sign in", async ({ browser, page, signIn }) => {
    const anon = await (await browser.newContext()).newPage();
    await anon.goto("/desk");
    await expect(anon).toHaveURL(/\/signin\?callbackUrl=%2Fdesk/);

    await signIn(page, uniqueEmail("reader"));
    for (const path of ["/desk", "/desk/members", "/desk/insight", "/desk/articles/new", "/desk/settings"]) {
      const res = await page.goto(path);
      expect(res?.status(), path).toBe(403);
      await expect(page.getByRole("heading", { name: "Editors only" })).toBeVisible();
    }
    expect((await page.request.get("/desk/members/export.csv")).status()).toBe(403);
  });

  test("a reader or anonymous sending the desk's forms themselves gets 403 and nothing changes", async ({
    browser,
    editorPage,
    page,
    signIn,
  }) => {
    const run = Date.now();
    const id = await writeArticle(
      editorPage,
      { title: `Guarded ${run}`, slug: `guarded-${run}`, body: `Free.\n\n<!-- gate -->\n\nSecret ${run}.`, premium: true },
      "Publish",
    );

    // Each desk form as the editor's browser would send it without JavaScript (the
    // server action it names included), filled in as an intruder would like.
    const attempts: { path: string; fields: Record<string, string> }[] = [];
    const take = async (path: string, form: Locator, change: Record<string, string> = {}) => {
      const fields = await form.evaluate((f: HTMLFormElement) =>
        Object.fromEntries([...new FormData(f)].filter((e): e is [string, string] => typeof e[1] === "string")),
      );
      attempts.push({ path, fields: { ...fields, ...change } });
    };
    const list = `/desk?${new URLSearchParams({ q: `Guarded ${run}` })}`;
    await editorPage.goto(list);
    const row = editorPage.getByRole("row", { name: new RegExp(`Guarded ${run}`) });
    await take(list, row.locator("form").filter({ has: editorPage.getByRole("button", { name: "Premium" }) }));
    await take(list, row.locator("form").filter({ has: editorPage.getByRole("button", { name: "Members only" }) }));
    await editorPage.goto("/desk/settings");
    await take("/desk/settings", editorPage.getByTestId("meter-form"), { enabled: "on", allowance: "10", period: "month" });
    await editorPage.goto(`/desk/articles/${id}`);
    await take(`/desk/articles/${id}`, editorPage.locator("form.danger-zone"), { confirm: "yes" });
    await take(`/desk/articles/${id}`, editorPage.getByTestId("article-editor"), { title: "Defaced", body: "Defaced", intent: "publish" });
    await editorPage.goto("/desk/articles/new");
    await take("/desk/articles/new", editorPage.getByTestId("article-editor"), {
      title: `Planted ${run}`,
      slug: `planted-${run}`,
      body: "x",
      intent: "publish",
    });

    await signIn(page, uniqueEmail("intruder"));
    const anonymous = await browser.newContext();
    for (const { path, fields } of attempts) {
      // Without JavaScript: the reader gets 403, the anonymous visitor is sent to sign in.
      const plain = { multipart: fields, headers: { Origin: SITE_ORIGIN }, maxRedirects: 0 };
      expect((await page.request.post(path, plain)).status(), path).toBe(403);
      const anon = await anonymous.request.post(path, plain);
      expect(anon.status(), path).toBe(307);
      expect(anon.headers().location, path).toMatch(/^\/signin\?callbackUrl=%2Fdesk/);
      // As the page's script calls the action (its id in the Next-Action header): 403 for both.
      const ref = Object.entries(fields).find(([name]) => /^\$ACTION_\d+:0$/.test(name))?.[1];
      const actionId = (JSON.parse(ref ?? "{}") as { id?: string }).id;
      expect(actionId, path).toMatch(/^[0-9a-f]{16,}$/);
      for (const request of [page.request, anonymous.request]) {
        const res = await request.post(path, {
          headers: { Origin: SITE_ORIGIN, "Next-Action": actionId!, "Content-Type": "text/plain;charset=UTF-8" },
          data: JSON.stringify([{ status: "idle" }, {}]),
          maxRedirects: 0,
        });
        expect(res.status(), path).toBe(403);
      }
    }
    const anon = await anonymous.newPage();
    await anon.goto(`/articles/guarded-${run}`);
    await expect(anon.getByRole("heading", { level: 1 })).toHaveText(`Guarded ${run}`);
    await expect(anon.getByTestId("gate")).toBeVisible();
    expect((await anon.goto(`/articles/planted-${run}`))?.status()).toBe(404);
    await editorPage.goto(`/desk/articles/${id}`);
    await expect(editorPage.getByTestId("audit-trail").locator("li")).toHaveCount(2);
    await expect(editorPage.getByLabel(/^Metered/)).toBeChecked();
    await editorPage.goto("/desk/settings");
    await expect(editorPage.getByTestId("meter-now")).toHaveText(/^The meter is off/);

    // The same forged body from the editor is a real call of the action: the article goes.
    const del = attempts.find((a) => a.fields.confirm === "yes")!;
    const gone = await editorPage.request.post(del.path, { multipart: del.fields, headers: { Origin: SITE_ORIGIN }, maxRedirects: 0 });
    expect(gone.status()).toBe(303);
    expect(gone.headers().location).toBe("/desk?notice=deleted");
    expect((await anon.goto(`/articles/guarded-${run}`))?.status()).toBe(404);
  });
});
