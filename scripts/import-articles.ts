// npm run articles:import -- <file-or-folder> [...]
import path from "node:path";
import fs from "node:fs";
import { runCli } from "./cli";
import { importArticles } from "@/lib/articles/import";

runCli(async () => {
  const targets = process.argv.slice(2).filter((a) => a !== "--");
  if (targets.length === 0) {
    console.error("Usage: npm run articles:import -- <file-or-folder> [...]");
    return 2;
  }
  let failed = 0;
  for (const target of targets) {
    if (!fs.existsSync(target)) {
      console.error(`${target}: no such file or folder`);
      failed++;
      continue;
    }
    const r = await importArticles(path.resolve(target));
    for (const slug of r.created) console.log(`created  ${slug}`);
    for (const slug of r.updated) console.log(`updated  ${slug}`);
    for (const f of r.failed) {
      const rel = path.relative(process.cwd(), f.file);
      for (const [field, message] of Object.entries(f.errors)) console.error(`${rel}: ${field} ${message}`);
    }
    failed += r.failed.length;
    console.log(`${r.created.length} created, ${r.updated.length} updated, ${r.failed.length} failed`);
  }
  return failed > 0 ? 1 : 0;
});
