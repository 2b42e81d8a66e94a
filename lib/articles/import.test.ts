// Integration: importing article files is idempotent by slug and all-or-nothing per file.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { useTestDatabase } from "@/test/db";
import { db } from "@/lib/db/client";
import { articles } from "@/lib/db/schema";
import { importArticles } from "./import";
import { findTeaser, loadRestHtml } from "./queries";

useTestDatabase();

function folder(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lede-import-"));
  for (const [name, body] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), body);
  return dir;
}

const file = (slug: string, extra = "", body = "Free one.\n\nFree two.\n\n<!-- gate -->\n\nSecret canary.") => `---
title: "Title ${slug}"
slug: ${slug}
dek: "Dek"
author: "Writer"
publishedAt: 2026-11-20T08:30:00Z
premium: true
${extra}---
${body}
`;

describe("importArticles", () => {
  it("creates, then updates by slug without duplicating", async () => {
    const dir = folder({ "a.md": file("alpha"), "b.md": file("beta") });
    expect(await importArticles(dir)).toMatchObject({ created: ["alpha", "beta"], updated: [], failed: [] });
    fs.writeFileSync(path.join(dir, "a.md"), file("alpha").replace("Title alpha", "New title"));
    expect(await importArticles(dir)).toMatchObject({ created: [], updated: ["alpha", "beta"] });
    const rows = await db.select().from(articles).where(eq(articles.slug, "alpha"));
    expect(rows).toHaveLength(1);
    expect(rows[0].title).toBe("New title");
  });

  it("imports metered: false as members only, and a file without it as metered again", async () => {
    const dir = folder({ "m.md": file("members-story", "metered: false\n") });
    await importArticles(dir);
    const metered = async () => (await db.select({ m: articles.metered }).from(articles).where(eq(articles.slug, "members-story")))[0].m;
    expect(await metered()).toBe(false);
    fs.writeFileSync(path.join(dir, "m.md"), file("members-story"));
    await importArticles(dir);
    expect(await metered()).toBe(true);
  });

  it("keeps the premium part out of the teaser", async () => {
    const dir = folder({ "c.md": file("gamma") });
    await importArticles(dir);
    const teaser = await findTeaser("gamma");
    expect(JSON.stringify(teaser)).not.toContain("canary");
    expect(await loadRestHtml(teaser!.id)).toContain("Secret canary.");
  });

  it("names the file and field of bad front matter and imports nothing from it", async () => {
    const dir = folder({ "good.md": file("delta"), "bad.md": file("epsilon").replace("premium: true", "premium: perhaps") });
    const result = await importArticles(dir);
    expect(result.created).toEqual(["delta"]);
    expect(result.failed).toHaveLength(1);
    expect(result.failed[0].file).toMatch(/bad\.md$/);
    expect(Object.keys(result.failed[0].errors)).toEqual(["premium"]);
    expect(await findTeaser("epsilon")).toBeNull();
  });

  it("refuses a premium file that cannot be split, names the gate marker, and writes nothing of it", async () => {
    const before = await db.select().from(articles);
    const dir = folder({
      "one.md": file("eta", "", "One paragraph that would be free in full. CANARY-ONE."),
      "end.md": file("theta", "", "Free.\n\nCANARY-END, also free?\n\n<!-- gate -->"),
      "ok.md": file("iota", "", "Free lede.\n\n- premium list\n\n> premium quote\n\nPremium close."),
    });
    const result = await importArticles(dir);
    expect(result.created).toEqual(["iota"]);
    expect(result.failed.map((f) => [path.basename(f.file), Object.keys(f.errors)])).toEqual([
      ["end.md", ["body"]],
      ["one.md", ["body"]],
    ]);
    for (const f of result.failed) expect(f.errors.body).toContain("<!-- gate -->");
    expect(await findTeaser("eta")).toBeNull();
    expect(await findTeaser("theta")).toBeNull();
    expect((await db.select().from(articles)).length).toBe(before.length + 1);
    // The one that imported gives only its first paragraph away.
    const iota = await findTeaser("iota");
    expect(iota!.ledeHtml).toBe("<p>Free lede.</p>");
    expect(JSON.stringify(iota)).not.toMatch(/premium (list|quote|close)/i);
  });

  it("imports drafts as drafts", async () => {
    const dir = folder({ "d.md": file("zeta", "status: draft\n") });
    await importArticles(dir);
    expect((await findTeaser("zeta"))?.status).toBe("draft");
  });
});
