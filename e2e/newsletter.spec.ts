// Journeys 4 and 5: an editor composes and sends an issue; subscribers get exactly one
// copy with one-click unsubscribe; a GET of the link changes nothing, the POST does.
import type { Browser, Page } from "@playwright/test";
import { test, expect, uniqueEmail, EDITOR_EMAIL, linkIn, randomIp, MAIN_URL } from "./fixtures";
import { SINK_URL } from "./support/env";
import type { MailClient } from "./support/mail-client";
import type { ReceivedMail } from "./support/mail-sink";

const ARTICLE = "/articles/e2e-premium-gated";
const CANARY = "CANARY-GATED-7f3a9";

/** A reader joins from the gate with newsletter consent; `confirm` clicks the emailed link. */
async function joinWithNewsletter(browser: Browser, mail: MailClient, email: string, confirm: boolean) {
  const context = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": randomIp() } });
  const page = await context.newPage();
  await page.goto(ARTICLE);
  const gate = page.getByTestId("gate");
  await gate.getByLabel("Email address").fill(email);
  await gate.getByRole("checkbox", { name: /newsletter/ }).check();
  await gate.getByRole("button", { name: "Join" }).click();
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
  const message = await mail.waitFor(email);
  if (confirm) {
    await page.goto(linkIn(message));
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page.getByTestId("signed-in-as")).toHaveText(email);
    await page.goto("/account");
    await expect(page.getByTestId("newsletter-1").getByTestId("newsletter-status")).toHaveText("Subscribed");
  }
  return page;
}

const withSubject = (messages: ReceivedMail[], subject: string) => messages.filter((m) => m.subject === subject);
const sinkMessages = async (subject: string) => withSubject((await (await fetch(`${SINK_URL}/messages`)).json()) as ReceivedMail[], subject);

/** The number of subscribers the send button names ("Send to 1,204 subscribers"). */
async function shownSubscribers(page: Page): Promise<number> {
  const label = await page.getByRole("button", { name: /^Send to / }).textContent();
  return Number(/^Send to ([\d,]+) subscribers?$/.exec(label ?? "")![1].replace(/,/g, ""));
}

/** Writes and saves an issue with the free e2e article; returns its subject. */
async function composeIssue(page: Page, prefix: string): Promise<string> {
  const subject = `${prefix} ${Date.now().toString(36)}`;
  await page.goto("/desk/newsletters/new");
  await page.getByLabel("Subject", { exact: true }).fill(subject);
  await page.getByRole("checkbox", { name: /E2E free story/ }).check();
  await page.getByRole("button", { name: "Save draft and preview" }).click();
  await expect(page.getByText("Saved. Check the preview below")).toBeVisible();
  return subject;
}
// The first: this newsletter's own link ("Unsubscribe from <name>: …"); the second leaves all newsletters.
const unsubscribeLink = (m: ReceivedMail) => /Unsubscribe from [^:\n]+: (\S+)/.exec(m.text)![1];

