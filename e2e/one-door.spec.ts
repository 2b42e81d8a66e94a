// Every way to ask for a sign-in mail or a session goes through the same door: Auth.js's
// own endpoints do not exist, the link carries only its token, and an address is one
// account whatever its case.
import { test, expect, uniqueEmail, linkIn, MAIN_URL } from "./fixtures";
import { askForLink } from "./support/sign-in-api";

const AUTHJS = [
  ["GET", "/api/auth/csrf"],
  ["GET", "/api/auth/session"],
  ["GET", "/api/auth/providers"],
  ["GET", "/api/auth/signin"],
  ["POST", "/api/auth/signin/nodemailer"],
  ["POST", "/api/auth/signin/email"],
  ["GET", "/api/auth/callback/nodemailer?token=x&email=a%40example.com"],
  ["POST", "/api/auth/signout"],
  ["GET", "/api/auth/verify-request"],
  ["GET", "/api/auth/error"],
  ["POST", "/api/auth/callback/credentials"],
] as const;

test("Auth.js's endpoints do not exist, and asking them for mail sends none", async ({ request, mail }) => {
  const email = uniqueEmail("authjs");
  for (const [method, path] of AUTHJS) {
    const res = await request.fetch(`${MAIN_URL}${path}`, {
      method,
      form: method === "POST" ? { email, csrfToken: "x", callbackUrl: "/" } : undefined,
      headers: { Origin: MAIN_URL },
      maxRedirects: 0,
    });
    expect(res.status(), `${method} ${path}`).toBe(404);
    expect(res.headers()["set-cookie"] ?? "", `${method} ${path}`).not.toMatch(/authjs/);
  }
  // A mail for the same address through the one door arrives, and it is the only one.
  expect((await askForLink(request, { email }, "10.77.1.1")).status).toBe(200);
  await mail.waitFor(email);
  await expect.poll(() => mail.list(email).then((m) => m.length), { timeout: 3000, intervals: [500] }).toBe(1);
});

test("the emailed link carries only its token: not the address, not the return path", async ({ request, mail, clientIp }) => {
  const email = uniqueEmail("linkonly");
  await askForLink(request, { email, callbackUrl: "/articles/e2e-premium-gated" }, clientIp);
  const message = await mail.waitFor(email);
  const link = new URL(linkIn(message));
  expect([...link.searchParams.keys()]).toEqual(["token"]);
  expect(message.text).not.toContain(encodeURIComponent(email));
  expect(message.html ?? "").not.toContain(encodeURIComponent(email));
});

test("an address is one account whatever its case, shown as typed", async ({ browser, mail }) => {
  const lower = uniqueEmail("case");
  const typed = `${lower.slice(0, 1).toUpperCase()}${lower.slice(1, lower.indexOf("@"))}@EXAMPLE.com`;
  const signInAs = async (address: string, ip: string) => {
    const context = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": ip } });
    const page = await context.newPage();
    const before = (await mail.list(lower)).length;
    await page.goto("/signin?callbackUrl=%2Faccount");
    await page.getByLabel("Email address").fill(address);
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    await expect(page.getByTestId("sent-to")).toHaveText(address);
    const message = await mail.waitFor(lower, { count: before + 1 });
    await page.goto(linkIn(message));
    await expect(page.getByText(`You are signing in as ${address}`)).toBeVisible();
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page.getByTestId("account-email")).toHaveText(address);
    return context;
  };
  const first = await signInAs(typed, "10.78.1.1");
  const second = await signInAs(lower, "10.78.2.1");
  // One account: signing out everywhere from the second ends the first.
  const page = await second.newPage();
  await page.goto("/account");
  await page.getByRole("button", { name: "Sign out everywhere" }).click();
  const firstPage = await first.newPage();
  await firstPage.goto("/account");
  await expect(firstPage).toHaveURL(/\/signin/);
  await Promise.all([first.close(), second.close()]);
});

test("message codes from the query string never break a page", async ({ page }) => {
  for (const code of ["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf", "%00", "x".repeat(3000)]) {
    for (const url of [`/signin?error=${code}`, `/signin/check?error=${code}`, `/account?notice=${code}`, `/desk?notice=${code}`]) {
      const res = await page.request.get(url, { maxRedirects: 0 });
      expect(res.status(), url).toBeLessThan(500);
    }
  }
});
