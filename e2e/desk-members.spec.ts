import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { test, expect, EDITOR_EMAIL as EDITOR, uniqueEmail, linkIn, randomIp } from "./fixtures";

async function expectNoViolations(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const found = results.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(found, what).toEqual([]);
}

function csvLines(text: string): string[] {
  return text.replace(/^\uFEFF/, "").split("\r\n").filter(Boolean);
}

test.describe("members on the desk", () => {
  test("CSV import: a dry run names new, existing and invalid rows by line, then applying creates the members", async ({
    editorPage: page,
  }) => {
    const run = Date.now();
    const csv = [
      "email,name,newsletter",
      `ann-${run}@import.test,Ann ${run},yes`,
      `${EDITOR},Someone else,no`,
      "not-an-address,,",
      `cy-${run}@import.test,,no`,
      `ann-${run}@import.test,Ann twice,yes`,
    ].join("\n");
    await page.goto("/desk/members");
    await page.getByLabel("Or paste the CSV").fill(csv);
    await page.getByRole("button", { name: "Check the file" }).click();

    await expect(page.getByText("Dry run: nothing has been imported yet.")).toBeVisible();
    await expect(page.getByTestId("import-new")).toHaveText("2");
    await expect(page.getByTestId("import-existing")).toHaveText("1");
    await expect(page.getByTestId("import-invalid")).toHaveText("2");
    await expect(page.getByTestId("import-invalid-rows")).toContainText("Line 4: “not-an-address” is not a valid email address");
    await expect(page.getByTestId("import-invalid-rows")).toContainText(`Line 6: ann-${run}@import.test is already on line 2`);
    await expect(page.getByTestId("import-existing-rows")).toContainText(`Line 3: ${EDITOR}`);
    const dryRun = page.url();

    // Nothing was written by the dry run.
    await page.goto(`/desk/members?q=${run}`);
    await expect(page.getByTestId("member-count")).toHaveText(`No member's address contains “${run}”.`);

    await page.goto(dryRun);
    await page.getByRole("button", { name: "Import 2 new members" }).click();
    await expect(page.getByTestId("desk-notice")).toContainText("2 new members, 1 was already a member (left unchanged), 2 rows skipped");

    await page.goto(`/desk/members?q=${run}`);
    await expect(page.getByTestId("member-count")).toHaveText(`2 members matching “${run}”`);
    const ann = page.getByRole("row", { name: new RegExp(`ann-${run}`) });
    await expect(ann).toContainText(`Ann ${run}`);
    await expect(ann).toContainText("Subscribed");
    // The editor's own account was left as it was.
    await page.goto(`/desk/members?q=${EDITOR}`);
    await expect(page.getByRole("row", { name: new RegExp(EDITOR) })).not.toContainText("Someone else");
  });

  test("CSV export: the listed columns for the members found, formulas defused, private", async ({ editorPage: page }) => {
    const run = Date.now();
    await page.goto("/desk/members");
    await page
      .getByLabel("Or paste the CSV")
      .fill(`email,name,newsletter\nzed-${run}@export.test,"=HYPERLINK(""http://evil.test"")",yes\nyan-${run}@export.test,"Yan, Jr.",no\n`);
    await page.getByRole("button", { name: "Check the file" }).click();
    await page.getByRole("button", { name: "Import 2 new members" }).click();
    await expect(page.getByTestId("desk-notice")).toContainText("2 new members");

    await page.goto(`/desk/members?q=${run}`);
    const downloading = page.waitForEvent("download");
    await page.getByRole("link", { name: "Export these members as CSV" }).click();
    const file = await downloading;
    expect(file.suggestedFilename()).toMatch(/^members-\d{4}-\d{2}-\d{2}\.csv$/);

    const res = await page.request.get(`/desk/members/export.csv?q=${run}`);
    expect(res.headers()["content-type"]).toBe("text/csv; charset=utf-8");
    expect(res.headers()["cache-control"]).toBe("private, no-store");
    const lines = csvLines(await res.text());
    expect(lines[0]).toBe(
      "email,name,joined_at,joined_from_article,joined_from_url,newsletter,last_sign_in_at,role,confirmed," +
        "consent_at,consent_source,consent_network,consent_user_agent,consent_sentence,consent_attestation,consent_confirmed_at",
    );
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(new RegExp(`^yan-${run}@export\\.test,"Yan, Jr\\.",\\d{4}-\\d\\d-\\d\\dT[^,]+Z,,,none,,reader,yes(,.*)?$`));
    expect(lines[2]).toMatch(new RegExp(`^zed-${run}@export\\.test,"'=HYPERLINK\\(""http://evil\\.test""\\)",[^,]+,,,active,,reader,yes(,.*)?$`));
  });

  test("someone who asked to join waits apart, out of the members and their export, until they confirm", async ({
    editorPage: page,
    browser,
    mail,
  }) => {
    const email = uniqueEmail("awaiting");
    const q = new URLSearchParams({ q: email });
    const reader = await (await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": randomIp() } })).newPage();
    await reader.goto("/articles/e2e-premium-gated");
    await reader.getByTestId("gate").getByLabel("Email address").fill(email);
    await reader.getByTestId("gate").getByRole("button", { name: "Join" }).click();
    await expect(reader.getByRole("heading", { name: "Check your inbox" })).toBeVisible();

    // Not a member yet: the confirmed tab and its export leave the address out…
    await page.goto(`/desk/members?${q}`);
    await expect(page.getByTestId("member-count")).toHaveText(`No member's address contains “${email}”.`);
    await expect(page.getByTestId("members-tab-awaiting")).toHaveText("Awaiting confirmation 1");
    expect(csvLines(await (await page.request.get(`/desk/members/export.csv?${q}`)).text())).toHaveLength(1);
    // …the other tab lists it, with its status, and exports it marked as not confirmed.
    await page.getByTestId("members-tab-awaiting").click();
    await expect(page).toHaveURL(`/desk/members/awaiting?${q}`);
    await expect(page.getByTestId("members-tab-awaiting")).toHaveAttribute("aria-current", "page");
    await expect(page.getByTestId("member-count")).toHaveText(`1 address awaiting confirmation matching “${email}”`);
    await expect(page.getByRole("row", { name: new RegExp(email) }).getByTestId("member-status")).toHaveText("Awaiting confirmation");
    await expectNoViolations(page, "members awaiting confirmation");
    const waiting = csvLines(await (await page.request.get(`/desk/members/export.csv?status=awaiting&${q}`)).text());
    expect(waiting[1]).toMatch(new RegExp(`^${email.replace(/\./g, "\\.")},.*,reader,no(,.*)?$`));

    // The reader confirms by following the emailed link: now a member.
    await reader.goto(linkIn(await mail.waitFor(email)));
    await reader.getByRole("button", { name: "Continue" }).click();
    await expect(reader.getByTestId("signed-in-as")).toHaveText(email);
    await page.goto(`/desk/members?${q}`);
    await expect(page.getByTestId("member-count")).toHaveText(`1 member matching “${email}”`);
    await expect(page.getByRole("row", { name: new RegExp(email) }).getByTestId("member-status")).toHaveText("Confirmed");
    await expect(page.getByTestId("members-tab-awaiting")).toHaveText("Awaiting confirmation 0");
    await expectNoViolations(page, "confirmed members");
    await reader.context().close();
    // The insight page charts gate views and joins, and passes the accessibility checks.
    await page.goto("/desk/insight");
    await expect(page.getByTestId("gate-chart")).toBeVisible();
    await expectNoViolations(page, "insight");
  });
});
