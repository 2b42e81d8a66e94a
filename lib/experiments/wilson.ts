// The conversion of each variant of a wall experiment with its 95% Wilson score interval,
// and, in words, whether the difference between variants is clear yet.

/** z for a two-sided 95% interval. */
const Z = 1.959963984540054;

export type Interval = { rate: number; low: number; high: number };

/**
 * The Wilson score interval for `successes` out of `trials` (95%): unlike the normal
 * approximation it stays inside [0, 1] and is honest for small counts and rates near 0.
 * Null without a trial.
 */
export function wilson(successes: number, trials: number, z = Z): Interval | null {
  if (!(trials > 0)) return null;
  const n = trials;
  const p = Math.min(Math.max(successes, 0), n) / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { rate: p, low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

export type VariantResult = { name: string; gateViews: number; joins: number };

export type Verdict =
  | { kind: "no-data"; words: string }
  | { kind: "clear"; best: number; words: string }
  | { kind: "not-yet"; words: string };

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/**
 * Whether one variant converts (joins per gate view) clearly better than every other:
 * its 95% interval lies wholly above each other's. Overlapping intervals are "not clear
 * yet", however large the gap between the rates looks.
 */
export function verdict(variants: VariantResult[]): Verdict {
  const intervals = variants.map((v) => wilson(v.joins, v.gateViews));
  if (intervals.some((i) => i === null)) {
    return { kind: "no-data", words: "Not clear yet: every variant needs gate views before their conversion can be compared." };
  }
  const known = intervals as Interval[];
  const best = known.reduce((b, i, k) => (i.rate > known[b].rate ? k : b), 0);
  const clear = known.every((i, k) => k === best || known[best].low > i.high);
  if (clear) {
    return {
      kind: "clear",
      best,
      words: `The difference is clear: ${variants[best].name} converts best (${pct(known[best].rate)}, 95% interval ${pct(known[best].low)}–${pct(known[best].high)}), and its interval lies above every other variant's.`,
    };
  }
  const views = variants.reduce((n, v) => n + v.gateViews, 0);
  return {
    kind: "not-yet",
    words: `Not clear yet: the 95% intervals overlap, so the difference between variants could still be chance (${views.toLocaleString("en")} gate views so far). Keep the experiment running for more gate views.`,
  };
}
