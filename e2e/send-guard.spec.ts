// The send guard, end to end: an issue goes to 1,000 subscribers through a real SMTP
// sink, spam complaints for 4 of them arrive through the Postmark route while it is
// sending, the send pauses with a notice saying which and why, and Resume sends the
// rest, each exactly once. Runs its own app (own database, own sink, Postmark configured)
// so its 1,000 subscribers stay out of the other specs' sends.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { ChildProcess } from "node:child_process";
import postgres from "postgres";
import { test, expect, linkIn } from "./fixtures";
import { startApp, stopApp } from "./support/apps";
import { E2E } from "./support/env";
import { MailSink } from "./support/mail-sink";

const PORT = Number(process.env.E2E_GUARD_PORT ?? 4001);
const SMTP_PORT = Number(process.env.E2E_GUARD_SMTP_PORT ?? 4002);
const SINK_API_PORT = Number(process.env.E2E_GUARD_SINK_API_PORT ?? 4003);
const ORIGIN = `http://localhost:${PORT}`;
const EDITOR = "guard-editor@example.com";
const HOOK_USER = "lede-postmark";
const HOOK_PASSWORD = crypto.randomBytes(12).toString("hex");
const SUBSCRIBERS = 1000;

test.describe.configure({ mode: "serial" });

let sink: MailSink;
let app: ChildProcess | undefined;
let dataDir = "";
let dbName = "";

test.beforeAll(async () => {
  test.setTimeout(900_000);
  sink = new MailSink(SMTP_PORT, SINK_API_PORT);
  await sink.start();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(PORT),
    SITE_URL: ORIGIN,
    SITE_NAME: E2E.siteName,
    AUTH_SECRET: E2E.authSecret,
    EMAIL_SERVER: `smtp://127.0.0.1:${SMTP_PORT}`,
    EMAIL_FROM: '"The Daily Lede" <news@example.com>',
    EDITOR_EMAILS: EDITOR,
    POSTMARK_WEBHOOK_USER: HOOK_USER,
    POSTMARK_WEBHOOK_PASSWORD: HOOK_PASSWORD,
    LEDE_SMTP_CONNECTIONS: "4",
    LEDE_LISTEN_HOST: "127.0.0.1",
  };
  const base = process.env.E2E_DATABASE_URL;
  if (base) {
    dbName = `${process.env.E2E_DB_PREFIX ?? "lede_e2e_"}guard_${crypto.randomBytes(4).toString("hex")}`;
    const admin = postgres(base, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${dbName}`);
    await admin.end();
    const u = new URL(base);
    u.pathname = `/${dbName}`;
    env.DATABASE_URL = u.toString();
  } else {
    delete env.DATABASE_URL;
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lede-guard-"));
    env.LEDE_DATA_DIR = dataDir;
  }
  app = await startApp("send-guard", env, PORT);
});

test.afterAll(async () => {
  stopApp(app);
  await sink?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  if (dbName) {
    const admin = postgres(process.env.E2E_DATABASE_URL!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists ${dbName} with (force)`).catch(() => {});
    await admin.end();
  }
});

const subjectOf = (s: string) => (m: { subject: string }) => m.subject === s;

