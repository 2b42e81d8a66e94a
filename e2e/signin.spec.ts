// Sign-in that survives real inboxes: scanners, other devices, guessing, used/expired links.
import type { APIRequestContext } from "@playwright/test";
import { test, expect, uniqueEmail, linkIn, codeIn, randomIp, MAIN_URL } from "./fixtures";
import { hasMainDb, NEEDS_MAIN_DB, withMainDb } from "./support/main-db";
import { askForLink, postCode } from "./support/sign-in-api";

const ARTICLE = "/articles/e2e-premium-gated";

test("a link fetched by scanners still works once; a second use says so and offers a new one", async ({
  page,
  request,
  mail,
  clientIp,
}) => {
  const email = uniqueEmail("scanned");
  expect((await askForLink(request, { email, callbackUrl: ARTICLE }, clientIp)).status).toBe(200);
  const link = linkIn(await mail.waitFor(email));
  // Outlook Safe Links, Mimecast, link previews: GETs and HEADs with no cookies.
  for (let i = 0; i < 5; i++) {
    const res = i % 2 ? await request.head(link) : await request.get(link);
    expect(res.status()).toBe(200);
  }
  await page.goto(link);
  await expect(page.getByText(`You are signing in as ${email}`)).toBeVisible();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(ARTICLE);
  await expect(page.getByTestId("signed-in-as")).toHaveText(email);

  const other = await page.context().browser()!.newContext({ extraHTTPHeaders: { "X-Forwarded-For": randomIp() } });
  const second = await other.newPage();
  await second.goto(link);
  await expect(second.getByRole("heading", { name: "This link has already been used" })).toBeVisible();
  await second.getByRole("button", { name: "Email me a new link" }).click();
  await expect(second.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
  await mail.waitFor(email, { count: 2 });
  await other.close();
});

test("the code from the mail signs in on the device that asked, while the mail is read elsewhere", async ({
  page,
  mail,
}) => {
  const email = uniqueEmail("coder");
  await page.goto(ARTICLE);
  await page.getByTestId("gate").getByLabel("Email address").fill(email);
  await page.getByTestId("gate").getByRole("button", { name: "Join" }).click();
  const code = codeIn(await mail.waitFor(email));
  await page.getByLabel("Code from the email").fill(code);
  await page.getByRole("button", { name: "Sign in with code" }).click();
  await expect(page.getByTestId("signed-in-as")).toHaveText(email);
  await expect(page.getByText("CANARY-GATED-7f3a9")).toBeVisible();
});

test("a stranger's guesses, even of the right code, change nothing for the owner, and every refusal reads the same", async ({
  request,
  playwright,
  mail,
  clientIp,
}) => {
  const email = uniqueEmail("owner");
  await askForLink(request, { email }, clientIp);
  const code = codeIn(await mail.waitFor(email));
  const wrong = code === "123456" ? "654321" : "123456";
  // Another browser elsewhere: no key from the asking browser, so nothing it types matches.
  const stranger = await playwright.request.newContext();
  const answers = [];
  for (let i = 0; i < 12; i++) answers.push(await postCode(stranger, email, i % 4 === 0 ? code : wrong, randomIp()));
  answers.push(await postCode(stranger, uniqueEmail("nobody"), wrong, randomIp()));
  await stranger.dispose();
  for (const a of answers) {
    expect(a.status).toBe(400);
    expect(a.body.message).toBe(answers[0].body.message);
    expect(String(a.body.message)).not.toMatch(/left|\d+ tr(y|ies)/);
  }
  // The owner's code works in the browser that asked.
  const mine = await postCode(request, email, code, clientIp);
  expect(mine.status).toBe(200);
});

test("five wrong codes in the asking browser stop codes there, told the same way, and the link still works", async ({ request, mail, clientIp }) => {
  const email = uniqueEmail("guesser");
  await askForLink(request, { email }, clientIp);
  const message = await mail.waitFor(email);
  const code = codeIn(message);
  const wrong = code === "123456" ? "654321" : "123456";
  for (let i = 1; i <= 5; i++) {
    const r = await postCode(request, email, wrong, clientIp);
    expect(r.status).toBe(400);
    expect(String(r.body.message)).not.toMatch(/left/);
  }
  const last = await postCode(request, email, code, clientIp);
  expect(last.status).toBe(429);
  expect(String(last.body.message)).toMatch(/Use the link in the email/);
  const confirm = await request.get(linkIn(message));
  expect(confirm.status()).toBe(200);
});

test("an expired link says so and offers a new one", async ({ page, request, mail, clientIp }) => {
  test.skip(!hasMainDb(), `${NEEDS_MAIN_DB}: the link is made to expire there`);
  const email = uniqueEmail("expired");
  await askForLink(request, { email }, clientIp);
  const link = linkIn(await mail.waitFor(email));
  await withMainDb((sql) => sql`update sign_in_token set expires = now() - interval '1 minute' where email = ${email}`);
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "This link has expired" })).toBeVisible();
  await page.getByRole("button", { name: "Email me a new link" }).click();
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
  await mail.waitFor(email, { count: 2 });
});

