// Run by `npm start` before the server: migrate, re-split articles stored under an older
// lede rule, then seed the sample articles into an empty database (and only then, so a
// second start seeds nothing twice).
import path from "node:path";
import { runCli } from "./cli";
import { envOrExit } from "@/lib/config/env";
import { runMigrations } from "@/lib/db/migrate";
import { getBoss, stopBoss } from "@/lib/jobs/boss";
import { countArticles } from "@/lib/articles/queries";
import { importArticles } from "@/lib/articles/import";
import { resplitStaleArticles } from "@/lib/articles/resplit";

// Production settings that have no safe default stop the start before anything runs
// (exit 78: npm start adds no line of its own to the one naming the variable).
envOrExit(process.env, "npm start", true, 78);

runCli(async () => {
  await runMigrations();
  await getBoss();
  await stopBoss();
  const { resplit } = await resplitStaleArticles();
  if (resplit > 0) console.log(`Re-split the free part of ${resplit} articles under the current lede rule.`);
  if ((await countArticles()) === 0) {
    const result = await importArticles(path.resolve("content/articles"));
    console.log(`Seeded ${result.created.length} sample articles.`);
  }
});
