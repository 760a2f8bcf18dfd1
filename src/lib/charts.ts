/**
 * The one place where the site meets src/charts/: which charts each page shows, under which id (the id
 * names the emitted spec, CSV, JSON and PNG files), and their rendering in both themes. Chart functions
 * take the merged view of the year (segment index = published position) and segment names by position.
 */
import type { TopLevelSpec } from 'vega-lite';
import {
  breakdownSpec,
  breakdownTable,
  changesSpec,
  changesTable,
  liftChartSpec,
  liftChartTable,
  mapSpec,
  mapTable,
  narrowSpec,
  segmentMapSpec,
  segmentMapTable,
  renderPng,
  renderSocialCard,
  seriesSpec,
  seriesTable,
  trendSpec,
  trendTable,
  type SeriesChartInput,
  type TrendChartInput,
  renderSvg,
  segmentSizesSpec,
  segmentSizesTable,
  stabilitySpec,
  stabilityTable,
  workActivitySpec,
  workActivityTable,
  type ChangesChartInput,
  type ChartTable,
  type Theme,
} from '../charts/index.js';
import type { Segmentation } from '../../scripts/document/segmentation-schema.js';
import type { Lineage } from './lineages.js';
import type { TopicTrend } from './trends.js';
import { PROFILE_ROLES, type ProfileRole } from '../../scripts/config/schema.js';
import { STATUS_TEXT, type YearComparison } from './changes.js';
import { generatedLabel, type SubSegmentation, type YearModel } from './model.js';
import { prefixSvgIds, roundSvgNumbers, stripInnerAria, svgSize } from './svg.js';
import { columnFormats, type ColumnFormat } from './table-format.js';

export { toCsv, toRecords, themeConfig } from '../charts/index.js';

export interface ChartDef {
  /** Unique within the year; file names of the downloads. */
  id: string;
  title: string;
  spec: TopLevelSpec;
  table: ChartTable;
  /** How numeric table columns read (rates as %, lifts as points). */
  formats: Record<string, ColumnFormat>;
  /**
   * Shown as PNG instead of inline SVG: the maps hold thousands of points, which would make pages of
   * megabytes as SVG. Both still have the table, downloads and the interactive view.
   */
  raster: boolean;
  /** The phone-width layout (src/charts/narrow.ts), shown by CSS in a narrow column; none for raster charts. */
  narrow: TopLevelSpec | null;
}


/** Profile roles shown as breakdowns on the overview, in this order (job role has its own section). */
export const OVERVIEW_BREAKDOWNS: ProfileRole[] = ['codingYears', 'mlYears', 'employerML', 'companySize', 'education', 'gender'];
/** Profile roles shown beside all professionals on a segment page (editors may show the others). */
export const SEGMENT_BREAKDOWNS: ProfileRole[] = ['role', 'codingYears', 'mlYears'];
const ALL_ROLES: readonly ProfileRole[] = PROFILE_ROLES;
export const LIFT_TOP = 15;
/** Points drawn on a segment page's locator map (the overview uses the charts' default). */
const LOCATOR_POINTS = 2500;
/** PNG pixels per CSS pixel for raster charts (sharp on high-density screens). */
const RASTER_SCALE = 2;

function def(id: string, title: string, spec: TopLevelSpec, table: ChartTable, options: { allLift?: boolean; raster?: boolean } = {}): ChartDef {
  const raster = options.raster ?? false;
  return { id, title, spec, table, formats: columnFormats(table.columns, options.allLift), raster, narrow: raster ? null : narrowSpec(spec) };
}

/** The profile question codes of `roles` that this year has (some years lack e.g. company size). */
export function profileCodes(view: Segmentation, roles: readonly ProfileRole[]): string[] {
  // Once each: 2017 asks one question (Tenure) for both codingYears and mlYears, and a chart id per code
  // twice made the build skip 48 colliding routes, with a warning each, and show the chart twice.
  return [...new Set(roles.map((r) => view.profile[r]).filter((c): c is string => typeof c === 'string' && view.overall.breakdowns[c] !== undefined))];
}

