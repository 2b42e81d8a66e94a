import "server-only";
import { notFound } from "next/navigation";
import { ANONYMOUS, ANY_MEMBER, SAMPLER, type Reader } from "@/lib/access/viewer";
import { routedBySiteServer } from "@/lib/http/site-server";
import { describePeriod, meterSettings } from "@/lib/meter/settings";

/** What the meter says on a page: its notice above a free read, or its wall. */
export type MeterNote = { kind: "notice"; left: number; period: string } | { kind: "wall"; allowance: number; period: string };

/**
 * Whom a cached render (its [render] segment, lib/render/routes.js) is made for, and
 * what the meter says on it. Every render but the anonymous one exists only where
 * server.js chose it (after finding a member's session, or reading the meter): under
 * `next start` or `next dev`, and for any other name, "not found". A meter render made
 * while the meter is off (a change on its way) is the anonymous page.
 */
export async function renderFor(render: string): Promise<{ reader: Reader; meter: MeterNote | null }> {
  if (render === "anonymous") return { reader: ANONYMOUS, meter: null };
  if (!routedBySiteServer()) notFound();
  if (render === "member") return { reader: ANY_MEMBER, meter: null };
  const metered = /^metered-(\d)$/.exec(render);
  if (render !== "spent" && !metered) notFound();
  const settings = await meterSettings();
  if (!settings.enabled) return { reader: ANONYMOUS, meter: null };
  const period = describePeriod(settings.period);
  if (!metered) return { reader: ANONYMOUS, meter: { kind: "wall", allowance: settings.allowance, period } };
  const left = Number(metered[1]);
  if (left >= settings.allowance) return { reader: ANONYMOUS, meter: null };
  return { reader: SAMPLER, meter: { kind: "notice", left, period } };
}
