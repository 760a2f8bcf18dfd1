/**
 * The segment profile figure of the notebook (`plot_segment_qs`): the answers with the highest lift in a
 * segment, with the overall response rate beside the lift, each on its own labelled scale, colored by
 * question group; highest lift at the top. Lift is in percentage points, as everywhere on the site.
 */
import type { TopLevelSpec } from 'vega-lite';
import { QUESTION_GROUPS, type QuestionGroup } from '../../scripts/config/schema.js';
import type { Feature, QuestionInfo } from '../../scripts/document/segmentation-schema.js';
import { groupColor } from './colors.js';
import { findQuestion, findSegment, firstWords, round, segmentName, uniqueLabels } from './data.js';
import { formatPoints, percent, points } from './format.js';
import type { ChartTable } from './table.js';
import { VEGA_LITE_SCHEMA } from './theme.js';

/**
 * What the lift chart draws: the answers, the rates lift is measured against (`overall`) and each cluster's
 * rates and lift, aligned with the answers. A year's segmentation document is one (its segments against all
 * professionals); a segment's sub-segments are another (its parts as the clusters, the segment's rates as
 * the base; see src/lib/charts.ts).
 */
export interface LiftChartInput {
  features: readonly Pick<Feature, 'id' | 'question' | 'label' | 'group'>[];
  /** The questions' short labels, by code. */
  questions: readonly Pick<QuestionInfo, 'code' | 'label'>[];
  overall: { readonly rates: readonly number[] };
  segments: readonly LiftCluster[];
}

/** One segment or sub-segment: its index (as names are given) and its rates and lift per answer. */
export interface LiftCluster {
  index: number;
  rates: readonly number[];
  lift: readonly number[];
}

export interface LiftRow {
  /** 1 = highest lift. */
  rank: number;
  featureId: string;
  question: string;
  /** "short question label: first five words of the answer", unique within the rows. */
  label: string;
  /** Full answer text. */
  answer: string;
  group: QuestionGroup;
  lift: number;
  /** Response rate over all clustered professionals. */
  overall: number;
  /** Response rate within the segment (overall + lift). */
  segmentRate: number;
}

/** The `top` features with the highest lift in a segment, highest first (ties: column order). */
export function liftChartRows(doc: LiftChartInput, segmentIndex: number, top = 15): LiftRow[] {
  const segment = findSegment(doc, segmentIndex);
  const order = doc.features.map((_, i) => i).sort((a, b) => segment.lift[b] - segment.lift[a] || a - b);
  const picked = order.slice(0, Math.max(0, top));
  const labels = uniqueLabels(
    picked.map((i) => `${findQuestion(doc, doc.features[i].question).label}: ${firstWords(doc.features[i].label, 5)}`),
  );
  return picked.map((i, k) => ({
    rank: k + 1,
    featureId: doc.features[i].id,
    question: doc.features[i].question,
    label: labels[k],
    answer: doc.features[i].label,
    group: doc.features[i].group,
    lift: segment.lift[i],
    overall: doc.overall.rates[i],
    segmentRate: segment.rates[i],
  }));
}

export interface LiftChartOptions {
  /** Number of answers shown (notebook: 15). */
  top?: number;
  /** Segment display names by segment index (for the title and alt text). */
  names?: readonly string[];
  /** Plot width in pixels, without labels. */
  width?: number;
  /** Show the question-group legend (default true). */
  legend?: boolean;
  /**
   * What the lift is measured against: all professionals (a segment's chart, the default) or the segment
   * (a sub-segment's chart, whose input holds the segment's rates as overall rates).
   */
  baseline?: 'professionals' | 'segment';
}

const BASELINE_TEXT = {
  professionals: {
    overallAxis: '% of all professionals',
    base: 'overall rate',
    own: 'segment rate',
    against: 'all professionals',
    unit: 'segment',
  },
  segment: {
    overallAxis: '% of the segment',
    base: 'segment rate',
    own: 'sub-segment rate',
    against: 'the whole segment',
    unit: 'sub-segment',
  },
} as const;

/** Width of the overall-rate panel; the lift panel gets `width`. */
const OVERALL_WIDTH = 120;

function colorScale(rows: LiftRow[]): { domain: string[]; range: string[] } {
  const present = new Set(rows.map((r) => r.group));
  const groups = QUESTION_GROUPS.filter((g) => present.has(g));
  return { domain: [...groups], range: groups.map((g) => groupColor(g)) };
}

