// Faults lose nothing: SMTP down delays mail (exactly one copy arrives later); database
// down refuses plainly and sends nothing. Runs after every other spec (its own project),
// since stopping the shared SMTP server would delay their mail.
import { spawn } from "node:child_process";
import path from "node:path";
import { test, expect, uniqueEmail, E2E } from "./fixtures";

test("SMTP down during a join: the reader is told to check the inbox; the mail arrives once SMTP is back", async ({
  page,
  mail,
}) => {
  const email = uniqueEmail("outage");
  await mail.stopSmtp();
  try {
    await page.goto("/articles/e2e-premium-gated");
    await page.getByTestId("gate").getByLabel("Email address").fill(email);
    await page.getByTestId("gate").getByRole("button", { name: "Join" }).click();
    await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
    await new Promise((r) => setTimeout(r, 4000));
    expect(await mail.list(email)).toHaveLength(0);
  } finally {
    await mail.startSmtp();
  }
  await mail.waitFor(email, { timeout: 60_000 });
  // Retries stop once it is accepted: exactly one copy.
  await new Promise((r) => setTimeout(r, 5000));
  expect(await mail.list(email)).toHaveLength(1);
});

test("database down: joining says 'Please try again in a moment' and sends nothing", async ({ page, mail }) => {
  test.setTimeout(120_000);
  const port = E2E.outagePort;
  const root = path.resolve(__dirname, "..");
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(port),
    SITE_URL: `http://localhost:${port}`,
    DATABASE_URL: "postgres://postgres@127.0.0.1:1/unreachable",
    EMAIL_SERVER: `smtp://127.0.0.1:${E2E.smtpPort}`,
    AUTH_SECRET: E2E.authSecret,
    SITE_NAME: E2E.siteName,
  };
  const server = spawn(process.execPath, ["server.js"], { cwd: root, env, stdio: "ignore", detached: true });
  try {
    await expect
      .poll(async () => (await fetch(`http://127.0.0.1:${port}/api/health`).catch(() => null))?.status ?? 0, { timeout: 60_000 })
      .toBe(503);
    const email = uniqueEmail("dbdown");
    const res = await page.request.post(`http://localhost:${port}/signin/request`, {
      form: { email, intent: "signin", callbackUrl: "/" },
      headers: { Accept: "application/json", Origin: `http://localhost:${port}` },
    });
    expect(res.status()).toBe(503);
    expect((await res.json()).message).toBe("Please try again in a moment.");
    await page.goto(`http://localhost:${port}/signin`);
    await page.getByLabel("Email address").fill(email);
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    await expect(page.getByRole("status")).toHaveText("Please try again in a moment.");
    await new Promise((r) => setTimeout(r, 2000));
    expect(await mail.list(email)).toHaveLength(0);
  } finally {
    if (server.pid) process.kill(-server.pid, "SIGTERM");
  }
});