test("an editor sends an issue: one copy per confirmed subscriber, one-click unsubscribe by POST only", async ({
  browser,
  editorPage: page,
  mail,
  request,
}) => {
  const ann = uniqueEmail("ann");
  const bob = uniqueEmail("bob");
  const pat = uniqueEmail("pending");
  const annPage = await joinWithNewsletter(browser, mail, ann, true);
  await joinWithNewsletter(browser, mail, bob, true);
  await joinWithNewsletter(browser, mail, pat, false);

  // Compose.
  const subject = `Harbour weekly ${Date.now().toString(36)}`;
  await page.goto("/desk/newsletters/new");
  await page.getByLabel("Subject", { exact: true }).fill(subject);
  await page.getByLabel("Intro").fill("Good morning. **Two stories** this week, and [our map](https://example.com/map).");
  await page.getByRole("checkbox", { name: /E2E premium story with a gate marker/ }).check();
  await page.getByRole("checkbox", { name: /E2E free story/ }).check();
  await page.getByRole("button", { name: "Save draft and preview" }).click();
  await expect(page.getByText("Saved. Check the preview below")).toBeVisible();

  // Preview, as plain text here and as HTML in its frame: premium marked, premium text absent.
  const text = page.getByTestId("text-preview");
  await expect(text).toContainText("E2E premium story with a gate marker");
  await expect(text).toContainText("[Premium: free to read with your account]");
  await expect(text).toContainText(`${MAIN_URL}/articles/e2e-free`);
  const frame = page.frameLocator('iframe[title="HTML preview of the email"]');
  await expect(frame.getByRole("link", { name: "E2E premium story with a gate marker" })).toBeVisible();
  await expect(frame.getByText("Premium", { exact: true })).toBeVisible();
  expect(await page.content()).not.toContain(CANARY);

  // A test to the editor, then the real send (refused until confirmed).
  await page.getByRole("button", { name: `Send a test to ${EDITOR_EMAIL}` }).click();
  await expect(page.getByText(`Test sent to ${EDITOR_EMAIL}.`)).toBeVisible();
  await expect.poll(async () => withSubject(await mail.list(EDITOR_EMAIL), `[Test] ${subject}`).length).toBe(1);
  const send = page.getByRole("button", { name: /^Send to \d[\d,]* subscribers?$/ });
  await send.click();
  await expect(page.getByText("Tick the box to confirm")).toBeVisible();
  await page.getByLabel(/I have checked the preview/).check();
  const shown = await shownSubscribers(page);
  await send.click();
  await expect(page.getByTestId("issue-phase")).toHaveText(/^Sent: \d+ delivered\.$/, { timeout: 60_000 });
  const sentCount = Number((await page.getByTestId("count-sent").textContent())!.replace(/,/g, ""));

  // Exactly one copy to each confirmed subscriber, none to the pending one, none twice.
  for (const who of [ann, bob]) {
    await expect.poll(async () => withSubject(await mail.list(who), subject).length).toBe(1);
  }
  expect(withSubject(await mail.list(pat), subject)).toHaveLength(0);
  const recipients = (await sinkMessages(subject)).flatMap((m) => m.envelopeTo);
  expect(new Set(recipients).size).toBe(recipients.length);
  expect(recipients).toHaveLength(sentCount);
  expect(recipients).toHaveLength(shown);

  const [copy] = withSubject(await mail.list(ann), subject);
  const link = unsubscribeLink(copy);
  expect(link).toMatch(new RegExp(`^${MAIN_URL}/unsubscribe\\?token=[\\w.%-]+$`));
  expect(copy.headers["list-unsubscribe"]).toBe(`<${link}>`);
  expect(copy.headers["list-unsubscribe-post"]).toBe("List-Unsubscribe=One-Click");
  expect(copy.html).toContain(`href="${link}"`);
  expect(copy.text + copy.html).not.toContain(CANARY);
  expect(copy.from).toContain("news@example.com");

  // The body link opens a confirm page; fetching it (as scanners do) unsubscribes nobody.
  const scanner = await browser.newContext();
  const confirmPage = await scanner.newPage();
  await confirmPage.goto(link);
  await expect(confirmPage.getByRole("heading", { name: /Unsubscribe from/ })).toBeVisible();
  await expect(confirmPage.getByRole("button", { name: "Unsubscribe" })).toBeVisible();
  expect((await request.get(link, { maxRedirects: 0 })).status()).toBe(200);
  await annPage.goto("/account");
  await expect(annPage.getByTestId("newsletter-1").getByTestId("newsletter-status")).toHaveText("Subscribed");

  // The mail client's one-click POST: no cookie, 200, no redirect.
  const oneClick = await scanner.request.post(link, { form: { "List-Unsubscribe": "One-Click" }, maxRedirects: 0 });
  expect(oneClick.status()).toBe(200);
  await annPage.goto("/account");
  await expect(annPage.getByTestId("newsletter-1").getByTestId("newsletter-status")).toHaveText("Unsubscribed");
  await scanner.close();

  // Ann subscribes again from /account.
  await annPage.getByTestId("newsletter-1").getByRole("button", { name: "Subscribe" }).click();
  await expect(annPage.getByText("You are subscribed to the newsletter.")).toBeVisible();
  await expect(annPage.getByTestId("newsletter-1").getByTestId("newsletter-status")).toHaveText("Subscribed");
});

