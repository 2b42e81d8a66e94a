import fs from "node:fs";
import { defineConfig } from "@playwright/test";
import { MAIN_URL } from "./e2e/support/env";
import envFiles from "./lib/env-files";

// Tests set what they need: no developer's .env file reaches them, nor the apps they build and start.
envFiles.skipEnvFiles();

// The system Chromium (Debian's package) when present; Playwright's own browser otherwise.
const chromium = [process.env.PLAYWRIGHT_CHROMIUM_PATH, "/usr/bin/chromium"].find((p) => p && fs.existsSync(p));

export default defineConfig({
  testDir: "e2e",
  globalSetup: "./e2e/global-setup.ts",
  timeout: 90_000,
  expect: { timeout: 15_000 },
  workers: 2,
  fullyParallel: false,
  retries: 0,
  // A stray test.only must not pass CI by running one test.
  forbidOnly: Boolean(process.env.CI),
  reporter: [["list"], ["json", { outputFile: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ?? ".test-report/playwright.json" }]],
  use: {
    baseURL: MAIN_URL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: chromium,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage"],
    },
  },
  projects: [
    { name: "chromium", use: { browserName: "chromium" }, testIgnore: /\/(outage|meter|desk-doors|experiments|newsletter)\.spec\.ts/ },
    // Holds the Send button's count to the copies that go out: alone, so no other spec confirms or
    // unsubscribes a reader of the same newsletter in between (a CI run once saw 7 copies for 6).
    { name: "newsletter-counts", use: { browserName: "chromium" }, testMatch: /\/newsletter\.spec\.ts/, dependencies: ["chromium"] },
    // Knocks on every desk door and checks the database did not change: alone, so no other spec's change counts.
    { name: "desk-doors", use: { browserName: "chromium" }, testMatch: /desk-doors\.spec\.ts/, dependencies: ["newsletter-counts"] },
    // Switches the site-wide meter on, which changes what every premium page shows: alone.
    { name: "meter", use: { browserName: "chromium" }, testMatch: /\/meter\.spec\.ts/, dependencies: ["desk-doors"] },
    // Starts wall experiments, which change every premium article's gate: alone.
    { name: "experiments", use: { browserName: "chromium" }, testMatch: /\/experiments\.spec\.ts/, dependencies: ["meter"] },
    // Stops the shared SMTP server: runs alone, after everything else.
    { name: "outage", use: { browserName: "chromium" }, testMatch: /outage\.spec\.ts/, dependencies: ["experiments"] },
  ],
});
