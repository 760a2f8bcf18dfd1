/**
 * "Under review" notes on segment pages. An editor's summary records in its front matter which top lifts
 * it was written against (`reviewed`); when the current data moved away from them by as much as
 * `npm run summaries:check` fails on, the page says so and lists the answers whose lift moved most, until the editor
 * updates `reviewed`. The drift measure itself is scripts/identity/drift.ts, shared with the check.
 */
import { checkDrift, checkSubSegmentDrift, DRIFT_THRESHOLD } from '../../scripts/identity/drift.js';
import type { YearModel } from './model.js';

/** How many changed answers the note lists. */
export const REVIEW_CHANGES_SHOWN = 3;

export interface ReviewChange {
  feature: string;
  /** Short label of the answer's question, null when the feature is gone from the data. */
  question: string | null;
  /** Answer text, null when the feature is gone from the data. */
  answer: string | null;
  /** Lift the editor saw (fraction), null when the answer was not among those they recorded. */
  reviewed: number | null;
  /** Lift now, null when the answer is gone. */
  current: number | null;
}

export interface ReviewNote {
  /** Day of the review, `YYYY-MM-DD`. */
  date: string;
  similarity: number;
  threshold: number;
  /** The answers whose lift moved most, largest change first. */
  changes: ReviewChange[];
  /** The stability class at the review and now, when it changed. */
  stabilityChange: { reviewed: string; current: string } | null;
  /** The sub-segments' sizes at the review and now (largest first), when the split changed. */
  subSegmentChange: { reviewed: number[]; current: number[] } | null;
}

export interface ReviewOptions {
  threshold?: number;
  shown?: number;
}

/** `2024-05-01` from a YAML date (parsed as UTC midnight) or the string the editor wrote. */
export function reviewDate(date: string | Date): string {
  return date instanceof Date ? date.toISOString().slice(0, 10) : date;
}

/**
 * The note for the page at `position`, or null when its summary records no review or has not drifted.
 * Drift is measured on the summary's own segment in the segmentation document, as the check does.
 */
export function reviewNote(model: YearModel, position: number, options: ReviewOptions = {}): ReviewNote | null {
  const { threshold = DRIFT_THRESHOLD, shown = REVIEW_CHANGES_SHOWN } = options;
  const segment = model.segments[position];
  const reviewed = segment?.summary?.reviewed;
  if (!reviewed) return null;
  const drift = checkDrift(reviewed, model.doc, segment.index, { threshold });
  // A split the summary describes that the data no longer has (missing sub-segments get their own notice).
  const subDrift =
    reviewed.subSegments && segment.subSegments
      ? checkSubSegmentDrift(reviewed.subSegments, segment.subSegments, model.doc, threshold)
      : null;
  if (!drift.drifted && !subDrift?.drifted) return null;
  const subSegmentChange = subDrift?.drifted
    ? { reviewed: subDrift.reviewedSizes, current: subDrift.currentSizes }
    : null;
  const questionLabel = new Map(model.doc.questions.map((q) => [q.code, q.label]));
  const featureOf = new Map(model.doc.features.map((f) => [f.id, f]));
  const changes = drift.changes.slice(0, shown).map((c): ReviewChange => {
    const feature = featureOf.get(c.feature);
    return {
      feature: c.feature,
      question: feature ? (questionLabel.get(feature.question) ?? feature.question) : null,
      answer: c.label,
      reviewed: c.reviewed,
      current: c.current,
    };
  });
  // Only the split moved: the segment's own lifts still hold, so the note lists no lift changes.
  return {
    date: reviewDate(reviewed.date),
    similarity: drift.similarity,
    threshold,
    changes: drift.drifted ? changes : [],
    stabilityChange: drift.stabilityChange,
    subSegmentChange,
  };
}
