// Cached renders serve every reader fast; none may ever hold premium text for someone who
// may not read it, another reader's data, or a gate for a member.
import { test, expect, uniqueEmail } from "./fixtures";

const ARTICLE = "/articles/e2e-premium-gated";
const CANARY = "CANARY-GATED-7f3a9";
const GATE = "to access this content";

test("after a member reads a premium article, an anonymous reader still gets the gate", async ({ page, signIn, browser }) => {
  await signIn(page, uniqueEmail("first-reader"), ARTICLE);
  await expect(page.getByText(CANARY)).toBeVisible();
  const again = await page.request.get(ARTICLE);
  expect(await again.text()).toContain(CANARY);

  const anonymous = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": "10.251.0.1" } });
  for (const headers of [{}, { RSC: "1" }] as Record<string, string>[]) {
    const res = await anonymous.request.get(ARTICLE, { headers });
    const body = await res.text();
    expect(body).not.toContain(CANARY);
  }
  const anonPage = await anonymous.newPage();
  await anonPage.goto(ARTICLE);
  await expect(anonPage.getByTestId("gate")).toBeVisible();
  await expect(anonPage.getByTestId("signed-in-as")).toHaveCount(0);
  await anonymous.close();
});

test("a member never gets a cached gate", async ({ page, signIn, request }) => {
  // The anonymous render is cached first…
  await request.get(ARTICLE);
  const cached = await request.get(ARTICLE);
  expect(await cached.text()).toContain(GATE);
  expect(cached.headers()["x-nextjs-cache"]).toBe("HIT");

  // …and a member, arriving by a full load and by client-side navigation, reads on.
  await signIn(page, uniqueEmail("never-gated"), "/");
  await page.goto(ARTICLE);
  await expect(page.getByText(CANARY)).toBeVisible();
  await expect(page.getByTestId("gate")).toHaveCount(0);

  await page.goto("/");
  await page.getByRole("link", { name: "E2E premium story with a gate marker" }).first().click();
  await expect(page).toHaveURL(ARTICLE);
  await expect(page.getByText(CANARY)).toBeVisible();
  await expect(page.getByTestId("gate")).toHaveCount(0);

  for (const headers of [{}, { RSC: "1" }] as Record<string, string>[]) {
    const res = await page.request.get(ARTICLE, { headers });
    const body = await res.text();
    expect(body).toContain(CANARY);
    expect(body).not.toContain(GATE);
    expect(res.headers()["cache-control"]).toContain("no-store");
  }
});

// The front server answers a render it holds fresh without Next (server/steps/serve-cached.ts);
// the same URL with a query goes through Next to the same cache entry. A reader cannot tell them apart.
test("a cached page is answered as Next answers it: the same bytes and headers, its ETag's 304, gzip", async ({ request, page, signIn }) => {
  const PER_ANSWER = new Set(["date", "x-request-id", "connection", "keep-alive", "content-length", "transfer-encoding"]);
  const headersOf = (res: { headersArray(): { name: string; value: string }[] }) =>
    res.headersArray().filter((h) => !PER_ANSWER.has(h.name.toLowerCase())).map((h) => `${h.name.toLowerCase()}: ${h.value}`).sort();
  const readers = [
    { who: "anonymous", get: request.get.bind(request), has: GATE },
    { who: "member", get: page.request.get.bind(page.request), has: CANARY },
  ];
  await signIn(page, uniqueEmail("same-answer"), "/");
  for (const { who, get, has } of readers) {
    await get(ARTICLE); // cached now, if it was not
    const direct = await get(ARTICLE);
    const viaNext = await get(`${ARTICLE}?from=e2e`);
    const body = await direct.text();
    expect(body, who).toContain(has);
    expect(body, who).toBe(await viaNext.text());
    expect(direct.headers()["x-nextjs-cache"], who).toBe("HIT");
    expect(direct.headers()["content-encoding"], who).toBe("gzip"); // Playwright asks for gzip, as a browser does
    expect(direct.headers()["content-length"], `${who}: answered whole, with its length`).toBeDefined();
    expect(headersOf(direct), who).toEqual(headersOf(viaNext));
    const revalidated = await get(ARTICLE, { headers: { "If-None-Match": viaNext.headers().etag } });
    expect(revalidated.status(), who).toBe(304);
    expect(revalidated.headers()["cache-control"], who).toBe(direct.headers()["cache-control"]);
    expect((await get(ARTICLE, { headers: { "If-None-Match": '"not-this-page"' } })).status(), who).toBe(200);
  }
});

test("the members' shared render names no one: each member sees only their own address", async ({ page, signIn, browser }) => {
  const first = uniqueEmail("member-a");
  await signIn(page, first, ARTICLE);
  await expect(page.getByTestId("signed-in-as")).toHaveText(first);

  const other = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": "10.251.0.2" } });
  const second = uniqueEmail("member-b");
  const otherPage = await other.newPage();
  await signIn(otherPage, second, ARTICLE);
  await expect(otherPage.getByText(CANARY)).toBeVisible();
  await expect(otherPage.getByTestId("signed-in-as")).toHaveText(second);
  const html = await (await otherPage.request.get(ARTICLE)).text();
  expect(html).not.toContain(first);
  expect(html).not.toContain(second); // the address comes from the reader's own cookie
  await other.close();
});

test("the cached renders cannot be asked for by their own address", async ({ page, signIn, request }) => {
  const spellings = [
    "/render~/member/articles/e2e-premium-gated",
    "/render%7E/member/articles/e2e-premium-gated",
    "/render%257E/member/articles/e2e-premium-gated",
    "/RENDER%7E/MEMBER/articles/e2e-premium-gated",
    "/render~/anonymous/..%2F..%2Frender~/member/articles/e2e-premium-gated",
    "/render~/member/front",
    "/render~/anonymous/articles/e2e-premium-gated",
  ];
  for (const url of spellings) {
    const res = await request.get(url);
    expect(res.status(), url).toBe(404);
    expect(await res.text(), url).not.toContain(CANARY);
  }
  await signIn(page, uniqueEmail("direct"), "/");
  for (const url of spellings) {
    const res = await page.request.get(url);
    expect(res.status(), url).toBe(404);
  }
});

test("signing out ends the member's render and its address cookie", async ({ page, signIn }) => {
  await signIn(page, uniqueEmail("leaving"), ARTICLE);
  await expect(page.getByText(CANARY)).toBeVisible();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByTestId("gate")).toBeVisible();
  expect(await page.content()).not.toContain(CANARY);
  const cookies = await page.context().cookies();
  expect(cookies.map((c) => c.name)).not.toContain("lede-who");
});
