/**
 * Dumbbell chart of segment shares in two survey years: one row per segment, a dot per year it exists in,
 * joined by a line when last year's segment matches this year's. Appearing segments have only this year's
 * dot, disappearing ones only last year's.
 */
import type { TopLevelSpec } from 'vega-lite';
import { round, uniqueLabels } from './data.js';
import { percent } from './format.js';
import type { ChartTable } from './table.js';
import { VEGA_LITE_SCHEMA } from './theme.js';

/** One segment's row; shares are fractions of each year's professionals. */
export interface ChangesChartRow {
  prevName: string | null;
  nextName: string | null;
  status: string;
  prevSize: number | null;
  nextSize: number | null;
  prevShare: number | null;
  nextShare: number | null;
  similarity: number | null;
}

export interface ChangesChartInput {
  prevYear: number;
  nextYear: number;
  rows: ChangesChartRow[];
}

/** Dot colors of the earlier and the later year (Tableau blue and orange, readable on both themes). */
export const YEAR_COLORS = ['#4c78a8', '#f58518'] as const;

/** Row labels: this year's name, or last year's for a segment that disappeared; repeats made unique. */
export function changesLabels(input: ChangesChartInput): string[] {
  return uniqueLabels(input.rows.map((r) => r.nextName ?? `${r.prevName ?? 'Segment'} (gone)`));
}

export interface ChangesPoint {
  label: string;
  year: string;
  share: number;
  status: string;
}

/** One dot per segment and year it exists in, in row order, earlier year first. */
export function changesPoints(input: ChangesChartInput): ChangesPoint[] {
  const labels = changesLabels(input);
  return input.rows.flatMap((r, i) => [
    ...(r.prevShare === null
      ? []
      : [{ label: labels[i], year: String(input.prevYear), share: round(r.prevShare), status: r.status }]),
    ...(r.nextShare === null
      ? []
      : [{ label: labels[i], year: String(input.nextYear), share: round(r.nextShare), status: r.status }]),
  ]);
}

export function changesSpec(input: ChangesChartInput): TopLevelSpec {
  const labels = changesLabels(input);
  const lines = input.rows
    .map((r, i) => ({ r, label: labels[i] }))
    .filter(({ r }) => r.prevShare !== null && r.nextShare !== null)
    .map(({ r, label }) => ({ label, from: round(r.prevShare!), to: round(r.nextShare!) }));
  const years = [String(input.prevYear), String(input.nextYear)];
  const y = { field: 'label', type: 'nominal', sort: labels, axis: { title: null } } as const;
  return {
    $schema: VEGA_LITE_SCHEMA,
    description: changesTable(input).alt,
    width: 360,
    height: { step: 26 },
    layer: [
      {
        data: { values: lines },
        mark: { type: 'rule', strokeWidth: 2, opacity: 0.6 },
        encoding: { y, x: { field: 'from', type: 'quantitative' }, x2: { field: 'to' } },
      },
      {
        data: { values: changesPoints(input) },
        mark: { type: 'point', filled: true, size: 90, opacity: 1 },
        encoding: {
          y,
          x: {
            field: 'share',
            type: 'quantitative',
            axis: { title: 'Share of professionals', format: '.0%' },
            scale: { zero: true },
          },
          color: {
            field: 'year',
            type: 'nominal',
            scale: { domain: years, range: [...YEAR_COLORS] },
            legend: { title: 'Survey year', orient: 'top' },
          },
          shape: { field: 'year', type: 'nominal', scale: { domain: years, range: ['circle', 'diamond'] } },
          tooltip: [
            { field: 'label', type: 'nominal', title: 'Segment' },
            { field: 'year', type: 'nominal', title: 'Year' },
            { field: 'share', type: 'quantitative', title: 'Share of professionals', format: '.1%' },
            { field: 'status', type: 'nominal', title: 'Change' },
          ],
        },
      },
    ],
  };
}

export function changesTable(input: ChangesChartInput): ChartTable {
  const { prevYear, nextYear, rows } = input;
  const matched = rows.filter((r) => r.prevShare !== null && r.nextShare !== null);
  const moved =
    matched.length > 0
      ? matched.reduce((a, b) =>
          Math.abs(b.nextShare! - b.prevShare!) > Math.abs(a.nextShare! - a.prevShare!) ? b : a,
        )
      : null;
  const alt =
    `Dot plot of segment shares of professionals in ${prevYear} and ${nextYear}: ${matched.length} segments found in both years, ` +
    `${rows.filter((r) => r.prevShare === null).length} new in ${nextYear}, ${rows.filter((r) => r.nextShare === null).length} gone since ${prevYear}` +
    (moved
      ? `; the largest move is "${moved.nextName}", from ${percent(moved.prevShare!, 0)} to ${percent(moved.nextShare!, 0)}.`
      : '.');
  return {
    alt,
    columns: [
      `segment in ${prevYear}`,
      `segment in ${nextYear}`,
      'change',
      `size ${prevYear}`,
      `share ${prevYear}`,
      `size ${nextYear}`,
      `share ${nextYear}`,
      'similarity',
    ],
    rows: rows.map((r) => [
      r.prevName,
      r.nextName,
      r.status,
      r.prevSize,
      r.prevShare === null ? null : round(r.prevShare),
      r.nextSize,
      r.nextShare === null ? null : round(r.nextShare),
      r.similarity === null ? null : round(r.similarity, 2),
    ]),
  };
}
