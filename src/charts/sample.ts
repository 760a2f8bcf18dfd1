/**
 * A deterministic, stratified subsample of the map's points. The full map (~26k respondents) would make a
 * multi-megabyte SVG; a few thousand points drawn in the same proportions show the same shapes.
 */
import type { Segmentation } from '../../scripts/document/segmentation-schema.js';
import { deriveRandom } from '../../scripts/infra/random.js';
import { drawWithoutReplacement, largestRemainder } from '../../scripts/infra/sampling.js';

export interface MapSampleOptions {
  /** Most points drawn (default 6,000). */
  maxPoints?: number;
  /** Seed of the draw (default: the document's seed). */
  seed?: number;
}

export const DEFAULT_MAP_POINTS = 6000;

/** What the sample reads: the map's points and segments, and the run's seed (the draw's default seed). */
export interface MapSampleInput {
  map: Pick<Segmentation['map'], 'x' | 'segment'>;
  metadata: Pick<Segmentation['metadata'], 'seed'>;
}

/**
 * Indices of map points to draw, ascending. Strata are the segments and the non-professionals, so each
 * keeps its share of the map (largest-remainder allocation); within a stratum the draw is seeded.
 */
export function mapSample(doc: MapSampleInput, options: MapSampleOptions = {}): number[] {
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
  // No quota exceeds its stratum: the budget is below the map's size, so is each stratum's exact share of it.
  const quotas = largestRemainder(
    maxPoints,
    keys.map((k) => strata.get(k)!.length),
  );
  const seed = options.seed ?? doc.metadata.seed;
  const picked = keys.flatMap((key, s) =>
    drawWithoutReplacement(deriveRandom(seed, `map-sample:${key}`), strata.get(key)!, quotas[s]),
  );
  return picked.sort((a, b) => a - b);
}
