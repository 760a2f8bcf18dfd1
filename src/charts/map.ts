/**
 * The map of all kept respondents (2-D UMAP), colored by the few most common job roles (the rest share a grey); professionals and the others are told
 * apart by shape and opacity, and the professional boundary is drawn when the split came from the map.
 * On a segment page the segment's members are highlighted instead.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Segmentation } from '../../scripts/document/segmentation-schema.js';
import { HIGHLIGHT_POINT, MUTED_POINT, NO_ANSWER_COLOR, TABLEAU20 } from './colors.js';

/** The roles past the common few: a light grey, apart from the darker grey of no answer. */
const OTHER_ROLE_COLOR = '#c7c7c7';

import { findQuestion, round, segmentName, uniqueLabels } from './data.js';
import { type MapSampleOptions, mapSample } from './sample.js';
import type { ChartTable } from './table.js';
import { VEGA_LITE_SCHEMA } from './theme.js';

/** What the map of everyone draws: the map, the role question's answers (its colours), the professional rule's boundary and the counts. */
export type MapChartInput = Pick<
  Segmentation,
  'map' | 'counts' | 'professionalRule' | 'profile' | 'questions' | 'metadata'
>;

export interface MapOptions extends MapSampleOptions {
  /** Segment index whose members are highlighted (segment page). */
  highlightSegment?: number;
  /** Segment display names by segment index. */
  names?: readonly string[];
  /** Roles given their own color (default MAP_ROLE_COLORS). */
  roleColors?: number;
}

const NO_ANSWER = 'No answer';
const PROFESSIONAL = 'Professional';
const NOT_PROFESSIONAL = 'Not professional';
const OTHERS = 'Other respondents';
const OTHER_ROLES = 'Other roles';
/** Roles given their own color on the map of everyone; more cannot be told apart among thousands of points. */
export const MAP_ROLE_COLORS = 6;

/** The most common roles on the map, most common first; the rest share one color. */
function commonRoles(doc: MapChartInput, roles: readonly string[], colors: number): string[] {
  const counts = roles.map(() => 0);
  for (const r of doc.map.role) if (r >= 0) counts[r] += 1;
  return roles
    .map((label, i) => ({ label, n: counts[i], i }))
    .filter((r) => r.n > 0)
    .sort((a, b) => b.n - a.n || a.i - b.i)
    .slice(0, colors)
    .map((r) => r.label);
}

function roleLabels(doc: MapChartInput): string[] {
  return uniqueLabels(findQuestion(doc, doc.profile.role).answers.map((a) => a.label));
}

function boundaryLayers(doc: MapChartInput) {
  const boundary = doc.professionalRule.boundary;
  if (!boundary) return [];
  const channel = boundary.axis;
  const below = boundary.side === 'below';
  // The note sits at the top (x boundary) or left end (y boundary) of the line, on the professionals' side.
  const note =
    channel === 'x'
      ? {
          text: below ? '← professionals' : 'professionals →',
          align: below ? 'right' : 'left',
          baseline: 'top',
          dx: below ? -6 : 6,
          dy: 0,
          y: { value: 0 },
        }
      : {
          text: below ? 'professionals ↓' : 'professionals ↑',
          align: 'left',
          baseline: below ? 'top' : 'bottom',
          dx: 0,
          dy: below ? 4 : -4,
          x: { value: 0 },
        };
  const { text, align, baseline, dx, dy, ...position } = note;
  // One-row data of their own: under the top-level data they would be drawn once per point.
  const single = { values: [{}] };
  return [
    {
      data: single,
      mark: { type: 'rule' as const, strokeDash: [6, 4], strokeWidth: 1.5 },
      encoding: { [channel]: { datum: boundary.value, type: 'quantitative' as const } },
    },
    {
      data: single,
      mark: {
        type: 'text' as const,
        align: align as 'left' | 'right',
        baseline: baseline as 'top' | 'bottom',
        dx,
        dy,
        fontSize: 12,
      },
      encoding: {
        [channel]: { datum: boundary.value, type: 'quantitative' as const },
        ...position,
        text: { value: text },
      },
    },
  ];
}

