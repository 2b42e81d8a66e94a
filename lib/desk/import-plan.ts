// Reading a members CSV from another platform: which rows are usable, which are not and why.
import { checkEmail } from "@/lib/auth/email-address";
import { parseCsv } from "./csv";

/**
 * What the source said of the address: subscribed (mailed from now on), unsubscribed (never
 * mailed), cleaned (bounced there: suppressed), complained (reported spam there: suppressed
 * and unsubscribed), or none (a member without newsletter consent).
 */
export type SourceStatus = "subscribed" | "unsubscribed" | "cleaned" | "complained" | "none";

export type ImportRow = {
  line: number;
  email: string;
  name: string | null;
  newsletter: boolean;
  status: SourceStatus;
  /** What the source kept of the opt-in (Mailchimp's OPTIN_TIME, OPTIN_IP, CONFIRM_TIME…), for the proof. */
  optIn?: string;
};
export type InvalidRow = { line: number; reason: string };
/** A recognised export of another service: its name and how its columns were read. */
export type ImportFormat = { name: string; mapping: string[] };
export type ImportPlan = { rows: ImportRow[]; invalid: InvalidRow[]; hasHeader: boolean; format: ImportFormat | null };

export const MAX_IMPORT_ROWS = 200_000;

const YES = new Set(["yes", "y", "true", "1", "on", "subscribed", "opted in", "opt-in", "x"]);
const NO = new Set(["", "no", "n", "false", "0", "off", "unsubscribed", "opted out", "opt-out"]);

type Columns = { email: number; name: number; newsletter: number };

function headerColumns(fields: string[]): Columns | null {
  const names = fields.map((f) => f.trim().toLowerCase().replace(/[\s_-]+/g, " "));
  const email = names.findIndex((n) => /^e ?mail( address)?$/.test(n));
  if (email < 0) return null;
  return {
    email,
    name: names.findIndex((n) => /^(full )?name$/.test(n)),
    newsletter: names.findIndex((n) => /newsletter|consent|subscribed|opt ?in|marketing/.test(n)),
  };
}

type Source = {
  format: ImportFormat;
  email: number;
  name: (fields: string[]) => string;
  status: (fields: string[]) => SourceStatus | null;
  optIn: (fields: string[]) => string | undefined;
};

const truthy = (v: string | undefined) => ["true", "yes", "1", "y"].includes((v ?? "").trim().toLowerCase());
const falsy = (v: string | undefined) => ["false", "no", "0", "n", ""].includes((v ?? "").trim().toLowerCase());

/**
 * Ghost's members export, Substack's subscribers export and Mailchimp's audience export,
 * told apart by their header rows (the columns each service documents for its export).
 */
function knownSource(header: string[]): Source | null {
  const col = (name: string) => header.findIndex((h) => h.trim().toLowerCase() === name.toLowerCase());
  const at = (fields: string[], i: number) => (i >= 0 ? (fields[i] ?? "").trim() : "");
  // Ghost: id,email,name,note,subscribed_to_emails,complimentary_plan,stripe_customer_id,created_at,deleted_at,labels,tiers
  if (col("email") >= 0 && col("subscribed_to_emails") >= 0) {
    const sub = col("subscribed_to_emails");
    const disabled = col("email_disabled");
    return {
      format: { name: "Ghost members export", mapping: ["email → address", "name → name", "subscribed_to_emails true → subscribed, false → unsubscribed", ...(disabled >= 0 ? ["email_disabled true → cleaned"] : [])] },
      email: col("email"),
      name: (f) => at(f, col("name")),
      status: (f) => (disabled >= 0 && truthy(at(f, disabled)) ? "cleaned" : truthy(at(f, sub)) ? "subscribed" : falsy(at(f, sub)) ? "unsubscribed" : null),
      optIn: (f) => (col("created_at") >= 0 && at(f, col("created_at")) ? `member since ${at(f, col("created_at"))}` : undefined),
    };
  }
  // Substack: email,active_subscription,expiry,plan,email_disabled,created_at,…
  if (col("email") >= 0 && col("active_subscription") >= 0) {
    const disabled = col("email_disabled");
    return {
      format: { name: "Substack subscribers export", mapping: ["email → address", "every row → subscribed", "email_disabled true → cleaned (Substack stopped mailing it)"] },
      email: col("email"),
      name: (f) => at(f, col("name")),
      status: (f) => (disabled >= 0 && truthy(at(f, disabled)) ? "cleaned" : "subscribed"),
      optIn: (f) => (col("created_at") >= 0 && at(f, col("created_at")) ? `subscribed since ${at(f, col("created_at"))}` : undefined),
    };
  }
  // Mailchimp: "Email Address","First Name","Last Name",MEMBER_RATING,OPTIN_TIME,OPTIN_IP,CONFIRM_TIME,CONFIRM_IP,…,LEID,EUID
  // (+ UNSUB_TIME,UNSUB_CAMPAIGN_TITLE,UNSUB_CAMPAIGN_ID,UNSUB_REASON,UNSUB_REASON_OTHER in unsubscribed.csv;
  //  + CLEAN_TIME,CLEAN_CAMPAIGN_TITLE,CLEAN_CAMPAIGN_ID in cleaned.csv).
  if (col("email address") >= 0 && ["member_rating", "optin_time", "leid", "euid"].some((c) => col(c) >= 0)) {
    const status = col("status");
    const unsub = col("unsub_time");
    const reason = col("unsub_reason");
    const clean = col("clean_time");
    return {
      format: {
        name: "Mailchimp audience export",
        mapping: [
          "Email Address → address",
          "First Name + Last Name → name",
          "CLEAN_TIME set → cleaned",
          "UNSUB_TIME set → unsubscribed (complained when UNSUB_REASON names abuse or spam)",
          "otherwise → subscribed",
          "OPTIN_TIME, OPTIN_IP, CONFIRM_TIME, CONFIRM_IP → kept as proof of consent",
        ],
      },
      email: col("email address"),
      name: (f) => [at(f, col("first name")), at(f, col("last name"))].filter(Boolean).join(" "),
      status: (f) => {
        const given = at(f, status).toLowerCase();
        if (given === "cleaned") return "cleaned";
        if (given === "pending" || given === "transactional" || given === "nonsubscribed") return "none";
        if (at(f, clean)) return "cleaned";
        if (given === "unsubscribed" || at(f, unsub)) return /abuse|spam|complain/i.test(at(f, reason)) ? "complained" : "unsubscribed";
        return "subscribed";
      },
      optIn: (f) =>
        ["OPTIN_TIME", "OPTIN_IP", "CONFIRM_TIME", "CONFIRM_IP"]
          .map((c) => [c, at(f, col(c))])
          .filter(([, v]) => v)
          .map(([c, v]) => `${c} ${v}`)
          .join(", ") || undefined,
    };
  }
  return null;
}

