// Integration: page views counted in memory and added to article_traffic in one statement
// per flush — per kind and source, bots apart, and two processes adding up.
import { spawn } from "node:child_process";
import path from "node:path";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { usingPostgres, useTestDatabase } from "@/test/db";
import { db } from "@/lib/db/client";
import { rowsOf } from "@/lib/db/rows";
import { articles } from "@/lib/db/schema";
import { countView, FOLD_BATCH, flushTraffic, foldRareHosts, HOSTS_KEPT_PER_DAY, NAMED_SOURCES_PER_ARTICLE_DAY, type View } from "./counts";

const database = useTestDatabase();
const root = path.resolve(__dirname, "../..");
const CHROME = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36";
const GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";

beforeAll(async () => {
  await db.insert(articles).values([
    { slug: "paid", title: "Paid", premium: true },
    { slug: "free", title: "Free", premium: false },
    { slug: "draft", title: "Draft", premium: true, status: "draft" },
  ]);
});
beforeEach(async () => {
  await flushTraffic();
  await db.execute(sql`delete from article_traffic`);
});

const view = (v: Partial<View>): View => ({ slug: "paid", render: "anonymous", url: "/articles/paid", referer: undefined, userAgent: CHROME, ...v });
type Row = { slug: string; source: string; host: string; issue_id: number; anonymous_views: number; member_views: number; gate_views: number; metered_reads: number; spent_gates: number; free_reads: number; ran_out: number };
const saved = async () =>
  rowsOf<Row>(
    await db.execute(sql`
      select a.slug, t.source, t.host, t.issue_id, t.anonymous_views, t.member_views, t.gate_views, t.metered_reads, t.spent_gates, t.free_reads, t.ran_out
      from article_traffic t join article a on a.id = t.article_id order by a.slug, t.source, t.host, t.issue_id`),
  );
const views: (void | Promise<void>)[] = [];
const zero = { host: "", issue_id: 0, anonymous_views: 0, member_views: 0, gate_views: 0, metered_reads: 0, spent_gates: 0, free_reads: 0, ran_out: 0 };

describe("counting page views", () => {
  it("keeps counts in memory until the flush, then adds them in one go, per kind and source", async () => {
    views.push(countView(view({ referer: "https://www.google.com/" }))); // a gate view, from search
    views.push(countView(view({ referer: "https://www.google.de/" })));
    views.push(countView(view({ render: "member", referer: "https://www.google.com/" })));
    views.push(countView(view({ render: "metered-1", freeRead: "free", referer: "https://t.co/x" })));
    views.push(countView(view({ render: "metered-0", freeRead: "last", referer: "https://t.co/x" })));
    views.push(countView(view({ render: "metered-0", referer: "https://t.co/x" }))); // a free re-read
    views.push(countView(view({ render: "spent", url: "/articles/paid?ref=newsletter&issue=3" })));
    views.push(countView(view({ slug: "free", url: "/articles/free" })));
    views.push(countView(view({ slug: "free", url: "/articles/free", referer: "https://www.other-paper.example/x" })));
    views.push(countView(view({ slug: "draft" }))); // not published: not counted
    views.push(countView(view({ slug: "nope" }))); // no such article
    await Promise.all(views.splice(0));
    expect(await saved()).toEqual([]);
    await flushTraffic();
    expect(await saved()).toEqual([
      { ...zero, slug: "free", source: "direct", anonymous_views: 1 },
      { ...zero, slug: "free", source: "other", host: "other-paper.example", anonymous_views: 1 },
      { ...zero, slug: "paid", source: "newsletter", issue_id: 3, anonymous_views: 1, gate_views: 1, spent_gates: 1 },
      { ...zero, slug: "paid", source: "search", anonymous_views: 2, member_views: 1, gate_views: 2 },
      { ...zero, slug: "paid", source: "social", anonymous_views: 3, metered_reads: 3, free_reads: 2, ran_out: 1 },
    ]);
    // The next flush adds to the same rows.
    views.push(countView(view({ referer: "https://www.bing.com/" })));
    await Promise.all(views.splice(0));
    await flushTraffic();
    expect((await saved()).find((r) => r.source === "search")).toMatchObject({ anonymous_views: 3, gate_views: 3 });
  });

  it("counts bots and crawlers apart, and a request that names no browser as one", async () => {
    views.push(countView(view({ userAgent: GOOGLEBOT, referer: "https://www.google.com/" })));
    views.push(countView(view({ userAgent: "curl/8.5.0" })));
    views.push(countView(view({ userAgent: undefined })));
    views.push(countView(view({ userAgent: "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)", render: "spent" })));
    await Promise.all(views.splice(0));
    await flushTraffic();
    expect(await saved()).toEqual([{ ...zero, slug: "paid", source: "bot", anonymous_views: 4 }]);
  });

  it("names at most the day's cap of other sites per article, however many a client makes up", async () => {
    for (let i = 0; i < 300; i++) views.push(countView(view({ referer: `https://site-${i}.example/` })));
    await Promise.all(views.splice(0));
    await flushTraffic();
    const rows = await saved();
    expect(rows.filter((r) => r.host !== "")).toHaveLength(NAMED_SOURCES_PER_ARTICLE_DAY);
    expect(rows.find((r) => r.host === "")).toMatchObject({ source: "other", anonymous_views: 300 - NAMED_SOURCES_PER_ARTICLE_DAY });
  });

  it("keeps what a flush could not save for the next one", async () => {
    views.push(countView(view({})));
    await Promise.all(views.splice(0));
    await db.execute(sql`alter table article_traffic rename to article_traffic_away`);
    try {
      await flushTraffic();
    } finally {
      await db.execute(sql`alter table article_traffic_away rename to article_traffic`);
    }
    await flushTraffic();
    expect(await saved()).toEqual([{ ...zero, slug: "paid", source: "direct", anonymous_views: 1, gate_views: 1 }]);
  });

  // Processes share a PostgreSQL server; an embedded database is one process's alone.
  it.skipIf(!usingPostgres)("adds up what two processes counted (PostgreSQL only)", async () => {
    const run = (views: number) =>
      new Promise<number>((resolve, reject) => {
        const p = spawn(path.join(root, "node_modules/.bin/tsx"), ["--conditions=react-server", "test/count-views.ts"], {
          cwd: root,
          env: { ...process.env, DATABASE_URL: database.url(), VIEWS: String(views), SLUG: "paid" },
          stdio: ["ignore", "inherit", "inherit"],
        });
        p.on("error", reject);
        p.on("exit", (code) => resolve(code ?? 1));
      });
    expect(await Promise.all([run(40), run(25)])).toEqual([0, 0]);
    expect(await saved()).toEqual([{ ...zero, slug: "paid", source: "search", anonymous_views: 65, gate_views: 65 }]);
  }, 60_000);
});

