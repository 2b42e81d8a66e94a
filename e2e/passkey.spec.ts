// Passkeys in Chromium, with its virtual authenticator: offered after a sign-in, added,
// used from the gate back to the article; and what an attacker would try: an answer
// replayed, an answer made for another relying party, a removed passkey.
import type { Page } from "@playwright/test";
import { test, expect, uniqueEmail, randomIp, MAIN_URL } from "./fixtures";
import { SECOND_URL } from "./support/env";
import { hasMainDb, withMainDb } from "./support/main-db";
import { addVirtualAuthenticator, credentialsOf } from "./support/webauthn";

const ARTICLE = "/articles/e2e-premium-gated";
const CANARY = "CANARY-GATED-7f3a9";

/** Signs out the way a reader does (the header's Sign out posts to /signout). */
async function signOut(page: Page) {
  await page.goto("/account");
  await page.getByRole("main").getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page.getByTestId("signed-in-as")).toHaveCount(0);
}

/** Adds a passkey on /account and waits for it in the list. */
async function addOnAccount(page: Page) {
  await page.goto("/account");
  await page.getByRole("main").getByRole("button", { name: "Add a passkey" }).click();
  await expect(page.getByTestId("add-passkey-status")).toContainText("Passkey added");
  await expect(page.getByTestId("passkeys").getByRole("row")).toHaveCount(2);
}

test("after a sign-in by link the page offers a passkey; it signs the reader in from the gate, back on the article", async ({ page, signIn }) => {
  await addVirtualAuthenticator(page);
  const email = uniqueEmail("passkey");
  await signIn(page, email, ARTICLE);
  await expect(page).toHaveURL(ARTICLE);
  const offer = page.getByTestId("passkey-offer");
  await expect(offer).toContainText("Sign in faster next time with a passkey");
  await offer.getByRole("button", { name: "Add a passkey" }).click();
  await expect(offer).toContainText("Passkey added.");
  // Once added (or dismissed) it is not offered again.
  await page.reload();
  await expect(page.getByText(CANARY)).toBeVisible();
  await expect(page.getByTestId("passkey-offer")).toHaveCount(0);

  await page.goto("/account");
  const rows = page.getByTestId("passkeys").getByRole("row");
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toContainText("Chrome on Linux");
  await expect(rows.nth(1)).toContainText("Never");

  await signOut(page);
  await page.goto(ARTICLE);
  const gate = page.getByTestId("gate");
  await expect(gate.getByLabel("Email address")).toHaveAttribute("autocomplete", "username webauthn");
  await gate.getByRole("button", { name: "Sign in with a passkey" }).click();
  await expect(page).toHaveURL(ARTICLE);
  await expect(page.getByText(CANARY)).toBeVisible();
  await expect(page.getByTestId("signed-in-as")).toHaveText(email);
  // Signed in by passkey: nothing more to offer.
  await expect(page.getByTestId("passkey-offer")).toHaveCount(0);
  await page.goto("/account");
  await expect(page.getByTestId("passkeys").getByRole("row").nth(1)).not.toContainText("Never");
  if (hasMainDb()) {
    const methods = await withMainDb((sql) => sql`select s.method from sign_in s join "user" u on u.id = s.user_id where u.email = ${email} order by s.id`);
    expect(methods.map((r) => r.method)).toEqual(["link", "passkey"]);
    const [key] = await withMainDb((sql) => sql`select p.counter, p.backed_up, p.device_type from passkey p join "user" u on u.id = p.user_id where u.email = ${email}`);
    expect(Number(key.counter)).toBeGreaterThan(0);
    expect(key.device_type).toBe("singleDevice");
    expect(key.backed_up).toBe(false);
  }
});

