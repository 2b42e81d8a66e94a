// Faults lose nothing: SMTP down delays mail (exactly one copy arrives later); database
// down refuses plainly and sends nothing. Runs after every other spec (its own project),
// since stopping the shared SMTP server would delay their mail.
import { spawn } from "node:child_process";
import path from "node:path";
import { test, expect, uniqueEmail, E2E } from "./fixtures";
import { hasMainDb, NEEDS_MAIN_DB, retryWindowMs, signInMailJobs, type MailJob } from "./support/main-db";
import { askForLink } from "./support/sign-in-api";

test("SMTP down during a join: the reader is told to check the inbox; the mail arrives once SMTP is back", async ({
  page,
  mail,
}) => {
  test.skip(!hasMainDb(), `${NEEDS_MAIN_DB}: the mail job's attempts are read from pg-boss`);
  const email = uniqueEmail("outage");
  let job: MailJob | undefined;
  await mail.stopSmtp();
  try {
    await page.goto("/articles/e2e-premium-gated");
    await page.getByTestId("gate").getByLabel("Email address").fill(email);
    await page.getByTestId("gate").getByRole("button", { name: "Join" }).click();
    await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
    // The worker met the outage: its attempt failed and the job waits for a retry.
    await expect
      .poll(async () => ([job] = await signInMailJobs(email)).map((j) => j.state), { message: "the join's mail job, failed once" })
      .toEqual(["retry"]);
  } finally {
    await mail.startSmtp();
  }
  await mail.waitFor(email, { timeout: 60_000 });
  // Retries stop once it is accepted: the job is recorded completed, and through the
  // longest wait pg-boss would have made before another attempt no second copy comes.
  await expect
    .poll(async () => ([job] = await signInMailJobs(email)).map((j) => j.state), { message: "the join's mail job, completed" })
    .toEqual(["completed"]);
  await mail.staysAt(email, 1, retryWindowMs(job!) + 2_000);
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
    // A mail asked for after these, from the main app, has arrived: one from them would have too.
    const control = uniqueEmail("dbdown-control");
    expect((await askForLink(page.request, { email: control }, "10.254.0.1")).status).toBe(200);
    await mail.waitFor(control);
    expect(await mail.list(email)).toHaveLength(0);
  } finally {
    if (server.pid) process.kill(-server.pid, "SIGTERM");
  }
});
