// Journey on the embedded defaults: no DATABASE_URL, no EMAIL_SERVER (PGlite + dev mailbox).
import { test, expect, uniqueEmail, EMBEDDED_URL } from "./fixtures";

// The dev mailbox answers only requests straight from this machine: no forwarding
// header, such as the X-Forwarded-For the fixtures add to stand for a proxy.
test.use({ extraHTTPHeaders: {} });

test("join, open the link from /dev/mailbox, read the article unlocked", async ({ page }) => {
  const email = uniqueEmail("embedded");
  await page.goto(`${EMBEDDED_URL}/`);
  const premium = page.getByTestId("article-card").filter({ hasText: "Premium" }).first();
  const title = (await premium.getByRole("link").first().textContent())!;
  await premium.getByRole("link").first().click();
  await page.waitForURL(/\/articles\//);
  const articleUrl = page.url();
  const gate = page.getByTestId("gate");
  await gate.getByLabel("Email address").fill(email);
  await gate.getByRole("button", { name: "Join" }).click();
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();

  await expect(async () => {
    await page.goto(`${EMBEDDED_URL}/dev/mailbox`);
    await expect(page.getByTestId("dev-mail").filter({ hasText: email })).toHaveCount(1, { timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  const mail = page.getByTestId("dev-mail").filter({ hasText: email });
  await expect(mail).toContainText(title);
  await mail.getByRole("link", { name: /signin\/verify/ }).click();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(articleUrl);
  await expect(page.getByTestId("gate")).toHaveCount(0);
  await expect(page.getByTestId("article-rest")).toBeVisible();
});

test("/dev/mailbox does not exist when EMAIL_SERVER is set, even from this machine", async ({ request }) => {
  expect((await request.get("/dev/mailbox")).status()).toBe(404);
});
