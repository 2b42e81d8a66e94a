// Ghost, Substack and Mailchimp exports, generated here from the columns each service
// documents for its export: recognised by their header rows, statuses mapped, and nobody
// the source had unsubscribed, cleaned or seen complain is ever a subscriber here.
import { sql } from "drizzle-orm";
import { stringify } from "csv-stringify/sync";
import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/test/db";
import { subscriber } from "@/test/newsletter";
import { planImport } from "./import-plan";

const GHOST = ["id", "email", "name", "note", "subscribed_to_emails", "complimentary_plan", "stripe_customer_id", "created_at", "deleted_at", "labels", "tiers"];
const SUBSTACK = ["email", "active_subscription", "expiry", "plan", "email_disabled", "title", "comp", "stripe_connected_customer_id", "created_at"];
const MAILCHIMP_BASE = ["Email Address", "First Name", "Last Name", "MEMBER_RATING", "OPTIN_TIME", "OPTIN_IP", "CONFIRM_TIME", "CONFIRM_IP", "LATITUDE", "LONGITUDE", "GMTOFF", "DSTOFF", "TIMEZONE", "CC", "REGION", "LAST_CHANGED", "LEID", "EUID", "NOTES", "TAGS"];
const MAILCHIMP_UNSUB = [...MAILCHIMP_BASE, "UNSUB_TIME", "UNSUB_CAMPAIGN_TITLE", "UNSUB_CAMPAIGN_ID", "UNSUB_REASON", "UNSUB_REASON_OTHER"];
const MAILCHIMP_CLEANED = [...MAILCHIMP_BASE, "CLEAN_TIME", "CLEAN_CAMPAIGN_TITLE", "CLEAN_CAMPAIGN_ID"];

const csv = (header: string[], rows: Record<string, string>[]) => stringify([header, ...rows.map((r) => header.map((h) => r[h] ?? ""))]);

const ghost = csv(GHOST, [
  { id: "1", email: "g.sub@example.com", name: "Gail", subscribed_to_emails: "true", created_at: "2024-01-02T00:00:00.000Z" },
  { id: "2", email: "g.unsub@example.com", name: "Gus", subscribed_to_emails: "false" },
]);
const substack = csv(SUBSTACK, [
  { email: "s.sub@example.com", active_subscription: "false", plan: "free", email_disabled: "false", created_at: "2023-05-01" },
  { email: "s.disabled@example.com", active_subscription: "false", plan: "free", email_disabled: "true" },
]);
// Mailchimp's audience export is a zip of subscribed, unsubscribed and cleaned files; an
// editor uploads each (here concatenated by status into one file per kind).
const mcSubscribed = csv(MAILCHIMP_BASE, [{ "Email Address": "m.sub@example.com", "First Name": "Mia", "Last Name": "Chimp", MEMBER_RATING: "2", OPTIN_TIME: "2022-03-04 10:00:00", OPTIN_IP: "198.51.100.7", CONFIRM_TIME: "2022-03-04 10:05:00", LEID: "1", EUID: "a" }]);
const mcUnsubscribed = csv(MAILCHIMP_UNSUB, [
  { "Email Address": "m.unsub@example.com", UNSUB_TIME: "2023-01-01 00:00:00", UNSUB_REASON: "NORMAL", LEID: "2" },
  { "Email Address": "m.abuse@example.com", UNSUB_TIME: "2023-01-02 00:00:00", UNSUB_REASON: "ABUSE: Spam complaint", LEID: "3" },
]);
const mcCleaned = csv(MAILCHIMP_CLEANED, [{ "Email Address": "m.cleaned@example.com", CLEAN_TIME: "2023-02-02 00:00:00", LEID: "4" }]);

describe("recognising other services' exports", () => {
  it("reads each by its header row and maps its statuses", () => {
    const g = planImport(ghost);
    expect(g.format?.name).toBe("Ghost members export");
    expect(g.rows.map((r) => [r.email, r.status, r.name])).toEqual([["g.sub@example.com", "subscribed", "Gail"], ["g.unsub@example.com", "unsubscribed", "Gus"]]);
    const s = planImport(substack);
    expect(s.format?.name).toBe("Substack subscribers export");
    expect(s.rows.map((r) => [r.email, r.status])).toEqual([["s.sub@example.com", "subscribed"], ["s.disabled@example.com", "cleaned"]]);
    const m = planImport(mcSubscribed);
    expect(m.format?.name).toBe("Mailchimp audience export");
    expect(m.rows[0]).toMatchObject({ email: "m.sub@example.com", name: "Mia Chimp", status: "subscribed", newsletter: true });
    expect(m.rows[0].optIn).toContain("OPTIN_IP 198.51.100.7");
    expect(planImport(mcUnsubscribed).rows.map((r) => r.status)).toEqual(["unsubscribed", "complained"]);
    expect(planImport(mcCleaned).rows.map((r) => r.status)).toEqual(["cleaned"]);
    // Lede's own simple format is not mistaken for one of them.
    expect(planImport("email,name,newsletter\na@example.com,A,yes").format).toBeNull();
  });
});

useTestDatabase();

describe("applying them", () => {
  it("mails only the subscribed: unsubscribed, cleaned and complained addresses are never subscribers, existing ones included", async () => {
    const { db } = await import("@/lib/db/client");
    const { rowsOf } = await import("@/lib/db/rows");
    const { storeImport, applyImport, dryRunImport } = await import("./member-import");
    const editor = { kind: "editor" as const, userId: await subscriber("editor@example.com", "none"), email: "editor@example.com" };
    // Already a subscriber here, but Mailchimp cleaned the address: it must stop.
    await subscriber("m.cleaned@example.com", "active");
    for (const [name, file] of [["ghost.csv", ghost], ["substack.csv", substack], ["subscribed.csv", mcSubscribed], ["unsubscribed.csv", mcUnsubscribed], ["cleaned.csv", mcCleaned]] as const) {
      const id = await storeImport(editor, name, file);
      const dry = await dryRunImport(id);
      expect(dry?.format).not.toBeNull();
      expect(await applyImport(id, editor)).toMatchObject({ ok: true });
    }
    const active = rowsOf<{ email: string }>(await db.execute(sql`SELECT u.email FROM subscription s JOIN "user" u ON u.id = s.user_id WHERE s.status = 'active' ORDER BY u.email`)).map((r) => r.email);
    expect(active).toEqual(["g.sub@example.com", "m.sub@example.com", "s.sub@example.com"]);
    const suppressed = rowsOf<{ email: string; reason: string }>(await db.execute(sql`SELECT email, reason FROM suppression ORDER BY email`));
    expect(suppressed).toEqual([
      { email: "m.abuse@example.com", reason: "complaint" },
      { email: "m.cleaned@example.com", reason: "import" },
      { email: "s.disabled@example.com", reason: "import" },
    ]);
    const [proof] = rowsOf<{ attestation: string }>(await db.execute(sql`SELECT c.attestation FROM consent_record c JOIN "user" u ON u.id = c.user_id WHERE u.email = 'm.sub@example.com'`));
    expect(proof.attestation).toContain("editor@example.com imported this address from Mailchimp audience export (subscribed.csv)");
    expect(proof.attestation).toContain("OPTIN_TIME 2022-03-04 10:00:00");
  });
});
