// Database cost per request: the main app runs with LEDE_COUNT_QUERIES=1, so each
// response carries x-lede-queries (queries made before its headers went out).
import type { APIResponse } from "@playwright/test";
import { test, expect, uniqueEmail, EDITOR_EMAIL } from "./fixtures";

const ARTICLE = "/articles/e2e-premium-gated";
const CANARY = "CANARY-GATED-7f3a9";

function queries(res: APIResponse): number {
  const header = res.headers()["x-lede-queries"];
  expect(header, "x-lede-queries header").toMatch(/^\d+$/);
  return Number(header);
}

test("an anonymous reader's premium article and front page cost no query", async ({ request }) => {
  for (const path of [ARTICLE, "/"]) {
    await request.get(path); // the first view after a change may render
    const res = await request.get(path);
    expect(res.status()).toBe(200);
    expect(queries(res), path).toBe(0);
  }
  expect(await (await request.get(ARTICLE)).text()).toContain("to access this content");
});

test("a member's premium article costs at most two queries, the session lookup counted", async ({ page, signIn }) => {
  await signIn(page, uniqueEmail("counted"), ARTICLE);
  await page.request.get(ARTICLE);
  const res = await page.request.get(ARTICLE);
  expect(await res.text()).toContain(CANARY);
  const n = queries(res);
  expect(n).toBeGreaterThanOrEqual(1);
  expect(n).toBeLessThanOrEqual(2);
});

test("an editor's article, rendered per request, is counted too", async ({ page, signIn }) => {
  await signIn(page, EDITOR_EMAIL, ARTICLE);
  await page.request.get(ARTICLE);
  const res = await page.request.get(ARTICLE);
  expect(await res.text()).toContain(CANARY);
  const n = queries(res);
  expect(n).toBeGreaterThanOrEqual(1);
  expect(n).toBeLessThanOrEqual(2);
});