/** The respondents' map as a Vega-Lite spec, from a stratified sample of at most `maxPoints` points. */
export function mapSpec(doc: MapChartInput, options: MapOptions = {}): TopLevelSpec {
  const roles = roleLabels(doc);
  const common = commonRoles(doc, roles, options.roleColors ?? MAP_ROLE_COLORS);
  const highlight = options.highlightSegment;
  const member = highlight === undefined ? '' : segmentName(options.names, highlight);
  const roleOf = (r: number) => (r < 0 ? NO_ANSWER : common.includes(roles[r]) ? roles[r] : OTHER_ROLES);
  const points = mapSample(doc, options).map((i) => ({
    x: round(doc.map.x[i], 2),
    y: round(doc.map.y[i], 2),
    role: roleOf(doc.map.role[i]),
    group: doc.map.professional[i] === 1 ? PROFESSIONAL : NOT_PROFESSIONAL,
    highlight: doc.map.segment[i] === highlight ? member : OTHERS,
  }));
  // Highlighted members last, so they are drawn on top of the others.
  if (highlight !== undefined) points.sort((a, b) => Number(a.highlight === member) - Number(b.highlight === member));

  const color =
    highlight === undefined
      ? {
          field: 'role',
          type: 'nominal' as const,
          scale: {
            domain: [...common, OTHER_ROLES, NO_ANSWER],
            range: [...common.map((_, i) => TABLEAU20[(2 * i) % TABLEAU20.length]), OTHER_ROLE_COLOR, NO_ANSWER_COLOR],
          },
          legend: { title: 'Job role', symbolOpacity: 1 },
        }
      : {
          field: 'highlight',
          type: 'nominal' as const,
          scale: { domain: [member, OTHERS], range: [HIGHLIGHT_POINT, MUTED_POINT] },
          legend: { title: null, symbolOpacity: 1 },
        };
  return {
    $schema: VEGA_LITE_SCHEMA,
    description: mapTable(doc, options).alt,
    width: 560,
    height: 420,
    data: { values: points },
    layer: [
      {
        mark: { type: 'point', filled: true, size: 14 },
        encoding: {
          x: { field: 'x', type: 'quantitative', scale: { zero: false, nice: false }, axis: null },
          y: { field: 'y', type: 'quantitative', scale: { zero: false, nice: false }, axis: null },
          color,
          shape: {
            field: 'group',
            type: 'nominal',
            scale: { domain: [PROFESSIONAL, NOT_PROFESSIONAL], range: ['circle', 'triangle-up'] },
            legend: { title: 'Respondent' },
          },
          // Same field as shape, so Vega-Lite merges the two into one legend.
          opacity: {
            field: 'group',
            type: 'ordinal',
            sort: [PROFESSIONAL, NOT_PROFESSIONAL],
            scale: { domain: [PROFESSIONAL, NOT_PROFESSIONAL], range: [0.8, 0.35] },
            legend: { title: 'Respondent' },
          },
        },
      },
      ...boundaryLayers(doc),
    ],
  };
}

/** Table (respondents per job role, professionals and not, all points) and one-sentence alt text. */
export function mapTable(doc: MapChartInput, options: MapOptions = {}): ChartTable {
  const roles = [...roleLabels(doc), NO_ANSWER];
  const counts = roles.map(() => [0, 0, 0]);
  const highlight = options.highlightSegment;
  doc.map.role.forEach((role, i) => {
    const row = counts[role >= 0 ? role : roles.length - 1];
    row[doc.map.professional[i] === 1 ? 0 : 1] += 1;
    if (highlight !== undefined && doc.map.segment[i] === highlight) row[2] += 1;
  });
  const total = doc.map.x.length;
  const shown = mapSample(doc, options).length;
  const sampleNote = shown < total ? ` (drawn from a sample of ${shown.toLocaleString('en-US')} points)` : '';
  const what =
    highlight === undefined
      ? `colored by the ${options.roleColors ?? MAP_ROLE_COLORS} most common job roles`
      : `with the members of segment "${segmentName(options.names, highlight)}" highlighted`;
  const alt =
    `Map of ${total.toLocaleString('en-US')} respondents placed by the similarity of their answers, ${what}; ` +
    `professionals (${doc.counts.professionals.toLocaleString('en-US')}) drawn as circles, the others as triangles${sampleNote}.`;
  const columns = [
    'job role',
    'professionals',
    'not professionals',
    ...(highlight === undefined ? [] : ['segment members']),
  ];
  return { alt, columns, rows: roles.map((role, r) => [role, ...counts[r].slice(0, columns.length - 1)]) };
}
