/** Horizontal bars of segment sizes, in published order, labelled with the size and share. */
import type { TopLevelSpec } from 'vega-lite';
import type { Segmentation, SegmentResult } from '../../scripts/document/segmentation-schema.js';
import { round, segmentName, segmentsInOrder, uniqueLabels } from './data.js';
import { percent } from './format.js';
import type { ChartTable } from './table.js';
import { VEGA_LITE_SCHEMA } from './theme.js';

/** What the sizes chart draws: each segment's size and shares, and the professionals they divide. */
export interface SizesChartInput {
  segments: readonly Pick<SegmentResult, 'index' | 'size' | 'share' | 'newToMLShare'>[];
  counts: Pick<Segmentation['counts'], 'professionals'>;
}

export interface SizeRow {
  segment: number;
  name: string;
  size: number;
  /** size / professionals clustered. */
  share: number;
  newToMLShare: number;
}

export function segmentSizeRows(doc: SizesChartInput, names?: readonly string[]): SizeRow[] {
  const segments = segmentsInOrder(doc);
  const labels = uniqueLabels(segments.map((s) => segmentName(names, s.index)));
  return segments.map((s, i) => ({
    segment: s.index,
    name: labels[i],
    size: s.size,
    share: s.share,
    newToMLShare: s.newToMLShare,
  }));
}

export function segmentSizesSpec(doc: SizesChartInput, names?: readonly string[]): TopLevelSpec {
  const rows = segmentSizeRows(doc, names);
  return {
    $schema: VEGA_LITE_SCHEMA,
    description: segmentSizesTable(doc, names).alt,
    data: {
      values: rows.map((r) => ({
        ...r,
        share: round(r.share),
        newToMLShare: round(r.newToMLShare),
        text: `${r.size.toLocaleString('en-US')} (${percent(r.share, 0)})`,
      })),
    },
    width: 360,
    height: { step: 24 },
    encoding: {
      y: { field: 'name', type: 'nominal', sort: rows.map((r) => r.name), axis: { title: null } },
      x: { field: 'size', type: 'quantitative', axis: { title: 'Professionals in the segment', format: ',d' } },
      tooltip: [
        { field: 'name', type: 'nominal', title: 'Segment' },
        { field: 'size', type: 'quantitative', title: 'Size', format: ',d' },
        { field: 'share', type: 'quantitative', title: 'Share of professionals', format: '.1%' },
        { field: 'newToMLShare', type: 'quantitative', title: 'New to ML', format: '.0%' },
      ],
    },
    layer: [
      { mark: { type: 'bar', color: '#4c78a8' } },
      {
        mark: { type: 'text', align: 'left', baseline: 'middle', dx: 4 },
        encoding: { text: { field: 'text', type: 'nominal' } },
      },
    ],
  };
}

export function segmentSizesTable(doc: SizesChartInput, names?: readonly string[]): ChartTable {
  const rows = segmentSizeRows(doc, names);
  const largest = rows.reduce((a, b) => (b.size > a.size ? b : a));
  return {
    alt:
      `Bar chart of the sizes of ${rows.length} segments of ${doc.counts.professionals.toLocaleString('en-US')} professionals; ` +
      `the largest is "${largest.name}" with ${largest.size.toLocaleString('en-US')} (${percent(largest.share, 0)}).`,
    columns: ['segment', 'size', 'share of professionals', 'share new to ML'],
    rows: rows.map((r) => [r.name, r.size, round(r.share), round(r.newToMLShare)]),
  };
}
