import "server-only";
import { notFound } from "next/navigation";
import { ANONYMOUS, ANY_MEMBER, SAMPLER, type Reader } from "@/lib/access/viewer";
import { DEFAULT_GATE_COPY, gateCopy, type GateCopy } from "@/lib/experiments/gate-copy";
import { runningExperiment } from "@/lib/experiments/running";
import { routedBySiteServer } from "@/lib/http/site-server";
import { describePeriod, meterSettings } from "@/lib/meter/settings";

/** What the meter says on a page: its notice above a free read, or its wall. */
export type MeterNote = { kind: "notice"; left: number; period: string } | { kind: "wall"; allowance: number; period: string };

/** Whom a render is made for, what the meter says on it, and the words of its gate. */
export type RenderFor = { reader: Reader; meter: MeterNote | null; gate: GateCopy };

/**
 * Whom a cached render (its [render] segment, lib/render/routes.js) is made for, and
 * what the meter says on it. Every render but the anonymous one exists only where
 * the front server chose it (after finding a member's session, or reading the meter): under
 * `next start` or `next dev`, and for any other name, "not found". A meter render made
 * while the meter is off (a change on its way) is the anonymous page. "gate-<v>" and
 * "spent-<v>" are the gate and the meter's wall in variant v of the running wall
 * experiment; made while none runs (it just ended), the gate every reader now gets.
 */
export async function renderFor(render: string): Promise<RenderFor> {
  if (render === "anonymous") return { reader: ANONYMOUS, meter: null, gate: await gateCopy() };
  if (!routedBySiteServer()) notFound();
  if (render === "member") return { reader: ANY_MEMBER, meter: null, gate: DEFAULT_GATE_COPY };
  const metered = /^metered-(\d)$/.exec(render);
  const inVariant = /^(gate|spent)-(\d)$/.exec(render);
  if (render !== "spent" && !metered && !inVariant) notFound();
  const [experiment, standing] = await Promise.all([runningExperiment(), gateCopy()]);
  const variant = inVariant ? experiment?.variants[Number(inVariant[2])] : undefined;
  const gate: GateCopy = variant ? { heading: variant.heading, sentence: variant.sentence, button: variant.button } : standing;
  if (inVariant?.[1] === "gate") return { reader: ANONYMOUS, meter: null, gate };
  const settings = await meterSettings();
  if (!settings.enabled) return { reader: ANONYMOUS, meter: null, gate };
  const period = describePeriod(settings.period);
  if (!metered) return { reader: ANONYMOUS, meter: { kind: "wall", allowance: variant?.allowance ?? settings.allowance, period }, gate };
  // A variant may give more free reads than the meter's own setting.
  const most = Math.max(settings.allowance, ...(experiment?.variants.map((v) => v.allowance ?? 0) ?? []));
  const left = Number(metered[1]);
  if (left >= most) return { reader: ANONYMOUS, meter: null, gate };
  return { reader: SAMPLER, meter: { kind: "notice", left, period }, gate };
}
