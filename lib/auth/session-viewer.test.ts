// Integration: the one-query session lookup that picks a signed-in reader's render,
// rolling sessions, and a database that stalls.
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { stallTable, useTestDatabase, usingPostgres } from "@/test/db";
import { db } from "@/lib/db/client";
import { sessions, users } from "@/lib/db/schema";
import { renderForSession } from "@/lib/render/session-render";
import { sessionHash, startSession } from "./sessions";
import { viewerForSessionCookie } from "./session-viewer";

const database = useTestDatabase();

const DAY = 24 * 60 * 60 * 1000;

describe("viewerForSessionCookie", () => {
  it("finds a member, and an editor, by the cookie value, with the address as typed", async () => {
    const member = await startSession("viewer@example.com", "code", "Viewer@Example.com");
    expect((await viewerForSessionCookie(member.token)).viewer).toEqual({
      kind: "member",
      userId: member.userId,
      email: "Viewer@Example.com",
    });

    const editor = await startSession("chief@example.com", "code");
    await db.update(users).set({ role: "editor" }).where(eq(users.id, editor.userId));
    expect((await viewerForSessionCookie(editor.token)).viewer).toMatchObject({ kind: "editor", email: "chief@example.com" });
  });

  it("says anonymous for an unknown, expired or ended session, or a deleted account", async () => {
    expect((await viewerForSessionCookie("no-such-session")).viewer).toEqual({ kind: "anonymous" });

    const expired = await startSession("expired@example.com", "code");
    await db.update(sessions).set({ expires: new Date(Date.now() - 1000) }).where(eq(sessions.sessionToken, sessionHash(expired.token)));
    expect((await viewerForSessionCookie(expired.token)).viewer).toEqual({ kind: "anonymous" });

    const ended = await startSession("ended@example.com", "code");
    await db.delete(sessions).where(eq(sessions.sessionToken, sessionHash(ended.token)));
    expect((await viewerForSessionCookie(ended.token)).viewer).toEqual({ kind: "anonymous" });

    const deleted = await startSession("deleted@example.com", "code");
    await db.delete(users).where(eq(users.id, deleted.userId));
    expect((await viewerForSessionCookie(deleted.token)).viewer).toEqual({ kind: "anonymous" });
  });

  it("never takes the stored hash itself for a cookie", async () => {
    const s = await startSession("hash@example.com", "code");
    expect((await viewerForSessionCookie(sessionHash(s.token))).viewer).toEqual({ kind: "anonymous" });
  });
});

describe("rolling sessions", () => {
  it("extend a session in use, at most once a day, with a fresh cookie", async () => {
    const s = await startSession("rolling@example.com", "code");
    // Just signed in: nothing to extend.
    expect((await renderForSession(s.token)).renewedCookie).toBeUndefined();
    // Twenty days on, the session is extended to a full 30 days again, cookie too.
    await db.update(sessions).set({ expires: new Date(Date.now() + 10 * DAY) }).where(eq(sessions.sessionToken, sessionHash(s.token)));
    const choice = await renderForSession(s.token);
    expect(choice.render).toBe("member");
    const cookieExpiry = new Date(/Expires=([^;]+)/.exec(choice.renewedCookie ?? "")![1]);
    expect(cookieExpiry.getTime()).toBeGreaterThan(Date.now() + 29 * DAY);
    expect(choice.renewedCookie).toMatch(/HttpOnly; SameSite=Lax/);
    const [row] = await db.select().from(sessions).where(eq(sessions.sessionToken, sessionHash(s.token)));
    expect(row.expires.getTime()).toBeGreaterThan(Date.now() + 29 * DAY);
    expect((await renderForSession(s.token)).renewedCookie).toBeUndefined();
  });

  it("never bring an expired session back", async () => {
    const s = await startSession("gone@example.com", "code");
    await db.update(sessions).set({ expires: new Date(Date.now() - 1000) }).where(eq(sessions.sessionToken, sessionHash(s.token)));
    expect(await renderForSession(s.token)).toEqual({ render: "anonymous" });
  });
});

describe.skipIf(!usingPostgres)("a stalled database", () => {
  it("does not hold a member's page: the lookup gives up within about a second and the lede is served", async () => {
    const s = await startSession("stalled@example.com", "code");
    const stalled = await stallTable(database.url()!, "session", 4);
    try {
      const started = Date.now();
      const choice = await renderForSession(s.token).catch(() => ({ render: "anonymous" as const, failed: true }));
      expect(choice.render).toBe("anonymous");
      expect(Date.now() - started).toBeLessThan(2500);
    } finally {
      await stalled.released;
    }
    expect((await renderForSession(s.token)).render).toBe("member");
  });
});
