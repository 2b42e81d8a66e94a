// Integration: the one-query session lookup that picks a signed-in reader's render.
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { useTestDatabase } from "@/test/db";
import { db } from "@/lib/db/client";
import { sessions, users } from "@/lib/db/schema";
import { sessionHash } from "./adapter";
import { startSession } from "./sessions";
import { viewerForSessionCookie } from "./session-viewer";

useTestDatabase();

const signIn = (email: string) => db.transaction((tx) => startSession(tx, email, "code"));

describe("viewerForSessionCookie", () => {
  it("finds a member, and an editor, by the cookie value", async () => {
    const member = await signIn("viewer@example.com");
    expect(await viewerForSessionCookie(member.token)).toEqual({ kind: "member", userId: member.userId, email: "viewer@example.com" });

    const editor = await signIn("chief@example.com");
    await db.update(users).set({ role: "editor" }).where(eq(users.id, editor.userId));
    expect(await viewerForSessionCookie(editor.token)).toMatchObject({ kind: "editor", email: "chief@example.com" });
  });

  it("says anonymous for an unknown, expired or ended session, or a deleted account", async () => {
    expect(await viewerForSessionCookie("no-such-session")).toEqual({ kind: "anonymous" });

    const expired = await signIn("expired@example.com");
    await db.update(sessions).set({ expires: new Date(Date.now() - 1000) }).where(eq(sessions.sessionToken, sessionHash(expired.token)));
    expect(await viewerForSessionCookie(expired.token)).toEqual({ kind: "anonymous" });

    const ended = await signIn("ended@example.com");
    await db.delete(sessions).where(eq(sessions.sessionToken, sessionHash(ended.token)));
    expect(await viewerForSessionCookie(ended.token)).toEqual({ kind: "anonymous" });

    const deleted = await signIn("deleted@example.com");
    await db.delete(users).where(eq(users.id, deleted.userId));
    expect(await viewerForSessionCookie(deleted.token)).toEqual({ kind: "anonymous" });
  });

  it("never takes the stored hash itself for a cookie", async () => {
    const s = await signIn("hash@example.com");
    expect(await viewerForSessionCookie(sessionHash(s.token))).toEqual({ kind: "anonymous" });
  });
});