test("the email field's autofill offers the passkey (conditional mediation) and signs in with it", async ({ page, signIn }) => {
  await addVirtualAuthenticator(page, { autofill: true });
  const email = uniqueEmail("autofill");
  await signIn(page, email, "/");
  await addOnAccount(page);
  await signOut(page);
  // Chromium's virtual authenticator picks the one passkey of a conditional request itself,
  // where a person would pick it in the email field's autofill list; no button is pressed.
  await page.goto(ARTICLE);
  await page.getByTestId("gate").getByLabel("Email address").focus();
  await expect(page.getByText(CANARY)).toBeVisible();
  await expect(page.getByTestId("signed-in-as")).toHaveText(email);
  if (hasMainDb()) {
    const methods = await withMainDb((sql) => sql`select s.method from sign_in s join "user" u on u.id = s.user_id where u.email = ${email} order by s.id`);
    expect(methods.map((r) => r.method)).toEqual(["link", "passkey"]);
  }
});

test("the offer can be dismissed, and /signin offers a passkey too", async ({ page, signIn }) => {
  await addVirtualAuthenticator(page);
  await signIn(page, uniqueEmail("dismiss"), "/");
  await page.getByTestId("passkey-offer").getByRole("button", { name: "Not now" }).click();
  await expect(page.getByTestId("passkey-offer")).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId("passkey-offer")).toHaveCount(0);
  await page.context().clearCookies();
  await page.goto("/signin");
  await expect(page.getByRole("button", { name: "Sign in with a passkey" })).toBeVisible();
});

test("an answer replayed, one made for another relying party, and a removed passkey sign nobody in", async ({ page, signIn, request, browser }) => {
  const authenticator = await addVirtualAuthenticator(page);
  const email = uniqueEmail("attacked");
  await signIn(page, email, "/");
  await addOnAccount(page);
  await signOut(page);

  // A genuine sign-in, whose answer an attacker copied on the way, and whose return path
  // was bent off-site: the reader lands on this site's front page, never elsewhere.
  await page.goto(ARTICLE);
  await page.route(`${MAIN_URL}/signin/passkey`, (route) =>
    route.continue({ postData: JSON.stringify({ ...route.request().postDataJSON(), callbackUrl: "/\\evil.example/%2e%2e" }) }),
  );
  const answered = page.waitForRequest((r) => r.url() === `${MAIN_URL}/signin/passkey` && r.method() === "POST");
  await page.getByTestId("gate").getByRole("button", { name: "Sign in with a passkey" }).click();
  const copied = (await answered).postData()!;
  await expect(page).toHaveURL(`${MAIN_URL}/`);
  await expect(page.getByTestId("signed-in-as")).toHaveText(email);
  await page.unroute(`${MAIN_URL}/signin/passkey`);

  // 1. Replayed: its challenge was used up by the first use.
  const replay = await request.post(`${MAIN_URL}/signin/passkey`, {
    data: copied,
    headers: { "Content-Type": "application/json", Accept: "application/json", Origin: MAIN_URL, "X-Forwarded-For": randomIp() },
  });
  expect(replay.status()).toBe(400);
  expect((await replay.json()).message).toMatch(/expired or was already used/);
  expect(replay.headers()["set-cookie"] ?? "").not.toMatch(/session-token/);

  // 2. Another relying party: a look-alike site (here phish.localhost, not localhost) holding the very
  // same key gets the browser to sign one of Lede's own challenges, and posts the answer to Lede.
  const [stored] = await credentialsOf(authenticator);
  const phishing = await browser.newPage();
  const port = new URL(MAIN_URL).port;
  await phishing.goto(`http://phish.localhost:${port}/robots.txt`);
  const elsewhere = await addVirtualAuthenticator(phishing);
  await elsewhere.cdp.send("WebAuthn.addCredential", {
    authenticatorId: elsewhere.id,
    credential: { ...stored, rpId: "phish.localhost", isResidentCredential: true },
  });
  const options = await (await request.post(`${MAIN_URL}/signin/passkey/options`, { headers: { Origin: MAIN_URL, Accept: "application/json" } })).json();
  const forged = await phishing.evaluate(
    async ({ challenge, id }) => {
      const bytes = (s: string) => Uint8Array.from(atob(s.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((s.length + 3) % 4)), (c) => c.charCodeAt(0));
      const b64url = (b: ArrayBuffer) => btoa(String.fromCharCode(...new Uint8Array(b))).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
      const cred = (await navigator.credentials.get({
        publicKey: { challenge: bytes(challenge), rpId: "phish.localhost", allowCredentials: [{ type: "public-key", id: bytes(id) }], userVerification: "required" },
      })) as PublicKeyCredential;
      const r = cred.response as AuthenticatorAssertionResponse;
      return {
        id: cred.id,
        rawId: b64url(cred.rawId),
        type: "public-key",
        clientExtensionResults: {},
        response: {
          clientDataJSON: b64url(r.clientDataJSON),
          authenticatorData: b64url(r.authenticatorData),
          signature: b64url(r.signature),
          userHandle: r.userHandle ? b64url(r.userHandle) : undefined,
        },
      };
    },
    { challenge: options.options.challenge as string, id: Buffer.from(stored.credentialId, "base64").toString("base64url") },
  );
  const foreign = await request.post(`${MAIN_URL}/signin/passkey`, {
    data: { response: forged, callbackUrl: "/" },
    headers: { Accept: "application/json", Origin: MAIN_URL, "X-Forwarded-For": randomIp() },
  });
  expect(foreign.status()).toBe(400);
  expect((await foreign.json()).message).toMatch(/could not sign you in/);
  expect(foreign.headers()["set-cookie"] ?? "").not.toMatch(/session-token/);
  await phishing.close();

  // 3. Removed on /account: the browser still holds it, Lede no longer accepts it.
  await page.goto("/account");
  await page.getByTestId("passkeys").getByRole("button", { name: /^Remove / }).click();
  await expect(page.getByRole("status").first()).toContainText("The passkey was removed");
  await expect(page.getByTestId("passkeys")).toHaveCount(0);
  await signOut(page);
  await page.goto(ARTICLE);
  await page.getByTestId("gate").getByRole("button", { name: "Sign in with a passkey" }).click();
  await expect(page.getByTestId("gate").getByTestId("passkey-status")).toContainText("not registered here any more");
  await expect(page.getByText(CANARY)).toHaveCount(0);
  await expect(page.getByTestId("signed-in-as")).toHaveCount(0);
});

