// Tried as an attacker would, against the running apps: the dev mailbox from elsewhere,
// redirects spelled to leave the site, and request bodies of any size and encoding.
import fs from "node:fs";
import os from "node:os";
import type { Page } from "@playwright/test";
import { test, expect, SITE_ORIGIN, E2E, MAIN_URL, uniqueEmail } from "./fixtures";
import { accepts, listeningPid, rawRequest, rss, sendChunked } from "./support/raw-http";

const MB = 1024 * 1024;

async function cookieHeader(page: Page): Promise<string> {
  return (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
}

test.describe("the dev mailbox", () => {
  test("answers on the embedded demo only from this machine, straight to the socket", async () => {
    const port = E2E.embeddedPort;
    const direct = await rawRequest(port, "/dev/mailbox");
    expect(direct.status).toBe(200);
    expect(direct.body).toContain("Dev mailbox");

    // The same request as a proxy in front would pass it on, or with a forged mark.
    const forwarded: Record<string, string>[] = [
      { "X-Forwarded-For": "127.0.0.1" },
      { Forwarded: "for=127.0.0.1" },
      { "X-Real-IP": "127.0.0.1" },
      { "X-Forwarded-Host": "localhost" },
      { Via: "1.1 proxy" },
      { "x-lede-local": "1", "X-Forwarded-For": "203.0.113.9" },
      { host: "attacker.example" }, // a DNS-rebinding page
    ];
    for (const headers of forwarded) {
      const res = await rawRequest(port, "/dev/mailbox", headers);
      expect(res.status, JSON.stringify(headers)).toBe(404);
      expect(res.body).not.toContain("Dev mailbox");
    }
  });

  test("does not exist on the app with PostgreSQL or SMTP configured, even from this machine", async () => {
    expect((await rawRequest(E2E.mainPort, "/dev/mailbox")).status).toBe(404);
    expect((await rawRequest(E2E.mainPort, "/dev/mailbox", { "x-lede-local": "1" })).status).toBe(404);
  });

  test("the embedded demo listens on loopback only; the configured app on every interface", async () => {
    const external = Object.values(os.networkInterfaces())
      .flat()
      .find((i) => i && i.family === "IPv4" && !i.internal)?.address;
    test.skip(!external, "this machine has no non-loopback IPv4 address to try");
    expect(await accepts("127.0.0.1", E2E.embeddedPort)).toBe(true);
    expect(await accepts(external!, E2E.embeddedPort)).toBe(false);
    expect(await accepts(external!, E2E.mainPort)).toBe(true);
  });
});

/** Spellings of "somewhere else" that a naive check lets through, or the URL parser makes. */
const OFF_SITE = [
  "/.//evil.example/phish",
  "/..//evil.example/phish",
  "/./\\evil.example/phish",
  "/%2e//evil.example/phish",
  "/x/..//evil.example/phish",
  "/.%2F/evil.example/phish",
  "/%2F%2Fevil.example/phish",
  "/\t/evil.example/phish",
  "//evil.example/phish",
  "/\\evil.example/phish",
  "https://evil.example/phish",
  "javascript:alert(1)",
];

function expectOnSite(location: string | undefined, label: string) {
  expect(location, label).toBeTruthy();
  expect(new URL(location!, `${MAIN_URL}/signin`).origin, `${label} → ${location}`).toBe(SITE_ORIGIN);
  expect(location, label).not.toMatch(/^\s*[/\\]{2}/);
}

test.describe("redirects stay on the site", () => {
  test("a signed-in GET /signin?callbackUrl=… and POST /signout, for every spelling", async ({ page, signIn }) => {
    await signIn(page, uniqueEmail("redirect"));
    for (const spelling of OFF_SITE) {
      const res = await page.request.get(`/signin?callbackUrl=${encodeURIComponent(spelling)}`, { maxRedirects: 0 });
      expect(res.status(), spelling).toBe(307);
      expectOnSite(res.headers()["location"], `signin ${spelling}`);
    }
    // An honest target is kept.
    const kept = await page.request.get(`/signin?callbackUrl=${encodeURIComponent("/account?x=1")}`, { maxRedirects: 0 });
    expect(kept.headers()["location"]).toBe("/account?x=1");

    for (const spelling of OFF_SITE) {
      const res = await page.request.post("/signout", { form: { callbackUrl: spelling }, headers: { Origin: MAIN_URL }, maxRedirects: 0 });
      expect(res.status(), spelling).toBe(303);
      expectOnSite(res.headers()["location"], `signout ${spelling}`);
    }
  });

  test("Next's own redirects (trailing slash) stay on the site too", async () => {
    for (const path of ["//evil.example/", "///evil.example/", "/\\evil.example/", "/.//evil.example/", "/%2F%2Fevil.example/", "/%5C%5Cevil.example/"]) {
      const res = await rawRequest(E2E.mainPort, path);
      if (res.status >= 300 && res.status < 400) expectOnSite(res.headers.location, path);
    }
  });
});

type Row = {
  path: string;
  who: "anyone" | "reader" | "editor";
  headers?: Record<string, string>;
  ceiling: number;
  /** 413 where the route (or server.js) reads the body; else any refusal, or none at all. */
  answer: 413 | "refusal";
};

const KB16 = 16 * 1024;
const MULTIPART = { "Content-Type": "multipart/form-data; boundary=b" };

/** Every route that reads a body, and a few that must not read one at all. */
const BODY_ROUTES: Row[] = [
  { path: "/signin/request", who: "anyone", ceiling: KB16, answer: 413 },
  { path: "/signin/code", who: "anyone", ceiling: KB16, answer: 413 },
  { path: "/signin/verify/confirm", who: "anyone", ceiling: KB16, answer: 413 },
  { path: "/signout", who: "reader", ceiling: KB16, answer: 413 },
  { path: "/account/newsletter", who: "reader", ceiling: KB16, answer: 413 },
  { path: "/account/delete/confirm", who: "reader", ceiling: KB16, answer: 413 },
  { path: "/account/sign-out-everywhere", who: "reader", ceiling: KB16, answer: 413 },
  // Desk forms are server actions posted to their page; without JavaScript, as multipart.
  { path: "/desk/articles/new", who: "editor", headers: MULTIPART, ceiling: 4 * MB, answer: 413 },
  { path: "/desk/articles/1", who: "editor", headers: MULTIPART, ceiling: 4 * MB, answer: 413 },
  { path: "/desk", who: "editor", headers: MULTIPART, ceiling: KB16, answer: 413 },
  { path: "/desk/settings", who: "editor", headers: MULTIPART, ceiling: KB16, answer: 413 },
  { path: "/desk/members/import", who: "editor", ceiling: 10 * MB, answer: 413 },
  { path: "/desk/members/import/00000000-0000-0000-0000-000000000000", who: "editor", headers: MULTIPART, ceiling: KB16, answer: 413 },
  { path: "/unsubscribe?token=x", who: "anyone", ceiling: KB16, answer: 413 },
  // Server actions: a page URL with a Next-Action header, and the composer's page.
  // (Next refuses an action id the page does not have before it reads anything.)
  { path: "/", who: "anyone", headers: { "Next-Action": "0".repeat(42) }, ceiling: MB, answer: "refusal" },
  // The composer's real action (its id is read from the page), and a no-JavaScript post.
  // (Next answers a urlencoded fetch action 404 unread, so this one is sent as its client sends it.)
  { path: "/desk/newsletters/new", who: "editor", headers: { "Next-Action": "<saveIssue>", "Content-Type": "text/plain;charset=UTF-8" }, ceiling: MB, answer: 413 },
  { path: "/desk/newsletters/new", who: "editor", headers: { "Content-Type": "multipart/form-data; boundary=b" }, ceiling: MB, answer: "refusal" },
  { path: "/api/auth/signin/nodemailer", who: "anyone", ceiling: KB16, answer: "refusal" },
  { path: "/api/auth/callback/nodemailer", who: "anyone", ceiling: KB16, answer: "refusal" },
  { path: "/articles/not-a-route", who: "anyone", ceiling: KB16, answer: "refusal" },
];

/**
 * What the two kernels' socket buffers can hold beyond what the server read: Linux grows
 * a connection's buffers up to tcp_rmem's and tcp_wmem's last figures (32 MB and 4 MB on
 * some machines here), so a server that stopped reading at its limit still sees the
 * client "write" that much more.
 */
function kernelBuffers(): number {
  try {
    const max = (name: string) => Number(fs.readFileSync(`/proc/sys/net/ipv4/${name}`, "utf8").trim().split(/\s+/).at(-1));
    const both = max("tcp_rmem") + max("tcp_wmem");
    return Number.isFinite(both) && both > 0 ? both : 0;
  } catch {
    return 0;
  }
}
const IN_FLIGHT = Math.max(16 * MB, kernelBuffers() + MB);
/** Offered to each route: far past what its limit and the buffers let through. */
const OFFERED = Math.max(48 * MB, Math.max(...BODY_ROUTES.map((r) => r.ceiling)) + IN_FLIGHT + 16 * MB);
/** A server that kept any body it was offered would grow past this. */
const KEPT_BODY = 48 * MB;

test.describe("request bodies have a size, whatever the encoding", () => {
  test.describe.configure({ timeout: 180_000 });

  test("a chunked body of many MB to any route is refused early, and the server does not grow", async ({ page, signIn, editorPage: editor }) => {
    await signIn(page, uniqueEmail("bodies"));
    const cookies = { anyone: "", reader: await cookieHeader(page), editor: await cookieHeader(editor) };
    expect(cookies.editor).toContain("session-token");
    const composer = await editor.request.get("/desk/newsletters/new");
    const actionId = /&quot;id&quot;:&quot;([0-9a-f]{16,})&quot;/.exec(await composer.text())?.[1];
    expect(actionId, "the composer's server action").toBeTruthy();
    const pid = listeningPid(E2E.mainPort);
    expect(pid, "the main app's process").not.toBeNull();

    const send = (row: Row, offered: number) =>
      sendChunked(
        E2E.mainPort,
        row.path,
        {
          Origin: MAIN_URL,
          "Content-Type": "application/x-www-form-urlencoded",
          ...(cookies[row.who] ? { Cookie: cookies[row.who] } : {}),
          ...Object.fromEntries(Object.entries(row.headers ?? {}).map(([k, v]) => [k, v === "<saveIssue>" ? actionId! : v])),
        },
        offered,
      );

    // Each route once past its limit by a little, so what loading it costs is not counted.
    for (const row of BODY_ROUTES) await send(row, row.ceiling + 64 * 1024);
    const before = rss(pid!);

    for (const row of BODY_ROUTES) {
      const outcome = await send(row, OFFERED);
      const label = `${row.path} ${JSON.stringify(outcome)}`;
      // The server stopped reading near the ceiling: the client was still far from done.
      expect(outcome.written, label).toBeLessThan(row.ceiling + IN_FLIGHT);
      expect(outcome.ms, label).toBeLessThan(20_000);
      if (row.answer === 413) expect(outcome.status, label).toBe(413);
    }
    // Every route was offered 48 MB or more (over 1 GB in all): a server that kept even one
    // body would grow by more than that. What it grows by otherwise is its own heap at
    // work, which has measured from a few MB to 34 MB here.
    expect(rss(pid!) - before, "growth of the server's resident memory").toBeLessThan(KEPT_BODY);

    // Nothing the refused bodies asked for happened: both are still signed in.
    expect((await page.request.get("/account", { maxRedirects: 0 })).status()).toBe(200);
    expect((await editor.request.get("/desk", { maxRedirects: 0 })).status()).toBe(200);
  });

  test("a Content-Length over the limit is refused before the body is sent; fetch() gets JSON", async () => {
    const res = await rawRequest(
      E2E.mainPort,
      "/signin/request",
      { "Content-Length": String(200 * MB), Accept: "application/json", "Content-Type": "application/json", Origin: MAIN_URL },
      { method: "POST", chunks: ["{"], end: false },
    );
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: "too_large" });
  });

  test("a chunked sign-in form within the limit is read whole and works", async ({ mail, clientIp }) => {
    const email = uniqueEmail("chunked");
    const chunks = [`email=${encodeURIComponent(email)}`, "&intent=signin", "&callbackUrl=%2F", `&padding=${"p".repeat(12_000)}`];
    const res = await rawRequest(
      E2E.mainPort,
      "/signin/request",
      { Origin: MAIN_URL, Accept: "application/json", "Content-Type": "application/x-www-form-urlencoded", "X-Forwarded-For": clientIp },
      { method: "POST", chunks },
    );
    expect(res.status, res.body).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ ok: true, email });
    await mail.waitFor(email);
  });
});
