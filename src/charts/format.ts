/**
 * How numbers read, in one place. Two styles on purpose: charts (their titles, descriptions and tables of
 * figures) give one decimal, "12.3%" and "+12.3 points", because a reader compares bars; prose (summaries,
 * key facts, HTML tables) rounds to whole numbers, "12%" and "+12", keeping one decimal under 1% so that a
 * small share does not read as zero. Vega-Lite format strings ('.1%', '+.1%') follow the chart style.
 */

/** "12.3%" */
export function percent(rate: number, decimals = 1): string {
  return `${(rate * 100).toFixed(decimals)}%`;
}

/** "+12.3 points" / "−4.0 points" for a lift. */
export function points(lift: number, decimals = 1): string {
  const sign = lift >= 0 ? '+' : '−';
  return `${sign}${Math.abs(lift * 100).toFixed(decimals)} points`;
}

/** "78%"; values under 1% keep one decimal so that small shares do not read as zero. */
export function formatPercent(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  const pct = value * 100;
  return Math.abs(pct) < 1 && pct !== 0 ? `${pct.toFixed(1)}%` : `${Math.round(pct)}%`;
}

/** Signed percentage points: "+37", "−4" (true minus sign), "0". */
export function formatPoints(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  const pts = Math.round(value * 100);
  return pts > 0 ? `+${pts}` : pts < 0 ? `\u2212${Math.abs(pts)}` : '0';
}
