/**
 * The chart catalogue, the one place where the site meets src/charts/'s builders: which charts each page
 * shows, under which id (`chartId`: the id names the emitted spec, CSV, JSON and PNG files), and what each
 * chart is given to draw. A year's charts draw the merged view of the year (segment index = published
 * position) with segment names by position; rendering them is chart-render.ts's.
 */
import type { TopLevelSpec } from 'vega-lite';
import { PROFILE_ROLES, type ProfileRole } from '../../scripts/config/schema.js';
import type { Segmentation } from '../../scripts/document/segmentation-schema.js';
import {
  breakdownSpec,
  breakdownTable,
  type ChangesChartInput,
  type ChartTable,
  changesSpec,
  changesTable,
  type LiftChartInput,
  liftChartSpec,
  liftChartTable,
  mapSpec,
  mapTable,
  narrowSpec,
  type SeriesChartInput,
  segmentMapSpec,
  segmentMapTable,
  segmentSizesSpec,
  segmentSizesTable,
  seriesSpec,
  seriesTable,
  stabilitySpec,
  stabilityTable,
  type TrendChartInput,
  trendSpec,
  trendTable,
  workActivitySpec,
  workActivityTable,
} from '../charts/index.js';
import { STATUS_TEXT, type YearComparison } from './changes.js';
import type { Lineage } from './lineages.js';
import { generatedLabel, type SubSegmentation, type YearModel } from './model.js';
import { type ColumnFormat, columnFormats } from './table-format.js';
import type { TopicTrend } from './trends.js';

export { themeConfig, toCsv, toRecords } from '../charts/index.js';

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
export const OVERVIEW_BREAKDOWNS: ProfileRole[] = [
  'codingYears',
  'mlYears',
  'employerML',
  'companySize',
  'education',
  'gender',
];
/** Profile roles shown beside all professionals on a segment page (editors may show the others). */
export const SEGMENT_BREAKDOWNS: ProfileRole[] = ['role', 'codingYears', 'mlYears'];
const ALL_ROLES: readonly ProfileRole[] = PROFILE_ROLES;
export const LIFT_TOP = 15;
/** Points drawn on a segment page's locator map (the overview uses the charts' default). */
const LOCATOR_POINTS = 2500;

export type SegmentChartKind = 'lift' | 'map' | { breakdown: string } | { subSegment: number };

/** Every chart's id: unique within its year (the later year's for `changes`, the latest year's for `series` and trends). */
export const chartId = {
  map: 'map',
  segmentMap: 'segment-map',
  sizes: 'sizes',
  stability: 'stability',
  /** A profile question's chart on the overview. */
  breakdown: (code: string) => `breakdown-${code}`,
  workActivities: 'work-activities',
  /** A segment page's chart; a sub-segment's is `<slug>-sub-1-lift` for sub-segment A. */
  segment: (slug: string, kind: SegmentChartKind): string =>
    kind === 'lift' || kind === 'map'
      ? `${slug}-${kind}`
      : 'subSegment' in kind
        ? `${slug}-sub-${kind.subSegment + 1}-lift`
        : `${slug}-breakdown-${kind.breakdown}`,
  /** The "what changed" chart of a year and the one before. */
  changes: 'changes',
  /** The "Six surveys" chart of the lineages. */
  series: 'series',
  /** A topic's trend chart. */
  trend: (topic: string) => `trend-${topic}`,
  /** A chart's phone layout (its Vega-Lite spec file). */
  narrow: (id: string) => `${id}-narrow`,
} as const;

/** True for the overview's profile-question charts (`chartId.breakdown`). */
export function isBreakdownChart(chart: ChartDef): boolean {
  return chart.id.startsWith(chartId.breakdown(''));
}

function def(
  id: string,
  title: string,
  spec: TopLevelSpec,
  table: ChartTable,
  options: { allLift?: boolean; raster?: boolean } = {},
): ChartDef {
  const raster = options.raster ?? false;
  return {
    id,
    title,
    spec,
    table,
    formats: columnFormats(table.columns, options.allLift),
    raster,
    narrow: raster ? null : narrowSpec(spec),
  };
}

