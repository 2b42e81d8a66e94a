// Integration: several newsletters. An issue goes to its own newsletter's confirmed
// subscribers only; a reader who left one still gets the others; its mail names the
// newsletter and leaves only it (List-Unsubscribe), with "all newsletters" in the footer.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { users } from "@/lib/db/schema";
import { issueSignIn } from "@/lib/auth/sign-in-tokens";
import { useTestDatabase } from "@/test/db";
import { article, deliveryCounts, issue, sendToCompletion, subscriber, subscriptionOf, useSmtpRecorder } from "@/test/newsletter";
import { createNewsletter, setArchived } from "../newsletters";
import { subscribe, unsubscribe } from "../subscriptions";
import { targetFromToken } from "../unsubscribe-token";

const smtp = useSmtpRecorder();
useTestDatabase();

const make = (name: string, offeredByDefault = false) => createNewsletter({ name, description: "", senderName: `${name} desk`, offeredByDefault });

describe("issues of several newsletters", () => {
  it("reach each newsletter's confirmed subscribers only; leaving one keeps the others", async () => {
    const sport = await make("Sport");
    const both = await subscriber("both@lists.example");
    expect(await subscribe(both, sport)).toBe("active");
    const firstOnly = await subscriber("first@lists.example");
    const sportOnly = await subscriber("sport@lists.example", "none");
    expect(await subscribe(sportOnly, sport)).toBe("active");
    const waiting = await subscriber("waiting@lists.example", "pending", sport);
    // Left Sport, kept the first newsletter.
    const leaver = await subscriber("leaver@lists.example");
    expect(await subscribe(leaver, sport)).toBe("active");
    await unsubscribe(leaver, sport);

    const piece = await article("per-newsletter", false);
    const sportIssue = await issue("Sport issue", [piece], "Hi.", { newsletterId: sport });
    await sendToCompletion(sportIssue);
    const firstIssue = await issue("First issue", [piece]);
    await sendToCompletion(firstIssue);

    const to = (subject: string) => smtp.accepted.filter((m) => m.mail.subject === subject).map((m) => m.to).sort();
    expect(to("Sport issue")).toEqual(["both@lists.example", "sport@lists.example"]);
    expect(to("First issue")).toEqual(["both@lists.example", "first@lists.example", "leaver@lists.example"]);
    expect(smtp.count("waiting@lists.example")).toBe(0);
    expect(await deliveryCounts(sportIssue)).toEqual({ sent: 2 });
    expect((await subscriptionOf(waiting, sport)).status).toBe("pending");
    expect(firstOnly && sportOnly).toBeTruthy();

    // The Sport copy: its sender name, List-Id, and List-Unsubscribe that leaves Sport only.
    const copy = smtp.accepted.find((m) => m.mail.subject === "Sport issue" && m.to === "both@lists.example")!;
    const raw = copy.raw.toString("utf8");
    expect(raw).toMatch(/^From: "Sport desk" </m);
    expect(raw).toMatch(new RegExp(`^List-Id: .*<newsletter-${sport}\\.localhost>`, "m"));
    const header = /^List-Unsubscribe: <([^>]+)>/m.exec(raw)![1];
    const token = new URL(header).searchParams.get("token");
    expect(targetFromToken(token)).toEqual({ userId: both, scope: sport });
    expect(copy.mail.text).toContain("Unsubscribe from all newsletters");
  });

  it("never goes to someone who joined a newsletter and never confirmed, and an archived newsletter takes nobody from the gate", async () => {
    const morning = await make("Morning", true);
    const closed = await make("Closed", true);
    await setArchived(closed, true);
    await issueSignIn({
      email: "joiner@lists.example",
      asTyped: "joiner@lists.example",
      callbackUrl: "/",
      article: null,
      newsletterConsent: true,
      newsletterIds: [closed, 987_654],
      joining: true,
    });
    const [joiner] = await db.select().from(users).where((await import("drizzle-orm")).eq(users.email, "joiner@lists.example"));
    // Offered by default: the first newsletter and Morning; the archived one and an unknown id: nothing.
    expect((await subscriptionOf(joiner.id, 1)).status).toBe("pending");
    expect((await subscriptionOf(joiner.id, morning)).status).toBe("pending");
    expect(await subscriptionOf(joiner.id, closed)).toBeUndefined();

    const morningIssue = await issue("Morning issue", [await article("morning", false)], "Hi.", { newsletterId: morning });
    const { startSending } = await import("./start");
    expect(await startSending(morningIssue)).toEqual({ ok: false, message: "This newsletter has no subscribers yet (1 person is waiting for confirmation), so nobody would get this issue." });
    expect(smtp.count("joiner@lists.example")).toBe(0);
  });
});
