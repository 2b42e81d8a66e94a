// The free lede is what the editor meant: counted over every block, never more than half,
// shown on the desk, and a premium article that cannot be split is never published.
import type { Page } from "@playwright/test";
import { test, expect } from "./fixtures";
import { premiumSwitch, writeArticle } from "./desk-page";

const GATE = "<!-- gate -->";

test("a premium “paragraph, list, quote, paragraph” article gives anonymous readers its first paragraph only", async ({
  browser,
  editorPage: page,
}) => {
  const run = Date.now();
  const slug = `blocks-${run}`;
  const free = `FREE-OPEN-${run}`;
  const premium = [`LIST-ITEM-${run}`, `QUOTE-LINE-${run}`, `CLOSING-${run}`];
  const body = `Opening paragraph ${free} is free.\n\n- ${premium[0]} first\n- second item\n\n> ${premium[1]} said someone.\n\nClosing paragraph ${premium[2]}.`;
  const id = await writeArticle(page, { title: `Blocks story ${run}`, slug, body, premium: true }, "Publish");

  // The editor sees where the free part ends, in the page as the server rendered it.
  const note = `Free part: the first block of 4, ending “Opening paragraph ${free} is free.”. Add a ${GATE} line to choose.`;
  await expect(page.getByTestId("free-part")).toHaveText(note);
  await expect(page.getByLabel("Body (Markdown)")).toHaveAccessibleDescription(new RegExp(`Free part: the first block of 4`));
  const served = await (await page.request.get(`/desk/articles/${id}`)).text();
  expect(served).toContain(`Free part: the first block of 4, ending “Opening paragraph ${free} is free.”`);

  const anonymous = await browser.newContext();
  const reader = await anonymous.newPage();
  await reader.goto(`/articles/${slug}`);
  await expect(reader.getByTestId("gate")).toBeVisible();
  await expect(reader.getByText(free)).toBeVisible();

  const responses: [string, string][] = [
    ["html", await (await anonymous.request.get(`/articles/${slug}`)).text()],
    ["rsc", await (await anonymous.request.get(`/articles/${slug}`, { headers: { RSC: "1" } })).text()],
    ["feed.xml", await (await anonymous.request.get("/feed.xml")).text()],
  ];
  const html = responses[0][1];
  const head = html.slice(0, html.indexOf("</head>"));
  expect(head).toMatch(new RegExp(`<meta name="description" content="Opening paragraph ${free} is free."`));
  responses.push(["head", head]);
  for (const [where, text] of responses) {
    expect(text, where).toContain(free);
    for (const secret of premium) expect(text, `${secret} in ${where}`).not.toContain(secret);
  }
  await anonymous.close();
});

test("the free-part line follows the body and the Premium box as the editor types", async ({ editorPage: page }) => {
  await page.goto("/desk/articles/new");
  const note = page.getByTestId("free-part");
  await expect(note).toHaveAttribute("aria-live", "polite");
  await page.getByLabel("Body (Markdown)").fill("One paragraph only.");
  await expect(note).toHaveText(/^Free article: everyone reads all of it\. It cannot be made premium yet/);
  await page.getByLabel(/^Premium/).check();
  await expect(note).toHaveText(new RegExp(`^Cannot be published as premium yet: the body needs a free part .*${GATE}`));
  await page.getByLabel("Body (Markdown)").fill(`Free words here.\n\n${GATE}\n\nPremium words.\n\nMore premium.`);
  await expect(note).toHaveText(`Free part: everything above the ${GATE} line, 1 of 3 blocks, ending “Free words here.”.`);
  await page.getByLabel("Body (Markdown)").fill(`- Free?\n\n  ${GATE}\n\nSecond.\n\nThird.\n\nFourth.`);
  await expect(note).toContainText("Free part: the first 2 blocks of 4, ending “Second.”.");
  await expect(note).toContainText(`A ${GATE} inside a list, a quote, a code block or a line of text, or after the first one, is no gate`);
});

test("publishing a one-paragraph premium article is refused on Body, naming the gate marker, and saves nothing", async ({
  browser,
  editorPage: page,
}) => {
  const run = Date.now();
  const slug = `one-block-${run}`;
  const canary = `CANARY-ONE-${run}`;
  const publishOneBlock = async (p: Page) => {
    await p.goto("/desk/articles/new");
    await p.getByLabel("Title").fill(`One block ${run}`);
    await p.getByLabel("Slug").fill(slug);
    await p.getByLabel("Body (Markdown)").fill(`The whole story ${canary} in one paragraph.`);
    await p.getByLabel(/^Premium/).check();
    await p.getByRole("button", { name: "Publish" }).click();
  };
  await publishOneBlock(page);
  const error = `Body (Markdown) needs a free part and a premium part, as the article is premium: add a ${GATE} line where the free part should end, or write at least two blocks`;
  await expect(page.getByText(error)).toBeVisible();
  await expect(page.getByLabel("Body (Markdown)")).toBeFocused();
  await expect(page.getByTestId("editor-status")).toContainText(`Body needs a free part and a premium part`);

  // Without JavaScript the same post comes back with the message at the field, and changes nothing.
  const noJs = await browser.newContext({ storageState: await page.context().storageState(), javaScriptEnabled: false });
  const plain = await noJs.newPage();
  await publishOneBlock(plain);
  await expect(plain.getByText(error)).toBeVisible();
  await expect(plain.getByTestId("editor-status")).toContainText(`add a ${GATE} line`);
  await noJs.close();

  const anonymous = await browser.newContext();
  expect((await anonymous.request.get(`/articles/${slug}`)).status()).toBe(404);
  expect(await (await anonymous.request.get("/feed.xml")).text()).not.toContain(canary);
  await anonymous.close();
  await page.goto(`/desk?q=One block ${run}`);
  await expect(page.getByText(`No article has “One block ${run}” in its title.`)).toBeVisible();
});

test("the premium switch is refused for a published article that cannot be split", async ({ browser, editorPage: page }) => {
  const run = Date.now();
  const title = `Short free story ${run}`;
  const slug = `short-free-${run}`;
  await writeArticle(page, { title, slug, body: `A single paragraph, free to all, ${run}.`, premium: false }, "Publish");
  await (await premiumSwitch(page, title)).click();
  const said = page.getByRole("row", { name: new RegExp(title) }).getByRole("status").first();
  await expect(said).toContainText(`Premium was not switched on. Body needs a free part and a premium part`);
  await expect(said).toContainText(`add a ${GATE} line`);
  await expect(await premiumSwitch(page, title)).toHaveAttribute("aria-pressed", "false");
  const anonymous = await browser.newContext();
  const reader = await anonymous.newPage();
  await reader.goto(`/articles/${slug}`);
  await expect(reader.getByText(`A single paragraph, free to all, ${run}.`)).toBeVisible();
  await expect(reader.getByTestId("gate")).toHaveCount(0);
  await anonymous.close();
});
