// The desk per newsletter: an import says which newsletter it subscribes people to before
// anything is written, the members list keeps the chosen newsletter on every page, and
// Insight gives each newsletter its own row.
import { test, expect } from "./fixtures";

test("an import names its newsletter in the dry run; the members list pages through that newsletter's subscribers; Insight shows it apart", async ({
  editorPage: desk,
}) => {
  const run = Date.now().toString(36);
  const name = `Long read ${run}`;
  await desk.goto("/desk/newsletters/lists/new");
  await desk.getByLabel("Name", { exact: true }).fill(name);
  await desk.getByLabel("Description").fill("One long story a week.");
  await desk.getByRole("button", { name: "Create newsletter" }).click();
  await expect(desk.getByRole("heading", { name })).toBeVisible();
  const newsletterId = /\/desk\/newsletters\/lists\/(\d+)/.exec(desk.url())![1];

  // 53 readers who agreed, 2 who did not: more than one page of the members list (50).
  const rows = Array.from({ length: 55 }, (_, i) => `reader${String(i).padStart(2, "0")}-${run}@views.test,Reader ${i},${i < 53 ? "yes" : "no"}`);
  await desk.goto("/desk/members");
  await desk.getByLabel("Newsletter for those who agreed").selectOption({ label: name });
  await desk.getByLabel("Or paste the CSV").fill(["email,name,newsletter", ...rows].join("\n"));
  await desk.getByRole("button", { name: "Check the file" }).click();
  await expect(desk.getByText("Dry run: nothing has been imported yet.")).toBeVisible();
  await expect(desk.getByTestId("import-newsletter")).toHaveText(name);
  await expect(desk.getByText(`New subscribers to ${name}`)).toBeVisible();
  await expect(desk.getByTestId("import-subscribers")).toHaveText("53");
  await desk.getByRole("button", { name: "Import 55 new members" }).click();
  await expect(desk.getByTestId("desk-notice")).toContainText("55 new members");

  // Only its subscribers: 53, over two pages, and the second page is still this newsletter's.
  await desk.goto("/desk/members");
  const filter = desk.getByTestId("member-newsletter-filter");
  await filter.getByLabel("Newsletter").selectOption({ label: name });
  await filter.getByLabel("Only its subscribers").check();
  await filter.getByRole("button", { name: "Show" }).click();
  await expect(desk.getByTestId("member-count")).toHaveText(`53 members subscribed to ${name}`);
  await desk.getByRole("navigation", { name: "Member pages" }).getByRole("link", { name: "Next →" }).click();
  await expect(desk).toHaveURL(new RegExp(`newsletter=${newsletterId}.*only=subscribers.*page=2|page=2.*newsletter=${newsletterId}`));
  await expect(desk.getByTestId("member-count")).toHaveText(`53 members subscribed to ${name}`);
  await expect(desk.getByRole("row", { name: new RegExp(`-${run}@views\\.test`) })).toHaveCount(3);
  await expect(filter.getByLabel("Newsletter")).toHaveValue(newsletterId);

  // A search from there stays within the newsletter's subscribers.
  await desk.getByLabel("Search by address").fill(`reader07-${run}`);
  await desk.getByRole("button", { name: "Search" }).click();
  await expect(desk.getByTestId("member-count")).toHaveText(`1 member matching “reader07-${run}” subscribed to ${name}`);

  // Insight: its own row, with its subscribers and nothing sent yet.
  await desk.goto("/desk/insight");
  const row = desk.getByTestId("newsletters").locator(`tr[data-newsletter="${newsletterId}"]`);
  await expect(row.getByRole("rowheader")).toContainText(name);
  await expect(row.getByRole("cell").nth(0)).toHaveText("53");
  await expect(row.getByRole("cell").nth(3)).toHaveText("0");
});
