// How long each way in takes a reader, in Chromium: clicks, keystrokes and time from the
// gate to the unlocked article, for the link, the code, a passkey and a provider. A
// measurement, not a test: it runs only under `npm run bench:sign-in` (LEDE_MEASURE_SIGN_IN=1)
// and writes its table to test-results/sign-in-ways.md.
import fs from "node:fs";
import path from "node:path";
import type { Locator, Page } from "@playwright/test";
import { test, expect, uniqueEmail, linkIn, codeIn } from "./fixtures";
import { OIDC_LABEL } from "./support/env";
import { addVirtualAuthenticator } from "./support/webauthn";

const ARTICLE = "/articles/e2e-premium-gated";
const CANARY = "CANARY-GATED-7f3a9";
const ROUNDS = Number(process.env.LEDE_MEASURE_ROUNDS ?? 3);

test.skip(process.env.LEDE_MEASURE_SIGN_IN !== "1", "a measurement: npm run bench:sign-in");
test.describe.configure({ mode: "serial" });

type Count = { clicks: number; keys: number };
const rows: { way: string; clicks: number; keys: number; ms: number[] }[] = [];

/** The reader's own actions, counted as they are made. */
function reader(count: Count) {
  return {
    click: async (target: Locator) => {
      count.clicks++;
      await target.click();
    },
    type: async (target: Locator, text: string) => {
      count.keys += text.length;
      await target.pressSequentially(text);
    },
  };
}

async function measure(way: string, setUp: (page: Page) => Promise<void>, run: (page: Page, r: ReturnType<typeof reader>) => Promise<void>, page: Page) {
  const ms: number[] = [];
  let count: Count = { clicks: 0, keys: 0 };
  for (let i = 0; i < ROUNDS; i++) {
    await page.context().clearCookies();
    await setUp(page);
    await page.goto(ARTICLE);
    await expect(page.getByTestId("gate")).toBeVisible();
    count = { clicks: 0, keys: 0 };
    const started = performance.now();
    await run(page, reader(count));
    await expect(page.getByText(CANARY)).toBeVisible({ timeout: 60_000 });
    ms.push(performance.now() - started);
  }
  rows.push({ way, clicks: count.clicks, keys: count.keys, ms });
}

test("every way in, from the gate to the unlocked article", async ({ page, mail, signIn }) => {
  test.setTimeout(900_000);
  const gate = page.getByTestId("gate");
  let email = "";

  await measure("Email link", async () => { email = uniqueEmail("m-link"); }, async (p, r) => {
    await r.type(gate.getByLabel("Email address"), email);
    await r.click(gate.getByRole("button", { name: "Join" }));
    const message = await mail.waitFor(email);
    // The reader opens the mail and clicks its link (counted below: one click), then Continue.
    await p.goto(linkIn(message));
    await r.click(p.getByRole("button", { name: "Continue" }));
  }, page);
  rows[rows.length - 1].clicks += 1;

  await measure("Code from the email", async () => { email = uniqueEmail("m-code"); }, async (p, r) => {
    await r.type(gate.getByLabel("Email address"), email);
    await r.click(gate.getByRole("button", { name: "Join" }));
    const code = codeIn(await mail.waitFor(email));
    await r.type(p.getByLabel("Code from the email"), code);
    await r.click(p.getByRole("button", { name: "Sign in with code" }));
  }, page);

  await addVirtualAuthenticator(page);
  await page.context().clearCookies();
  email = uniqueEmail("m-passkey");
  await signIn(page, email, "/account");
  await page.getByRole("main").getByRole("button", { name: "Add a passkey" }).click();
  await expect(page.getByTestId("add-passkey-status")).toContainText("Passkey added");
  await measure("Passkey", async () => {}, async (_p, r) => {
    await r.click(gate.getByRole("button", { name: "Sign in with a passkey" }));
  }, page);

  await measure(`Provider, first time (${OIDC_LABEL})`, async () => { email = uniqueEmail("m-provider"); }, async (p, r) => {
    await r.click(gate.getByRole("button", { name: `Continue with ${OIDC_LABEL}` }));
    await r.type(p.locator('input[name="login"]'), email);
    await r.type(p.locator('input[name="password"]'), "password");
    await r.click(p.getByRole("button", { name: "Sign-in" }));
    await r.click(p.getByRole("button", { name: "Continue reading" }));
  }, page);

  // A returning reader whose provider remembers them (as Google does for its signed-in users).
  await measure(`Provider, returning (${OIDC_LABEL})`, async (p) => {
    email = uniqueEmail("m-returning");
    await p.goto(ARTICLE);
    await gate.getByRole("button", { name: `Continue with ${OIDC_LABEL}` }).click();
    await p.locator('input[name="login"]').fill(email);
    await p.locator('input[name="password"]').fill("password");
    await p.getByRole("button", { name: "Sign-in" }).click();
    await p.getByRole("button", { name: "Continue reading" }).click();
    await expect(p.getByText(CANARY)).toBeVisible();
    await p.context().clearCookies({ domain: "localhost", name: /session-token/ });
  }, async (_p, r) => {
    await r.click(gate.getByRole("button", { name: `Continue with ${OIDC_LABEL}` }));
  }, page);

  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const table = [
    "| way in | clicks | keystrokes | time, median of " + ROUNDS + " (min–max) |",
    "|---|---|---|---|",
    ...rows.map((r) => `| ${r.way} | ${r.clicks} | ${r.keys} | ${(median(r.ms) / 1000).toFixed(2)} s (${(Math.min(...r.ms) / 1000).toFixed(2)}–${(Math.max(...r.ms) / 1000).toFixed(2)}) |`),
  ].join("\n");
  fs.mkdirSync("test-results", { recursive: true });
  fs.writeFileSync(path.join("test-results", "sign-in-ways.md"), `${table}\n`);
  console.log(`\n${table}\n`);
});
