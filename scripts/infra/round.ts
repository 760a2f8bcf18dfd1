/**
 * Rounding to a fixed number of decimals, so that output is compact and identical across platforms' last
 * bits. Documents never hold -0 (JSON would write "-0"); charts keep it, because Vega formats a lift of -0
 * as "−0.0%", and that text is in the rendered charts.
 */
export function round(value: number, decimals: number, options: { keepNegativeZero?: boolean } = {}): number {
  const factor = 10 ** decimals;
  const rounded = Math.round(value * factor) / factor;
  return !options.keepNegativeZero && Object.is(rounded, -0) ? 0 : rounded;
}
