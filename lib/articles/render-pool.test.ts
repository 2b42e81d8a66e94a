// Saving a huge article must not hold the server: the markdown is rendered in a worker
// thread, so the process keeps answering other requests while it renders, and a render past
// the time limit is stopped and the save refused with a message, writing nothing.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/test/db";

useTestDatabase();

type Commands = typeof import("@/lib/desk/article-commands");
let saveArticle: Commands["saveArticle"];
let db: typeof import("@/lib/db/client").db;
let articles: typeof import("@/lib/db/schema").articles;
let editor: { kind: "editor"; userId: string; email: string };
let server: http.Server;
let url = "";

beforeAll(async () => {
  ({ saveArticle } = await import("@/lib/desk/article-commands"));
  ({ db } = await import("@/lib/db/client"));
  const schema = await import("@/lib/db/schema");
  articles = schema.articles;
  const [u] = await db.insert(schema.users).values({ email: "slow-ed@example.com", role: "editor" }).returning({ id: schema.users.id });
  editor = { kind: "editor", userId: u.id, email: "slow-ed@example.com" };
  // Another request to this process: a reader's page, as small as one can be.
  server = http.createServer((_req, res) => res.end("ok"));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

afterAll(async () => {
  delete process.env.LEDE_ARTICLE_RENDER_MS;
  await new Promise((r) => server.close(r));
});

const form = (title: string, body: string) => ({ title, slug: "", dek: "", author: "", image: "", imageCaption: "", body, premium: "on", intent: "save" });

/**
 * Asks the server again and again, starts `work` once a request is on its way, and keeps
 * asking until the work settles: how many answers came meanwhile, and the slowest. A render
 * on the event loop holds the request in flight for as long as it runs.
 */
async function askWhile<T>(work: () => Promise<T>): Promise<{ result: T; answered: number; slowestMs: number }> {
  let settled = false;
  let answered = 0;
  let slowestMs = 0;
  const asking = (async () => {
    while (!settled) {
      const t = performance.now();
      await fetch(url).then((r) => r.text());
      const ms = performance.now() - t;
      if (!settled) {
        answered++;
        slowestMs = Math.max(slowestMs, ms);
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  await new Promise((r) => setTimeout(r, 5));
  const result = await work().finally(() => {
    settled = true;
  });
  await asking;
  return { result, answered, slowestMs };
}

// A run of unclosed links: the parser's slowest shape we know (seconds for 24,000 characters).
const slowBody = (n: number) => `Free part.\n\n<!-- gate -->\n\n${"[a](b ".repeat(n)}`;

describe("rendering a saved article off the request path", () => {
  it("renders in a worker exactly what the request thread would", async () => {
    const { renderOffThread } = await import("./render-pool");
    const { renderBody } = await import("./render-parts");
    const body = "Lede with *emphasis* and [a link](https://example.com).\n\n<!-- gate -->\n\n> A quote\n\n<script>alert(1)</script>\n\n- one\n- two";
    expect(await renderOffThread(body, true)).toEqual(renderBody(body, true));
    expect((await renderOffThread(body, true)).parts.restHtml).not.toContain("<script");
    // And the editor's free-part line: the same split as on the request thread.
    const { splitOffThread } = await import("./render-pool");
    const { splitLede } = await import("./teaser");
    expect(await splitOffThread(body)).toEqual(splitLede(body));
  });

  it("keeps answering other requests while a slow save renders", async () => {
    process.env.LEDE_ARTICLE_RENDER_MS = "120000";
    const started = performance.now();
    const { result, answered, slowestMs } = await askWhile(() => saveArticle(editor, null, form("Slow but fine", slowBody(4000))));
    const tookMs = performance.now() - started;
    expect(result).toMatchObject({ ok: true });
    // Rendering took a while, and the server answered all along (in-line, the first answer waited for all of it).
    expect(tookMs).toBeGreaterThan(200);
    expect(answered).toBeGreaterThanOrEqual(2);
    expect(slowestMs).toBeLessThan(tookMs / 2);
    const [row] = await db.select({ restHtml: articles.restHtml }).from(articles).where(eq(articles.slug, "slow-but-fine"));
    expect(row.restHtml).toContain("[a](b");
  });

  it("stops a render past the limit: the save is refused with a message, nothing is written, and the next save works", async () => {
    process.env.LEDE_ARTICLE_RENDER_MS = "800";
    const { result, slowestMs } = await askWhile(() => saveArticle(editor, null, form("Far too slow", slowBody(12000))));
    expect(result).toEqual({ ok: false, error: "invalid", fieldErrors: { body: expect.stringMatching(/^took more than 0\.8 seconds to format, so it was not saved/) } });
    // In-line, the first answer would have waited for the whole render (minutes for this body).
    expect(slowestMs).toBeLessThan(2000);
    expect(await db.select({ id: articles.id }).from(articles).where(eq(articles.slug, "far-too-slow"))).toEqual([]);
    process.env.LEDE_ARTICLE_RENDER_MS = "60000";
    expect(await saveArticle(editor, null, form("Quick one", "Free.\n\n<!-- gate -->\n\nRest."))).toMatchObject({ ok: true, slug: "quick-one" });
  });
});
