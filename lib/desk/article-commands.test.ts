import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/test/db";
import { db } from "@/lib/db/client";
import { articles, users } from "@/lib/db/schema";
import { eq } from "drizzle-orm";
import { deleteArticle, saveArticle, setMetered, setPremium, setStatus } from "./article-commands";
import { auditTrail } from "./audit";
import { findTeaser, loadRestHtml } from "@/lib/articles/queries";
import type { RenderChange } from "@/lib/cache/tags";

useTestDatabase();

let editor: { kind: "editor"; userId: string; email: string };
let dropped: RenderChange[] = [];
const deps = { onDrop: (change: RenderChange) => void dropped.push(change) };

beforeAll(async () => {
  const [u] = await db.insert(users).values({ email: "ed@example.com", role: "editor" }).returning({ id: users.id });
  editor = { kind: "editor", userId: u.id, email: "ed@example.com" };
});

const form = (over: Record<string, string> = {}) => ({
  title: "Harbour lights return",
  slug: "",
  dek: "A dek",
  author: "Jo Reporter",
  image: "",
  imageCaption: "",
  body: "Free part.\n\n<!-- gate -->\n\nThe canary sings at midnight.",
  premium: "on",
  intent: "save",
  ...over,
});

describe("saving an article from the desk", () => {
  it("creates a draft with a slug from the title, audited, dropping no render", async () => {
    dropped = [];
    const r = await saveArticle(editor, null, form(), deps);
    expect(r).toMatchObject({ ok: true, slug: "harbour-lights-return", status: "draft", premium: true });
    expect(dropped).toEqual([]);
    const id = (r as { id: number }).id;
    expect((await auditTrail(id)).map((e) => [e.action, e.actorEmail])).toEqual([["created", "ed@example.com"]]);
  });

  it("refuses a slug another article has, naming it, and saves nothing", async () => {
    await saveArticle(editor, null, form({ title: "Other story", slug: "other-story" }), deps);
    const before = await db.select().from(articles);
    const r = await saveArticle(editor, null, form({ title: "Clash", slug: "other-story", intent: "publish" }), deps);
    expect(r).toEqual({
      ok: false,
      error: "invalid",
      fieldErrors: { slug: "is already used by “Other story”. Choose another." },
    });
    expect(await db.select().from(articles)).toEqual(before);
  });

  it("returns every field error at once, a slug clash included", async () => {
    const r = await saveArticle(editor, null, form({ title: "", slug: "Bad Slug!", image: "javascript:alert(1)" }), deps);
    expect(r.ok).toBe(false);
    expect(Object.keys((r as { fieldErrors: object }).fieldErrors).sort()).toEqual(["image", "slug", "title"]);
    const clash = await saveArticle(editor, null, form({ slug: "other-story", image: "ftp://x" }), deps);
    expect(clash).toMatchObject({
      fieldErrors: { image: expect.stringContaining("http"), slug: "is already used by “Other story”. Choose another." },
    });
  });

  it("publishes, changes the slug, and drops the renders of the old and new addresses", async () => {
    const created = await saveArticle(editor, null, form({ title: "Ferry trial", premium: "" }), deps);
    const id = (created as { id: number }).id;
    dropped = [];
    const published = await saveArticle(editor, id, form({ title: "Ferry trial", premium: "", intent: "publish" }), deps);
    expect(published).toMatchObject({ ok: true, status: "published" });
    expect(dropped.at(-1)).toEqual({ slugs: ["ferry-trial"], lists: true });
    await saveArticle(editor, id, form({ title: "Ferry trial", slug: "night-ferry", premium: "" }), deps);
    expect(dropped.at(-1)).toEqual({ slugs: ["ferry-trial", "night-ferry"], lists: true });
    expect(await findTeaser("ferry-trial")).toBeNull();
    expect((await findTeaser("night-ferry"))?.status).toBe("published");
    const trail = (await auditTrail(id)).map((e) => e.action);
    expect(trail).toEqual(["edited", "published", "created"]);
  });

  it("toggles premium once per click, audited, and a repeat changes nothing", async () => {
    const r = await saveArticle(editor, null, form({ title: "Cup semi-final", intent: "publish" }), deps);
    const id = (r as { id: number }).id;
    dropped = [];
    expect(await setPremium(editor, id, false, deps)).toMatchObject({ ok: true, premium: false });
    expect(dropped).toEqual([{ slugs: ["cup-semi-final"], lists: true }]);
    expect(await setPremium(editor, id, false, deps)).toMatchObject({ ok: true, premium: false });
    expect(dropped).toHaveLength(1);
    await setPremium(editor, id, true, deps);
    expect((await auditTrail(id)).map((e) => e.action).slice(0, 2)).toEqual(["premium_on", "premium_off"]);
    expect((await findTeaser("cup-semi-final"))?.premium).toBe(true);
  });

  it("switches a premium article to members only and back, audited, dropping its own pages", async () => {
    const r = await saveArticle(editor, null, form({ title: "Council budget leak", intent: "publish" }), deps);
    const id = (r as { id: number }).id;
    const metered = async () => (await db.select({ m: articles.metered }).from(articles).where(eq(articles.id, id)))[0].m;
    expect(r).toMatchObject({ ok: true, metered: true });
    dropped = [];
    expect(await setMetered(editor, id, false, deps)).toMatchObject({ ok: true, premium: true, metered: false });
    expect(await metered()).toBe(false);
    // Not a card change: the article's own pages (every render of them), not the lists.
    expect(dropped).toEqual([{ slugs: ["council-budget-leak"], lists: false }]);
    // A second click on the same switch changes, audits and drops nothing.
    expect(await setMetered(editor, id, false, deps)).toMatchObject({ ok: true, metered: false });
    expect(dropped).toHaveLength(1);
    expect(await setMetered(editor, id, true, deps)).toMatchObject({ ok: true, metered: true });
    expect(dropped).toHaveLength(2);
    expect((await auditTrail(id)).map((e) => e.action).slice(0, 2)).toEqual(["metered_on", "members_only"]);
    expect(await setMetered(editor, 999_999, false, deps)).toEqual({ ok: false, error: "not_found" });
  });

  it("refuses the members-only switch on a free article, writing and dropping nothing", async () => {
    const r = await saveArticle(editor, null, form({ title: "Free for all", premium: "", intent: "publish" }), deps);
    const id = (r as { id: number }).id;
    dropped = [];
    const refused = await setMetered(editor, id, false, deps);
    expect(refused).toEqual({ ok: false, error: "invalid", fieldErrors: { metered: expect.stringContaining("premium articles only") } });
    expect((await db.select().from(articles).where(eq(articles.id, id)))[0].metered).toBe(true);
    expect(dropped).toEqual([]);
    expect((await auditTrail(id)).map((e) => e.action)).toEqual(["published", "created"]);
  });

  it("saves the editor's metered or members-only choice, and keeps it when the form does not say", async () => {
    const r = await saveArticle(editor, null, form({ title: "Stadium deal", metered: "members" }), deps);
    const id = (r as { id: number }).id;
    expect(r).toMatchObject({ ok: true, metered: false });
    expect((await auditTrail(id)).map((e) => e.action)).toEqual(["members_only", "created"]);
    // Premium unticked with JavaScript disables the choice, so it is not sent: kept.
    expect(await saveArticle(editor, id, form({ title: "Stadium deal", premium: "", intent: "publish" }), deps)).toMatchObject({
      ok: true,
      premium: false,
      metered: false,
    });
    dropped = [];
    expect(await saveArticle(editor, id, form({ title: "Stadium deal", metered: "metered" }), deps)).toMatchObject({ metered: true });
    expect(dropped).toEqual([{ slugs: ["stadium-deal"], lists: true }]);
    expect((await auditTrail(id)).map((e) => e.action).slice(0, 2)).toEqual(["metered_on", "premium_on"]);
    // An answer the form never offers is named with every other problem, and nothing is written.
    const bad = await saveArticle(editor, id, form({ title: "", slug: "stadium-deal", metered: "sometimes" }), deps);
    expect(bad).toEqual({ ok: false, error: "invalid", fieldErrors: { title: "is required", metered: "must be one of the two choices" } });
    expect((await db.select().from(articles).where(eq(articles.id, id)))[0]).toMatchObject({ title: "Stadium deal", metered: true });
  });

  it("unpublishes and deletes, keeping the trail of a deleted article", async () => {
    const r = await saveArticle(editor, null, form({ title: "Gone soon", intent: "publish" }), deps);
    const id = (r as { id: number }).id;
    await setStatus(editor, id, "draft", deps);
    expect((await findTeaser("gone-soon"))?.status).toBe("draft");
    expect(await deleteArticle(editor, id, deps)).toMatchObject({ ok: true });
    expect(await db.select().from(articles).where(eq(articles.id, id))).toEqual([]);
    expect((await auditTrail(id)).map((e) => e.action)).toEqual(["deleted", "unpublished", "published", "created"]);
    expect(await deleteArticle(editor, id, deps)).toEqual({ ok: false, error: "not_found" });
  });

  it("refuses to publish a premium article that cannot be split, on Body, and writes nothing", async () => {
    const before = await db.select().from(articles);
    dropped = [];
    for (const body of ["One paragraph, all of it.", "Free.\n\n<!-- gate -->", "<!-- gate -->\n\nAll premium.\n\nStill."]) {
      const r = await saveArticle(editor, null, form({ title: "Too short", body, intent: "publish" }), deps);
      expect(r).toEqual({ ok: false, error: "invalid", fieldErrors: { body: expect.stringContaining("<!-- gate -->") } });
    }
    // Named with the other problems of the form.
    const many = await saveArticle(editor, null, form({ title: "", slug: "many-errors", body: "One.", intent: "publish" }), deps);
    expect(Object.keys((many as { fieldErrors: object }).fieldErrors).sort()).toEqual(["body", "title"]);
    expect(await db.select().from(articles)).toEqual(before);
    expect(dropped).toEqual([]);
  });

  it("saves such a premium draft, giving nothing away, and refuses to publish or re-save it published", async () => {
    const draft = await saveArticle(editor, null, form({ title: "Work in progress", body: "Only one paragraph so far." }), deps);
    expect(draft).toMatchObject({ ok: true, status: "draft", premium: true });
    const id = (draft as { id: number }).id;
    expect((await findTeaser("work-in-progress"))!.ledeHtml).toBe("");
    const publish = await saveArticle(editor, id, form({ title: "Work in progress", body: "Only one paragraph so far.", intent: "publish" }), deps);
    expect(publish).toMatchObject({ ok: false, fieldErrors: { body: expect.stringContaining("<!-- gate -->") } });
    expect(await setStatus(editor, id, "published", deps)).toMatchObject({ ok: false, error: "invalid" });
    expect((await findTeaser("work-in-progress"))!.status).toBe("draft");
    // With a second block it publishes, the first block free.
    const two = "Only one paragraph so far.\n\nNow a second, premium.";
    expect(await saveArticle(editor, id, form({ title: "Work in progress", body: two, intent: "publish" }), deps)).toMatchObject({ ok: true });
    const saved = await saveArticle(editor, id, form({ title: "Work in progress", body: "Cut back to one." }), deps);
    expect(saved).toMatchObject({ ok: false, fieldErrors: { body: expect.stringContaining("<!-- gate -->") } });
    expect((await findTeaser("work-in-progress"))!.ledeHtml).toBe("<p>Only one paragraph so far.</p>");
  });

  it("refuses the premium switch on a published article that cannot be split", async () => {
    const r = await saveArticle(editor, null, form({ title: "Short notice", body: "A single paragraph.", premium: "", intent: "publish" }), deps);
    const id = (r as { id: number }).id;
    dropped = [];
    const on = await setPremium(editor, id, true, deps);
    expect(on).toEqual({ ok: false, error: "invalid", fieldErrors: { body: expect.stringContaining("<!-- gate -->") } });
    expect((await findTeaser("short-notice"))?.premium).toBe(false);
    expect(dropped).toEqual([]);
    expect((await auditTrail(id)).map((e) => e.action)).not.toContain("premium_on");
  });

  it("renders the classic XSS payloads inert", async () => {
    const payloads = [
      "<script>alert('xss-1')</script>",
      '<img src=x onerror="alert(\'xss-2\')">',
      "[click me](javascript:alert('xss-3'))",
      "![pic](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
      '<a href="javascript:alert(4)">x</a>',
      "<iframe src=\"javascript:alert(5)\"></iframe>",
      '<svg onload="alert(6)"></svg>',
      "[data link](data:text/html,<script>alert(7)</script>)",
      '<div style="background:url(javascript:alert(8))" onclick="alert(9)">styled</div>',
    ].join("\n\n");
    const r = await saveArticle(
      editor,
      null,
      form({ title: "Payloads", body: `${payloads}\n\n<!-- gate -->\n\n${payloads}`, intent: "publish" }),
      deps,
    );
    const id = (r as { id: number }).id;
    const lede = (await findTeaser("payloads"))!.ledeHtml;
    const rest = await loadRestHtml(id);
    for (const html of [lede, rest]) {
      expect(html).not.toMatch(/<script|<iframe|<svg|<img[^>]*src="?x/i);
      expect(html).not.toMatch(/\son[a-z]+\s*=/i);
      expect(html).not.toMatch(/(href|src)\s*=\s*"?\s*(javascript|data):/i);
      expect(html).not.toMatch(/style=/i);
      expect(html).toContain("click me");
    }
  });
});