test("per-address limit: a 4th mail in 10 minutes from one network is refused with 429, a wait time, and no mail", async ({
  request,
  mail,
}) => {
  const email = uniqueEmail("limited");
  const network = randomIp().replace(/\.\d+$/, "");
  for (let i = 1; i <= 3; i++) expect((await askForLink(request, { email }, `${network}.${i}`)).status).toBe(200);
  const refused = await askForLink(request, { email }, `${network}.99`);
  expect(refused.status).toBe(429);
  expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
  expect(String(refused.body.message)).toMatch(/links and codes in them still work.*in \d+ minutes/);
  // Three mails arrived, and stay three once a mail asked for after the refusal has arrived.
  await mail.waitFor(email, { count: 3 });
  const control = uniqueEmail("limited-control");
  expect((await askForLink(request, { email: control }, randomIp())).status).toBe(200);
  await mail.waitFor(control);
  expect(await mail.list(email)).toHaveLength(3);
});

test("another network cannot lock the owner out: the budget it spent is its own", async ({
  page,
  request,
  mail,
  clientIp,
}) => {
  const email = uniqueEmail("victim");
  const attacker = randomIp().replace(/\.\d+$/, "");
  for (let i = 1; i <= 4; i++) await askForLink(request, { email }, `${attacker}.${i}`);
  expect((await askForLink(request, { email }, `${attacker}.50`)).status).toBe(429);
  await mail.waitFor(email, { count: 3 });
  // The owner, on another network (this page's own client address).
  await page.goto("/signin");
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
  const message = await mail.waitFor(email, { count: 4 });
  await page.goto(linkIn(message));
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByTestId("signed-in-as")).toHaveText(email);
  expect(clientIp.startsWith(attacker)).toBe(false);
});

test("the refusal without JavaScript says the sent links and codes still work", async ({ browser, mail }) => {
  const email = uniqueEmail("nojs-limit");
  const network = randomIp().replace(/\.\d+$/, "");
  const context = await browser.newContext({ javaScriptEnabled: false, extraHTTPHeaders: { "X-Forwarded-For": `${network}.8` } });
  const page = await context.newPage();
  for (let i = 0; i < 4; i++) {
    await page.goto("/signin");
    await page.getByLabel("Email address").fill(email);
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  }
  await expect(page.getByRole("status")).toContainText("The links and codes in them still work");
  await mail.waitFor(email, { count: 3 });
  await context.close();
});

