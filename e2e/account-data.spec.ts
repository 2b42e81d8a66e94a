// Journey 3 (privacy): a member exports their data and deletes their account.
import fs from "node:fs";
import { test, expect, uniqueEmail } from "./fixtures";

test("export my data downloads the account as JSON", async ({ page, signIn, request }) => {
  const email = uniqueEmail("exporter");
  await signIn(page, email);
  await page.goto("/account");
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export my data" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^my-data-\d{4}-\d{2}-\d{2}\.json$/);
  const data = JSON.parse(fs.readFileSync((await file.path())!, "utf8"));
  expect(data.account.email).toBe(email);
  expect(data.signIns).toEqual([expect.objectContaining({ method: "link" })]);
  expect(Array.isArray(data.subscriptions)).toBe(true);
  expect(Array.isArray(data.articlesJoinedFrom)).toBe(true);
  const res = await page.request.get("/account/export");
  expect(res.headers()["cache-control"]).toContain("no-store");
  // Without a session there is nothing to export: off to sign in.
  expect((await request.get("/account/export", { maxRedirects: 0 })).status()).toBe(303);
});

test("delete my account asks to confirm, then deletes it and signs out", async ({ page, signIn }) => {
  const email = uniqueEmail("leaver");
  await signIn(page, email);
  await page.goto("/account");
  await page.getByRole("link", { name: "Delete my account" }).click();
  await expect(page.getByRole("heading", { name: "Delete your account?" })).toBeVisible();
  await page.getByRole("button", { name: "Delete my account" }).click();
  // The browser's own check (required box) or, without it, the server's message.
  await expect(page).toHaveURL(/\/account\/delete/);
  await page.getByLabel("Yes, delete my account and everything in it").check();
  await page.getByRole("button", { name: "Delete my account" }).click();
  await expect(page.getByRole("heading", { name: "Your account has been deleted" })).toBeVisible();
  await page.goto("/account");
  await expect(page).toHaveURL(/\/signin/);
  await expect(page.getByTestId("signed-in-as")).toHaveCount(0);
});

test("delete without the confirm box (no browser check) changes nothing", async ({ page, signIn }) => {
  const email = uniqueEmail("keeper");
  await signIn(page, email);
  const res = await page.request.post("/account/delete/confirm", { form: {}, headers: { Origin: new URL(page.url()).origin }, maxRedirects: 0 });
  expect(res.status()).toBe(303);
  expect(res.headers().location).toBe("/account/delete?error=confirm");
  await page.goto("/account/delete?error=confirm");
  await expect(page.locator("#confirm-error")).toHaveText("Tick the box to confirm that you want your account deleted.");
  await page.goto("/account");
  await expect(page.getByTestId("account-email")).toHaveText(email);
});