function names(model: YearModel): string[] {
  return model.segments.map((s) => s.shortName);
}

/** Captions name what a profile role means, whatever short label the year's config gave the question. */
const ROLE_TITLES: Record<ProfileRole, string> = {
  role: 'Job role',
  codingYears: 'Years writing code',
  mlYears: 'Years using machine learning',
  companySize: 'Company size',
  employerML: "Employer's use of machine learning",
  education: 'Education',
  gender: 'Gender',
};

function questionLabel(model: YearModel, code: string): string {
  const role = ALL_ROLES.find((r) => model.view.profile[r] === code);
  if (role) return ROLE_TITLES[role];
  const label = model.view.questions.find((q) => q.code === code)?.label ?? code;
  return label.charAt(0).toUpperCase() + label.slice(1);
}

const overviewCache = new WeakMap<YearModel, ChartDef[]>();

export function overviewCharts(model: YearModel): ChartDef[] {
  const hit = overviewCache.get(model);
  if (hit) return hit;
  const view = model.view;
  const n = names(model);
  const role = view.profile.role;
  const charts = [
    def('map', 'Map of all respondents by job role', mapSpec(view, { names: n }), mapTable(view, { names: n }), { raster: true }),
    ...(view.professionalMap ? [def('segment-map', 'The segments on the map of professionals', segmentMapSpec(view, { names: n }), segmentMapTable(view, { names: n }), { raster: true })] : []),
    def('sizes', 'Segment sizes', segmentSizesSpec(view, n), segmentSizesTable(view, n)),
    ...(view.stability ? [def('stability', 'How stable each segment is over re-runs', stabilitySpec(view, n), stabilityTable(view, n))] : []),
    def(`breakdown-${role}`, `${questionLabel(model, role)} per segment`, breakdownSpec(view, role, { names: n }), breakdownTable(view, role, { names: n })),
    ...profileCodes(view, OVERVIEW_BREAKDOWNS).map((code) =>
      def(`breakdown-${code}`, `${questionLabel(model, code)} per segment`, breakdownSpec(view, code, { names: n }), breakdownTable(view, code, { names: n })),
    ),
    def('work-activities', 'Work activities: lift per segment', workActivitySpec(view, n), workActivityTable(view, n), { allLift: true }),
  ];
  overviewCache.set(model, charts);
  return charts;
}

const segmentCache = new WeakMap<YearModel, Map<number, ChartDef[]>>();

export function segmentCharts(model: YearModel, position: number): ChartDef[] {
  const perModel = segmentCache.get(model) ?? new Map<number, ChartDef[]>();
  segmentCache.set(model, perModel);
  const hit = perModel.get(position);
  if (hit) return hit;
  const view = model.view;
  const n = names(model);
  const slug = model.segments[position].slug;
  const charts = [
    def(`${slug}-lift`, 'Answers chosen most above average', liftChartSpec(view, position, { top: LIFT_TOP, names: n }), liftChartTable(view, position, { top: LIFT_TOP, names: n })),
    ...profileCodes(view, ALL_ROLES).map((code) => {
      const options = { names: n, segments: [position] };
      return def(`${slug}-breakdown-${code}`, `${questionLabel(model, code)}: this segment and all professionals`, breakdownSpec(view, code, options), breakdownTable(view, code, options));
    }),
    ...subSegmentCharts(model, position),
    def(
      `${slug}-map`,
      'Position on the map',
      // Documents made before the professionals' layout highlight the member on the map of everyone.
      (view.professionalMap ? segmentMapSpec : mapSpec)(view, { names: n, highlightSegment: position, maxPoints: LOCATOR_POINTS }),
      (view.professionalMap ? segmentMapTable : mapTable)(view, { names: n, highlightSegment: position, maxPoints: LOCATOR_POINTS }),
      { raster: true },
    ),
  ];
  perModel.set(position, charts);
  return charts;
}

