import Link from "next/link";
import { MeterHistoryList } from "@/components/desk/audit-list";
import { DeskShell } from "@/components/desk/desk-shell";
import { MeterSettingsForm, type MeterFormValues } from "@/components/desk/meter-settings-form";
import { StatusNotice } from "@/components/desk/status-notice";
import { requireEditor } from "@/lib/desk/guard";
import { METER_FIELD_LABELS, METER_FIELDS, parseMeterForm } from "@/lib/desk/meter-form";
import { meterHistory } from "@/lib/desk/meter-history";
import { meterSummary } from "@/lib/desk/meter-words";
import { fieldErrorSummary, noticeText } from "@/lib/desk/notices";
import { meterSettings } from "@/lib/meter/settings";

export const metadata = { title: "Settings" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const one = (v: string | string[] | undefined) => (typeof v === "string" ? v.slice(0, 40) : "");

/**
 * What a plain post that was refused sent (the route sends it back here): checked again
 * with the form's own rules, so the page shows the errors itself, never text from the URL.
 */
function refusedPost(sp: Record<string, string | string[] | undefined>) {
  if (sp.refused !== "1") return null;
  const fields = Object.fromEntries(METER_FIELDS.map((name) => [name, one(sp[name])]));
  const form = parseMeterForm(fields);
  if (form.ok) return null;
  const values: MeterFormValues = { enabled: fields.enabled === "on", allowance: fields.allowance, period: fields.period };
  return { values, errors: form.fieldErrors };
}

/** Site-wide settings: today, the meter. */
export default async function SettingsPage({ searchParams }: Props) {
  const editor = await requireEditor("/desk/settings");
  const sp = await searchParams;
  const [meter, history] = await Promise.all([meterSettings(), meterHistory(50)]);
  const refused = refusedPost(sp);
  const saved: MeterFormValues = { enabled: meter.enabled, allowance: String(meter.allowance), period: meter.period };
  const notice = refused ? `Nothing was saved. ${fieldErrorSummary(refused.errors, METER_FIELD_LABELS)}` : noticeText(sp.notice);
  return (
    <DeskShell editor={editor} current="settings">
      <h1>Settings</h1>
      <StatusNotice text={notice} tone={refused ? "error" : "ok"} />
      <section aria-labelledby="meter">
        <h2 id="meter">The meter</h2>
        <p className="desk-hint">
          With the meter on, a reader without an account may read a few premium articles in full each period, told how
          many are left, before every premium article shows them the join gate; members and editors never see it. An
          article marked <strong>members only</strong> (in the <Link href="/desk">article list</Link> or its editor) is
          never one of the free ones: it always shows the gate.
        </p>
        <p data-testid="meter-now">The meter is {meterSummary(meter)}.</p>
        <MeterSettingsForm values={refused?.values ?? saved} errors={refused?.errors ?? {}} />
      </section>
      <section aria-labelledby="meter-changes">
        <h2 id="meter-changes">Changes to the meter</h2>
        <MeterHistoryList changes={history} />
      </section>
    </DeskShell>
  );
}
