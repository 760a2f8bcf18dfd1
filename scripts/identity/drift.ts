/**
 * Summary drift: an editor's summary describes the lifts the editor saw. When a re-run keeps the slug but
 * the segment's profile moves, the summary may no longer be true. The editor records what they saw in the
 * MDX front matter:
 *
 *   reviewed:
 *     date: 2024-05-01
 *     top: [{ feature: Q7_Part_1, lift: 0.31 }, ...]   # as written by reviewedSnapshot()
 *
 * and the check compares that with the current lifts.
 */
import type { Reviewed } from '../document/summary-schema.js';
import type { Segmentation } from '../document/segmentation-schema.js';
import { roundLift, segmentAt, similarity, topLiftFeatures, type LiftProfile } from './similarity.js';

/** Current top lifts that take part in the comparison; `reviewedSnapshot` records the same number. */
export const DRIFT_TOP = 15;

/** Below this similarity between the lifts the editor saw and today's, a summary has drifted. */
export const DRIFT_THRESHOLD = 0.8;


export interface DriftOptions {
  /** Drifted when the similarity falls below this. Default DRIFT_THRESHOLD. */
  threshold?: number;
  /** How many current top lifts join the comparison. Default 15. */
  top?: number;
  /** Smallest lift change listed in `changes`. Default 0.05. */
  minChange?: number;
}

export interface DriftChange {
  feature: string;
  /** Answer text, or null when the feature no longer exists in the segmentation. */
  label: string | null;
  /** Lift the editor saw; null when it was not in their list. */
  reviewed: number | null;
  /** Lift now; null when the feature no longer exists. */
  current: number | null;
  /** current - reviewed, a missing value counting as 0. */
  delta: number;
}

export interface DriftResult {
  drifted: boolean;
  similarity: number;
  /** Features whose lift moved by at least `minChange`, largest change first. */
  changes: DriftChange[];
  /** The stability class recorded at the review and the current one, when they differ (else null). */
  stabilityChange: { reviewed: string; current: string } | null;
}

/** What to store as `reviewed` when an editor signs off a summary: today's top lifts of the segment. */
export function reviewedSnapshot(doc: Segmentation, segmentIndex: number, date: string, count = DRIFT_TOP): Reviewed {
  const top = topLiftFeatures(doc, segmentIndex, count).map(({ feature, lift }) => ({ feature, lift: roundLift(lift) }));
  const stability = segmentAt(doc, segmentIndex).stability?.class;
  return stability ? { date, top, stability } : { date, top };
}

/**
 * Cosine similarity between the lifts the editor saw and the current ones, over the reviewed features plus
 * the current top `top` (a feature that entered the top since counts, as one that left it does).
 */
export function checkDrift(reviewed: Reviewed, doc: Segmentation, segmentIndex: number, options: DriftOptions = {}): DriftResult {
  const { threshold = DRIFT_THRESHOLD, top = DRIFT_TOP, minChange = 0.05 } = options;
  const segment = segmentAt(doc, segmentIndex);
  const position = new Map(doc.features.map((f, i) => [f.id, i]));
  const currentLift = (feature: string): number | null => {
    const i = position.get(feature);
    return i === undefined ? null : segment.lift[i];
  };
  const seen: LiftProfile = Object.fromEntries(reviewed.top.map(({ feature, lift }) => [feature, lift]));
  const features = [...new Set([...reviewed.top.map((t) => t.feature), ...topLiftFeatures(doc, segmentIndex, top).map((t) => t.feature)])];
  const now: LiftProfile = Object.fromEntries(features.map((f) => [f, currentLift(f) ?? 0]));
  const sim = similarity(seen, now);

  const changes: DriftChange[] = features
    .map((feature) => {
      const before = seen[feature] ?? null;
      const after = currentLift(feature);
      const label = position.has(feature) ? doc.features[position.get(feature)!].label : null;
      return { feature, label, reviewed: before, current: after === null ? null : roundLift(after), delta: roundLift((after ?? 0) - (before ?? 0)) };
    })
    .filter((c) => Math.abs(c.delta) >= minChange)
    .sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta) || (a.feature < b.feature ? -1 : 1));
  // A class change is drift too: prose written for a "stable" segment may not hold for a "weak" one.
  const nowClass = segment.stability?.class;
  const stabilityChange = reviewed.stability && nowClass && nowClass !== reviewed.stability ? { reviewed: reviewed.stability, current: nowClass } : null;
  return { drifted: sim < threshold || stabilityChange !== null, similarity: sim, changes, stabilityChange };
}
