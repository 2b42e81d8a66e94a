// Integration: who an issue goes to is who the desk says it goes to. Members imported with
// newsletter consent are subscribers (the publisher vouches for it) and get the issue
// though they never signed in; consent waiting for confirmation gets nothing.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { users } from "@/lib/db/schema";
import { applyImport, dryRunImport, storeImport } from "@/lib/desk/member-import";
import { issueProgress } from "../progress";
import { subscriberCounts } from "../subscriptions";
import { sendBlocker } from "./readiness";
import { useTestDatabase } from "@/test/db";
import { article, deliveryCounts, issue, sendToCompletion, subscriber, useSmtpRecorder } from "@/test/newsletter";

const smtp = useSmtpRecorder();
useTestDatabase();

describe("the subscribers an issue goes to", () => {
  it("is every member imported with newsletter=yes, exactly once each, and nobody waiting for confirmation", async () => {
    const [ed] = await db.insert(users).values({ email: "ed@example.com", role: "editor" }).returning({ id: users.id });
    const editor = { kind: "editor" as const, userId: ed.id, email: "ed@example.com" };
    for (let i = 1; i <= 3; i++) await subscriber(`waiting${i}@gate.example`, "pending");
    const first = await issue("Before the import", [await article("before-import", false)]);
    expect(sendBlocker({ status: "draft", hasContent: true, counts: await subscriberCounts(1) })).toBe(
      "This newsletter has no subscribers yet (3 people are waiting for confirmation), so nobody would get this issue.",
    );

    const N = 60;
    const yes = Array.from({ length: N }, (_, i) => `imported${i + 1}@old-platform.example`);
    const no = ["declined1@old-platform.example", "declined2@old-platform.example"];
    const csv = ["email,name,newsletter", ...yes.map((e) => `${e},,yes`), ...no.map((e) => `${e},,no`)].join("\n");
    const importId = await storeImport(editor, "members.csv", csv);
    const dry = (await dryRunImport(importId))!;
    expect(dry.newRows.filter((r) => r.newsletter)).toHaveLength(N);
    expect(await applyImport(importId)).toMatchObject({ ok: true, created: N + 2 });
    // None of them ever signed in, and they are subscribers all the same.
    expect(await subscriberCounts(1)).toEqual({ subscribers: N, waiting: 3 });
    expect(sendBlocker({ status: "draft", hasContent: true, counts: await subscriberCounts(1) })).toBeNull();

    await sendToCompletion(first);
    expect(smtp.duplicates()).toEqual([]);
    expect(smtp.accepted.map((m) => m.to).sort()).toEqual([...yes].sort());
    for (const e of [...no, "waiting1@gate.example"]) expect(smtp.count(e)).toBe(0);
    expect(await deliveryCounts(first)).toEqual({ sent: N });
    expect(await issueProgress(first)).toMatchObject({ status: "sent", recipients: N, sent: N });
  });

  it("says why an issue cannot be sent, and the send action answers the same", async () => {
    const { startSending } = await import("./start");
    const counts = await subscriberCounts(1);
    const empty = await issue("Nothing in it", [], "   ");
    const nothing = "There is nothing to send yet: write an intro or pick a published article, then save the draft.";
    expect(sendBlocker({ status: "draft", hasContent: false, counts })).toBe(nothing);
    expect(await startSending(empty)).toEqual({ ok: false, message: nothing });
    const done = await issue("Sent already", [await article("sent-already", false)]);
    await sendToCompletion(done);
    expect(await startSending(done)).toEqual({ ok: false, message: "This issue has already been sent." });
    expect(sendBlocker({ status: "sending", hasContent: true, counts })).toBe("This issue is being sent now.");
  });
});