/**
 * Rows are `email[,name[,newsletter consent]]`, or any columns under a header row that
 * names an "email" column (and optionally "name" and "newsletter"/"consent"). Every
 * row that cannot be imported is reported with its line number and the reason.
 */
export function planImport(csv: string, blockedDomains: string[] = []): ImportPlan & { error: string | null } {
  const parsed = parseCsv(csv);
  const plan: ImportPlan = { rows: [], invalid: [], hasHeader: false, format: null };
  if (parsed.error) return { ...plan, error: `Line ${parsed.error.line} ${parsed.error.message}.` };
  const records = parsed.records;
  if (records.length === 0) return { ...plan, error: "The file has no rows." };
  const source = knownSource(records[0].fields);
  plan.format = source?.format ?? null;
  const header = source ? { email: source.email, name: -1, newsletter: -1 } : headerColumns(records[0].fields);
  const cols = header ?? { email: 0, name: 1, newsletter: 2 };
  const body = header ? records.slice(1) : records;
  if (body.length > MAX_IMPORT_ROWS) {
    return { ...plan, error: `The file has ${body.length} rows; import at most ${MAX_IMPORT_ROWS} at a time.` };
  }
  plan.hasHeader = header !== null;
  const seen = new Map<string, number>();
  for (const { line, fields } of body) {
    const raw = (fields[cols.email] ?? "").trim();
    const email = checkEmail(raw, blockedDomains);
    if (!email.ok) {
      const reason = raw === "" ? "has no email address" : email.reason === "blocked"
        ? `“${raw}” is on a disposable or blocked domain` : `“${raw}” is not a valid email address`;
      plan.invalid.push({ line, reason });
      continue;
    }
    const earlier = seen.get(email.email);
    if (earlier !== undefined) {
      plan.invalid.push({ line, reason: `${email.email} is already on line ${earlier}` });
      continue;
    }
    const name = source ? source.name(fields) : cols.name >= 0 ? (fields[cols.name] ?? "").trim() : "";
    if (name.length > 200) {
      plan.invalid.push({ line, reason: "the name is longer than 200 characters" });
      continue;
    }
    if (source) {
      const status = source.status(fields);
      if (!status) {
        plan.invalid.push({ line, reason: `the subscription status cannot be read (${source.format.name})` });
        continue;
      }
      seen.set(email.email, line);
      plan.rows.push({ line, email: email.email, name: name || null, newsletter: status === "subscribed", status, optIn: source.optIn(fields) });
      continue;
    }
    const consent = cols.newsletter >= 0 ? (fields[cols.newsletter] ?? "").trim().toLowerCase() : "";
    if (!YES.has(consent) && !NO.has(consent)) {
      plan.invalid.push({ line, reason: `newsletter consent “${consent}” is not yes or no` });
      continue;
    }
    seen.set(email.email, line);
    const yes = YES.has(consent);
    plan.rows.push({ line, email: email.email, name: name || null, newsletter: yes, status: yes ? "subscribed" : consent === "unsubscribed" || consent === "opted out" || consent === "opt-out" ? "unsubscribed" : "none" });
  }
  return { ...plan, error: null };
}
