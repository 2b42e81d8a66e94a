// The one fixtures module of the e2e suite: the mail sink, a distinct client address per
// test (the main app trusts X-Forwarded-For, as behind a proxy), fresh addresses, a real
// sign-in through the emailed link, and pages of the run's signed-in roles (the editor and
// a reader, signed in once by global setup: e2e/support/roles.ts).
import crypto from "node:crypto";
import { test as base, expect, type Browser, type Page } from "@playwright/test";
import { MailClient, linkIn } from "./support/mail-client";
import { E2E, MAIN_URL } from "./support/env";
import { ROLES, stateFile, type Role } from "./support/roles";

export { expect };
export { linkIn, codeIn } from "./support/mail-client";
export { E2E, MAIN_URL, EMBEDDED_URL } from "./support/env";

export function uniqueEmail(prefix = "reader"): string {
  return `${prefix}-${Date.now().toString(36)}-${crypto.randomBytes(3).toString("hex")}@example.com`;
}

export function randomIp(): string {
  const b = crypto.randomBytes(3);
  return `10.${b[0]}.${b[1]}.${(b[2] % 250) + 1}`;
}

/** The editor of the main app (EDITOR_EMAILS), as `editorPage` is signed in. */
export const EDITOR_EMAIL = E2E.editorEmail;
/** The reader (no editor) that `readerPage` is signed in as. */
export const READER_EMAIL = ROLES.reader.email;
export const SITE_ORIGIN = new URL(MAIN_URL).origin;

type Fixtures = {
  mail: MailClient;
  clientIp: string;
  /** Signs `page` in as `email` through the real flow: form, mail, link, Continue. */
  signIn: (page: Page, email: string, returnTo?: string) => Promise<void>;
  /** A page signed in as the editor, in its own browser context. */
  editorPage: Page;
  /** A page signed in as a reader who is no editor, in its own browser context (from this test's client address). */
  readerPage: Page;
};

async function rolePage(browser: Browser, role: Role, use: (page: Page) => Promise<void>, headers?: Record<string, string>) {
  const context = await browser.newContext({ storageState: stateFile(role), extraHTTPHeaders: headers });
  await use(await context.newPage());
  await context.close();
}

export const test = base.extend<Fixtures>({
  mail: async ({}, use) => use(new MailClient()),
  clientIp: async ({}, use) => use(randomIp()),
  extraHTTPHeaders: async ({ clientIp }, use) => use({ "X-Forwarded-For": clientIp }),
  signIn: async ({ mail }, use) => {
    await use(async (page, email, returnTo = "/") => {
      const before = (await mail.list(email)).length;
      await page.goto(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
      await page.getByLabel("Email address").fill(email);
      await page.getByRole("button", { name: "Email me a sign-in link" }).click();
      await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
      const message = await mail.waitFor(email, { count: before + 1 });
      await page.goto(linkIn(message));
      await page.getByRole("button", { name: "Continue" }).click();
      await expect(page.getByTestId("signed-in-as")).toHaveText(email);
    });
  },
  editorPage: async ({ browser }, use) => rolePage(browser, "editor", use),
  readerPage: async ({ browser, clientIp }, use) => rolePage(browser, "reader", use, { "X-Forwarded-For": clientIp }),
});
