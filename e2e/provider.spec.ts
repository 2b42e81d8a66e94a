// "Continue with …" against a real OpenID Connect provider (oidc-provider, started by global
// set-up: e2e/support/oidc-server.mjs), never a mock: the whole redirect, and what an
// attacker would try — a forged state, a code for another client, an unverified email,
// a blocked domain, Auth.js's other endpoints, a cross-site start.
import crypto from "node:crypto";
import type { Page } from "@playwright/test";
import { test, expect, uniqueEmail, MAIN_URL, EMBEDDED_URL } from "./fixtures";
import { E2E, OIDC_CLIENTS, OIDC_ISSUER, OIDC_LABEL } from "./support/env";
import { hasMainDb, withMainDb } from "./support/main-db";

const ARTICLE = "/articles/e2e-premium-gated";
const CANARY = "CANARY-GATED-7f3a9";
const CONTINUE = `Continue with ${OIDC_LABEL}`;

/**
 * Signs in at the provider without letting the browser follow its way back: the redirects
 * are followed here (with the browser's own cookies), and the address the provider sends
 * the browser to is returned, for an attacker's change before the browser goes there.
 */
async function providerReturn(page: Page, login: string): Promise<URL> {
  await expect(page).toHaveURL(new RegExp(`^${OIDC_ISSUER}/`));
  const action = new URL((await page.locator("form").first().getAttribute("action"))!, page.url());
  let res = await page.request.post(action.toString(), { form: { prompt: "login", login, password: "any password" }, maxRedirects: 0 });
  let location = res.headers()["location"];
  while (location && new URL(location, OIDC_ISSUER).origin === OIDC_ISSUER) {
    res = await page.request.get(new URL(location, OIDC_ISSUER).toString(), { maxRedirects: 0 });
    location = res.headers()["location"];
  }
  if (!location) throw new Error(`the provider sent nowhere: ${res.status()} ${await res.text()}`);
  return new URL(location);
}

/** At the provider: its (development) sign-in form, any login, any password. */
async function signInAtProvider(page: Page, login: string) {
  await expect(page).toHaveURL(new RegExp(`^${OIDC_ISSUER}/`));
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("any password");
  await page.getByRole("button", { name: "Sign-in" }).click();
}

test("from the gate to the provider and back: asked about the newsletter, then the article, unlocked", async ({ page }) => {
  const email = uniqueEmail("provider");
  await page.goto(ARTICLE);
  await page.getByTestId("gate").getByRole("button", { name: CONTINUE }).click();
  await signInAtProvider(page, email);
  // The provider said nothing about the newsletter: Lede asks, nothing is assumed.
  await expect(page.getByRole("heading", { name: "You’re signed in" })).toBeVisible();
  const consent = page.getByLabel(/newsletters? .*too \(unsubscribe at any time\)/);
  await expect(consent).not.toBeChecked();
  await consent.check();
  await page.getByRole("button", { name: "Continue reading" }).click();
  await expect(page).toHaveURL(ARTICLE);
  await expect(page.getByText(CANARY)).toBeVisible();
  await expect(page.getByTestId("signed-in-as")).toHaveText(email);
  // Like any sign-in but a passkey's, the page offers a passkey.
  await expect(page.getByTestId("passkey-offer")).toBeVisible();
  await page.goto("/account");
  await expect(page.getByTestId("newsletter-1").getByTestId("newsletter-status")).toHaveText("Subscribed");
  if (hasMainDb()) {
    const rows = await withMainDb((sql) => sql`select s.method, s.provider from sign_in s join "user" u on u.id = s.user_id where u.email = ${email}`);
    expect(rows.map((r) => [r.method, r.provider])).toEqual([["provider", "oidc"]]);
  }

  // The next time there is no question (and the provider remembers the reader): straight back to the article.
  await page.context().clearCookies({ name: /session-token/ });
  await page.goto(ARTICLE);
  await expect(page.getByText(CANARY)).toHaveCount(0);
  await page.getByTestId("gate").getByRole("button", { name: CONTINUE }).click();
  await expect(page).toHaveURL(ARTICLE);
  await expect(page.getByText(CANARY)).toBeVisible();
});

test("an editor who comes in by the provider has the desk, and sign-out everywhere ends that session", async ({ page, browser, signIn }) => {
  await page.goto("/signin?callbackUrl=%2Fdesk");
  await page.getByRole("button", { name: CONTINUE }).click();
  await signInAtProvider(page, E2E.providerEditorEmail);
  // Not ticked: no subscription, and on to the desk.
  await page.getByRole("button", { name: "Continue reading" }).click();
  await expect(page).toHaveURL(/\/desk$/);
  await expect(page.getByRole("heading", { name: "Articles" }).first()).toBeVisible();

  // The same editor signs in elsewhere by email and signs out everywhere.
  const other = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": "10.77.3.3" } });
  const elsewhere = await other.newPage();
  await signIn(elsewhere, E2E.providerEditorEmail, "/account");
  await elsewhere.goto("/account");
  await elsewhere.getByRole("button", { name: "Sign out everywhere" }).click();
  await other.close();
  await page.goto("/desk");
  await expect(page).toHaveURL(/\/signin/);
});

