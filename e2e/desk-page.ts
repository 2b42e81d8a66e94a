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

/** Sets the meter on /desk/settings as an editor would, and waits for the desk's answer. */
export async function setMeter(page: Page, settings: { enabled: boolean; allowance?: number; period?: "month" | "rolling30" }) {
  await page.goto("/desk/settings");
  await page.getByLabel(/^Meter on/).setChecked(settings.enabled);
  await page.getByLabel("Free articles per period").fill(String(settings.allowance ?? 2));
  await page.getByLabel(settings.period === "rolling30" ? /^Rolling 30 days/ : /^Calendar month/).check();
  await page.getByRole("button", { name: "Save meter settings" }).click();
  await expect(page.getByTestId("desk-notice")).toHaveText(/^(Meter settings saved|Nothing to save)/);
}

/** Makes a premium article members only with its switch in the /desk list. */
export async function makeMembersOnly(page: Page, title: string) {
  await page.goto(`/desk?${new URLSearchParams({ q: title })}`);
  const toggle = page.getByRole("row", { name: new RegExp(title) }).getByRole("button", { name: "Members only" });
  await expect(toggle).toHaveAttribute("aria-pressed", "false");
  await toggle.click();
  await expect(page.getByTestId("desk-notice")).toContainText("Members only:");
  await expect(toggle).toHaveAttribute("aria-pressed", "true");
}

/** Creates a newsletter on the desk (/desk/newsletters/lists/new) and answers its id. */
export async function createNewsletter(page: Page, name: string): Promise<string> {
  await page.goto("/desk/newsletters/lists/new");
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByRole("button", { name: "Create newsletter" }).click();
  await expect(page.getByRole("heading", { name })).toBeVisible();
  return /\/desk\/newsletters\/lists\/(\d+)/.exec(page.url())![1];
}

/** Pastes a members CSV into the import form, naming the newsletter those who agreed join, and applies it. */
export async function importMembers(page: Page, newsletter: string, rows: string[]) {
  await page.goto("/desk/members");
  await page.getByLabel("Newsletter for those who agreed").selectOption({ label: newsletter });
  await page.getByLabel("Or paste the CSV").fill(["email,name,newsletter", ...rows].join("\n"));
  await page.getByRole("button", { name: "Check the file" }).click();
  await expect(page.getByText("Dry run: nothing has been imported yet.")).toBeVisible();
}
