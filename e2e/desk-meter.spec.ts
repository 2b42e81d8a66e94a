// The editor's side of the meter: its settings page (with JavaScript and without), the
// members-only switch of the article list and editor, and their history.
//
// The meter is site-wide and other specs run alongside this one expecting premium
// articles gated for anonymous readers, so these tests change the allowance and period
// but never leave the meter switched on; the reader's side has its own spec.
import type { Page } from "@playwright/test";
import { test, expect, EDITOR_EMAIL as EDITOR } from "./fixtures";
import { writeArticle } from "./desk-page";
import { expectNoViolations } from "./support/axe";

const allowance = (page: Page) => page.getByLabel("Free articles per period");
const save = (page: Page) => page.getByRole("button", { name: "Save meter settings" });

test.describe("the meter's settings", () => {
  test("an editor sets the allowance and period, with JavaScript and without; a bad allowance is refused at its field", async ({
    browser,
    editorPage: page,
  }) => {
    await page.goto("/desk/settings");
    await expect(page.getByRole("link", { name: "Settings" })).toHaveAttribute("aria-current", "page");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Settings");
    await expect(page.getByText("members only").first()).toBeVisible();
    await expect(page.getByLabel(/^Meter on/)).not.toBeChecked();
    const history = page.getByTestId("meter-history").locator("li");
    const before = await history.count();
    const was = Number(await allowance(page).inputValue());
    const next = was === 7 ? 6 : 7;

    // With JavaScript: the error at its field, focused, read out; nothing saved.
    await allowance(page).fill("11");
    await save(page).click();
    await expect(page.locator("#meter-allowance-error")).toHaveText("Free articles per period must be at most 10.");
    await expect(allowance(page)).toBeFocused();
    await expect(allowance(page)).toHaveAttribute("aria-invalid", "true");
    await expect(page).toHaveURL(/\/desk\/settings$/); // answered in place, as JSON
    await expect(page.getByTestId("meter-status")).toHaveText(/^Nothing was saved\. Free articles per period must be at most 10\.$/);
    await page.reload();
    await expect(allowance(page)).toHaveValue(String(was));
    await expect(history).toHaveCount(before);

    await allowance(page).fill(String(next));
    await page.getByLabel(/^Rolling 30 days/).check();
    await save(page).click();
    await expect(page.getByTestId("desk-notice")).toHaveText("Meter settings saved: every page follows them now.");
    await expect(page.locator("#meter-allowance-error")).toHaveCount(0);
    // The history below is brought up to date in place.
    await expect(history).toHaveCount(before + 1);
    await expect(history.first()).toContainText(`${EDITOR} changed the meter: free articles ${was} → ${next}; period calendar month → rolling 30 days.`);
    await expect(history.first()).toContainText(`to off (${next} free articles in any 30 days once on)`);
    await expect(page.getByTestId("meter-now")).toHaveText(`The meter is off (${next} free articles in any 30 days once on).`);
    await expectNoViolations(page, "the settings page");

    // Without JavaScript: a refused post comes back as the page, the error at its field.
    const plain = await browser.newContext({ storageState: await page.context().storageState(), javaScriptEnabled: false });
    const noJs = await plain.newPage();
    await noJs.goto("/desk/settings");
    await expect(allowance(noJs)).toHaveValue(String(next));
    await allowance(noJs).fill("0");
    await save(noJs).click();
    await expect(noJs).toHaveURL(/\/desk\/settings$/);
    await expect(noJs.locator("#meter-allowance-error")).toHaveText("Free articles per period must be at least 1.");
    await expect(allowance(noJs)).toHaveValue("0");
    await expect(noJs.getByTestId("meter-status")).toHaveText("Nothing was saved. Free articles per period must be at least 1.");
    await expect(noJs.getByTestId("meter-now")).toContainText(`${next} free articles in any 30 days`);
    await expect(noJs.getByTestId("meter-history").locator("li")).toHaveCount(before + 1);
    // …and fixed, it saves: back to where the test found it.
    await allowance(noJs).fill(String(was));
    await noJs.getByLabel(/^Calendar month/).check();
    await save(noJs).click();
    await expect(noJs).toHaveURL(/\/desk\/settings\?notice=meter-saved$/);
    await expect(noJs.getByTestId("desk-notice")).toHaveText("Meter settings saved: every page follows them now.");
    await expect(allowance(noJs)).toHaveValue(String(was));
    await expect(noJs.getByLabel(/^Calendar month/)).toBeChecked();
    await expect(noJs.getByTestId("meter-history").locator("li").first()).toContainText(
      `${EDITOR} changed the meter: free articles ${next} → ${was}; period rolling 30 days → calendar month.`,
    );
    // Saving it again unchanged writes no history.
    await save(noJs).click();
    await expect(noJs.getByTestId("desk-notice")).toHaveText("Nothing to save: the meter already works that way.");
    await expect(noJs.getByTestId("meter-history").locator("li")).toHaveCount(before + 2);
    await plain.close();

    // The conversion page lists the change among the desk's recent changes.
    await page.goto("/desk/insight");
    await expect(page.getByTestId("audit-trail")).toContainText(`${EDITOR} changed the meter: free articles ${next} → ${was}`);
    await expect(page.getByTestId("meter-figures")).toBeVisible();
    await expect(page.getByTestId("meter-chart")).toBeVisible();
    await expectNoViolations(page, "the conversion page with the meter");
  });
});