test("per-IP limit: the 31st request in an hour from one address is refused", async ({ request }) => {
  const ip = randomIp();
  for (let i = 0; i < 30; i++) expect((await askForLink(request, { email: uniqueEmail(`ip${i}`) }, ip)).status).toBe(200);
  expect((await askForLink(request, { email: uniqueEmail("ip-over") }, ip)).status).toBe(429);
  expect((await askForLink(request, { email: uniqueEmail("ip-other") }, randomIp())).status).toBe(200);
});

test("code checks are limited per IP", async ({ request }) => {
  const ip = randomIp();
  for (let i = 0; i < 20; i++) expect((await postCode(request, uniqueEmail("nocode"), "000000", ip)).status).toBe(400);
  const refused = await postCode(request, uniqueEmail("nocode"), "000000", ip);
  expect(refused.status).toBe(429);
});

test("known and unknown addresses get the same answer in the same time", async ({ request }) => {
  // Pairs, each in turn first, so that a busy moment of the machine weighs on both alike.
  const known = Array.from({ length: 10 }, () => uniqueEmail("known"));
  for (const email of known) await askForLink(request, { email }, randomIp());
  const timings = { known: [] as number[], unknown: [] as number[] };
  for (let i = 0; i < known.length; i++) {
    const askKnown = () => askForLink(request, { email: known[i] }, randomIp());
    const askUnknown = () => askForLink(request, { email: uniqueEmail("unknown") }, randomIp());
    let a, b;
    if (i % 2 === 0) {
      a = await askKnown();
      b = await askUnknown();
    } else {
      b = await askUnknown();
      a = await askKnown();
    }
    expect(a.status).toBe(b.status);
    expect({ ...a.body, email: "x" }).toEqual({ ...b.body, email: "x" });
    timings.known.push(a.ms);
    timings.unknown.push(b.ms);
  }
  const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
  const gap = Math.abs(median(timings.known) - median(timings.unknown));
  expect(gap, `median gap ${gap.toFixed(1)} ms (${JSON.stringify(timings)})`).toBeLessThan(
    Math.max(40, 0.5 * Math.max(median(timings.known), median(timings.unknown))),
  );
});

const REDIRECTS = [
  "//evil.example",
  "https://evil.example",
  "/\\evil.example",
  "javascript:alert(1)",
  "%2F%2Fevil.example",
  "https%3A%2F%2Fevil.example",
  "%2F%5Cevil.example",
  "javascript%3Aalert(1)",
];

test("return paths never leave the site, by link or by code", async ({ request, mail, clientIp }) => {
  for (const payload of REDIRECTS) {
    const email = uniqueEmail("redirect");
    await askForLink(request, { email, callbackUrl: payload }, clientIp);
    const message = await mail.waitFor(email);
    const link = new URL(linkIn(message));
    expect(link.origin).toBe(MAIN_URL);
    const token = link.searchParams.get("token")!;
    // The Continue button's POST, with the payload put back as if tampered with.
    const res = await request.post(`${MAIN_URL}/signin/verify/confirm`, {
      form: { email, token, callbackUrl: payload },
      headers: { Origin: MAIN_URL },
      maxRedirects: 0,
    });
    expect(res.status()).toBe(303);
    const location = res.headers()["location"];
    expect(new URL(location, MAIN_URL).origin, `${payload} → ${location}`).toBe(MAIN_URL);
    expect(location.startsWith("/") && !location.startsWith("//")).toBe(true);
  }
  const email = uniqueEmail("redirect-code");
  await askForLink(request, { email }, clientIp);
  const code = codeIn(await mail.waitFor(email));
  const byCode = await postCode(request, email, code, clientIp, "//evil.example");
  expect(byCode.body.redirectTo).toBe("/");
});

