// Accessibility: axe-core finds no violation on the pages every reader meets.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { test, expect, uniqueEmail } from "./fixtures";

const ARTICLE = "/articles/e2e-premium-gated";

async function expectNoViolations(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const found = results.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(found, what).toEqual([]);
}

test("front page, article with its gate, and sign-in have no violations", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByTestId("article-card").first()).toBeVisible();
  await expectNoViolations(page, "front page");

  await page.goto(ARTICLE);
  await expect(page.getByTestId("gate")).toBeVisible();
  await expectNoViolations(page, "article with its gate");

  await page.getByTestId("gate").getByLabel("Email address").fill("not-an-address@");
  await page.getByTestId("gate").getByRole("button", { name: "Join" }).click();
  await expect(page.getByText("Please enter a valid email address.")).toBeVisible();
  await expectNoViolations(page, "gate with an error");

  await page.goto("/signin");
  await expect(page.getByLabel("Email address")).toBeVisible();
  await expectNoViolations(page, "sign-in");
});

test("a member's article and account have no violations", async ({ page, signIn }) => {
  await signIn(page, uniqueEmail("a11y"), ARTICLE);
  await expect(page.getByTestId("article-rest")).toBeVisible();
  await expectNoViolations(page, "member's article");

  await page.goto("/account");
  await expect(page.getByTestId("account-email")).toBeVisible();
  await expectNoViolations(page, "account");
});