describe("folding rarely seen referring sites", () => {
  it("keeps each past day's top sites by name and sums the rest into one row per article, today untouched", async () => {
    const [paid] = rowsOf<{ id: number }>(await db.execute(sql`select id from article where slug = 'paid'`));
    const rows = (day: string) =>
      Array.from({ length: HOSTS_KEPT_PER_DAY + 5 }, (_, i) => sql`(${day}, ${paid.id}::int, 'other', ${`s${i}.example`}, 0, ${100 - i}::int, 1, 1)`);
    await db.execute(sql`
      insert into article_traffic (day, article_id, source, host, issue_id, anonymous_views, gate_views, joins)
      values ${sql.join([...rows("2026-11-01"), ...rows("2099-01-01")], sql`, `)}`);
    expect(await foldRareHosts(new Date("2026-11-02T00:10:00Z"))).toBe(5);
    const after = rowsOf<{ day: string; host: string; anonymous_views: number; gate_views: number; joins: number }>(
      await db.execute(sql`select day, host, anonymous_views, gate_views, joins from article_traffic where day = '2026-11-01' order by anonymous_views`),
    );
    expect(after).toHaveLength(HOSTS_KEPT_PER_DAY + 1);
    expect(after.find((r) => r.host === "")).toEqual({ day: "2026-11-01", host: "", anonymous_views: 76 + 77 + 78 + 79 + 80, gate_views: 5, joins: 5 });
    expect(after.filter((r) => r.host !== "").map((r) => r.anonymous_views).sort((a, b) => a - b)[0]).toBe(81);
    const future = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from article_traffic where day = '2099-01-01'`));
    expect(future[0].n).toBe(HOSTS_KEPT_PER_DAY + 5);
    expect(await foldRareHosts(new Date("2026-11-02T00:10:00Z"))).toBe(0);
  });

  it("folds newsletter views naming no issue that exists into the newsletter's unnamed row", async () => {
    const [paid] = rowsOf<{ id: number }>(await db.execute(sql`select id from article where slug = 'paid'`));
    const [issue] = rowsOf<{ id: number }>(await db.execute(sql`insert into newsletter_issue (subject, newsletter_id) values ('Real', (select id from newsletter order by id limit 1)) returning id`));
    await db.execute(sql`
      insert into article_traffic (day, article_id, source, issue_id, anonymous_views)
      values ('2026-11-01', ${paid.id}, 'newsletter', ${issue.id}, 5), ('2026-11-01', ${paid.id}, 'newsletter', 999999, 7),
             ('2026-11-01', ${paid.id}, 'newsletter', 888888, 1)`);
    expect(await foldRareHosts(new Date("2026-11-02T00:10:00Z"))).toBe(2);
    const rows = rowsOf<{ issue_id: number; anonymous_views: number }>(
      await db.execute(sql`select issue_id, anonymous_views from article_traffic where source = 'newsletter' order by issue_id`),
    );
    expect(rows).toEqual([
      { issue_id: 0, anonymous_views: 8 },
      { issue_id: issue.id, anonymous_views: 5 },
    ]);
  });

  it("names at most the day's cap of newsletter issues per article, however many a client makes up", async () => {
    for (let i = 1; i <= 150; i++) views.push(countView(view({ url: `/articles/paid?ref=newsletter&issue=${i}` })));
    await Promise.all(views.splice(0));
    await flushTraffic();
    const rows = (await saved()).filter((r) => r.source === "newsletter");
    expect(rows.filter((r) => r.issue_id !== 0)).toHaveLength(NAMED_SOURCES_PER_ARTICLE_DAY);
    expect(rows.find((r) => r.issue_id === 0)).toMatchObject({ anonymous_views: 150 - NAMED_SOURCES_PER_ARTICLE_DAY });
  });
});

describe("named sources in the database", () => {
  const named = async () => {
    const [r] = rowsOf<{ named: number; rows: number; views: number }>(
      await db.execute(sql`select count(*) filter (where host <> '' or issue_id <> 0)::int as named, count(*)::int as rows,
        coalesce(sum(anonymous_views), 0)::int as views from article_traffic`),
    );
    return r;
  };

  it("keeps at most the cap per article per day, whatever comes in later flushes; the rest count as unnamed, every view kept", async () => {
    // 2,000 requests, each from a made-up site, in 20 flushes (as a process every 5 s).
    for (let flush = 0; flush < 20; flush++) {
      for (let i = 0; i < 100; i++) views.push(countView(view({ url: `/articles/paid?ref=f${flush}-h${i}.example` })));
      await Promise.all(views.splice(0));
      await flushTraffic();
    }
    expect(await named()).toEqual({ named: NAMED_SOURCES_PER_ARTICLE_DAY, rows: NAMED_SOURCES_PER_ARTICLE_DAY + 1, views: 2000 });
    const [unnamed] = (await saved()).filter((r) => r.source === "other" && r.host === "");
    expect(unnamed.anonymous_views).toBe(2000 - NAMED_SOURCES_PER_ARTICLE_DAY);
    // A site already named keeps counting by name.
    views.push(countView(view({ url: "/articles/paid?ref=f0-h0.example" })));
    await Promise.all(views.splice(0));
    await flushTraffic();
    expect((await saved()).find((r) => r.host === "f0-h0.example")?.anonymous_views).toBe(2);
  });

  it.skipIf(!usingPostgres)("holds the cap when two processes flush made-up sites at once (PostgreSQL only)", async () => {
    const run = (prefix: string) =>
      new Promise<number>((resolve, reject) => {
        const p = spawn(path.join(root, "node_modules/.bin/tsx"), ["--conditions=react-server", "test/count-views.ts"], {
          cwd: root,
          env: { ...process.env, DATABASE_URL: database.url(), VIEWS: "90", SLUG: "paid", HOSTS: prefix },
          stdio: ["ignore", "inherit", "inherit"],
        });
        p.on("error", reject);
        p.on("exit", (code) => resolve(code ?? 1));
      });
    expect(await Promise.all([run("one"), run("two"), run("three")])).toEqual([0, 0, 0]);
    expect(await named()).toEqual({ named: NAMED_SOURCES_PER_ARTICLE_DAY, rows: NAMED_SOURCES_PER_ARTICLE_DAY + 1, views: 270 });
  }, 90_000);

  it("folds a large backlog in bounded statements, all of it in one run", async () => {
    const [paid] = rowsOf<{ id: number }>(await db.execute(sql`select id from article where slug = 'paid'`));
    const hosts = 2 * FOLD_BATCH + 500;
    await db.execute(sql`
      insert into article_traffic (day, article_id, source, host, issue_id, anonymous_views)
      select '2026-10-01', ${paid.id}::int, 'other', 'h' || g || '.example', 0, 1 from generate_series(1, ${hosts}::int) g`);
    expect(await foldRareHosts(new Date("2026-11-02T00:10:00Z"))).toBe(hosts - HOSTS_KEPT_PER_DAY);
    expect(await named()).toEqual({ named: HOSTS_KEPT_PER_DAY, rows: HOSTS_KEPT_PER_DAY + 1, views: hosts });
  });
});
