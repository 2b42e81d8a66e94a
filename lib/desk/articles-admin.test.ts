import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/test/db";
import { db } from "@/lib/db/client";
import { articles, joins, users } from "@/lib/db/schema";
import { ARTICLES_PER_PAGE, listDeskArticles } from "./articles-admin";

useTestDatabase();

beforeAll(async () => {
  const made = await db
    .insert(articles)
    .values(
      Array.from({ length: 30 }, (_, i) => ({
        slug: `story-${i}`,
        title: i === 7 ? "100% proof_of concept" : `Story ${i}`,
        body: "x",
        status: i % 3 === 0 ? ("draft" as const) : ("published" as const),
        updatedAt: new Date(Date.UTC(2026, 0, 1 + i)),
      })),
    )
    .returning({ id: articles.id, slug: articles.slug });
  // Both confirmed their address (signed in): only confirmed readers count as signups.
  const verified = new Date();
  const people = await db
    .insert(users)
    .values([
      { email: "a@example.com", emailVerified: verified },
      { email: "b@example.com", emailVerified: verified },
    ])
    .returning({ id: users.id });
  const story5 = made.find((a) => a.slug === "story-5")!.id;
  await db.insert(joins).values([
    { userId: people[0].id, articleId: story5 },
    { userId: people[0].id, articleId: story5 },
    { userId: people[1].id, articleId: story5 },
  ]);
});

describe("the desk's article list", () => {
  it("lists drafts and published articles, most recently changed first, a page at a time", async () => {
    const first = await listDeskArticles("", 1);
    expect(first).toMatchObject({ total: 30, page: 1, pages: 2 });
    expect(first.rows).toHaveLength(ARTICLES_PER_PAGE);
    expect(first.rows[0]).toMatchObject({ title: "Story 29", status: "published" });
    expect(first.rows.some((r) => r.status === "draft")).toBe(true);
    const second = await listDeskArticles("", 2);
    expect(second.rows.map((r) => r.title)).toEqual(["Story 4", "Story 3", "Story 2", "Story 1", "Story 0"]);
    expect((await listDeskArticles("", 99)).page).toBe(2);
  });

  it("counts each reader who joined from an article once", async () => {
    const { rows } = await listDeskArticles("Story 5", 1);
    expect(rows.map((r) => [r.title, r.signups])).toEqual([["Story 5", 2]]);
  });

  it("searches titles case-insensitively, taking % and _ literally", async () => {
    expect((await listDeskArticles("story 2", 1)).total).toBe(11); // 2, 20–29
    expect((await listDeskArticles("100%", 1)).rows.map((r) => r.title)).toEqual(["100% proof_of concept"]);
    expect((await listDeskArticles("f_o", 1)).total).toBe(1);
    expect((await listDeskArticles("%", 1)).total).toBe(1);
  });
});
