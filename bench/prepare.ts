// Run by bench/run.mjs before the server starts (PGlite allows one process at a time):
// migrate, seed the sample articles, sign a member in, switch the meter on, and print
// what the bench needs (cookies signed with the server's own secret).
import path from "node:path";
import { eq, inArray } from "drizzle-orm";
import { runCli } from "../scripts/cli";
import { runMigrations } from "@/lib/db/migrate";
import { db } from "@/lib/db/client";
import { articles, siteSettings, wallExperiments } from "@/lib/db/schema";
import { DEFAULT_GATE_COPY } from "@/lib/experiments/gate-copy";
import { getBoss, stopBoss } from "@/lib/jobs/boss";
import { countArticles } from "@/lib/articles/queries";
import { importArticles } from "@/lib/articles/import";
import { authSecret } from "@/lib/auth/secret";
import { startSession } from "@/lib/auth/sessions";
import { sessionCookieName } from "@/lib/auth/session-cookie";
import { dayNumber, METER_COOKIE, meterKey, networkTag, newMeterBrowser, writeMeterCookie } from "@/lib/meter/cookie";
import { networkOf } from "@/lib/auth/rate-limits";

const [GATED, METERED] = process.argv.slice(2);

runCli(async () => {
  await runMigrations();
  await getBoss();
  await stopBoss();
  if ((await countArticles()) === 0) await importArticles(path.resolve("content/articles"));
  const session = await startSession("bench-member@example.com", "code");
  // The meter on (3 a month); the gated article members only, so that an anonymous
  // reader meets its gate as before, and another premium article metered.
  const meter = { enabled: true, allowance: 3, period: "month" };
  await db.insert(siteSettings).values({ key: "meter", value: meter }).onConflictDoUpdate({ target: siteSettings.key, set: { value: meter } });
  await db.update(articles).set({ metered: false }).where(eq(articles.slug, GATED));
  await db.update(articles).set({ metered: true }).where(eq(articles.slug, METERED));
  const ids = (await db.select({ id: articles.id, slug: articles.slug }).from(articles).where(inArray(articles.slug, [METERED]))).map((a) => a.id);
  // A wall experiment of two variants, made but not running: bench/experiment.ts starts it
  // once the pages' rounds are done, for (o) and (n) (ops' edge scenarios need none running).
  await db.delete(wallExperiments);
  const [experiment] = await db
    .insert(wallExperiments)
    .values({
      name: "bench",
      status: "ended",
      startedBy: "bench@example.com",
      variants: [
        { ...DEFAULT_GATE_COPY, allowance: null },
        { heading: "Keep reading: join {site} free", sentence: "One email address, no payment: the rest of this story is yours.", button: "Join free", allowance: null },
      ],
    })
    .returning({ id: wallExperiments.id });
  const key = meterKey(authSecret());
  const today = dayNumber(new Date());
  // The bench's requests come from 127.0.0.1: a re-read is free on the network that paid for it.
  const net = networkTag(key, networkOf("127.0.0.1").network);
  const reRead = writeMeterCookie(key, newMeterBrowser(), [{ articleId: ids[0], day: today, net }]);
  const spent = writeMeterCookie(key, newMeterBrowser(), [1_000_001, 1_000_002, 1_000_003].map((articleId) => ({ articleId, day: today, net })));
  process.stdout.write(
    `${JSON.stringify({ cookie: `${sessionCookieName()}=${session.token}`, meterReRead: `${METER_COOKIE}=${reRead}`, meterSpent: `${METER_COOKIE}=${spent}`, wallExperiment: experiment.id })}\n`,
  );
});
