/**
 * Lineages across survey years as one slope chart: each lineage's share of professionals in each year it
 * has a segment, a line through the years, a point per segment. Hovering a line or point brings its lineage
 * forward; the table lists every segment of every lineage.
 */
import type { TopLevelSpec } from 'vega-lite';
import { round } from './data.js';
import { percent } from './format.js';
import type { ChartTable } from './table.js';
import { VEGA_LITE_SCHEMA } from './theme.js';

export interface SeriesChartInput {
  years: number[];
  lineages: {
    name: string;
    members: { year: number; title: string; share: number; size: number; status: string | null }[];
  }[];
}

export interface SeriesPoint {
  lineage: string;
  year: string;
  segment: string;
  share: number;
  change: string;
}

export function seriesPoints(input: SeriesChartInput): SeriesPoint[] {
  return input.lineages.flatMap((l) =>
    l.members.map((m) => ({
      lineage: l.name,
      year: String(m.year),
      segment: m.title,
      share: round(m.share),
      change: m.status ?? 'first seen',
    })),
  );
}

export function seriesSpec(input: SeriesChartInput): TopLevelSpec {
  const years = input.years.map(String);
  const hover = { param: 'hover', empty: true } as const;
  return {
    $schema: VEGA_LITE_SCHEMA,
    description: seriesTable(input).alt,
    width: 520,
    height: 360,
    data: { values: seriesPoints(input) },
    encoding: {
      x: {
        field: 'year',
        type: 'ordinal',
        sort: years,
        scale: { domain: years },
        axis: { title: 'Survey year', labelAngle: 0 },
      },
      y: {
        field: 'share',
        type: 'quantitative',
        axis: { title: 'Share of professionals', format: '.0%' },
        scale: { zero: true },
      },
      color: {
        field: 'lineage',
        type: 'nominal',
        scale: { scheme: 'tableau20' },
        legend: { title: 'Lineage', orient: 'right', labelLimit: 220 },
      },
      opacity: { condition: { ...hover, value: 1 }, value: 0.2 },
      tooltip: [
        { field: 'lineage', type: 'nominal', title: 'Lineage' },
        { field: 'year', type: 'nominal', title: 'Year' },
        { field: 'segment', type: 'nominal', title: 'Segment' },
        { field: 'share', type: 'quantitative', title: 'Share of professionals', format: '.1%' },
        { field: 'change', type: 'nominal', title: 'Change' },
      ],
    },
    layer: [
      { mark: { type: 'line', strokeWidth: 2.5 }, encoding: { detail: { field: 'lineage' } } },
      {
        mark: { type: 'point', filled: true, size: 70 },
        params: [
          { name: 'hover', select: { type: 'point', on: 'pointerover', fields: ['lineage'], clear: 'pointerout' } },
        ],
      },
    ],
  };
}

export function seriesTable(input: SeriesChartInput): ChartTable {
  const long = input.lineages.filter((l) => l.members.length > 1);
  const longest = long.reduce<SeriesChartInput['lineages'][number] | null>(
    (a, b) => (a === null || b.members.length > a.members.length ? b : a),
    null,
  );
  const alt =
    `Slope chart of ${input.lineages.length} segment lineages across the survey years ${input.years.join(', ')}: ` +
    `${long.length} found in more than one year` +
    (longest
      ? `; the longest, "${longest.name}", runs ${longest.members.map((m) => `${m.year} ${percent(m.share, 0)}`).join(', ')}.`
      : '.');
  return {
    alt,
    columns: ['lineage', 'year', 'segment', 'size', 'share', 'change'],
    rows: input.lineages.flatMap((l) =>
      l.members.map((m) => [l.name, m.year, m.title, m.size, round(m.share), m.status ?? 'first seen']),
    ),
  };
}