test.describe("members only", () => {
  test("an editor switches a premium article to members only and back from the list, and from the editor", async ({ editorPage: page }) => {
    const run = Date.now();
    const title = `Harbour contract ${run}`;
    const id = await writeArticle(
      page,
      { title, slug: `harbour-contract-${run}`, body: `Free lede.\n\n<!-- gate -->\n\nPremium ${run}.`, premium: true },
      "Publish",
    );
    const free = `Free notice ${run}`;
    await writeArticle(page, { title: free, slug: `free-notice-${run}`, body: "All of it free.", premium: false }, "Publish");

    await page.goto(`/desk?${new URLSearchParams({ q: String(run) })}`);
    // With the meter off, the list says so and where to change it.
    await expect(page.getByTestId("meter-off-note")).toContainText("The meter is off");
    await expect(page.getByTestId("meter-off-note").getByRole("link", { name: /Settings/ })).toHaveAttribute("href", "/desk/settings");
    // A free article has no such switch.
    await expect(page.getByRole("row", { name: new RegExp(free) }).getByRole("button", { name: "Members only" })).toHaveCount(0);
    const row = page.getByRole("row", { name: new RegExp(title) });
    const toggle = row.getByRole("button", { name: "Members only" });
    await expect(toggle).toHaveAttribute("aria-pressed", "false");
    await toggle.click();
    await expect(page.getByTestId("desk-notice")).toContainText("Members only: readers without an account always get the join gate");
    await expect(page).toHaveURL(new RegExp(`[?&]q=${run}`));
    await expect(toggle).toHaveAttribute("aria-pressed", "true");
    await toggle.click();
    await expect(page.getByTestId("desk-notice")).toContainText("Metered:");
    await expect(toggle).toHaveAttribute("aria-pressed", "false");

    // The editor's own choice, saved with the article.
    await page.goto(`/desk/articles/${id}`);
    await expect(page.getByLabel(/^Metered/)).toBeChecked();
    await page.getByLabel(/^Members only/).check();
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByTestId("desk-notice")).toHaveText("Changes saved.");
    await expect(page.getByLabel(/^Members only/)).toBeChecked();
    // The choice is for premium articles: unticking Premium sets it aside, untouched.
    await page.getByLabel(/^Premium/).uncheck();
    await expect(page.getByLabel(/^Members only/)).toBeDisabled();
    await page.getByLabel(/^Premium/).check();
    await expect(page.getByLabel(/^Members only/)).toBeEnabled();

    const trail = page.getByTestId("audit-trail").locator("li");
    await expect(trail.nth(0)).toContainText(`${EDITOR} made members only`);
    await expect(trail.nth(1)).toContainText(`${EDITOR} made metered`);
    await expect(trail.nth(2)).toContainText(`${EDITOR} made members only`);
    await expectNoViolations(page, "the article editor with its meter choice");

    await page.goto(`/desk?${new URLSearchParams({ q: title })}`);
    await expect(page.getByRole("row", { name: new RegExp(title) }).getByRole("button", { name: "Members only" })).toHaveAttribute(
      "aria-pressed",
      "true",
    );
  });
});
