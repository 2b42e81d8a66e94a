// Database cost per request: the main app runs with LEDE_COUNT_QUERIES=1, so each
// response carries x-lede-queries (queries made before its headers went out).
import type { APIResponse, Page } from "@playwright/test";
import { test, expect, uniqueEmail } from "./fixtures";

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

/** Reads the article twice (the first may render) and counts the second read. */
async function queriesForSecondRead(page: Page): Promise<number> {
  await page.request.get(ARTICLE);
  const res = await page.request.get(ARTICLE);
  expect(await res.text()).toContain(CANARY);
  return queries(res);
}

test("a member's premium article costs at most two queries, the session lookup counted", async ({ page, signIn }) => {
  await signIn(page, uniqueEmail("counted"), ARTICLE);
  const n = await queriesForSecondRead(page);
  expect(n).toBeGreaterThanOrEqual(1);
  expect(n).toBeLessThanOrEqual(2);
});

// The run's one editor session (editorPage). An editor's page is rendered per request from
// the database: the session (server.js's lookup and auth()), the article, its premium
// part and "See also".
test("an editor's article, rendered per request, is counted too", async ({ editorPage: editor }) => {
  const n = await queriesForSecondRead(editor);
  expect(n).toBeGreaterThanOrEqual(3);
  expect(n).toBeLessThanOrEqual(5);
});
