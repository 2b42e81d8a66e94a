// Integration: every newsletter opt-in and its confirmation leave proof (time, network,
// user agent, the exact sentence, the source); the member's own export and the members
// CSV carry it; a withdrawal is recorded too.
import { describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { useTestDatabase } from "@/test/db";
import { db } from "@/lib/db/client";
import { rowsOf } from "@/lib/db/rows";
import { users } from "@/lib/db/schema";
import { openMailJob } from "@/lib/mail/outbox";
import { requestSignIn } from "@/lib/auth/request-sign-in";
import { redeemLink } from "@/lib/auth/sign-in-tokens";
import { exportAccount } from "@/lib/account/export";
import { memberCsvRecord, MEMBER_CSV_HEADER } from "@/lib/desk/member-export";
import { memberBatch } from "@/lib/desk/members";
import { consentHistory } from "./consent";
import { unsubscribe } from "./subscriptions";

useTestDatabase();

describe("proof of consent", () => {
  it("records the gate's opt-in and its confirmation, and shows them in the export and the CSV", async () => {
    const ua = "Mozilla/5.0 (X11; Linux x86_64) Test/1.0";
    await db.execute(sql`insert into article (slug, title, premium) values ('consented', 'Consented', true)`);
    const r = await requestSignIn({
      email: "Reader@Example.com", newsletter: true, articleSlug: "consented", callbackUrl: "/", honeypot: "",
      ip: "203.0.113.77", joining: true, consent: { network: "203.0.113.0/24", userAgent: ua },
    });
    expect(r.ok).toBe(true);
    const [user] = await db.select().from(users).where(eq(users.email, "reader@example.com"));
    const [job] = rowsOf<{ data: unknown }>(await db.execute(sql`select data from pgboss.job where name = 'mail' order by created_on desc limit 1`));
    const token = new URL(/https?:\/\/\S+\/signin\/verify\?\S+/.exec(openMailJob(job.data).text)![0]).searchParams.get("token")!;
    expect((await redeemLink(token, { network: "2001:db8:5::/48", userAgent: "Phone/2" })).ok).toBe(true);

    const history = await consentHistory(user.id);
    expect(history.map((h) => [h.action, h.source, h.network, h.userAgent])).toEqual([
      ["opt-in", "gate", "203.0.113.0/24", ua],
      ["confirmed", "emailed link", "2001:db8:5::/48", "Phone/2"],
    ]);
    expect(history[0].sentence).toMatch(/^Send me The Daily Lede’s newsletter “.+” too \(unsubscribe at any time\)$/);
    // Only the network is kept, never the address itself.
    const everything = JSON.stringify(rowsOf(await db.execute(sql`select * from consent_record`)));
    expect(everything).not.toContain("203.0.113.77");

    const exported = await exportAccount(user.id);
    expect(exported?.consent.map((c) => c.action)).toEqual(["opt-in", "confirmed"]);
    expect(exported?.consent[0].sentence).toContain("too (unsubscribe at any time)");

    const [row] = await memberBatch("reader@", "confirmed", null, 10);
    const record = Object.fromEntries(MEMBER_CSV_HEADER.map((h, i) => [h, memberCsvRecord(row, "http://x")[i]]));
    expect(record).toMatchObject({ consent_source: "gate", consent_network: "203.0.113.0/24", consent_user_agent: ua, consent_sentence: history[0].sentence });
    expect(record.consent_confirmed_at).toBeInstanceOf(Date);

    await unsubscribe(user.id, null, "unsubscribe link");
    expect((await consentHistory(user.id)).at(-1)).toMatchObject({ action: "withdrawn", source: "unsubscribe link" });
  });
});