test("a forged state is refused, and no one is signed in", async ({ page }) => {
  await page.goto(ARTICLE);
  await page.getByTestId("gate").getByRole("button", { name: CONTINUE }).click();
  const back = await providerReturn(page, uniqueEmail("forged"));
  expect(back.pathname).toBe("/signin/provider/callback/oidc");
  back.searchParams.set("state", crypto.randomBytes(24).toString("base64url"));
  await page.goto(back.toString());
  await expect(page).toHaveURL(/\/signin\?error=provider_failed/);
  await expect(page.getByText("Signing in with that provider did not work")).toBeVisible();
  await expect(page.getByTestId("signed-in-as")).toHaveCount(0);
});

test("a code the provider issued to another client is refused", async ({ page }) => {
  const email = uniqueEmail("stolen");
  // The other client's sign-in at the same provider, whose code the attacker takes.
  const verifier = crypto.randomBytes(32).toString("base64url");
  const other = OIDC_CLIENTS.other;
  const auth = new URL(`${OIDC_ISSUER}/auth`);
  auth.search = new URLSearchParams({
    client_id: other.id,
    redirect_uri: other.redirectUri,
    response_type: "code",
    scope: "openid email",
    state: "s",
    nonce: "n",
    code_challenge: crypto.createHash("sha256").update(verifier).digest("base64url"),
    code_challenge_method: "S256",
  }).toString();
  await page.goto(auth.toString());
  const atOther = await providerReturn(page, email);
  expect(atOther.origin + atOther.pathname).toBe(other.redirectUri);
  const stolen = atOther.searchParams.get("code")!;
  expect(stolen).toBeTruthy();

  // Lede's own flow, with that code put in place of the one the provider sent back.
  await page.context().clearCookies();
  await page.goto(ARTICLE);
  await page.getByTestId("gate").getByRole("button", { name: CONTINUE }).click();
  const back = await providerReturn(page, email);
  back.searchParams.set("code", stolen);
  await page.goto(back.toString());
  await expect(page).toHaveURL(/\/signin\?error=provider_failed/);
  await expect(page.getByTestId("signed-in-as")).toHaveCount(0);
  if (hasMainDb()) expect(await withMainDb((sql) => sql`select 1 from "user" where email = ${email}`)).toHaveLength(0);
});

test("an unverified email and a blocked domain are refused with a plain message, and make no account", async ({ page }) => {
  const unverified = uniqueEmail("unverified");
  await page.goto(ARTICLE);
  await page.getByTestId("gate").getByRole("button", { name: CONTINUE }).click();
  await signInAtProvider(page, `unverified.${unverified}`);
  await expect(page).toHaveURL(/\/signin\?error=provider_unverified/);
  await expect(page.getByText("has not verified its email address")).toBeVisible();
  await expect(page.getByTestId("signed-in-as")).toHaveCount(0);

  await page.context().clearCookies();
  const blocked = `reader-${Date.now()}@mailinator.com`;
  await page.goto(ARTICLE);
  await page.getByTestId("gate").getByRole("button", { name: CONTINUE }).click();
  await signInAtProvider(page, blocked);
  await expect(page).toHaveURL(/\/signin\?error=blocked_email/);
  await expect(page.getByText("Please use a permanent email address")).toBeVisible();
  await expect(page.getByTestId("signed-in-as")).toHaveCount(0);
  if (hasMainDb()) {
    expect(await withMainDb((sql) => sql`select 1 from "user" where email in (${unverified}, ${blocked})`)).toHaveLength(0);
  }
});

test("only the provider flow's two routes exist, only for a configured provider, and a cross-site page cannot start it", async ({ request }) => {
  const knock = (url: string, method = "GET", headers: Record<string, string> = {}) =>
    request.fetch(url, { method, headers: { Origin: MAIN_URL, ...headers }, form: method === "POST" ? { callbackUrl: "/" } : undefined, maxRedirects: 0 });
  // Auth.js's own endpoints under the flow's base path: none is routed.
  for (const [method, path] of [
    ["GET", "/signin/provider/signin/oidc"],
    ["POST", "/signin/provider/signin/oidc"],
    ["GET", "/signin/provider/session"],
    ["GET", "/signin/provider/csrf"],
    ["GET", "/signin/provider/providers"],
    ["POST", "/signin/provider/signout"],
    ["GET", "/signin/provider/error"],
    ["GET", "/api/auth/callback/oidc?code=x&state=y"],
    // Google is not configured in this suite: its routes are 404 too.
    ["POST", "/signin/provider/start/google"],
    ["GET", "/signin/provider/callback/google?code=x&state=y"],
  ] as const) {
    const res = await knock(`${MAIN_URL}${path}`, method);
    expect(res.status(), `${method} ${path}`).toBe(404);
    expect(res.headers()["set-cookie"] ?? "", `${method} ${path}`).not.toMatch(/authjs/);
  }
  // A GET cannot start a sign-in, nor can another site's form.
  expect((await knock(`${MAIN_URL}/signin/provider/start/oidc`)).status()).toBe(405);
  const crossSite = await knock(`${MAIN_URL}/signin/provider/start/oidc`, "POST", { Origin: "https://evil.example" });
  expect(crossSite.status()).toBe(400);
  expect(crossSite.headers()["set-cookie"] ?? "").not.toMatch(/authjs/);
  // With nothing configured (the embedded demo), no button and no route.
  const start = await knock(`${EMBEDDED_URL}/signin/provider/start/oidc`, "POST", { Origin: EMBEDDED_URL });
  expect(start.status()).toBe(404);
  expect(await (await request.get(`${EMBEDDED_URL}/signin`)).text()).not.toContain("Continue with");
});
