import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { mayList, mayReadFull } from "./may-read";
import type { Reader, Viewer } from "./viewer";

const anonymous: Viewer = { kind: "anonymous" };
const sampler: Reader = { kind: "sampler" };
const member: Viewer = { kind: "member", userId: "u1", email: "m@example.com" };
const editor: Viewer = { kind: "editor", userId: "u2", email: "e@example.com" };
const published = (premium: boolean, metered = true) => ({ premium, metered, status: "published" as const });

describe("mayReadFull", () => {
  it("lets everyone read free published articles", () => {
    for (const v of [anonymous, sampler, member, editor]) expect(mayReadFull(v, published(false))).toBe(true);
  });

  it("keeps premium articles for signed-in accounts", () => {
    expect(mayReadFull(anonymous, published(true))).toBe(false);
    expect(mayReadFull(member, published(true))).toBe(true);
    expect(mayReadFull(editor, published(true))).toBe(true);
  });

  it("lets the meter's sampler read a metered premium article, never a members-only one", () => {
    expect(mayReadFull(sampler, published(true, true))).toBe(true);
    expect(mayReadFull(sampler, published(true, false))).toBe(false);
    expect(mayReadFull(anonymous, published(true, true))).toBe(false);
    expect(mayReadFull(member, published(true, false))).toBe(true);
  });

  it("lets a gift's reader read the gift's own article, premium or members only, and no other", () => {
    const gift: Reader = { kind: "gift", articleId: 7 };
    expect(mayReadFull(gift, { ...published(true, true), id: 7 })).toBe(true);
    expect(mayReadFull(gift, { ...published(true, false), id: 7 })).toBe(true);
    expect(mayReadFull(gift, { ...published(true), id: 8 })).toBe(false);
    // Facts without an id cannot be the gift's article.
    expect(mayReadFull(gift, published(true))).toBe(false);
    // A gift does not reach drafts, even of its own article (unpublished after it was made).
    expect(mayReadFull(gift, { premium: true, metered: true, status: "draft", id: 7 })).toBe(false);
    expect(mayList(gift, { premium: true, metered: true, status: "draft", id: 7 })).toBe(false);
  });

  it("never lets a gift's reader read a premium article but the gift's (property)", () => {
    const facts = fc.record({ id: fc.integer({ min: 1, max: 50 }), premium: fc.constant(true), metered: fc.boolean(), status: fc.constantFrom("published" as const, "draft" as const) });
    fc.assert(
      fc.property(facts, fc.integer({ min: 1, max: 50 }), (a, giftFor) => {
        if (mayReadFull({ kind: "gift", articleId: giftFor }, a)) expect(a.id === giftFor && a.status === "published").toBe(true);
      }),
    );
  });

  it("shows drafts to editors only", () => {
    for (const premium of [true, false]) {
      for (const v of [anonymous, sampler, member]) expect(mayReadFull(v, { premium, metered: true, status: "draft" })).toBe(false);
      expect(mayReadFull(editor, { premium, metered: true, status: "draft" })).toBe(true);
      expect(mayList(member, { premium, metered: true, status: "draft" })).toBe(false);
      expect(mayList(editor, { premium, metered: true, status: "draft" })).toBe(true);
    }
  });

  it("never lets anyone without an account read more than a signed-in member (property)", () => {
    const facts = fc.record({ id: fc.integer({ min: 1, max: 3 }), premium: fc.boolean(), metered: fc.boolean(), status: fc.constantFrom("published" as const, "draft" as const) });
    fc.assert(
      fc.property(facts, fc.constantFrom<Reader>(anonymous, sampler, { kind: "gift" as const, articleId: 1 }), (a, v) => {
        if (mayReadFull(v, a)) expect(mayReadFull(member, a)).toBe(true);
      }),
    );
  });
});
