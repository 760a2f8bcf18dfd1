/**
 * Small multiples of one topic's answers across survey years: a panel per answer, its share of all
 * professionals (a dark line) and within each lineage (thin lines, named on hover), over only the years
 * that asked the question.
 */
import type { TopLevelSpec } from 'vega-lite';
import { round } from './data.js';
import { percent } from './format.js';
import type { ChartTable } from './table.js';
import { VEGA_LITE_SCHEMA } from './theme.js';

export const ALL_PROFESSIONALS = 'All professionals';

export interface TrendChartInput {
  label: string;
  years: number[];
  answers: {
    label: string;
    overall: { year: number; share: number }[];
    lineages: { name: string; points: { year: number; share: number }[] }[];
  }[];
}

interface TrendValue {
  answer: string;
  series: string;
  kind: 'all' | 'lineage';
  year: string;
  share: number;
}

export function trendValues(input: TrendChartInput): TrendValue[] {
  return input.answers.flatMap((a) => [
    ...a.overall.map((p) => ({
      answer: a.label,
      series: ALL_PROFESSIONALS,
      kind: 'all' as const,
      year: String(p.year),
      share: round(p.share),
    })),
    ...a.lineages.flatMap((l) =>
      l.points.map((p) => ({
        answer: a.label,
        series: l.name,
        kind: 'lineage' as const,
        year: String(p.year),
        share: round(p.share),
      })),
    ),
  ]);
}

export function trendSpec(input: TrendChartInput): TopLevelSpec {
  const years = input.years.map(String);
  const x = {
    field: 'year',
    type: 'ordinal',
    sort: years,
    scale: { domain: years },
    axis: { title: null, labelAngle: 0 },
  } as const;
  const y = {
    field: 'share',
    type: 'quantitative',
    axis: { title: 'Share', format: '.0%' },
    scale: { zero: true },
  } as const;
  const tooltip = [
    { field: 'answer', type: 'nominal', title: 'Answer' },
    { field: 'series', type: 'nominal', title: 'Who' },
    { field: 'year', type: 'nominal', title: 'Year' },
    { field: 'share', type: 'quantitative', title: 'Share', format: '.1%' },
  ] as const;
  return {
    $schema: VEGA_LITE_SCHEMA,
    description: trendTable(input).alt,
    data: { values: trendValues(input) },
    facet: {
      field: 'answer',
      type: 'nominal',
      sort: input.answers.map((a) => a.label),
      header: { title: null, labelLimit: 170, labelFontSize: 11 },
    },
    columns: 4,
    spec: {
      width: 150,
      height: 90,
      layer: [
        {
          transform: [{ filter: "datum.kind === 'lineage'" }],
          mark: {
            type: 'line',
            strokeWidth: 1,
            opacity: 0.35,
            color: '#888888',
            point: { size: 12, filled: true, color: '#888888' },
          },
          encoding: { x, y, detail: { field: 'series' }, tooltip: [...tooltip] },
        },
        {
          transform: [{ filter: "datum.kind === 'all'" }],
          mark: {
            type: 'line',
            strokeWidth: 2.5,
            color: '#4c78a8',
            point: { size: 40, filled: true, color: '#4c78a8' },
          },
          encoding: { x, y, tooltip: [...tooltip] },
        },
      ],
    },
  };
}

export function trendTable(input: TrendChartInput): ChartTable {
  const moved = input.answers.reduce<TrendChartInput['answers'][number] | null>((best, a) => {
    const change = (x: TrendChartInput['answers'][number]) => Math.abs(x.overall.at(-1)!.share - x.overall[0].share);
    return best === null || change(a) > change(best) ? a : best;
  }, null);
  const alt =
    `Small multiples of ${input.answers.length} answers to "${input.label}" across ${input.years.join(', ')}, as shares of professionals` +
    (moved
      ? `; the largest move is "${moved.label}", from ${percent(moved.overall[0].share, 0)} in ${moved.overall[0].year} to ${percent(moved.overall.at(-1)!.share, 0)} in ${moved.overall.at(-1)!.year}.`
      : '.');
  return {
    alt,
    columns: ['answer', 'who', ...input.years.map((y) => `share ${y}`)],
    rows: input.answers.flatMap((a) =>
      [{ name: ALL_PROFESSIONALS, points: a.overall }, ...a.lineages].map((s) => [
        a.label,
        s.name,
        ...input.years.map((y) => {
          const p = s.points.find((q) => q.year === y);
          return p ? round(p.share) : null;
        }),
      ]),
    ),
  };
}
