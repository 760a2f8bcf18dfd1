/**
 * The catalogue's charts (charts.ts) rendered in both themes, once per build: each page that shows a chart,
 * its PNG route and its interactive view ask for the same chart, and the memo here renders it once. Under
 * it, src/charts/render-cache.ts keeps the SVGs on disk between builds.
 */
import type { TopLevelSpec } from 'vega-lite';
import { renderPng, renderSocialCard, renderSvg, type Theme } from '../charts/index.js';
import { type ChartDef, chartId } from './charts.js';
import type { YearModel } from './model.js';
import { prefixSvgIds, roundSvgNumbers, stripInnerAria, svgSize } from './svg.js';

/** PNG pixels per CSS pixel for raster charts (sharp on high-density screens). */
const RASTER_SCALE = 2;

export interface RenderedChart {
  light: string;
  dark: string;
  /** The narrow layout in both themes, when the chart has one. */
  narrow: { light: string; dark: string } | null;
  /** CSS pixel size of the chart (both themes have the same layout). */
  width: number;
  height: number;
}

/** Rendered charts by year and id (an id is unique within its year). */
const rendered = new Map<string, Promise<RenderedChart>>();

/** Both theme variants as inline-ready SVG (ids prefixed per chart and theme, numbers rounded). */
export function renderChart(year: number, chart: ChartDef): Promise<RenderedChart> {
  const key = `${year}/${chart.id}`;
  let hit = rendered.get(key);
  if (!hit) {
    // Ids inside the SVG are prefixed by chart, layout and theme, so that the variants on one page never clash.
    const one = async (spec: TopLevelSpec, id: string, theme: Theme) =>
      stripInnerAria(roundSvgNumbers(prefixSvgIds(await renderSvg(spec, theme), `${id}-${theme}`)));
    const narrow = chart.narrow;
    const narrowId = chartId.narrow(chart.id);
    hit = Promise.all([
      one(chart.spec, chart.id, 'light'),
      one(chart.spec, chart.id, 'dark'),
      narrow ? Promise.all([one(narrow, narrowId, 'light'), one(narrow, narrowId, 'dark')]) : null,
    ]).then(([light, dark, n]) => ({ light, dark, narrow: n && { light: n[0], dark: n[1] }, ...svgSize(light) }));
    rendered.set(key, hit);
  }
  return hit;
}

/** A raster chart as PNG in one theme, at RASTER_SCALE × its CSS size. */
export async function renderChartPng(year: number, chart: ChartDef, theme: Theme): Promise<Buffer> {
  const svgs = await renderChart(year, chart);
  return renderPng(svgs[theme], { width: Math.round(svgs.width * RASTER_SCALE), theme });
}

/** The social card of a segment page: its lift chart as a 1200×630 PNG. */
export function socialCard(model: YearModel, position: number): Promise<Buffer> {
  return renderSocialCard(model.view, position, { names: model.segments.map((s) => s.shortName) });
}
