/**
 * The notebook's profile charts (`stacked_bar_cluster`, `plot_job_titles`): one normalized stacked bar per
 * segment for a profile question, segments in published order (ascending share new to ML), answers
 * stacked and colored in the question's own order.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Breakdown, QuestionInfo, SegmentResult } from '../../scripts/document/segmentation-schema.js';
import { TABLEAU20 } from './colors.js';
import { findQuestion, OVERALL_NAME, round, segmentName, segmentsInOrder, uniqueLabels } from './data.js';
import { percent } from './format.js';
import type { ChartTable } from './table.js';
import { VEGA_LITE_SCHEMA } from './theme.js';

/** What a breakdown chart draws: the questions' answers and the counts per answer, overall and per segment. */
export interface BreakdownChartInput {
  questions: readonly QuestionInfo[];
  overall: { readonly breakdowns: Readonly<Record<string, Breakdown>> };
  segments: readonly Pick<SegmentResult, 'index' | 'breakdowns'>[];
}

export interface BreakdownOptions {
  /** Segment indices to show (default: all, in published order). A segment page passes `[index]`. */
  segments?: readonly number[];
  /** Segment display names by segment index. */
  names?: readonly string[];
  /** Add an "All professionals" bar first (default true). */
  includeOverall?: boolean;
}

export interface BreakdownRow {
  /** Bar label: a segment name or "All professionals". */
  bar: string;
  /** Segment index, -1 for all professionals. */
  segment: number;
  answer: string;
  /** Position of the answer in the question's order. */
  answerOrder: number;
  count: number;
  /** count / answered members of the bar (unanswered excluded, as in the notebook's plots). */
  share: number;
}

function barsOf(
  doc: BreakdownChartInput,
  code: string,
  options: BreakdownOptions,
): { label: string; segment: number; breakdown: Breakdown }[] {
  const wanted = options.segments ? new Set(options.segments) : null;
  const bars = segmentsInOrder(doc)
    .filter((s) => !wanted || wanted.has(s.index))
    .map((s) => ({ label: segmentName(options.names, s.index), segment: s.index, breakdown: s.breakdowns[code] }));
  if (options.includeOverall ?? true)
    bars.unshift({ label: OVERALL_NAME, segment: -1, breakdown: doc.overall.breakdowns[code] });
  const missing = bars.find((b) => !b.breakdown);
  if (missing)
    throw new Error(`charts: no breakdown of ${code} for ${missing.label}; only profile questions have breakdowns`);
  const labels = uniqueLabels(bars.map((b) => b.label));
  return bars.map((b, i) => ({ ...b, label: labels[i] }));
}

/** One row per bar and answer, bars in display order, answers in the question's order. */
export function breakdownRows(doc: BreakdownChartInput, code: string, options: BreakdownOptions = {}): BreakdownRow[] {
  const answers = uniqueLabels(findQuestion(doc, code).answers.map((a) => a.label));
  return barsOf(doc, code, options).flatMap((bar) => {
    const answered = bar.breakdown.counts.reduce((sum, c) => sum + c, 0);
    return answers.map((answer, j) => ({
      bar: bar.label,
      segment: bar.segment,
      answer,
      answerOrder: j,
      count: bar.breakdown.counts[j] ?? 0,
      share: answered > 0 ? (bar.breakdown.counts[j] ?? 0) / answered : 0,
    }));
  });
}

/**
 * Colors by answer over the answers that some bar has (no "Student" in a chart of professionals). Each
 * answer keeps its color from the question's full order, so a color means the same answer in every chart
 * of the question. Ordered answers take the theme's sequential range (config.range.ordinal): the dark
 * theme uses a lighter stretch of the ramp, whose darkest purple vanished on the dark page.
 */
function colorScale(question: QuestionInfo, present: ReadonlySet<string>) {
  const all = uniqueLabels(question.answers.map((a) => a.label));
  const domain = all.filter((a) => present.has(a));
  if (question.ordered) return { domain };
  const range = all.flatMap((a, j) => (present.has(a) ? [TABLEAU20[j % TABLEAU20.length]] : []));
  return { domain, range };
}

/** Stacked normalized bars of a profile question per segment (data inlined). */
export function breakdownSpec(doc: BreakdownChartInput, code: string, options: BreakdownOptions = {}): TopLevelSpec {
  const question = findQuestion(doc, code);
  const rows = breakdownRows(doc, code, options);
  const bars = [...new Set(rows.map((r) => r.bar))];
  const present = new Set(rows.filter((r) => r.count > 0).map((r) => r.answer));
  return {
    $schema: VEGA_LITE_SCHEMA,
    description: breakdownTable(doc, code, options).alt,
    data: { values: rows.filter((r) => present.has(r.answer)).map((r) => ({ ...r, share: round(r.share) })) },
    width: 420,
    height: { step: 26 },
    mark: { type: 'bar' },
    encoding: {
      y: { field: 'bar', type: 'nominal', sort: bars, axis: { title: null } },
      x: {
        field: 'share',
        type: 'quantitative',
        stack: 'zero',
        scale: { domain: [0, 1] },
        axis: { title: `Share of answers: ${question.label}`, format: '%', tickCount: 5 },
      },
      color: {
        field: 'answer',
        type: question.ordered ? 'ordinal' : 'nominal',
        scale: colorScale(question, present),
        // One column: two columns read across (1 2 / 3 4) and made long labels widen the whole chart.
        legend: { title: question.label, orient: 'bottom', columns: 1 },
      },
      order: { field: 'answerOrder', type: 'quantitative', sort: 'ascending' },
      tooltip: [
        { field: 'bar', type: 'nominal', title: 'Segment' },
        { field: 'answer', type: 'nominal', title: 'Answer' },
        { field: 'count', type: 'quantitative', title: 'Count', format: ',d' },
        { field: 'share', type: 'quantitative', title: 'Share', format: '.1%' },
      ],
    },
  };
}

/** Table (one row per bar; counts per answer, then unanswered) and one-sentence alt text. */
export function breakdownTable(doc: BreakdownChartInput, code: string, options: BreakdownOptions = {}): ChartTable {
  const question = findQuestion(doc, code);
  const rows = breakdownRows(doc, code, options);
  const bars = [...new Set(rows.map((r) => r.bar))];
  const missing = new Map(barsOf(doc, code, options).map((b) => [b.label, b.breakdown.missing]));
  const table = bars.map((bar) => [
    bar,
    ...rows.filter((r) => r.bar === bar).map((r) => r.count),
    missing.get(bar) ?? 0,
  ]);
  const top = rows.filter((r) => r.bar === bars[0]).reduce((a, b) => (b.share > a.share ? b : a), rows[0]);
  const alt =
    `Stacked bars of "${question.label}" answers for ${bars.length === 1 ? bars[0] : `${bars.length} groups`}` +
    (top ? `; the most common answer in ${top.bar} is "${top.answer}" (${percent(top.share, 0)}).` : '.');
  return { alt, columns: ['segment', ...uniqueLabels(question.answers.map((a) => a.label)), 'no answer'], rows: table };
}
