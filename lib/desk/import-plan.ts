// Reading a members CSV from another platform: which rows are usable, which are not and why.
import { checkEmail } from "@/lib/auth/email-address";
import { parseCsv } from "./csv";

export type ImportRow = { line: number; email: string; name: string | null; newsletter: boolean };
export type InvalidRow = { line: number; reason: string };
export type ImportPlan = { rows: ImportRow[]; invalid: InvalidRow[]; hasHeader: boolean };

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

/**
 * Rows are `email[,name[,newsletter consent]]`, or any columns under a header row that
 * names an "email" column (and optionally "name" and "newsletter"/"consent"). Every
 * row that cannot be imported is reported with its line number and the reason.
 */
export function planImport(csv: string, blockedDomains: string[] = []): ImportPlan & { error: string | null } {
  const parsed = parseCsv(csv);
  const plan: ImportPlan = { rows: [], invalid: [], hasHeader: false };
  if (parsed.error) return { ...plan, error: `Line ${parsed.error.line} ${parsed.error.message}.` };
  const records = parsed.records;
  if (records.length === 0) return { ...plan, error: "The file has no rows." };
  const header = headerColumns(records[0].fields);
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
    const name = cols.name >= 0 ? (fields[cols.name] ?? "").trim() : "";
    if (name.length > 200) {
      plan.invalid.push({ line, reason: "the name is longer than 200 characters" });
      continue;
    }
    const consent = cols.newsletter >= 0 ? (fields[cols.newsletter] ?? "").trim().toLowerCase() : "";
    if (!YES.has(consent) && !NO.has(consent)) {
      plan.invalid.push({ line, reason: `newsletter consent “${consent}” is not yes or no` });
      continue;
    }
    seen.set(email.email, line);
    plan.rows.push({ line, email: email.email, name: name || null, newsletter: YES.has(consent) });
  }
  return { ...plan, error: null };
}