test("the body link's confirm button unsubscribes, and later issues skip the address", async ({ browser, editorPage: page, mail }) => {
  const cy = uniqueEmail("cy");
  await joinWithNewsletter(browser, mail, cy, true);

  async function sendIssue(prefix: string) {
    const subject = await composeIssue(page, prefix);
    await page.getByLabel(/I have checked the preview/).check();
    await page.getByRole("button", { name: /^Send to / }).click();
    await expect(page.getByTestId("issue-phase")).toHaveText(/^Sent:/, { timeout: 60_000 });
    return subject;
  }

  const first = await sendIssue("First");
  await expect.poll(async () => withSubject(await mail.list(cy), first).length).toBe(1);
  const reader = await browser.newPage();
  await reader.goto(unsubscribeLink(withSubject(await mail.list(cy), first)[0]));
  await reader.getByRole("button", { name: "Unsubscribe" }).click();
  await expect(reader.getByRole("heading", { name: "You are unsubscribed" })).toBeVisible();
  expect(reader.url()).toContain("/unsubscribe?token=");

  const second = await sendIssue("Second");
  const sent = Number((await page.getByTestId("count-sent").textContent())!.replace(/,/g, ""));
  expect(sent).toBeGreaterThan(0);
  expect(withSubject(await mail.list(cy), second)).toHaveLength(0);
});

test("members imported with newsletter=yes are subscribers: the count on the send panel is the mail that goes out", async ({
  editorPage: page,
  mail,
}) => {
  const run = Date.now().toString(36);
  const imported = [`imp-a-${run}@import.test`, `imp-b-${run}@import.test`];
  await page.goto("/desk/members");
  await page.getByLabel("Or paste the CSV").fill(["email,name,newsletter", ...imported.map((e) => `${e},,yes`), `imp-c-${run}@import.test,,no`].join("\n"));
  await page.getByRole("button", { name: "Check the file" }).click();
  await expect(page.getByTestId("import-subscribers")).toHaveText("2");
  await expect(page.getByTestId("import-subscribers-note")).toContainText("makes them subscribers at once");
  await page.getByRole("button", { name: "Import 3 new members" }).click();
  await expect(page.getByTestId("desk-notice")).toContainText("3 new members");

  const subject = await composeIssue(page, "Imported");
  await expect(page.getByTestId("send-audience")).toContainText(/^Goes to every subscriber: \d[\d,]* subscribers?\./);
  await page.getByLabel(/I have checked the preview/).check();
  const shown = await shownSubscribers(page);
  await page.getByRole("button", { name: /^Send to / }).click();
  await expect(page.getByTestId("issue-phase")).toHaveText(/^Sent: \d+ delivered\.$/, { timeout: 60_000 });

  // They never signed in, and each got exactly one copy; the one without consent none.
  for (const who of imported) {
    await expect.poll(async () => withSubject(await mail.list(who), subject).length).toBe(1);
  }
  expect(withSubject(await mail.list(`imp-c-${run}@import.test`), subject)).toHaveLength(0);
  const recipients = (await sinkMessages(subject)).flatMap((m) => m.envelopeTo);
  expect(recipients).toHaveLength(shown);
  expect(new Set(recipients).size).toBe(shown);
  await expect(page.getByTestId("count-sent")).toHaveText(shown.toLocaleString("en-GB"));
});

test("a send button that cannot be used says why on the page, without JavaScript", async ({ browser, editorPage: page }) => {
  const subject = await composeIssue(page, "Once only");
  await page.getByLabel(/I have checked the preview/).check();
  await page.getByRole("button", { name: /^Send to / }).click();
  await expect(page.getByTestId("issue-phase")).toHaveText(/^Sent:/, { timeout: 60_000 });
  const issueUrl = page.url();

  const noScript = await browser.newContext({ javaScriptEnabled: false, storageState: await page.context().storageState() });
  const plain = await noScript.newPage();
  await plain.goto(issueUrl);
  await expect(plain.getByRole("heading", { name: subject })).toBeVisible();
  const send = plain.getByRole("button", { name: /^Send to / });
  await expect(send).toBeDisabled();
  await expect(send).toHaveAccessibleDescription("This issue has already been sent.");
  await expect(plain.getByTestId("send-blocked")).toHaveText("This issue has already been sent.");
  // The test send still works for an issue already sent.
  await expect(plain.getByRole("button", { name: /^Send a test to / })).toBeEnabled();
  await noScript.close();
});

test("the newsletter desk is for editors only", async ({ page, signIn, request }) => {
  const response = await page.goto("/desk/newsletters");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fdesk%2Fnewsletters/);
  expect(response?.status()).toBe(200);
  await signIn(page, uniqueEmail("member"));
  expect((await page.goto("/desk/newsletters"))?.status()).toBe(403);
  await expect(page.getByTestId("desk-forbidden")).toBeVisible();
  expect((await page.goto("/desk/newsletters/new"))?.status()).toBe(403);
  expect((await page.request.get("/desk/newsletters/1/progress")).status()).toBe(403);
  expect((await request.get("/desk/newsletters/1/preview")).status()).toBe(403);
});
