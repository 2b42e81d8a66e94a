// Integration: one way to queue mail. The outbox's enqueue and the sign-in statement write
// the job with the same statement (queueMailStatement): in the caller's transaction, with
// the mail queue's retry policy, or not at all.
import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { useTestDatabase } from "@/test/db";
import { db } from "@/lib/db/client";
import { rowsOf } from "@/lib/db/rows";
import { issueSignIn } from "@/lib/auth/sign-in-tokens";
import { mailOutbox, openMailJob } from "./outbox";

useTestDatabase();

type Job = { data: unknown; retry_limit: number; retry_delay: number; retry_backoff: boolean; expire_in: string; policy: string | null };
const jobs = async () =>
  rowsOf<Job>(await db.execute(sql`select data, retry_limit, retry_delay, retry_backoff, expire_in::text, policy from pgboss.job where name = 'mail' order by created_on`));

describe("the mail outbox", () => {
  it("queues a message with its transaction, and nothing when the transaction rolls back", async () => {
    const outbox = await mailOutbox();
    const message = { to: "reader@example.com", subject: "Hello", text: "Hi", html: "<p>Hi</p>" };
    await db.transaction(async (tx) => outbox.enqueue(tx, message));
    await expect(
      db.transaction(async (tx) => {
        await outbox.enqueue(tx, { ...message, subject: "Never" });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    const queued = await jobs();
    expect(queued.map((j) => openMailJob(j.data).subject)).toEqual(["Hello"]);
  });

  it("gives a sign-in mail and a message the same queue policy: one statement writes both", async () => {
    await issueSignIn({ email: "policy@example.com", asTyped: "policy@example.com", callbackUrl: "/", article: null, newsletterConsent: false, joining: false });
    const [message, signIn] = await jobs();
    const policy = ({ retry_limit, retry_delay, retry_backoff, expire_in, policy }: Job) => ({ retry_limit, retry_delay, retry_backoff, expire_in, policy });
    expect(policy(signIn)).toEqual(policy(message));
    expect(signIn.retry_limit).toBeGreaterThan(2);
    expect(openMailJob(signIn.data).to).toBe("policy@example.com");
  });
});
