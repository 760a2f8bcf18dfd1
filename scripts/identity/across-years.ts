/**
 * Year-to-year comparison of segments for the "What changed since <previous year>" page. Feature ids differ
 * between years (question codes are renumbered), so answers are compared by a cross-year key: the question's
 * topic (from the per-year config) plus the normalized answer text. Only answers present in both years count;
 * a question whose topic one year lacks simply takes no part.
 */
import type { Segmentation } from '../document/segmentation-schema.js';
import { maximumAssignment } from '../infra/assignment.js';
import { segmentAt, similarity, type LiftProfile } from './similarity.js';

/** Similarity at which last year's segment counts as the same as this year's. */
export const ACROSS_YEARS_THRESHOLD = 0.5;
/** Share change (a fraction) beyond which a matched segment grows or shrinks: 2 percentage points. */
export const SHARE_CHANGE = 0.02;

export interface AcrossYearsOptions {
  /** Minimum similarity for a previous-year segment to count as the same as a next-year one. Default ACROSS_YEARS_THRESHOLD. */
  threshold?: number;
  /** Share change (as a fraction) beyond which a matched segment grows or shrinks. Default SHARE_CHANGE. */
  shareChange?: number;
}

export type AcrossYearsStatus = 'persists' | 'grows' | 'shrinks' | 'appears' | 'disappears';

export interface AcrossYearsRow {
  prevIndex: number | null;
  nextIndex: number | null;
  /** Similarity of the matched pair over the shared answers; null for appears/disappears. */
  similarity: number | null;
  prevSize: number | null;
  nextSize: number | null;
  prevShare: number | null;
  nextShare: number | null;
  status: AcrossYearsStatus;
}

/** Answer text comparable across years: no parenthetical remarks, lowercase, single spaces, trimmed. */
export function crossYearAnswerText(text: string): string {
  let stripped = text;
  // Repeat so nested remarks "(a (b) c)" go too.
  for (let previous = ''; previous !== stripped; ) {
    previous = stripped;
    stripped = stripped.replace(/\([^()]*\)/g, ' ');
  }
  return stripped.toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * Feature id -> cross-year key (`<topic>|<normalized answer>`) for every feature whose question has a topic.
 * When two features of one year share a key, the first in column order keeps it.
 */
export function crossYearKeys(doc: Segmentation): Map<string, string> {
  const topics = new Map(doc.questions.map((q) => [q.code, q.topic]));
  const keys = new Map<string, string>();
  const taken = new Set<string>();
  for (const feature of doc.features) {
    const topic = topics.get(feature.question);
    if (!topic) continue;
    const key = `${topic}|${crossYearAnswerText(feature.label)}`;
    if (taken.has(key)) continue;
    taken.add(key);
    keys.set(feature.id, key);
  }
  return keys;
}

/** The cross-year keys both documents have, sorted: what the comparison is based on (for the page to state). */
export function sharedAnswerKeys(prev: Segmentation, next: Segmentation): string[] {
  const nextKeys = new Set(crossYearKeys(next).values());
  return [...crossYearKeys(prev).values()].filter((k) => nextKeys.has(k)).sort();
}

function sharedProfile(doc: Segmentation, segmentIndex: number, keys: Map<string, string>, shared: Set<string>): LiftProfile {
  const segment = segmentAt(doc, segmentIndex);
  const profile: LiftProfile = {};
  doc.features.forEach((feature, i) => {
    const key = keys.get(feature.id);
    if (key !== undefined && shared.has(key)) profile[key] = segment.lift[i];
  });
  return profile;
}

/**
 * Matches last year's segments to this year's on the lift of their shared answers (optimal assignment,
 * pairs below the threshold do not match). Rows: matched pairs and appearing segments by next index, then
 * disappearing ones by previous index.
 */
export function matchAcrossYears(prev: Segmentation, next: Segmentation, options: AcrossYearsOptions = {}): AcrossYearsRow[] {
  const { threshold = ACROSS_YEARS_THRESHOLD, shareChange = SHARE_CHANGE } = options;
  const shared = new Set(sharedAnswerKeys(prev, next));
  if (shared.size === 0) {
    throw new Error(`segmentations ${prev.survey.year} and ${next.survey.year} share no answer on a common topic: set question topics in both configs`);
  }
  const prevKeys = crossYearKeys(prev);
  const nextKeys = crossYearKeys(next);
  const prevSegments = [...prev.segments].sort((a, b) => a.index - b.index);
  const nextSegments = [...next.segments].sort((a, b) => a.index - b.index);
  const prevProfiles = prevSegments.map((s) => sharedProfile(prev, s.index, prevKeys, shared));
  const nextProfiles = nextSegments.map((s) => sharedProfile(next, s.index, nextKeys, shared));
  const sims = prevProfiles.map((p) => nextProfiles.map((n) => similarity(p, n)));
  // Same weighting as run-to-run matching: keep as many pairs above the threshold as possible, then the closest.
  const bonus = 2 * Math.min(prevSegments.length, nextSegments.length) + 2;
  const pairs = maximumAssignment(sims.map((row) => row.map((s) => (s >= threshold ? bonus + s : 0)))).filter(
    ({ row, col }) => sims[row][col] >= threshold,
  );
  const prevOfNext = new Map(pairs.map(({ row, col }) => [col, row]));
  const matchedPrev = new Set(pairs.map(({ row }) => row));

  const rows: AcrossYearsRow[] = nextSegments.map((n, col) => {
    const row = prevOfNext.get(col);
    if (row === undefined) {
      return { prevIndex: null, nextIndex: n.index, similarity: null, prevSize: null, nextSize: n.size, prevShare: null, nextShare: n.share, status: 'appears' };
    }
    const p = prevSegments[row];
    const change = n.share - p.share;
    // A tiny epsilon so that exactly ±2 points (after float noise) still counts as "persists".
    const status: AcrossYearsStatus = change > shareChange + 1e-12 ? 'grows' : change < -shareChange - 1e-12 ? 'shrinks' : 'persists';
    return { prevIndex: p.index, nextIndex: n.index, similarity: sims[row][col], prevSize: p.size, nextSize: n.size, prevShare: p.share, nextShare: n.share, status };
  });
  prevSegments.forEach((p, row) => {
    if (matchedPrev.has(row)) return;
    rows.push({ prevIndex: p.index, nextIndex: null, similarity: null, prevSize: p.size, nextSize: null, prevShare: p.share, nextShare: null, status: 'disappears' });
  });
  return rows;
}
