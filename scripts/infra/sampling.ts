/**
 * Whole-number splits and seeded shuffles, for the generators that must reproduce their output from a seed
 * (the demo survey, the site's map sample, the quiz's held-out share). Each function's order of draws is in
 * the bytes of those outputs: change one and their hashes change.
 */
import type { Random } from './random.js';

/**
 * Splits `total` into whole parts proportional to `weights` that add up to `total` exactly (the
 * largest-remainder rule): each part is the floor of its exact share, and the parts with the largest
 * remainders get one more each, ties going to the earlier part.
 */
export function largestRemainder(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (total * w) / sum);
  const parts = exact.map(Math.floor);
  const byRemainder = exact.map((x, i) => [x - parts[i], i]).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  const missing = total - parts.reduce((a, b) => a + b, 0);
  for (let k = 0; k < missing; k++) parts[byRemainder[k][1]]++;
  return parts;
}

/** Shuffles `items` in place (Fisher–Yates, from the last item down). */
export function shuffle<T>(random: Random, items: T[]): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
}

/**
 * `k` of `items` drawn without replacement, in the order drawn: the first `k` places of a Fisher–Yates
 * shuffle run from the first item up, which stops after `k` draws instead of shuffling the whole list.
 * (It draws from the other end than `shuffle`, so the two give different orders for the same seed.)
 */
export function drawWithoutReplacement<T>(random: Random, items: readonly T[], k: number): T[] {
  const pool = [...items];
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(random() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return pool.slice(0, k);
}