/** The profile question codes of `roles` that this year has (some years lack e.g. company size). */
export function profileCodes(view: Segmentation, roles: readonly ProfileRole[]): string[] {
  // Once each: 2017 asks one question (Tenure) for both codingYears and mlYears, and a chart id per code
  // twice made the build skip 48 colliding routes, with a warning each, and show the chart twice.
  return [
    ...new Set(
      roles
        .map((r) => view.profile[r])
        .filter((c): c is string => typeof c === 'string' && view.overall.breakdowns[c] !== undefined),
    ),
  ];
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
    def(chartId.map, 'Map of all respondents by job role', mapSpec(view, { names: n }), mapTable(view, { names: n }), {
      raster: true,
    }),
    ...(view.professionalMap
      ? [
          def(
            chartId.segmentMap,
            'The segments on the map of professionals',
            segmentMapSpec(view, { names: n }),
            segmentMapTable(view, { names: n }),
            { raster: true },
          ),
        ]
      : []),
    def(chartId.sizes, 'Segment sizes', segmentSizesSpec(view, n), segmentSizesTable(view, n)),
    ...(view.stability
      ? [
          def(
            chartId.stability,
            'How stable each segment is over re-runs',
            stabilitySpec(view, n),
            stabilityTable(view, n),
          ),
        ]
      : []),
    def(
      chartId.breakdown(role),
      `${questionLabel(model, role)} per segment`,
      breakdownSpec(view, role, { names: n }),
      breakdownTable(view, role, { names: n }),
    ),
    ...profileCodes(view, OVERVIEW_BREAKDOWNS).map((code) =>
      def(
        chartId.breakdown(code),
        `${questionLabel(model, code)} per segment`,
        breakdownSpec(view, code, { names: n }),
        breakdownTable(view, code, { names: n }),
      ),
    ),
    def(
      chartId.workActivities,
      'Work activities: lift per segment',
      workActivitySpec(view, n),
      workActivityTable(view, n),
      { allLift: true },
    ),
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
    def(
      chartId.segment(slug, 'lift'),
      'Answers chosen most above average',
      liftChartSpec(view, position, { top: LIFT_TOP, names: n }),
      liftChartTable(view, position, { top: LIFT_TOP, names: n }),
    ),
    ...profileCodes(view, ALL_ROLES).map((code) => {
      const options = { names: n, segments: [position] };
      return def(
        chartId.segment(slug, { breakdown: code }),
        `${questionLabel(model, code)}: this segment and all professionals`,
        breakdownSpec(view, code, options),
        breakdownTable(view, code, options),
      );
    }),
    ...subSegmentCharts(model, position),
    def(
      chartId.segment(slug, 'map'),
      'Position on the map',
      // Documents made before the professionals' layout highlight the member on the map of everyone.
      (view.professionalMap ? segmentMapSpec : mapSpec)(view, {
        names: n,
        highlightSegment: position,
        maxPoints: LOCATOR_POINTS,
      }),
      (view.professionalMap ? segmentMapTable : mapTable)(view, {
        names: n,
        highlightSegment: position,
        maxPoints: LOCATOR_POINTS,
      }),
      { raster: true },
    ),
  ];
  perModel.set(position, charts);
  return charts;
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
  const input = subSegmentLiftInput(model.view, subSegments);
  return subSegments.parts.map((_, j) => {
    const letter = String.fromCharCode(65 + j);
    const label = generatedLabel(input, j);
    return {
      letter: `Sub-segment ${letter}`,
      title: label ? `Sub-segment ${letter}: ${label.label}` : `Sub-segment ${letter}`,
      shortName: label ? `${letter}. ${label.short}` : `Sub-segment ${letter}`,
    };
  });
}

/** What a segment's sub-segments' lift charts draw: the year's answers, the parts as the clusters, lift against the segment's rates. */
function subSegmentLiftInput(view: Segmentation, sub: SubSegmentation): LiftChartInput {
  return {
    features: view.features,
    questions: view.questions,
    overall: { rates: sub.baseRates },
    segments: sub.parts.map((part, j) => ({ index: j, rates: part.rates, lift: part.lift })),
  };
}

/** One lift chart per sub-segment, lift against the segment, when the segment's summary asks for them. */
function subSegmentCharts(model: YearModel, position: number): ChartDef[] {
  const { slug, subSegments } = model.segments[position];
  if (!subSegments) return [];
  const input = subSegmentLiftInput(model.view, subSegments);
  const named = subSegmentNames(model, position);
  const names = named.map((n) => n.shortName);
  return subSegments.parts.map((_, j) => {
    const options = { top: LIFT_TOP, names, baseline: 'segment' as const };
    return def(
      chartId.segment(slug, { subSegment: j }),
      `${named[j].title}: answers chosen most above the segment`,
      liftChartSpec(input, j, options),
      liftChartTable(input, j, options),
    );
  });
}

export function segmentChart(model: YearModel, position: number, kind: SegmentChartKind): ChartDef {
  const id = chartId.segment(model.segments[position].slug, kind);
  const chart = segmentCharts(model, position).find((c) => c.id === id);
  if (!chart) throw new Error(`no chart ${id} for ${model.year}`);
  return chart;
}

export function allCharts(model: YearModel): ChartDef[] {
  return [...overviewCharts(model), ...model.segments.flatMap((s) => segmentCharts(model, s.position))];
}

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
  return def(
    chartId.changes,
    `Segment shares in ${comparison.prevYear} and ${comparison.nextYear}`,
    changesSpec(input),
    changesTable(input),
  );
}

/** Every lineage's share of professionals per year as one chart; segments' changes from the pairings. */
export function seriesChart(years: readonly number[], lineages: readonly Lineage[]): ChartDef {
  const input: SeriesChartInput = {
    years: [...years],
    lineages: lineages.map((l) => ({
      name: l.name,
      members: l.members.map((m, i) => ({
        year: m.year,
        title: m.title,
        share: m.share,
        size: m.size,
        status: i === 0 ? null : STATUS_TEXT[l.links[i - 1].status],
      })),
    })),
  };
  return def(
    chartId.series,
    `Segment lineages, ${years[0]} to ${years.at(-1)}: share of professionals`,
    seriesSpec(input),
    seriesTable(input),
  );
}

export function trendChart(trend: TopicTrend): ChartDef {
  const input: TrendChartInput = {
    label: trend.label,
    years: trend.years,
    answers: trend.answers.map((a) => ({ label: a.label, overall: a.overall, lineages: a.lineages })),
  };
  return def(
    chartId.trend(trend.topic),
    `${trend.label}: share of professionals per year`,
    trendSpec(input),
    trendTable(input),
  );
}
