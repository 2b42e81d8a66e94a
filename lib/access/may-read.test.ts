import { describe, expect, it } from "vitest";
import { mayList, mayReadFull } from "./may-read";
import type { Viewer } from "./viewer";

const anonymous: Viewer = { kind: "anonymous" };
const member: Viewer = { kind: "member", userId: "u1", email: "m@example.com" };
const editor: Viewer = { kind: "editor", userId: "u2", email: "e@example.com" };

describe("mayReadFull", () => {
  it("lets everyone read free published articles", () => {
    for (const v of [anonymous, member, editor]) expect(mayReadFull(v, { premium: false, status: "published" })).toBe(true);
  });

  it("keeps premium articles for signed-in accounts", () => {
    expect(mayReadFull(anonymous, { premium: true, status: "published" })).toBe(false);
    expect(mayReadFull(member, { premium: true, status: "published" })).toBe(true);
    expect(mayReadFull(editor, { premium: true, status: "published" })).toBe(true);
  });

  it("shows drafts to editors only", () => {
    for (const premium of [true, false]) {
      expect(mayReadFull(anonymous, { premium, status: "draft" })).toBe(false);
      expect(mayReadFull(member, { premium, status: "draft" })).toBe(false);
      expect(mayReadFull(editor, { premium, status: "draft" })).toBe(true);
      expect(mayList(member, { premium, status: "draft" })).toBe(false);
      expect(mayList(editor, { premium, status: "draft" })).toBe(true);
    }
  });
});