/** Id of a sub-segment's lift chart (its spec, CSV and JSON files): `<slug>-sub-1-lift` for sub-segment A. */
function subSegmentChartId(slug: string, part: number): string {
  return `${slug}-sub-${part + 1}-lift`;
}

export interface SubSegmentName {
  /** "Sub-segment A": what the page's anchors, the chart ids and the editors' prose can rely on. */
  letter: string;
  /** "Sub-segment A: SQL and Tableau". */
  title: string;
  /** "A. SQL and Tableau", for captions. */
  shortName: string;
}

/**
 * Sub-segments are named as segments without a summary are (model.ts's generatedLabel), from the answers
 * that set them apart within their segment, with their letter in front: "Sub-segment A: SQL and Tableau".
 */
export function subSegmentNames(model: YearModel, position: number): SubSegmentName[] {
  const { subSegments } = model.segments[position];
  if (!subSegments) return [];
  const view = subSegmentView(model.view, subSegments);
  return subSegments.parts.map((_, j) => {
    const letter = String.fromCharCode(65 + j);
    const label = generatedLabel(view, j);
    return { letter: `Sub-segment ${letter}`, title: label ? `Sub-segment ${letter}: ${label.label}` : `Sub-segment ${letter}`, shortName: label ? `${letter}. ${label.short}` : `Sub-segment ${letter}` };
  });
}

/** A sub-segmentation as the lift chart reads a year: its parts as the segments, the segment's rates as overall. */
function subSegmentView(view: Segmentation, sub: SubSegmentation): Segmentation {
  return {
    ...view,
    overall: { ...view.overall, rates: sub.baseRates },
    segments: sub.parts.map((part, j) => ({ ...view.segments[0], index: j, size: part.size, share: part.share, rates: part.rates, lift: part.lift, stability: part.stability })),
  };
}

/** One lift chart per sub-segment, lift against the segment, when the segment's summary asks for them. */
function subSegmentCharts(model: YearModel, position: number): ChartDef[] {
  const { slug, subSegments } = model.segments[position];
  if (!subSegments) return [];
  const view = subSegmentView(model.view, subSegments);
  const named = subSegmentNames(model, position);
  const names = named.map((n) => n.shortName);
  return subSegments.parts.map((_, j) => {
    const options = { top: LIFT_TOP, names, baseline: 'segment' as const };
    return def(subSegmentChartId(slug, j), `${named[j].title}: answers chosen most above the segment`, liftChartSpec(view, j, options), liftChartTable(view, j, options));
  });
}

export type SegmentChartKind = 'lift' | 'map' | { breakdown: string } | { subSegment: number };

export function segmentChart(model: YearModel, position: number, kind: SegmentChartKind): ChartDef {
  const slug = model.segments[position].slug;
  const id = kind === 'lift' || kind === 'map' ? `${slug}-${kind}` : 'subSegment' in kind ? subSegmentChartId(slug, kind.subSegment) : `${slug}-breakdown-${kind.breakdown}`;
  const chart = segmentCharts(model, position).find((c) => c.id === id);
  if (!chart) throw new Error(`no chart ${id} for ${model.year}`);
  return chart;
}

export function allCharts(model: YearModel): ChartDef[] {
  return [...overviewCharts(model), ...model.segments.flatMap((s) => segmentCharts(model, s.position))];
}

/** Id of the "what changed" chart; it belongs to the later year of the comparison. */
export const CHANGES_CHART_ID = 'changes';

export function changesChartInput(comparison: YearComparison): ChangesChartInput {
  return {
    prevYear: comparison.prevYear,
    nextYear: comparison.nextYear,
    rows: comparison.rows.map((r) => ({
      prevName: r.prev?.shortName ?? null,
      nextName: r.next?.shortName ?? null,
      status: STATUS_TEXT[r.status],
      prevSize: r.prev?.size ?? null,
      nextSize: r.next?.size ?? null,
      prevShare: r.prev?.share ?? null,
      nextShare: r.next?.share ?? null,
      similarity: r.similarity,
    })),
  };
}

