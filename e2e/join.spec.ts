// Journey 1: an anonymous reader joins from a premium article and comes back unlocked.
import { test, expect, uniqueEmail, linkIn, E2E } from "./fixtures";

const ARTICLE = "/articles/e2e-premium-gated";
const CANARY = "CANARY-GATED-7f3a9";

test("anonymous reader sees the lede and the gate, and no premium text", async ({ page }) => {
  const response = await page.goto(ARTICLE);
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("E2E premium story with a gate marker");
  await expect(page.getByText("The free lede of the gated test story")).toBeVisible();
  const gate = page.getByTestId("gate");
  await expect(gate.getByRole("heading", { name: `Join ${E2E.siteName} to access this content` })).toBeVisible();
  await expect(gate.getByLabel("Email address")).toBeVisible();
  await expect(gate.getByRole("checkbox")).not.toBeChecked();
  await expect(gate.getByRole("link", { name: "Sign in" })).toBeVisible();
  expect(await page.content()).not.toContain(CANARY);
});

test("an invalid address gets the message at the field, focus, and no mail", async ({ page, mail }) => {
  await page.goto(ARTICLE);
  const gate = page.getByTestId("gate");
  const field = gate.getByLabel("Email address");
  await field.fill("not-an-address@");
  await gate.getByRole("button", { name: "Join" }).click();
  await expect(gate.getByText("Please enter a valid email address.")).toBeVisible();
  await expect(field).toBeFocused();
  await expect(field).toHaveAttribute("aria-invalid", "true");
  // Then a good address from the same gate: once its mail is in, one for the first would be too.
  const control = uniqueEmail("join-control");
  await field.fill(control);
  await gate.getByRole("button", { name: "Join" }).click();
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
  await mail.waitFor(control);
  expect(await mail.list("not-an-address@")).toHaveLength(0);
});

test("join from the front page: mail with link and code, link → same article unlocked, sign out locks", async ({
  page,
  mail,
}) => {
  const email = uniqueEmail("joiner");
  await page.goto("/");
  await page.getByRole("link", { name: "E2E premium story with a gate marker" }).first().click();
  await expect(page).toHaveURL(ARTICLE);
  const gate = page.getByTestId("gate");
  await gate.getByLabel("Email address").fill(email);
  await gate.getByRole("checkbox", { name: /newsletter/ }).check();
  await gate.getByRole("button", { name: "Join" }).click();
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
  await expect(page.getByTestId("sent-to")).toHaveText(email);

  const message = await mail.waitFor(email);
  expect(message.subject).toMatch(new RegExp(`^Sign in to ${E2E.siteName} with code \\d{6}$`));
  expect(message.from).toContain("news@example.com");
  expect(message.text).toContain("E2E premium story with a gate marker");
  expect(message.html).toContain(E2E.siteName);
  expect(message.html).toContain("/signin/verify?");
  expect(message.text).not.toContain(CANARY);

  await page.goto(linkIn(message));
  await expect(page.getByText(`You are signing in as ${email}`)).toBeVisible();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(ARTICLE);
  await expect(page.getByText(CANARY)).toBeVisible();
  await expect(page.getByTestId("gate")).toHaveCount(0);
  await expect(page.getByTestId("signed-in-as")).toHaveText(email);

  // Every premium article, not just the one joined from.
  await page.goto("/articles/e2e-premium-auto");
  await expect(page.getByText("CANARY-AUTO-41c2e")).toBeVisible();

  await page.goto("/account");
  await expect(page.getByTestId("account-email")).toHaveText(email);
  await expect(page.getByTestId("newsletter-1").getByTestId("newsletter-status")).toHaveText("Subscribed");

  await page.goto(ARTICLE);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(ARTICLE);
  await expect(page.getByTestId("gate")).toBeVisible();
  expect(await page.content()).not.toContain(CANARY);
});

test("the gate works without JavaScript", async ({ browser, mail }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, extraHTTPHeaders: { "X-Forwarded-For": "10.250.0.1" } });
  const page = await context.newPage();
  const email = uniqueEmail("nojs");
  await page.goto(ARTICLE);
  const gate = page.getByTestId("gate");
  await gate.getByLabel("Email address").fill("nope");
  await gate.getByRole("button", { name: "Join" }).click();
  await expect(page.getByText("Please enter a valid email address.")).toBeVisible();
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Join" }).click();
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
  const message = await mail.waitFor(email);
  const code = /code (\d{6})/.exec(message.subject)![1];
  await page.getByLabel("Code from the email").fill(code);
  await page.getByRole("button", { name: "Sign in with code" }).click();
  await expect(page).toHaveURL(ARTICLE);
  await expect(page.getByText(CANARY)).toBeVisible();
  await context.close();
});

test("a signed-in member goes back to the article from the header's Sign in", async ({ page, signIn }) => {
  const email = uniqueEmail("member");
  await signIn(page, email, ARTICLE);
  await expect(page).toHaveURL(ARTICLE);
  await expect(page.getByText(CANARY)).toBeVisible();
});
