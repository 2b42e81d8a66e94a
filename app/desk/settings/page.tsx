import Link from "next/link";
import { MeterHistoryList } from "@/components/desk/audit-list";
import { DeskShell } from "@/components/desk/desk-shell";
import { MeterSettingsForm, type MeterFormValues } from "@/components/desk/meter-settings-form";
import { StatusNotice } from "@/components/desk/status-notice";
import { requireEditor } from "@/lib/desk/guard";
import { meterHistory } from "@/lib/desk/meter-history";
import { meterSummary } from "@/lib/desk/meter-words";
import { noticeText } from "@/lib/desk/notices";
import { meterSettings } from "@/lib/meter/settings";

export const metadata = { title: "Settings" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Site-wide settings: today, the meter. */
export default async function SettingsPage({ searchParams }: Props) {
  const editor = await requireEditor("/desk/settings");
  const sp = await searchParams;
  const [meter, history] = await Promise.all([meterSettings(), meterHistory(50)]);
  const saved: MeterFormValues = { enabled: meter.enabled, allowance: String(meter.allowance), period: meter.period };
  return (
    <DeskShell editor={editor} current="settings">
      <h1>Settings</h1>
      <StatusNotice text={noticeText(sp.notice)} />
      <section aria-labelledby="meter">
        <h2 id="meter">The meter</h2>
        <p className="desk-hint">
          With the meter on, a reader without an account may read a few premium articles in full each period, told how
          many are left, before every premium article shows them the join gate; members and editors never see it. An
          article marked <strong>members only</strong> (in the <Link href="/desk">article list</Link> or its editor) is
          never one of the free ones: it always shows the gate.
        </p>
        <p data-testid="meter-now">The meter is {meterSummary(meter)}.</p>
        <MeterSettingsForm values={saved} />
      </section>
      <section aria-labelledby="meter-changes">
        <h2 id="meter-changes">Changes to the meter</h2>
        <MeterHistoryList changes={history} />
      </section>
    </DeskShell>
  );
}
