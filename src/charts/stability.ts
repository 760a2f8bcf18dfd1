/**
 * Each segment's stability over the re-runs (Hennig's mean Jaccard overlap), as dots on a 0-1 scale with
 * the thresholds that name the classes drawn as rules, each class's name written over its band. Segments whose stability was not measured (merged
 * ones, or a run without re-runs) are left out of the chart and say so in the table.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Segmentation, SegmentResult } from '../../scripts/document/segmentation-schema.js';
import { STABILITY_THRESHOLDS } from '../../scripts/document/stability-thresholds.js';
import { round, segmentName, segmentsInOrder, uniqueLabels } from './data.js';
import type { ChartTable } from './table.js';
import { VEGA_LITE_SCHEMA } from './theme.js';

/** What a reader sees for each class (badge text). */
export const STABILITY_LABELS = {
  stable: 'Stable',
  pattern: 'A pattern',
  weak: 'Weak',
  dissolved: 'Dissolves',
} as const;
const CLASS_COLORS = { stable: '#2e7d32', pattern: '#4c78a8', weak: '#b26a00', dissolved: '#c62828' } as const;

/** What the stability chart draws: each segment's stability, the number of re-runs and the thresholds. */
export interface StabilityChartInput {
  segments: readonly Pick<SegmentResult, 'index' | 'stability'>[];
  stability: Pick<NonNullable<Segmentation['stability']>, 'runs' | 'thresholds'> | null;
}

export interface StabilityRow {
  segment: number;
  name: string;
  jaccard: number | null;
  class: keyof typeof STABILITY_LABELS | null;
  found: number | null;
  core: number | null;
}

export function stabilityRows(doc: StabilityChartInput, names?: readonly string[]): StabilityRow[] {
  const segments = segmentsInOrder(doc);
  const labels = uniqueLabels(segments.map((s) => segmentName(names, s.index)));
  return segments.map((s, i) => ({
    segment: s.index,
    name: labels[i],
    jaccard: s.stability?.jaccard ?? null,
    class: s.stability?.class ?? null,
    found: s.stability?.found ?? null,
    core: s.stability?.core ?? null,
  }));
}

export function stabilitySpec(doc: StabilityChartInput, names?: readonly string[]): TopLevelSpec {
  const rows = stabilityRows(doc, names);
  const runs = doc.stability?.runs ?? 0;
  const t = doc.stability?.thresholds ?? STABILITY_THRESHOLDS;
  const measured = rows.filter((r) => r.jaccard !== null);
  return {
    $schema: VEGA_LITE_SCHEMA,
    description: stabilityTable(doc, names).alt,
    width: 360,
    height: { step: 24 },
    layer: [
      {
        data: { values: [t.dissolved, t.pattern, t.stable].map((x) => ({ x })) },
        mark: { type: 'rule', strokeDash: [3, 3], color: '#888' },
        encoding: { x: { field: 'x', type: 'quantitative' } },
      },
      // Each class's name over its band, so the rules say what they divide (the legend alone did not).
      {
        data: { values: thresholdBands(t) },
        mark: { type: 'text', baseline: 'bottom', dy: -6, fontSize: 11 },
        encoding: { x: { field: 'middle', type: 'quantitative' }, y: { value: 0 }, text: { field: 'label' } },
      },
      {
        data: {
          values: measured.map((r) => ({
            name: r.name,
            jaccard: round(r.jaccard!),
            class: STABILITY_LABELS[r.class!],
            found: `${r.found} of ${runs}`,
            core: round(r.core!),
          })),
        },
        mark: { type: 'point', filled: true, size: 90 },
        encoding: {
          y: { field: 'name', type: 'nominal', sort: rows.map((r) => r.name), axis: { title: null } },
          x: {
            field: 'jaccard',
            type: 'quantitative',
            scale: { domain: [0, 1] },
            axis: { title: 'Stability (mean overlap with its match in each re-run)', format: '.0%' },
          },
          color: {
            field: 'class',
            type: 'nominal',
            scale: { domain: Object.values(STABILITY_LABELS), range: Object.values(CLASS_COLORS) },
            legend: { title: null, orient: 'bottom' },
          },
          shape: {
            field: 'class',
            type: 'nominal',
            scale: { domain: Object.values(STABILITY_LABELS), range: ['circle', 'square', 'triangle-up', 'cross'] },
            legend: { title: null, orient: 'bottom' },
          },
          tooltip: [
            { field: 'name', type: 'nominal', title: 'Segment' },
            { field: 'jaccard', type: 'quantitative', title: 'Stability', format: '.0%' },
            { field: 'class', type: 'nominal', title: 'Reading' },
            { field: 'found', type: 'nominal', title: 'Found in re-runs' },
            { field: 'core', type: 'quantitative', title: 'Members who stay together', format: '.0%' },
          ],
        },
      },
    ],
  };
}

/** The four classes' bands on the 0-1 scale, by their thresholds, with each band's middle for its label. */
export function thresholdBands(t: {
  stable: number;
  pattern: number;
  dissolved: number;
}): { label: string; from: number; to: number; middle: number }[] {
  const bands = [
    { label: STABILITY_LABELS.dissolved, from: 0, to: t.dissolved },
    { label: STABILITY_LABELS.weak, from: t.dissolved, to: t.pattern },
    { label: STABILITY_LABELS.pattern, from: t.pattern, to: t.stable },
    { label: STABILITY_LABELS.stable, from: t.stable, to: 1 },
  ];
  return bands.map((b) => ({ ...b, middle: round((b.from + b.to) / 2) }));
}

export function stabilityTable(doc: StabilityChartInput, names?: readonly string[]): ChartTable {
  const rows = stabilityRows(doc, names);
  const runs = doc.stability?.runs ?? 0;
  const measured = rows.filter((r) => r.class !== null);
  const count = (c: StabilityRow['class']) => measured.filter((r) => r.class === c).length;
  return {
    alt:
      `Dot chart of how stable each of ${rows.length} segments is over ${runs} re-runs with other seeds: ` +
      `${count('stable')} stable, ${count('pattern')} a pattern, ${count('weak')} weak, ${count('dissolved')} dissolving.`,
    columns: ['segment', 'stability', 'reading', 'found in re-runs', 'share of members who stay together'],
    rows: rows.map((r) => [
      r.name,
      r.jaccard,
      r.class ? STABILITY_LABELS[r.class] : 'not measured',
      r.found === null ? null : `${r.found} of ${runs}`,
      r.core,
    ]),
  };
}
