/**
 * "What changed since <previous year>": last year's published segments matched to this year's on the
 * answers both surveys share (scripts/identity/across-years.ts, answers mapped through configs/answers.yaml).
 * The match runs on the published views, so a segment that editors merged is compared as the one page
 * readers see, and every row can link to a page.
 */

import { resolve } from 'node:path';
import {
  ACROSS_YEARS_THRESHOLD,
  type AcrossYearsOptions,
  type AcrossYearsStatus,
  compareAcrossYears,
  type EvidenceAnswer,
  SHARE_CHANGE,
  sharedAnswerKeys,
} from '../../scripts/identity/across-years.js';
import { loadAnswerAliases } from '../../scripts/identity/answer-map.js';
import type { YearModel } from './model.js';

export type ChangeStatus = AcrossYearsStatus;

/** The order in which statuses are counted and explained on the page. */
export const CHANGE_STATUSES: readonly ChangeStatus[] = [
  'persists',
  'grows',
  'shrinks',
  'splits',
  'merges',
  'appears',
  'disappears',
];

/** Status as the page and the chart show it. */
export const STATUS_TEXT: Record<ChangeStatus, string> = {
  persists: 'Persists',
  grows: 'Grows',
  shrinks: 'Shrinks',
  splits: 'Splits',
  merges: 'Merges',
  appears: 'Appears',
  disappears: 'Disappears',
};

let aliases: Map<string, string> | undefined;
/** configs/answers.yaml, read once per build (from the project root: the bundled site has no source tree). */
export function siteAnswerAliases(): Map<string, string> {
  aliases ??= loadAnswerAliases(resolve(process.cwd(), 'configs', 'answers.yaml'));
  return aliases;
}

/** One year's side of a row: enough to name the segment, link its page and quote its size. */
export interface SegmentSide {
  year: number;
  slug: string;
  title: string;
  shortName: string;
  /** Published position (0-based) in its year. */
  position: number;
  size: number;
  share: number;
}

export interface ChangeRow {
  status: ChangeStatus;
  prev: SegmentSide | null;
  next: SegmentSide | null;
  /** Weighted similarity of a paired row over the shared answers; null when the segment appears or disappears. */
  similarity: number | null;
  /** The pairing that carries a lineage on (see AcrossYearsRow.continues). */
  continues: boolean;
  /** The shared defining answers with their rates in both years. */
  evidence: EvidenceAnswer[];
}

/** A pairing refused because a defining answer disagrees, for the page to show. */
export interface RefusedRow {
  prev: SegmentSide;
  next: SegmentSide;
  similarity: number;
  contradiction: EvidenceAnswer;
  definedBy: 'prev' | 'next';
}

export interface YearComparison {
  prevYear: number;
  nextYear: number;
  /** How many topic+answer keys both years have: what the comparison rests on. 0 means no comparison. */
  sharedKeys: number;
  /** The topics those keys come from, sorted. */
  sharedTopics: string[];
  /** Paired and appearing segments in this year's order, then the disappearing ones; empty when sharedKeys is 0. */
  rows: ChangeRow[];
  refused: RefusedRow[];
}

/** The latest year before `year` among `years`, or null when `year` is the first. */
export function previousYear(years: readonly number[], year: number): number | null {
  const earlier = years.filter((y) => y < year);
  return earlier.length > 0 ? Math.max(...earlier) : null;
}

function side(model: YearModel, position: number | null): SegmentSide | null {
  if (position === null) return null;
  const segment = model.segments[position];
  const data = model.view.segments[position];
  if (!segment || !data) throw new RangeError(`${model.year}: no published segment at position ${position}`);
  return {
    year: model.year,
    slug: segment.slug,
    title: segment.title,
    shortName: segment.shortName,
    position,
    size: data.size,
    share: data.share,
  };
}

/** Compares two years' published segments; never throws because the surveys share no topic. */
export function compareYears(prev: YearModel, next: YearModel, options: AcrossYearsOptions = {}): YearComparison {
  const { threshold = ACROSS_YEARS_THRESHOLD, shareChange = SHARE_CHANGE, aliases = siteAnswerAliases() } = options;
  const keys = sharedAnswerKeys(prev.view, next.view, aliases);
  const sharedTopics = [...new Set(keys.map((k) => k.slice(0, k.indexOf('|'))))].sort();
  if (keys.length === 0)
    return { prevYear: prev.year, nextYear: next.year, sharedKeys: 0, sharedTopics, rows: [], refused: [] };
  const result = compareAcrossYears(prev.view, next.view, { threshold, shareChange, aliases });
  const rows: ChangeRow[] = result.rows.map((r) => ({
    status: r.status,
    prev: side(prev, r.prevIndex),
    next: side(next, r.nextIndex),
    similarity: r.similarity,
    continues: r.continues,
    evidence: r.evidence,
  }));
  const refused: RefusedRow[] = result.refused.map((r) => ({
    prev: side(prev, r.prevIndex)!,
    next: side(next, r.nextIndex)!,
    similarity: r.similarity,
    contradiction: r.contradiction,
    definedBy: r.definedBy,
  }));
  return { prevYear: prev.year, nextYear: next.year, sharedKeys: keys.length, sharedTopics, rows, refused };
}

/**
 * How many segments have each status, every status present (0 when none): a split counts once for the
 * segment that splits, a merge once for the segment the others merge into.
 */
export function statusCounts(rows: readonly ChangeRow[]): Record<ChangeStatus, number> {
  const counts = Object.fromEntries(CHANGE_STATUSES.map((s) => [s, 0])) as Record<ChangeStatus, number>;
  const seen = new Set<string>();
  for (const row of rows) {
    const key = row.status === 'splits' ? `s${row.prev?.slug}` : row.status === 'merges' ? `m${row.next?.slug}` : null;
    if (key !== null) {
      if (seen.has(key)) continue;
      seen.add(key);
    }
    counts[row.status] += 1;
  }
  return counts;
}

/** "2 persist, 1 grows and 1 disappears": the non-zero counts in status order, for the page's lead sentence. */
export function describeCounts(rows: readonly ChangeRow[]): string {
  const verbs: Record<ChangeStatus, [string, string]> = {
    persists: ['persists', 'persist'],
    grows: ['grows', 'grow'],
    shrinks: ['shrinks', 'shrink'],
    splits: ['splits', 'split'],
    merges: ['is a merger', 'are mergers'],
    appears: ['appears', 'appear'],
    disappears: ['disappears', 'disappear'],
  };
  const counts = statusCounts(rows);
  const parts = CHANGE_STATUSES.filter((s) => counts[s] > 0).map(
    (s) => `${counts[s]} ${verbs[s][counts[s] === 1 ? 0 : 1]}`,
  );
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}
