// Issue 22's journeys: an editor creates a second newsletter with a welcome; a reader joins
// with it ticked, confirms with one mail and gets its welcome once; an issue scheduled on the
// desk goes out at its time to that newsletter's subscribers only.
import type { Browser } from "@playwright/test";
import { test, expect, uniqueEmail, linkIn, randomIp } from "./fixtures";
import type { MailClient } from "./support/mail-client";
import type { ReceivedMail } from "./support/mail-sink";
import { createNewsletter, importMembers } from "./desk-page";

const ARTICLE = "/articles/e2e-premium-gated";
const withSubject = (messages: ReceivedMail[], subject: string) => messages.filter((m) => m.subject === subject);
// A desktop browser: Playwright's own user agent says HeadlessChrome, which counts as a bot.
const DESKTOP = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36";

/** Opens a link as a reader without an account, in a desktop browser (so the visit counts). */
async function visit(browser: Browser, url: string) {
  const context = await browser.newContext({ userAgent: DESKTOP, extraHTTPHeaders: { "X-Forwarded-For": randomIp() } });
  const page = await context.newPage();
  await page.goto(url);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await context.close();
}

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

test("a digest: the desk shows its next run and what it would hold, it is made at its time as a draft, and the editor approves it to its readers", async ({
  browser,
  editorPage: desk,
  mail,
}) => {
  test.setTimeout(300_000);
  const run = Date.now().toString(36);
  const name = `Weekend ${run}`;
  const newsletterId = await createNewsletter(desk, name);
  await expect(desk.getByTestId("digest-next-run")).toHaveText("Off: no digest is made.");

  // A reader joins, confirms and takes this newsletter on /account; someone reads the free story.
  const reader = uniqueEmail("digest-reader");
  const page = await joinAndConfirm(browser, mail, reader, /newsletter/i);
  await page.goto("/account");
  await page.getByTestId(`newsletter-${newsletterId}`).getByRole("button", { name: "Subscribe" }).click();
  await expect(page.getByTestId(`newsletter-${newsletterId}`).getByTestId("newsletter-status")).toHaveText("Subscribed");
  await visit(browser, "/articles/e2e-free");

  // The editor turns the digest on: today, in the site's zone, a minute or so from now; it waits for approval.
  await desk.reload();
  const zone = /24-hour clock, (.+)\)/.exec((await desk.getByText(/^At \(24-hour clock, /).textContent())!)![1];
  const soon = new Date(Date.now() + 90_000);
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-GB", { timeZone: zone, weekday: "long", hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
      .formatToParts(soon)
      .map((p) => [p.type, p.value]),
  );
  const form = desk.getByTestId("digest-form");
  await form.getByLabel("Make a digest on a schedule").check();
  for (const day of ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]) {
    await form.getByLabel(day, { exact: true }).setChecked(day === parts.weekday);
  }
  // A time that is not one is refused, and changes nothing.
  await form.getByLabel(/^At \(24-hour clock/).fill("25:00");
  await form.getByRole("button", { name: "Save digest" }).click();
  await expect(form.getByText("Give the time as HH:MM, 24-hour clock (for example 07:00).")).toBeVisible();
  await expect(desk.getByTestId("digest-next-run")).toHaveText("Off: no digest is made.");
  await form.getByLabel(/^At \(24-hour clock/).fill(`${parts.hour}:${parts.minute}`);
  await form.getByRole("button", { name: "Save digest" }).click();
  await expect(desk.getByText("Digest saved.")).toBeVisible();
  await expect(desk.getByTestId("digest-next-run")).toContainText(`${parts.hour}:${parts.minute} (${zone}), left as a draft for an editor to approve.`);
  // What it would hold now: the story just read (the counts reach the database within seconds).
  await expect
    .poll(async () => {
      await desk.reload();
      return desk.getByTestId("digest-if-now").textContent();
    }, { timeout: 60_000 })
    .toMatch(/E2E free story \(most read: [\d,]+ reads?/);

  // Its time comes: a draft appears, and nothing is sent on its own.
  await expect
    .poll(async () => {
      await desk.reload();
      return desk.getByTestId("digest-list").count();
    }, { timeout: 180_000, intervals: [5_000] })
    .toBe(1);
  await expect(desk.getByTestId("digest-list")).toContainText("draft: waiting for approval");
  await desk.getByTestId("digest-list").getByRole("link").first().click();
  await expect(desk.getByTestId("digest-note")).toBeVisible();
  const subject = (await desk.getByRole("heading", { level: 1 }).textContent())!.replace(/\s*Draft$/i, "").trim();
  expect(subject).toMatch(new RegExp(`^${name}: the best of `));
  await expect(desk.getByTestId("digest-note")).toContainText("approve it by sending it");
  await expect(desk.getByTestId("text-preview")).toContainText("E2E free story");
  expect(withSubject(await mail.list(reader), subject)).toHaveLength(0);

  // The editor approves it: it goes to the newsletter's reader.
  await desk.getByLabel(/^I have checked the preview: send this issue to/).check();
  await desk.getByRole("button", { name: /^Send to 1 subscriber$/ }).click();
  await expect.poll(async () => withSubject(await mail.list(reader), subject).length, { timeout: 60_000 }).toBe(1);
  const [copy] = withSubject(await mail.list(reader), subject);
  expect(copy.text).toContain("E2E free story");
  expect(copy.text).toContain(`Unsubscribe from ${name}:`);
});

test("two subjects: each sample gets one, the subject whose copies brought more visits wins, the desk says why, and the rest get it", async ({
  browser,
  editorPage: desk,
  mail,
}) => {
  test.setTimeout(300_000);
  const run = Date.now().toString(36);
  const name = `Subjects ${run}`;
  const domain = `subjects-${run}.test`;
  const newsletterId = await createNewsletter(desk, name);
  // 100 readers who agreed elsewhere, imported into it.
  await importMembers(
    desk,
    name,
    Array.from({ length: 100 }, (_, i) => `r${i}@${domain},,yes`),
  );
  await desk.getByRole("button", { name: "Import 100 new members" }).click();
  await expect(desk.getByTestId("desk-notice")).toContainText("100 new members");

  // An issue with two subjects: 45% of the list each (a stable draw per reader), the rest after a minute.
  const [subjectA, subjectB] = [`Plain subject ${run}`, `Tempting subject ${run}`];
  await desk.goto(`/desk/newsletters/new?newsletter=${newsletterId}`);
  await desk.getByLabel("Subject", { exact: true }).fill(subjectA);
  await desk.getByText("Test a second subject").click();
  await desk.getByLabel("Second subject").fill(subjectB);
  await desk.getByLabel("Each sample (% of the list)").fill("45");
  await desk.getByLabel("Wait before sending the rest (minutes)").fill("1");
  await desk.getByRole("checkbox", { name: /E2E free story/ }).check();
  await desk.getByRole("button", { name: "Save draft and preview" }).click();
  await expect(desk.getByText("Saved. Check the preview below")).toBeVisible();
  await desk.getByLabel(/^I have checked the preview: send this issue to/).check();
  await desk.getByRole("button", { name: "Send to 100 subscribers" }).click();

  // The samples go out, then nothing more until the wait is over.
  const ours = async () => (await mail.all()).filter((m) => m.to.endsWith(`@${domain}`));
  const bySubject = async (subject: string) => (await ours()).filter((m) => m.subject === subject);
  let last = -1;
  await expect
    .poll(
      async () => {
        const now = (await ours()).length;
        const settled = now > 0 && now === last;
        last = now;
        return settled;
      },
      { timeout: 90_000, intervals: [4_000] },
    )
    .toBe(true);
  const [nA, nB] = [(await bySubject(subjectA)).length, (await bySubject(subjectB)).length];
  expect(nA).toBeGreaterThanOrEqual(20);
  expect(nB).toBeGreaterThanOrEqual(20);
  expect(nA + nB).toBeLessThan(100);

  // Readers open the second subject's links more: five visits from its copies, one from the first's.
  const linkOf = (m: ReceivedMail, v: "a" | "b") => {
    const url = new RegExp(`https?://[^\\s)>\\]]+/articles/e2e-free\\?[^\\s)>\\]]*v=${v}\\b[^\\s)>\\]]*`).exec(m.text ?? "")?.[0];
    expect(url, `a v=${v} link in the copy`).toBeTruthy();
    return url!;
  };
  for (const m of (await bySubject(subjectB)).slice(0, 5)) await visit(browser, linkOf(m, "b"));
  await visit(browser, linkOf((await bySubject(subjectA))[0], "a"));

  // After the wait the desk shows both subjects' figures, the winner and why; the rest get it.
  const issueUrl = desk.url();
  await expect
    .poll(
      async () => {
        await desk.goto(issueUrl);
        return desk.getByTestId("subject-test-result").textContent();
      },
      { timeout: 180_000, intervals: [5_000] },
    )
    .toBe(
      `The second subject won: 5 visits from ${nB} delivered (${(5 / nB).toFixed(2)} a copy) against 1 visits from ${nA} delivered (${(1 / nA).toFixed(2)} a copy).`,
    );
  await expect(desk.getByTestId("subject-b")).toContainText("Winner");
  await expect(desk.getByTestId("subject-a")).not.toContainText("Winner");
  await expect(desk.getByTestId("subject-a").getByRole("cell")).toHaveText([String(nA), "1", (1 / nA).toFixed(2)]);
  // (Once the rest has gone, the winner's delivered copies count it too.)
  await expect(desk.getByTestId("subject-b").getByRole("cell").nth(1)).toHaveText("5");
  await expect.poll(async () => (await bySubject(subjectB)).length, { timeout: 90_000 }).toBe(100 - nA);
  const everyone = (await ours()).map((m) => m.to);
  expect(everyone).toHaveLength(100);
  expect(new Set(everyone).size).toBe(100);
  expect(await bySubject(subjectA)).toHaveLength(nA);
});
