/**
 * A deterministic, stratified subsample of the map's points. The full map (~26k respondents) would make a
 * multi-megabyte SVG; a few thousand points drawn in the same proportions show the same shapes.
 */
import type { Segmentation } from '../../scripts/document/segmentation-schema.js';
import { deriveRandom } from '../../scripts/infra/random.js';

export interface MapSampleOptions {
  /** Most points drawn (default 6,000). */
  maxPoints?: number;
  /** Seed of the draw (default: the document's seed). */
  seed?: number;
}

export const DEFAULT_MAP_POINTS = 6000;

/**
 * Indices of map points to draw, ascending. Strata are the segments and the non-professionals, so each
 * keeps its share of the map (largest-remainder allocation); within a stratum the draw is seeded.
 */
export function mapSample(doc: Segmentation, options: MapSampleOptions = {}): number[] {
  const total = doc.map.x.length;
  const maxPoints = Math.max(0, Math.floor(options.maxPoints ?? DEFAULT_MAP_POINTS));
  if (total <= maxPoints) return Array.from({ length: total }, (_, i) => i);

  const strata = new Map<number, number[]>();
  doc.map.segment.forEach((segment, i) => {
    const members = strata.get(segment) ?? [];
    members.push(i);
    strata.set(segment, members);
  });
  const keys = [...strata.keys()].sort((a, b) => a - b);
  const quotas = allocate(keys.map((k) => strata.get(k)!.length), maxPoints);
  const seed = options.seed ?? doc.metadata.seed;
  const picked = keys.flatMap((key, s) => drawWithoutReplacement(strata.get(key)!, quotas[s], deriveRandom(seed, `map-sample:${key}`)));
  return picked.sort((a, b) => a - b);
}

/** Largest-remainder allocation of `budget` over strata sizes; ties go to the earlier stratum. */
function allocate(sizes: number[], budget: number): number[] {
  const total = sizes.reduce((a, b) => a + b, 0);
  const exact = sizes.map((n) => (n * budget) / total);
  const quotas = exact.map(Math.floor);
  let left = budget - quotas.reduce((a, b) => a + b, 0);
  const byRemainder = exact.map((_e, i) => i).sort((a, b) => exact[b] - Math.floor(exact[b]) - (exact[a] - Math.floor(exact[a])) || a - b);
  for (const i of byRemainder) {
    if (left === 0) break;
    if (quotas[i] < sizes[i]) {
      quotas[i] += 1;
      left -= 1;
    }
  }
  return quotas;
}

/** The first `k` items of a seeded partial Fisher–Yates shuffle. */
function drawWithoutReplacement(items: readonly number[], k: number, random: () => number): number[] {
  const pool = [...items];
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(random() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return pool.slice(0, k);
}
