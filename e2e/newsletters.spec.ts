// Issue 22's journeys: an editor creates a second newsletter with a welcome; a reader joins
// with it ticked, confirms with one mail and gets its welcome once; an issue scheduled on the
// desk goes out at its time to that newsletter's subscribers only.
import type { Browser } from "@playwright/test";
import { test, expect, uniqueEmail, linkIn, randomIp } from "./fixtures";
import type { MailClient } from "./support/mail-client";
import type { ReceivedMail } from "./support/mail-sink";

const ARTICLE = "/articles/e2e-premium-gated";
const withSubject = (messages: ReceivedMail[], subject: string) => messages.filter((m) => m.subject === subject);

async function joinAndConfirm(browser: Browser, mail: MailClient, email: string, box: RegExp) {
  const context = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": randomIp() } });
  const page = await context.newPage();
  await page.goto(ARTICLE);
  const gate = page.getByTestId("gate");
  await gate.getByLabel("Email address").fill(email);
  await gate.getByRole("checkbox", { name: box }).check();
  await gate.getByRole("button", { name: "Join" }).click();
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
  await page.goto(linkIn(await mail.waitFor(email)));
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByTestId("signed-in-as")).toHaveText(email);
  return page;
}

test("a second newsletter: created on the desk, ticked at the gate, confirmed once, welcomed once, its issue scheduled and sent to its readers only", async ({
  browser,
  editorPage: desk,
  mail,
}) => {
  const run = Date.now().toString(36);
  const name = `Sport ${run}`;

  // The editor creates it, offered to joiners, with a welcome.
  await desk.goto("/desk/newsletters");
  await desk.getByRole("link", { name: "New newsletter" }).click();
  await desk.getByLabel("Name", { exact: true }).fill(name);
  await desk.getByLabel("Description").fill("Results and the week's best match reports.");
  await desk.getByLabel("Sender name").fill("The Sport Desk");
  await desk.getByLabel("Offer it to readers who join from an article").check();
  await desk.getByRole("button", { name: "Create newsletter" }).click();
  await expect(desk.getByRole("heading", { name })).toBeVisible();
  const newsletterId = /\/desk\/newsletters\/lists\/(\d+)/.exec(desk.url())![1];
  const welcomeSubject = `Welcome to ${name}`;
  await desk.getByLabel("Send it to each new subscriber once they confirm").check();
  await desk.getByLabel("Welcome subject").fill(welcomeSubject);
  await desk.getByLabel("Welcome message").fill("Thanks for joining **Sport**. Expect us every Saturday.");
  await desk.getByRole("button", { name: "Save welcome" }).click();
  await expect(desk.getByText("Welcome mail saved.")).toBeVisible();
  await expect(desk.getByTestId("welcome-preview")).toContainText("Thanks for joining Sport");
  await expect(desk.getByTestId("welcome-preview")).toContainText(`Unsubscribe from ${name}:`);

  // A reader joins with the box (which names it) ticked, and confirms with the one mail.
  const ann = uniqueEmail("sport-ann");
  const reader = await joinAndConfirm(browser, mail, ann, new RegExp(name));
  await expect.poll(async () => withSubject(await mail.list(ann), welcomeSubject).length, { timeout: 60_000 }).toBe(1);
  const [welcome] = withSubject(await mail.list(ann), welcomeSubject);
  expect(welcome.from).toContain("The Sport Desk");
  expect(welcome.headers["list-unsubscribe"]).toMatch(/^<http.*\/unsubscribe\?token=/);
  expect(welcome.text).toContain("Thanks for joining Sport");
  await reader.goto("/account");
  await expect(reader.getByTestId(`newsletter-${newsletterId}`).getByTestId("newsletter-status")).toHaveText("Subscribed");
  await expect(reader.getByTestId("newsletter-1").getByTestId("newsletter-status")).toHaveText("Subscribed");

  // Another reader only gets the first newsletter (chosen on /account), never Sport.
  const bob = uniqueEmail("first-bob");
  const bobPage = await joinAndConfirm(browser, mail, bob, new RegExp(name));
  await bobPage.goto("/account");
  await bobPage.getByTestId(`newsletter-${newsletterId}`).getByRole("button", { name: "Unsubscribe" }).click();
  await expect(bobPage.getByText("You are unsubscribed from that newsletter.")).toBeVisible();
  await expect(bobPage.getByTestId(`newsletter-${newsletterId}`).getByTestId("newsletter-status")).toHaveText("Unsubscribed");
  await expect(bobPage.getByTestId("newsletter-1").getByTestId("newsletter-status")).toHaveText("Subscribed");

  // The editor writes a Sport issue and schedules it a minute ahead, in the site's zone.
  const subject = `Sport results ${run}`;
  await desk.goto(`/desk/newsletters/new?newsletter=${newsletterId}`);
  await expect(desk.getByLabel("Newsletter")).toHaveValue(newsletterId);
  await desk.getByLabel("Subject", { exact: true }).fill(subject);
  await desk.getByRole("checkbox", { name: /E2E free story/ }).check();
  await desk.getByRole("button", { name: "Save draft and preview" }).click();
  await expect(desk.getByText("Saved. Check the preview below")).toBeVisible();
  const field = desk.getByLabel(/^Send on \(time in /);
  // A time already past is refused, and says so.
  await field.fill("2020-01-01T07:00");
  await desk.getByRole("button", { name: "Schedule" }).click();
  await expect(desk.getByText(/has already passed: choose a later time\./)).toBeVisible();
  const zone = /time in (.+)\)/.exec((await desk.getByText(/^Send on \(time in /).textContent())!)![1];
  const soon = new Date(Date.now() + 60_000);
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-GB", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
      .formatToParts(soon)
      .map((p) => [p.type, p.value]),
  );
  await field.fill(`${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`);
  await desk.getByRole("button", { name: "Schedule" }).click();
  await expect(desk.getByText("Scheduled. You can cancel it until sending starts.")).toBeVisible();
  await expect(desk.getByTestId("scheduled-for")).toContainText(`${parts.hour}:${parts.minute} (${zone})`);
  await expect(desk.getByRole("button", { name: "Cancel the schedule" })).toBeVisible();

  // It goes out at its time, on its own: Ann gets it, Bob (who left Sport) does not.
  await expect.poll(async () => withSubject(await mail.list(ann), subject).length, { timeout: 150_000 }).toBe(1);
  await desk.reload();
  await expect(desk.getByTestId("issue-phase")).toHaveText(/^Sent: \d+ delivered\.$/, { timeout: 60_000 });
  const [copy] = withSubject(await mail.list(ann), subject);
  expect(copy.from).toContain("The Sport Desk");
  expect(copy.text).toContain(`Unsubscribe from ${name}:`);
  expect(copy.text).toContain("Unsubscribe from all newsletters:");
  await mail.staysAt(bob, (await mail.list(bob)).length, 3_000);
  expect(withSubject(await mail.list(bob), subject)).toHaveLength(0);
  // Still exactly one welcome.
  expect(withSubject(await mail.list(ann), welcomeSubject)).toHaveLength(1);
});
