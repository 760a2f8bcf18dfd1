/**
 * Lift profiles and their similarity: the measure that decides whether two segments are "the same".
 *
 * Why cosine on lift (rate in the segment minus rate over all professionals):
 * - Scale-free: a segment that shrinks from one run to the next usually gets more extreme (its lifts grow)
 *   without changing what it is about; cosine compares the direction of the profile, not its length.
 * - Sign-aware: lift is centred on the population, so "uses R much less than others" (negative lift) and
 *   "uses R much more" point in opposite directions. Cosine on raw rates would not see that: rates are all
 *   positive and dominated by answers everybody gives (Python, Jupyter), so any two segments would look alike.
 */
import type { Segmentation } from '../document/segmentation-schema.js';
import { round } from '../infra/round.js';

/** Feature id -> lift. */
export type LiftProfile = Record<string, number>;

/** Lifts are stored with 4 decimals: enough to match on, short enough to keep the registry readable. */
export function roundLift(value: number): number {
  return round(value, 4);
}

/**
 * Cosine similarity of two lift profiles over the union of their feature ids (a missing id counts as 0).
 * Returns 0 when either profile is all zeros: a flat profile says nothing about identity.
 */
export function similarity(a: LiftProfile, b: LiftProfile): number {
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (const [id, liftA] of Object.entries(a)) {
    normA += liftA * liftA;
    const liftB = b[id];
    if (liftB !== undefined) dot += liftA * liftB;
  }
  for (const liftB of Object.values(b)) normB += liftB * liftB;
  if (normA === 0 || normB === 0) return 0;
  // Clamp: rounding can push a self-similarity a hair above 1.
  return Math.max(-1, Math.min(1, dot / Math.sqrt(normA * normB)));
}

/** Finds a segment by its published index, with an error that names the survey year. */
export function segmentAt(doc: Segmentation, segmentIndex: number): Segmentation['segments'][number] {
  const segment = doc.segments.find((s) => s.index === segmentIndex);
  if (!segment) {
    const known = doc.segments.map((s) => s.index).join(', ');
    throw new RangeError(
      `segmentation ${doc.survey.year} has no segment with index ${segmentIndex} (indices: ${known})`,
    );
  }
  if (segment.lift.length !== doc.features.length) {
    throw new RangeError(
      `segmentation ${doc.survey.year}, segment ${segmentIndex}: ${segment.lift.length} lifts for ${doc.features.length} features`,
    );
  }
  return segment;
}

/** The full lift vector of a segment, keyed by feature id, rounded to 4 decimals, keys in sorted order. */
export function liftProfile(doc: Segmentation, segmentIndex: number): LiftProfile {
  const segment = segmentAt(doc, segmentIndex);
  const entries = doc.features.map((feature, i) => [feature.id, roundLift(segment.lift[i])] as const);
  entries.sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
  return Object.fromEntries(entries);
}

/**
 * The `count` features with the highest lift of a segment, highest first; ties keep column order so the
 * result does not depend on sort stability.
 */
export function topLiftFeatures(
  doc: Segmentation,
  segmentIndex: number,
  count: number,
): Array<{ feature: string; lift: number; position: number }> {
  const segment = segmentAt(doc, segmentIndex);
  return doc.features
    .map((feature, position) => ({ feature: feature.id, lift: segment.lift[position], position }))
    .sort((x, y) => y.lift - x.lift || x.position - y.position)
    .slice(0, count);
}
