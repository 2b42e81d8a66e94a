// Page object for the editors' desk: the steps an editor takes, by role and label.
import { expect, type Page } from "@playwright/test";

export type NewArticle = { title: string; slug: string; body: string; premium: boolean };

/** Writes an article in the editor and saves it (as a draft, or published). */
export async function writeArticle(page: Page, a: NewArticle, action: "Save draft" | "Publish") {
  await page.goto("/desk/articles/new");
  await page.getByLabel("Title").fill(a.title);
  await page.getByLabel("Slug").fill(a.slug);
  await page.getByLabel("Body (Markdown)").fill(a.body);
  if (a.premium) await page.getByLabel(/^Premium/).check();
  await page.getByRole("button", { name: action }).click();
  await expect(page.getByTestId("desk-notice")).toHaveText(action === "Publish" ? /Published/ : /Draft saved/);
  return Number(/\/desk\/articles\/(\d+)/.exec(page.url())?.[1]);
}

/** The premium switch on an article's row in the /desk list. */
export async function premiumSwitch(page: Page, title: string) {
  await page.goto(`/desk?${new URLSearchParams({ q: title })}`);
  return page.getByRole("row", { name: new RegExp(title) }).getByRole("button", { name: "Premium" });
}