test("complaints past the threshold pause a send with a notice; Resume sends the rest once", async ({ page }) => {
  test.setTimeout(600_000);
  // The editor signs in through the emailed link.
  await page.goto(`${ORIGIN}/signin`);
  await page.getByLabel("Email address").fill(EDITOR);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect.poll(() => sink.received().filter((m) => m.envelopeTo.includes(EDITOR)).length).toBe(1);
  await page.goto(linkIn(sink.received().find((m) => m.envelopeTo.includes(EDITOR))!));
  await page.getByRole("button", { name: "Continue" }).click();
  await page.waitForURL((u) => !u.pathname.startsWith("/signin"));

  // 1,000 subscribers, imported with their consent.
  const rows = Array.from({ length: SUBSCRIBERS }, (_, i) => `reader${i}@guard.test,,yes`);
  await page.goto(`${ORIGIN}/desk/members`);
  await page.getByLabel("Or paste the CSV").fill(["email,name,newsletter", ...rows].join("\n"));
  await page.getByRole("button", { name: "Check the file" }).click();
  await page.getByRole("button", { name: `Import ${SUBSCRIBERS.toLocaleString("en-GB")} new members` }).click();
  await expect(page.getByTestId("desk-notice")).toContainText("new members");

  // The guard weighs a send from its 300th copy on (a desk setting): with 1,000 subscribers
  // at the default 1,000 there would be nothing left to pause.
  await page.goto(`${ORIGIN}/desk/newsletters/deliverability`);
  await page.getByLabel("Copies before the guard weighs a send").fill("300");
  await page.getByRole("button", { name: "Save the send guard" }).click();
  await expect(page.getByTestId("desk-notice")).toHaveText(/Send guard saved/);
  await expect(page.getByLabel("Complaint threshold (%)")).toHaveValue("0.3");

  // Compose and send, to a receiving server slow enough to still be sending when complaints come.
  const subject = `Guarded weekly ${Date.now().toString(36)}`;
  await page.goto(`${ORIGIN}/desk/newsletters/new`);
  await page.getByLabel("Subject", { exact: true }).fill(subject);
  await page.getByLabel("Intro").fill("Good morning.");
  await page.getByRole("button", { name: "Save draft and preview" }).click();
  await expect(page.getByText("Saved. Check the preview below")).toBeVisible();
  sink.delayMs = 150;
  await page.getByLabel(/I have checked the preview/).check();
  await page.getByRole("button", { name: `Send to ${SUBSCRIBERS.toLocaleString("en-GB")} subscribers` }).click();
  await expect.poll(() => sink.received().filter(subjectOf(subject)).length, { timeout: 120_000 }).toBeGreaterThanOrEqual(100);

  // Four readers press "Report spam" before the 300th copy; Postmark posts each complaint,
  // naming the copy by its metadata header. The guard weighs them once 300 copies are out.
  const copies = sink.received().filter(subjectOf(subject)).slice(0, 4);
  for (const [i, copy] of copies.entries()) {
    expect(copy.headers["feedback-id"]).toMatch(/^\d+:main:newsletter:localhost$/);
    expect(copy.headers["list-id"]).toContain("newsletter.localhost");
    const res = await page.request.post(`${ORIGIN}/api/email-events/postmark`, {
      headers: { Authorization: "Basic " + Buffer.from(`${HOOK_USER}:${HOOK_PASSWORD}`).toString("base64") },
      data: { RecordType: "SpamComplaint", ID: 9000 + i, Type: "SpamComplaint", TypeCode: 100001, Email: copy.envelopeTo[0], BouncedAt: new Date().toISOString(), MessageID: crypto.randomUUID(), Metadata: { "lede-delivery": copy.headers["x-pm-metadata-lede-delivery"] } },
    });
    expect(res.status()).toBe(200);
  }
  await expect(page.getByTestId("issue-phase")).toContainText("Sending paused by the send guard: 4 spam complaints for", { timeout: 60_000 });
  await expect(page.getByTestId("issue-phase")).toContainText("passed the 0.3% threshold");
  const sentAtPause = Number((await page.getByTestId("count-sent").textContent())!.replace(/,/g, ""));
  expect(sentAtPause).toBeLessThan(SUBSCRIBERS);
  await page.reload();
  await expect(page.getByTestId("issue-figures-complaints")).toHaveText("4");

  sink.delayMs = 0;
  await page.getByRole("button", { name: "Resume" }).click();
  await expect(page.getByTestId("issue-phase")).toHaveText(/^Sent: 1,000 delivered\.$/, { timeout: 180_000 });
  const recipients = sink.received().filter(subjectOf(subject)).flatMap((m) => m.envelopeTo);
  expect(recipients).toHaveLength(SUBSCRIBERS);
  expect(new Set(recipients).size).toBe(SUBSCRIBERS);
  // The complainers are unsubscribed: the members list says so.
  await page.goto(`${ORIGIN}/desk/members?q=${encodeURIComponent(copies[0].envelopeTo[0])}`);
  await expect(page.getByRole("row", { name: new RegExp(copies[0].envelopeTo[0]) })).not.toContainText("Subscribed");
});