/** Requests refused for their input, each with its status and message; a fresh address for the unknown article. */
function badInput(): [string, Record<string, string>, number, RegExp][] {
  return [
    ["malformed", { email: "reader@@example.com" }, 400, /valid email address/],
    ["empty", { email: "" }, 400, /valid email address/],
    ["10 KB", { email: `${"a".repeat(10_240)}@example.com` }, 400, /valid email address/],
    ["CR/LF", { email: "reader@example.com\r\nBcc: victim@example.com" }, 400, /valid email address/],
    ["NUL", { email: "reader\u0000@example.com" }, 400, /valid email address/],
    ["disposable", { email: "someone@mailinator.com" }, 400, /permanent email address/],
    ["unknown article", { email: uniqueEmail("noarticle"), article: "no-such-article", intent: "join" }, 404, /does not exist/],
  ];
}

async function expectRefused(request: APIRequestContext, cases: ReturnType<typeof badInput>, clientIp: string) {
  for (const [name, fields, status, message] of cases) {
    const r = await askForLink(request, fields, clientIp);
    expect(r.status, name).toBe(status);
    expect(String(r.body.message), name).toMatch(message);
  }
}

test("bad input gets a clear message and sends nothing", async ({ request, mail, clientIp }) => {
  const cases = badInput();
  await expectRefused(request, cases, clientIp);
  const noarticle = cases[6][1].email;
  // No consent field at all is simply "no newsletter".
  const plain = uniqueEmail("noconsent");
  expect((await askForLink(request, { email: plain, article: "e2e-premium-gated", intent: "join" }, clientIp)).status).toBe(200);
  // A bot filling the honeypot gets the same answer, and nothing is sent.
  const bot = uniqueEmail("bot");
  const trapped = await askForLink(request, { email: bot, website: "http://spam.example" }, clientIp);
  expect(trapped.status).toBe(200);
  // The good request's mail has arrived: any the refused ones (asked for before it) had queued would be in too.
  await mail.waitFor(plain);
  expect(await mail.list("reader@example.com")).toHaveLength(0);
  expect(await mail.list(noarticle)).toHaveLength(0);
  expect(await mail.list(bot)).toHaveLength(0);
});

test("bad input makes no account", async ({ request, clientIp }) => {
  test.skip(!hasMainDb(), `${NEEDS_MAIN_DB}: accounts are rows no page shows`);
  const cases = badInput();
  await expectRefused(request, cases, clientIp);
  const noarticle = cases[6][1].email;
  const rows = await withMainDb((sql) => sql`select email from "user" where email in (${noarticle}, 'someone@mailinator.com', 'reader@example.com')`);
  expect(rows).toHaveLength(0);
});

test("session cookie is HttpOnly and SameSite=Lax; sign out everywhere ends every session", async ({
  browser,
  request,
  mail,
  clientIp,
}) => {
  const email = uniqueEmail("everywhere");
  await askForLink(request, { email }, clientIp);
  await askForLink(request, { email }, clientIp);
  const [m1, m2] = [await mail.waitFor(email, { count: 2 }), (await mail.list(email))[0]];
  const contexts = [];
  for (const message of [m1, m2]) {
    const link = new URL(linkIn(message));
    const res = await request.post(`${MAIN_URL}/signin/verify/confirm`, {
      form: { email, token: link.searchParams.get("token")!, callbackUrl: ARTICLE },
      headers: { Origin: MAIN_URL },
      maxRedirects: 0,
    });
    const cookie = res.headers()["set-cookie"];
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const value = /authjs\.session-token=([^;]+)/.exec(cookie)![1];
    const ctx = await browser.newContext();
    await ctx.addCookies([{ name: "authjs.session-token", value, url: MAIN_URL, httpOnly: true, sameSite: "Lax" }]);
    contexts.push(ctx);
  }
  const [a, b] = await Promise.all(contexts.map((c) => c.newPage()));
  await b.goto(ARTICLE);
  await expect(b.getByText("CANARY-GATED-7f3a9")).toBeVisible();
  await a.goto("/account");
  await a.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(a.getByRole("link", { name: "Sign in" })).toBeVisible();
  await b.reload();
  await expect(b.getByTestId("gate")).toBeVisible();
  await Promise.all(contexts.map((c) => c.close()));
});
