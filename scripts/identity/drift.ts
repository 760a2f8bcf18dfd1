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

import type { Segmentation } from '../document/segmentation-schema.js';
import type { SubSegmentation } from '../document/subsegments-schema.js';
import type { Reviewed } from '../document/summary-schema.js';
import { maximumAssignment } from '../infra/assignment.js';
import { type LiftProfile, roundLift, segmentAt, similarity, topLiftFeatures } from './similarity.js';

/** Current top lifts that take part in the comparison; `reviewedSnapshot` records the same number. */
export const DRIFT_TOP = 15;

/** Below this similarity between the lifts the editor saw and today's, a summary has drifted. */
export const DRIFT_THRESHOLD = 0.8;

/** Top lifts recorded per sub-segment: enough to tell the parts of a split apart. */
export const SUB_SEGMENT_DRIFT_TOP = 8;

/**
 * A sub-segment whose share of its segment moved by more than this since the review has drifted: its summary
 * describes the halves it saw (673 + 569 is 54% + 46%; 840 + 393 is 68% + 32%, 14 points off).
 */
export const SUB_SEGMENT_SHARE_TOLERANCE = 0.05;

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

/**
 * What to store as `reviewed` when an editor signs off a summary: today's top lifts of the segment, and its
 * sub-segments' sizes and top lifts when it has them.
 */
export function reviewedSnapshot(
  doc: Segmentation,
  segmentIndex: number,
  date: string,
  count = DRIFT_TOP,
  subSegments: SubSegmentation | null = null,
): Reviewed {
  const top = topLiftFeatures(doc, segmentIndex, count).map(({ feature, lift }) => ({
    feature,
    lift: roundLift(lift),
  }));
  const stability = segmentAt(doc, segmentIndex).stability?.class;
  const reviewed: Reviewed = stability ? { date, top, stability } : { date, top };
  if (subSegments)
    reviewed.subSegments = subSegments.parts.map((part) => ({
      size: part.size,
      top: partTop(doc, part.lift, SUB_SEGMENT_DRIFT_TOP),
    }));
  return reviewed;
}

/** A sub-segment's top lifts against its segment, as feature ids. */
function partTop(doc: Segmentation, lift: number[], count: number): { feature: string; lift: number }[] {
  return lift
    .map((l, i) => ({ i, l }))
    .sort((a, b) => b.l - a.l || a.i - b.i)
    .slice(0, count)
    .map(({ i, l }) => ({ feature: doc.features[i].id, lift: roundLift(l) }));
}

export interface SubSegmentDrift {
  drifted: boolean;
  /** Sizes as reviewed and now, largest first: "673 + 569 -> 840 + 393". */
  reviewedSizes: number[];
  currentSizes: number[];
  /** Lowest lift similarity between a reviewed part and the current part it was matched to (0 when a part is unmatched). */
  similarity: number;
}

/**
 * Whether the split an editor described is still the one the data has: the same number of parts, each
 * reviewed part matched (one to one, by lift similarity, so that a reordering alone is no drift) to a
 * current part of about the same share (SUB_SEGMENT_SHARE_TOLERANCE) and similar lifts (DRIFT_THRESHOLD).
 */
export function checkSubSegmentDrift(
  reviewed: NonNullable<Reviewed['subSegments']>,
  current: SubSegmentation,
  doc: Segmentation,
  threshold = DRIFT_THRESHOLD,
): SubSegmentDrift {
  const reviewedSizes = reviewed.map((p) => p.size);
  const currentSizes = current.parts.map((p) => p.size);
  const reviewedTotal = reviewedSizes.reduce((a, b) => a + b, 0);
  const position = new Map(doc.features.map((f, i) => [f.id, i]));
  const profiles = current.parts.map(
    (part) =>
      (features: string[]): LiftProfile =>
        Object.fromEntries(features.map((f) => [f, position.has(f) ? part.lift[position.get(f)!] : 0])),
  );
  const similarities = reviewed.map((seen) => {
    const before: LiftProfile = Object.fromEntries(seen.top.map((t) => [t.feature, t.lift]));
    return current.parts.map((part, c) =>
      similarity(
        before,
        profiles[c]([
          ...new Set([
            ...seen.top.map((t) => t.feature),
            ...partTop(doc, part.lift, seen.top.length).map((t) => t.feature),
          ]),
        ]),
      ),
    );
  });
  const pairs = maximumAssignment(similarities);
  const lowest =
    reviewed.length === current.parts.length && pairs.length === reviewed.length
      ? Math.min(...pairs.map(({ row, col }) => similarities[row][col]))
      : 0;
  const sharesHold = pairs.every(
    ({ row, col }) =>
      Math.abs(reviewedSizes[row] / reviewedTotal - current.parts[col].share) <= SUB_SEGMENT_SHARE_TOLERANCE,
  );
  return {
    drifted: reviewed.length !== current.parts.length || !sharesHold || lowest < threshold,
    reviewedSizes,
    currentSizes,
    similarity: lowest,
  };
}

/**
 * Cosine similarity between the lifts the editor saw and the current ones, over the reviewed features plus
 * the current top `top` (a feature that entered the top since counts, as one that left it does).
 */
export function checkDrift(
  reviewed: Reviewed,
  doc: Segmentation,
  segmentIndex: number,
  options: DriftOptions = {},
): DriftResult {
  const { threshold = DRIFT_THRESHOLD, top = DRIFT_TOP, minChange = 0.05 } = options;
  const segment = segmentAt(doc, segmentIndex);
  const position = new Map(doc.features.map((f, i) => [f.id, i]));
  const currentLift = (feature: string): number | null => {
    const i = position.get(feature);
    return i === undefined ? null : segment.lift[i];
  };
  const seen: LiftProfile = Object.fromEntries(reviewed.top.map(({ feature, lift }) => [feature, lift]));
  const features = [
    ...new Set([
      ...reviewed.top.map((t) => t.feature),
      ...topLiftFeatures(doc, segmentIndex, top).map((t) => t.feature),
    ]),
  ];
  const now: LiftProfile = Object.fromEntries(features.map((f) => [f, currentLift(f) ?? 0]));
  const sim = similarity(seen, now);

  const changes: DriftChange[] = features
    .map((feature) => {
      const before = seen[feature] ?? null;
      const after = currentLift(feature);
      const label = position.has(feature) ? doc.features[position.get(feature)!].label : null;
      return {
        feature,
        label,
        reviewed: before,
        current: after === null ? null : roundLift(after),
        delta: roundLift((after ?? 0) - (before ?? 0)),
      };
    })
    .filter((c) => Math.abs(c.delta) >= minChange)
    .sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta) || (a.feature < b.feature ? -1 : 1));
  // A class change is drift too: prose written for a "stable" segment may not hold for a "weak" one.
  const nowClass = segment.stability?.class;
  const stabilityChange =
    reviewed.stability && nowClass && nowClass !== reviewed.stability
      ? { reviewed: reviewed.stability, current: nowClass }
      : null;
  return { drifted: sim < threshold || stabilityChange !== null, similarity: sim, changes, stabilityChange };
}