test("deleting the account removes its passkeys", async ({ page, signIn }) => {
  test.skip(!hasMainDb(), "reads the main app's database");
  await addVirtualAuthenticator(page);
  const email = uniqueEmail("leaving");
  await signIn(page, email, "/");
  await addOnAccount(page);
  const [{ id }] = await withMainDb((sql) => sql`select id from "user" where email = ${email}`);
  expect((await withMainDb((sql) => sql`select 1 from passkey where user_id = ${id}`)).length).toBe(1);
  await page.goto("/account/delete");
  await page.getByLabel("Yes, delete my account and everything in it").check();
  await page.getByRole("button", { name: "Delete my account" }).click();
  await expect(page.getByRole("heading", { name: "Your account has been deleted" })).toBeVisible();
  expect((await withMainDb((sql) => sql`select 1 from passkey where user_id = ${id}`)).length).toBe(0);
});

test("a passkey added through one web process signs in through the other", async ({ page, signIn }) => {
  test.skip(!hasMainDb(), "the second web process runs only on PostgreSQL");
  await addVirtualAuthenticator(page);
  const email = uniqueEmail("twoprocs");
  await signIn(page, email, "/");
  await addOnAccount(page);
  await signOut(page);
  // The same site (one SITE_URL, as behind a balancer) now answered by the second process.
  const served: string[] = [];
  await page.route(`${MAIN_URL}/**`, async (route) => {
    const url = route.request().url().replace(MAIN_URL, SECOND_URL);
    const response = await route.fetch({ url, maxRedirects: 0 });
    served.push(`${route.request().method()} ${new URL(url).port}${new URL(url).pathname} ${response.status()}`);
    return route.fulfill({ response });
  });
  await page.goto(ARTICLE);
  await page.getByTestId("gate").getByRole("button", { name: "Sign in with a passkey" }).click();
  await expect(page.getByText(CANARY)).toBeVisible();
  await expect(page.getByTestId("signed-in-as")).toHaveText(email);
  expect(served).toContain(`POST ${new URL(SECOND_URL).port}/signin/passkey 200`);
  // The browser may still be fetching (the site's icon) through the route as the test ends.
  await page.unrouteAll({ behavior: "ignoreErrors" });
});
