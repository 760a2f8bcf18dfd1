/**
 * Respondents who answered nothing are not a segment. Part-way quitters and the survey's skip logic leave
 * some professionals with almost none of the clustered questions answered; the mixture then finds them as a
 * segment of their own, alike only in their blanks. This measures, per published segment, how many of the
 * clustered questions its members answered (a question is answered when any of its features is 1), against
 * all professionals, and names the blocks (question groups) the segment answered least. It counts answered
 * questions rather than skipped blocks: a respondent whom the skip logic took past the ML questions but who
 * answered the rest (the notebook's business-intelligence cluster) is not flagged.
 */
import type { Feature } from '../document/segmentation-schema.js';
import type { BinaryMatrix } from './embedding/types.js';

/** A segment is flagged when its members' median is below this share of the professionals' median. */
export const MIN_MEDIAN_SHARE = 0.5;

/** Per row of `matrix`, how many distinct questions of `features` it answered. */
export function answeredQuestions(matrix: BinaryMatrix, features: readonly Pick<Feature, 'question'>[]): Int32Array {
  const questionIndex = new Map<string, number>();
  const questionOf = Int32Array.from(features, (f) => {
    if (!questionIndex.has(f.question)) questionIndex.set(f.question, questionIndex.size);
    return questionIndex.get(f.question)!;
  });
  const answered = new Int32Array(matrix.rows);
  const seen = new Uint8Array(questionIndex.size);
  for (let r = 0; r < matrix.rows; r++) {
    seen.fill(0);
    let count = 0;
    const base = r * matrix.cols;
    for (let c = 0; c < matrix.cols; c++) {
      if (matrix.data[base + c] && !seen[questionOf[c]]) {
        seen[questionOf[c]] = 1;
        count++;
      }
    }
    answered[r] = count;
  }
  return answered;
}

export interface SegmentCompleteness {
  /** Published segment index. */
  segment: number;
  size: number;
  /** Median number of clustered questions its members answered. */
  median: number;
  /** median / the professionals' median. */
  share: number;
  /** The question groups whose answer rate (share answering any of its questions) falls most below the professionals'. */
  leastAnswered: { group: string; rate: number; overall: number }[];
  flagged: boolean;
}

export interface CompletenessReport {
  /** Clustered questions in all. */
  questions: number;
  /** Median over all professionals. */
  median: number;
  segments: SegmentCompleteness[];
}

/**
 * The completeness of each published segment. `segmentOfRow` gives each professional's published segment
 * index (rows of `matrix`); `segments` how many there are.
 */
export function completenessReport(
  matrix: BinaryMatrix,
  features: readonly Pick<Feature, 'question' | 'group'>[],
  segmentOfRow: ArrayLike<number>,
  segments: number,
): CompletenessReport {
  const answered = answeredQuestions(matrix, features);
  const overallMedian = median(Array.from(answered));
  const groups = [...new Set(features.map((f) => f.group))];
  const groupAnswered = groups.map((group) => {
    const columns = features.flatMap((f, c) => (f.group === group ? [c] : []));
    return Uint8Array.from({ length: matrix.rows }, (_, r) =>
      columns.some((c) => matrix.data[r * matrix.cols + c]) ? 1 : 0,
    );
  });
  const overallRate = groupAnswered.map((a) => mean(a));
  const result: SegmentCompleteness[] = [];
  for (let s = 0; s < segments; s++) {
    const rows = Array.from({ length: matrix.rows }, (_, r) => r).filter((r) => segmentOfRow[r] === s);
    if (rows.length === 0) continue;
    const segmentMedian = median(rows.map((r) => answered[r]));
    const share = overallMedian > 0 ? segmentMedian / overallMedian : 1;
    const leastAnswered = groups
      .map((group, g) => ({
        group,
        rate: round2(mean(rows.map((r) => groupAnswered[g][r]))),
        overall: round2(overallRate[g]),
      }))
      .filter((x) => x.rate < x.overall)
      .sort((a, b) => a.rate - a.overall - (b.rate - b.overall) || a.group.localeCompare(b.group))
      .slice(0, 2);
    result.push({
      segment: s,
      size: rows.length,
      median: segmentMedian,
      share: round2(share),
      leastAnswered,
      flagged: share < MIN_MEDIAN_SHARE,
    });
  }
  return { questions: new Set(features.map((f) => f.question)).size, median: overallMedian, segments: result };
}

/** The warning `segment` prints (and records) for a flagged segment. */
export function completenessWarning(report: CompletenessReport, s: SegmentCompleteness): string {
  const blocks = s.leastAnswered
    .map((b) => `${b.group} (${Math.round(b.rate * 100)}% answered any, professionals ${Math.round(b.overall * 100)}%)`)
    .join(', ');
  return (
    `segment ${s.segment} (${s.size} members) answered a median of ${s.median} of the ${report.questions} clustered questions, ` +
    `professionals ${report.median}: it may be made of non-answerers (part-way quitters or skip logic)${blocks ? `; least answered: ${blocks}` : ''}. ` +
    `A completeness rule (the professional rule's complete: { questions, minAnswered }) sets such respondents aside`
  );
}

/** One line for the run's progress output: the medians of every segment, in published order. */
export function completenessSummary(report: CompletenessReport): string {
  return `answered clustered questions (median of ${report.questions}): professionals ${report.median}; segments ${report.segments.map((s) => `${s.segment}:${s.median}`).join(' ')}`;
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function mean(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  return values.length ? sum / values.length : 0;
}

const round2 = (x: number) => Math.round(x * 100) / 100;
