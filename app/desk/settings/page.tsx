import Link from "next/link";
import { MeterHistoryList } from "@/components/desk/audit-list";
import { DeskShell } from "@/components/desk/desk-shell";
import { GiftSettingsForm } from "@/components/desk/gift-settings-form";
import { giftSettings, giftSummary } from "@/lib/gifts/settings";
import { MeterSettingsForm, type MeterFormValues } from "@/components/meter/meter-settings-form";
import { StatusNotice } from "@/components/desk/status-notice";
import { requireEditor } from "@/lib/desk/guard";
import { meterHistory } from "@/lib/desk/meter-history";
import { meterSummary } from "@/lib/desk/meter-words";
import { noticeText } from "@/lib/desk/notices";
import { meterSettings } from "@/lib/meter/settings";

export const metadata = { title: "Settings" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Site-wide settings: the meter and gift links. */
export default async function SettingsPage({ searchParams }: Props) {
  const editor = await requireEditor("/desk/settings");
  const sp = await searchParams;
  const [meter, history, gifts] = await Promise.all([meterSettings(), meterHistory(50), giftSettings()]);
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
      <section aria-labelledby="gifts">
        <h2 id="gifts">Gift links</h2>
        <p className="desk-hint">
          A signed-in member reading a premium article can make a link that lets anyone read that article in full, with
          the join form below it. Switching gift links off stops every link already made at once; turning them on again
          lets the unexpired ones open again.
        </p>
        <p data-testid="gifts-now">Gift links are {giftSummary(gifts)}.</p>
        <GiftSettingsForm values={{ enabled: gifts.enabled, perMonth: String(gifts.perMonth), validDays: String(gifts.validDays) }} />
      </section>
      <section aria-labelledby="meter-changes">
        <h2 id="meter-changes">Changes to the meter</h2>
        <MeterHistoryList changes={history} />
      </section>
    </DeskShell>
  );
}
