// Integration: rows stored under an older lede rule are re-split by `npm start`, never
// giving more away than before.
import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/test/db";
import { db } from "@/lib/db/client";
import { articles } from "@/lib/db/schema";
import { resplitStaleArticles } from "./resplit";
import { findTeaser, loadRestHtml } from "./queries";
import { SPLIT_VERSION } from "./teaser";

useTestDatabase();

/** A row as the old rule stored it: the lede up to the second paragraph (here: everything). */
async function oldRow(slug: string, body: string, premium = true, status: "published" | "draft" = "published") {
  await db.insert(articles).values({
    slug,
    title: slug,
    body,
    premium,
    status,
    ledeHtml: `<p>old lede of ${slug}</p>`,
    restHtml: "",
    summary: `old summary of ${slug}`,
    splitVersion: 0,
  });
}

describe("resplitStaleArticles", () => {
  it("re-splits old rows under the current rule, warning about premium ones without a split", async () => {
    await oldRow("blocks", "Opening words.\n\n- listed item\n\n> quoted line\n\nClosing words.");
    await oldRow("one-block", "The whole story in one paragraph.");
    await oldRow("marker-at-end", "One.\n\nTwo.\n\nThree.\n\nFour.\n\n<!-- gate -->");
    await oldRow("free-one", "Free in one paragraph.", false);
    await oldRow("draft-one", "A draft in one paragraph.", true, "draft");
    await db.insert(articles).values({ slug: "current", title: "c", body: "A.\n\nB.", premium: true, ledeHtml: "kept", splitVersion: SPLIT_VERSION });

    const warnings: string[] = [];
    expect(await resplitStaleArticles((l) => warnings.push(l))).toEqual({ resplit: 5, unsplit: ["one-block", "marker-at-end"] });

    const blocks = (await findTeaser("blocks"))!;
    expect(blocks).toMatchObject({ ledeHtml: "<p>Opening words.</p>", summary: "Opening words.", premium: true });
    expect(await loadRestHtml(blocks.id)).toContain("listed item");
    expect(await findTeaser("one-block")).toMatchObject({ ledeHtml: "", summary: "", premium: true });
    expect(await loadRestHtml((await findTeaser("one-block"))!.id)).toBe("<p>The whole story in one paragraph.</p>");
    expect((await findTeaser("marker-at-end"))!.ledeHtml).toBe("<p>One.</p>\n<p>Two.</p>");
    expect((await findTeaser("free-one"))!.ledeHtml).toBe("<p>Free in one paragraph.</p>");
    expect((await findTeaser("draft-one"))!.ledeHtml).toBe("");
    expect((await findTeaser("current"))!.ledeHtml).toBe("kept");

    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/^Article "one-block": its body needs a free part .*<!-- gate -->.* readers get no free part\.$/);
    expect(warnings[1]).toMatch(/^Article "marker-at-end": its body has nothing below its <!-- gate --> line.* never more than half\.$/);

    const rows = await db.select({ v: articles.splitVersion }).from(articles);
    expect(rows.every((r) => r.v === SPLIT_VERSION)).toBe(true);
    expect(await resplitStaleArticles(() => {})).toEqual({ resplit: 0, unsplit: [] });
  });
});
