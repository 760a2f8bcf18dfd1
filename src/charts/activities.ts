/**
 * The notebook's work-activity table (`centers_lift.filter(like='Q23')` styled with PiYG): the lift of
 * each work-activity answer in each segment, diverging colors centered at zero, the value in each cell.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Feature, QuestionInfo, SegmentResult } from '../../scripts/document/segmentation-schema.js';
import { DIVERGING_SCHEME } from './colors.js';
import { featureIndexById, findQuestion, round, segmentName, segmentsInOrder, uniqueLabels } from './data.js';
import { points } from './format.js';
import type { ChartTable } from './table.js';
import { VEGA_LITE_SCHEMA } from './theme.js';

/** What the work-activity table draws: the work-activity question's answers and each segment's lift and rates. */
export interface WorkActivityChartInput {
  questions: readonly QuestionInfo[];
  features: readonly Pick<Feature, 'id'>[];
  /** Code of the work-activity question. */
  workActivities: string;
  segments: readonly Pick<SegmentResult, 'index' | 'lift' | 'rates'>[];
}

export interface ActivityCell {
  segment: number;
  name: string;
  answer: string;
  /** Position of the answer in the question. */
  answerOrder: number;
  lift: number;
  segmentRate: number;
}

/** Cells by segment (published order), then answer (question order); answers without a feature are skipped. */
export function workActivityCells(doc: WorkActivityChartInput, names?: readonly string[]): ActivityCell[] {
  const question = findQuestion(doc, doc.workActivities);
  const featureIndex = featureIndexById(doc);
  const answers = uniqueLabels(question.answers.map((a) => a.label));
  const columns = question.answers.flatMap((a, j) =>
    featureIndex.has(a.id) ? [{ answer: answers[j], order: j, feature: featureIndex.get(a.id)! }] : [],
  );
  const segments = segmentsInOrder(doc);
  const labels = uniqueLabels(segments.map((s) => segmentName(names, s.index)));
  return segments.flatMap((s, k) =>
    columns.map((c) => ({
      segment: s.index,
      name: labels[k],
      answer: c.answer,
      answerOrder: c.order,
      lift: s.lift[c.feature],
      segmentRate: s.rates[c.feature],
    })),
  );
}

/** Wrap a long answer into lines of about `width` characters for the axis (Vega draws arrays as lines). */
function wrapExpr(width: number): string {
  return `split(trim(replace(datum.label, regexp('(.{1,${width}})(\\\\s+|$)', 'g'), '$1\\n')), '\\n')`;
}

export function workActivitySpec(doc: WorkActivityChartInput, names?: readonly string[]): TopLevelSpec {
  const cells = workActivityCells(doc, names);
  const extent = round(Math.max(0.05, ...cells.map((c) => Math.abs(c.lift))) * 100, 2);
  const strong = round(extent * 0.6, 2);
  return {
    $schema: VEGA_LITE_SCHEMA,
    description: workActivityTable(doc, names).alt,
    // narrow.ts turns this table for phones (answers as rows).
    usermeta: { narrow: 'heatmap' },
    // Lift in percentage points (the site's one unit for lift), the rate in percent.
    data: {
      values: cells.map((c) => ({
        ...c,
        lift: round(c.lift * 100, 2),
        segmentRate: round(c.segmentRate * 100, 2),
        liftText: points(c.lift),
      })),
    },
    width: { step: 96 },
    height: { step: 30 },
    encoding: {
      y: { field: 'name', type: 'nominal', sort: [...new Set(cells.map((c) => c.name))], axis: { title: null } },
      x: {
        field: 'answer',
        type: 'nominal',
        sort: [...new Set(cells.map((c) => c.answer))],
        // Bottom axis: wrapped labels grow downwards from the top baseline, away from the cells.
        axis: {
          title: null,
          orient: 'bottom',
          labelAngle: 0,
          labelAlign: 'center',
          labelBaseline: 'top',
          labelExpr: wrapExpr(16),
          labelLineHeight: 14,
          domain: false,
          ticks: false,
        },
      },
    },
    layer: [
      {
        mark: { type: 'rect' },
        encoding: {
          color: {
            field: 'lift',
            type: 'quantitative',
            scale: { scheme: DIVERGING_SCHEME, domain: [-extent, extent], domainMid: 0 },
            legend: { title: 'Lift (points)', format: '+d', orient: 'bottom' },
          },
          tooltip: [
            { field: 'name', type: 'nominal', title: 'Segment' },
            { field: 'answer', type: 'nominal', title: 'Work activity' },
            { field: 'liftText', type: 'nominal', title: 'Lift' },
            { field: 'segmentRate', type: 'quantitative', title: 'Segment rate (%)', format: '.1f' },
          ],
        },
      },
      {
        mark: { type: 'text', fontSize: 12 },
        encoding: {
          text: { field: 'lift', type: 'quantitative', format: '+.0f' },
          // Cell text is dark on the pale middle of the ramp and white on its saturated ends, whatever the theme.
          color: { condition: { test: `abs(datum.lift) >= ${strong}`, value: '#ffffff' }, value: '#1f2328' },
        },
      },
    ],
  };
}

export function workActivityTable(doc: WorkActivityChartInput, names?: readonly string[]): ChartTable {
  const cells = workActivityCells(doc, names);
  const question = findQuestion(doc, doc.workActivities);
  const answers = [...new Set(cells.map((c) => c.answer))];
  const segmentNames = [...new Set(cells.map((c) => c.name))];
  const top = cells.reduce((a, b) => (b.lift > a.lift ? b : a), cells[0]);
  const alt =
    `Table of the lift of each "${question.label}" answer in each of ${segmentNames.length} segments` +
    (top ? `; the largest is "${top.answer}" in "${top.name}" (${points(top.lift)}).` : '.');
  return {
    alt,
    columns: ['segment', ...answers],
    rows: segmentNames.map((name) => [name, ...cells.filter((c) => c.name === name).map((c) => round(c.lift))]),
  };
}