/** The shares of both years' segments as a chart, or null when the years could not be compared. */
export function changesChart(comparison: YearComparison): ChartDef | null {
  if (comparison.rows.length === 0) return null;
  const input = changesChartInput(comparison);
  return def(CHANGES_CHART_ID, `Segment shares in ${comparison.prevYear} and ${comparison.nextYear}`, changesSpec(input), changesTable(input));
}

/** Id under which a chart's phone layout is emitted (its Vega-Lite spec file). */
export function narrowChartId(id: string): string {
  return `${id}-narrow`;
}

export interface RenderedChart {
  light: string;
  dark: string;
  /** The narrow layout in both themes, when the chart has one. */
  narrow: { light: string; dark: string } | null;
  /** CSS pixel size of the chart (both themes have the same layout). */
  width: number;
  height: number;
}

const svgCache = new Map<string, Promise<RenderedChart>>();

/** Both theme variants as inline-ready SVG (ids prefixed per chart and theme, numbers rounded). */
export function renderChart(year: number, chart: ChartDef): Promise<RenderedChart> {
  const key = `${year}/${chart.id}`;
  let hit = svgCache.get(key);
  if (!hit) {
    const one = async (spec: TopLevelSpec, theme: Theme, variant = '') =>
      stripInnerAria(roundSvgNumbers(prefixSvgIds(await renderSvg(spec, theme), `${chart.id}${variant}-${theme}`)));
    const narrow = chart.narrow;
    hit = Promise.all([
      one(chart.spec, 'light'),
      one(chart.spec, 'dark'),
      narrow ? Promise.all([one(narrow, 'light', '-narrow'), one(narrow, 'dark', '-narrow')]) : null,
    ]).then(([light, dark, n]) => ({ light, dark, narrow: n && { light: n[0], dark: n[1] }, ...svgSize(light) }));
    svgCache.set(key, hit);
  }
  return hit;
}

/** A raster chart as PNG in one theme, at RASTER_SCALE × its CSS size. */
export async function renderChartPng(year: number, chart: ChartDef, theme: Theme): Promise<Buffer> {
  const rendered = await renderChart(year, chart);
  return renderPng(rendered[theme], { width: Math.round(rendered.width * RASTER_SCALE), theme });
}

/** The social card of a segment page: its lift chart as a 1200×630 PNG. */
export function socialCard(model: YearModel, position: number): Promise<Buffer> {
  return renderSocialCard(model.view, position, { names: names(model) });
}

/** Id of the "Six surveys" chart; it is filed under the latest year's charts. */
export const SERIES_CHART_ID = 'series';
/** Id of a topic's trend chart, filed under the latest year's charts. */
export const trendChartId = (topic: string) => `trend-${topic}`;

/** Every lineage's share of professionals per year as one chart; segments' changes from the pairings. */
export function seriesChart(years: readonly number[], lineages: readonly Lineage[]): ChartDef {
  const input: SeriesChartInput = {
    years: [...years],
    lineages: lineages.map((l) => ({
      name: l.name,
      members: l.members.map((m, i) => ({ year: m.year, title: m.title, share: m.share, size: m.size, status: i === 0 ? null : STATUS_TEXT[l.links[i - 1].status] })),
    })),
  };
  return def(SERIES_CHART_ID, `Segment lineages, ${years[0]} to ${years.at(-1)}: share of professionals`, seriesSpec(input), seriesTable(input));
}

export function trendChart(trend: TopicTrend): ChartDef {
  const input: TrendChartInput = { label: trend.label, years: trend.years, answers: trend.answers.map((a) => ({ label: a.label, overall: a.overall, lineages: a.lineages })) };
  return def(trendChartId(trend.topic), `${trend.label}: share of professionals per year`, trendSpec(input), trendTable(input));
}
