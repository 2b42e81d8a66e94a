/** "12.5%", or "–" when there is nothing to divide by. */
export function rate(part: number, whole: number): string {
  if (whole <= 0) return "–";
  const pct = (100 * part) / whole;
  return `${pct >= 10 || pct === 0 ? pct.toFixed(0) : pct.toFixed(1)}%`;
}

export const count = (n: number) => n.toLocaleString("en-GB");