function values(rows: LiftRow[]) {
  return rows.map((r) => ({
    label: r.label,
    answer: r.answer,
    group: r.group,
    // Both measures in percentage points: a rate of 0.42 is 42 points, as is a lift of +0.42.
    overall: round(r.overall * 100, 2),
    lift: round(r.lift * 100, 2),
    segmentRate: round(r.segmentRate * 100, 2),
    liftText: points(r.lift),
    liftShort: formatPoints(r.lift),
  }));
}

/**
 * The lift chart of one segment as a Vega-Lite spec (data inlined): two panels on the same rows, the
 * overall rate on its own scale to the left and the lift in points to the right, one color per question
 * group with one legend of groups.
 */
export function liftChartSpec(doc: LiftChartInput, segmentIndex: number, options: LiftChartOptions = {}): TopLevelSpec {
  const { top = 15, names, width = 320, legend = true, baseline = 'professionals' } = options;
  const rows = liftChartRows(doc, segmentIndex, top);
  const text = BASELINE_TEXT[baseline];
  const y = { field: 'label', type: 'nominal', sort: rows.map((r) => r.label), axis: { title: null } } as const;
  const color = {
    field: 'group',
    type: 'nominal',
    scale: colorScale(rows),
    legend: legend ? { title: 'Question group', orient: 'bottom', direction: 'horizontal', columns: 0 } : null,
  } as const;
  const tooltip = [
    { field: 'answer', type: 'nominal', title: 'Answer' },
    { field: 'group', type: 'nominal', title: 'Group' },
    { field: 'overall', type: 'quantitative', title: `${capitalize(text.base)} (%)`, format: '.1f' },
    { field: 'segmentRate', type: 'quantitative', title: `${capitalize(text.own)} (%)`, format: '.1f' },
    { field: 'liftText', type: 'nominal', title: 'Lift' },
  ];
  return {
    $schema: VEGA_LITE_SCHEMA,
    description: liftChartTable(doc, segmentIndex, { top, names, baseline }).alt,
    data: { values: values(rows) },
    spacing: 12,
    hconcat: [
      {
        width: OVERALL_WIDTH,
        height: { step: 22 },
        mark: { type: 'bar' },
        encoding: {
          y,
          x: {
            field: 'overall',
            type: 'quantitative',
            scale: { domain: [0, 100] },
            axis: { title: capitalize(text.base), labelExpr: "datum.value + '%'", tickCount: 2 },
          },
          color,
          tooltip,
        },
      },
      {
        width,
        height: { step: 22 },
        layer: [
          {
            mark: { type: 'bar' },
            encoding: {
              y: { ...y, axis: null },
              x: {
                field: 'lift',
                type: 'quantitative',
                axis: {
                  title: 'Lift (points above the overall rate)',
                  labelExpr: "(datum.value > 0 ? '+' : '') + datum.value",
                },
              },
              color,
              tooltip,
            },
          },
          {
            mark: { type: 'text', align: 'left', baseline: 'middle', dx: 3, fontSize: 11 },
            encoding: {
              y: { ...y, axis: null },
              x: { field: 'lift', type: 'quantitative' },
              text: { field: 'liftShort', type: 'nominal' },
            },
          },
        ],
      },
    ],
  } as TopLevelSpec;
}

/** Table and one-sentence alt text of the lift chart. */
export function liftChartTable(
  doc: LiftChartInput,
  segmentIndex: number,
  options: { top?: number; names?: readonly string[]; baseline?: 'professionals' | 'segment' } = {},
): ChartTable {
  const rows = liftChartRows(doc, segmentIndex, options.top ?? 15);
  const name = segmentName(options.names, segmentIndex);
  const text = BASELINE_TEXT[options.baseline ?? 'professionals'];
  const first = rows[0];
  const alt = first
    ? `Bar chart of the ${rows.length} answers chosen most above average in ${text.unit} "${name}"; the top one, ` +
      `"${first.label}", is chosen by ${percent(first.segmentRate, 0)} of the ${text.unit} against ${percent(first.overall, 0)} of ${text.against}.`
    : `Bar chart of answers by lift in ${text.unit} "${name}" (no answers to show).`;
  return {
    alt,
    columns: ['rank', 'question', 'answer', 'group', text.base, text.own, 'lift'],
    rows: rows.map((r) => [
      r.rank,
      findQuestion(doc, r.question).label,
      r.answer,
      r.group,
      round(r.overall),
      round(r.segmentRate),
      round(r.lift),
    ]),
  };
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
