/**
 * The segments on a map: the professionals' own 2-D map (the document's `professionalMap`, a UMAP of their
 * answers as the map of everyone is) colored by published segment. Each segment's label sits at its centre, the
 * median of its members' positions, so a label lands inside its cloud even when the cloud is not round.
 * The spec is drawn as a PNG without axes, legend or padding, so a label's position as a share of the
 * image's width and height (`segmentMapLabels`) is where a page puts it as a link.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TopLevelSpec } from 'vega-lite';
import type { Segmentation } from '../../scripts/document/segmentation-schema.js';
import { HIGHLIGHT_POINT, MUTED_POINT, TABLEAU20 } from './colors.js';
import { round, segmentName } from './data.js';
import { chartFontDir, FONT_FILES } from './fonts.js';
import { type MapSampleOptions, mapSample } from './sample.js';
import type { ChartTable } from './table.js';
import { type FontWidths, readFontWidths, textWidth } from './text-metrics.js';
import { VEGA_LITE_SCHEMA } from './theme.js';

export interface SegmentMapOptions extends MapSampleOptions {
  /** Segment display names by segment index. */
  names?: readonly string[];
  /** Segment whose members are drawn in the highlight color, the others muted (segment page). */
  highlightSegment?: number;
}

export interface SegmentMapLabel {
  segment: number;
  name: string;
  /** Centre of the segment as a share of the image, from its left and from its top (0-1). */
  left: number;
  top: number;
}

/** Points drawn at most: every professional of a real year (5-9k) fits, as one PNG. */
export const SEGMENT_MAP_POINTS = 10000;
export const SEGMENT_MAP_SIZE = { width: 560, height: 420 } as const;
/** Room around the outermost points, as a share of each axis's range, so no point is cut at the edge. */
const MARGIN = 0.03;
/** Distinct colors first: Tableau20's solid colors, then its light ones. */
const SEGMENT_COLORS = [...TABLEAU20.filter((_, i) => i % 2 === 0), ...TABLEAU20.filter((_, i) => i % 2 === 1)];

/** The professionals' rows in the map's order: professionalMap point p is map row professionalRows[p]. */
/** What the segment map draws: the professionals' own map (or the map of everyone), the segments and the year. */
export type SegmentMapInput = Pick<
  Segmentation,
  'map' | 'professionalMap' | 'counts' | 'segments' | 'survey' | 'metadata'
>;

function professionalRows(doc: SegmentMapInput): number[] {
  if (!doc.professionalMap)
    throw new Error(`segmentation ${doc.survey.year} has no professionalMap: re-run \`npm run segment\` for it`);
  const rows: number[] = [];
  doc.map.professional.forEach((v, i) => {
    if (v === 1) rows.push(i);
  });
  if (rows.length !== doc.professionalMap!.x.length) {
    throw new Error(
      `segmentation ${doc.survey.year}: professionalMap has ${doc.professionalMap!.x.length} points for ${rows.length} professionals on the map`,
    );
  }
  return rows;
}

/** An empty band across the map wider than this share of its range is narrowed to SQUEEZED_GAP of it. */
const WIDEST_GAP = 0.08;
const SQUEEZED_GAP = 0.04;

/**
 * A map of `values` onto themselves with every empty band wider than WIDEST_GAP of their range narrowed to
 * SQUEEZED_GAP, continuous and increasing. UMAP puts a group with little in common with the rest (the
 * professionals outside ML) far off as an island, and drawn to scale the gap took a third of the picture
 * and squeezed every other segment into the rest. Distances across a gap mean little in UMAP anyway.
 */
export function squeezeGaps(values: readonly number[]): (v: number) => number {
  const sorted = [...values].sort((a, b) => a - b);
  const range = sorted[sorted.length - 1] - sorted[0];
  // Gaps as [start, end, new width], in order.
  const gaps: [number, number, number][] = [];
  for (let i = 1; i < sorted.length; i++) {
    const width = sorted[i] - sorted[i - 1];
    if (range > 0 && width > WIDEST_GAP * range) gaps.push([sorted[i - 1], sorted[i], SQUEEZED_GAP * range]);
  }
  return (v) => {
    let out = v;
    for (const [start, end, kept] of gaps) {
      if (v >= end) out -= end - start - kept;
      else if (v > start) out -= (v - start) * (1 - kept / (end - start));
    }
    return out;
  };
}

/** The professionals' positions as drawn: professionalMap with its wide empty bands squeezed, per axis. */
function drawnPositions(doc: SegmentMapInput): { x: number[]; y: number[] } {
  const { x, y } = doc.professionalMap!;
  const fx = squeezeGaps(x);
  const fy = squeezeGaps(y);
  return { x: x.map(fx), y: y.map(fy) };
}

function domain(values: readonly number[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const pad = (hi - lo || 1) * MARGIN;
  return [lo - pad, hi + pad];
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Each segment's centre on the image, as shares of its width and height. */
export function segmentMapLabels(doc: SegmentMapInput, options: SegmentMapOptions = {}): SegmentMapLabel[] {
  const rows = professionalRows(doc);
  const drawn = drawnPositions(doc);
  const [x0, x1] = domain(drawn.x);
  const [y0, y1] = domain(drawn.y);
  return doc.segments.map((s) => {
    const members = rows.flatMap((row, p) => (doc.map.segment[row] === s.index ? [p] : []));
    const cx = median(members.map((p) => drawn.x[p]));
    const cy = median(members.map((p) => drawn.y[p]));
    return {
      segment: s.index,
      name: segmentName(options.names, s.index),
      left: round((cx - x0) / (x1 - x0), 4),
      top: round((y1 - cy) / (y1 - y0), 4),
    };
  });
}

/** The segments' map as a Vega-Lite spec: points only (the page places the labels as links). */
export function segmentMapSpec(doc: SegmentMapInput, options: SegmentMapOptions = {}): TopLevelSpec {
  const rows = professionalRows(doc);
  const pointOfRow = new Map(rows.map((row, p) => [row, p]));
  const drawn = drawnPositions(doc);
  const highlight = options.highlightSegment;
  const names = doc.segments.map((s) => segmentName(options.names, s.index));
  // The sample is drawn among the professionals alone: the map's own sample would spend most points on the others.
  const professionalsOnly = {
    ...doc,
    map: { ...doc.map, segment: rows.map((row) => doc.map.segment[row]), x: rows.map((row) => doc.map.x[row]) },
  };
  const points = mapSample(professionalsOnly, { ...options, maxPoints: options.maxPoints ?? SEGMENT_MAP_POINTS })
    .map((p) => rows[p])
    .map((row) => {
      const p = pointOfRow.get(row)!;
      return {
        x: round(drawn.x[p], 2),
        y: round(drawn.y[p], 2),
        segment: names[doc.map.segment[row]],
        member: doc.map.segment[row] === highlight,
      };
    });
  // Members last, so they are drawn on top.
  if (highlight !== undefined) points.sort((a, b) => Number(a.member) - Number(b.member));
  const color =
    highlight === undefined
      ? {
          field: 'segment',
          type: 'nominal' as const,
          scale: { domain: names, range: names.map((_, i) => SEGMENT_COLORS[i % SEGMENT_COLORS.length]) },
          legend: null,
        }
      : { condition: { test: 'datum.member', value: HIGHLIGHT_POINT }, value: MUTED_POINT };
  return {
    $schema: VEGA_LITE_SCHEMA,
    description: segmentMapTable(doc, options).alt,
    width: SEGMENT_MAP_SIZE.width,
    height: SEGMENT_MAP_SIZE.height,
    padding: 0,
    autosize: { type: 'none' },
    data: { values: points },
    mark: { type: 'circle', size: 12, opacity: highlight === undefined ? 0.7 : 0.8 },
    encoding: {
      x: { field: 'x', type: 'quantitative', scale: { domain: domain(drawn.x), nice: false, zero: false }, axis: null },
      y: { field: 'y', type: 'quantitative', scale: { domain: domain(drawn.y), nice: false, zero: false }, axis: null },
      color,
      tooltip: [{ field: 'segment', type: 'nominal', title: 'Segment' }],
    },
  };
}

/** Members per segment (all points), and the alt text. */
export function segmentMapTable(doc: SegmentMapInput, options: SegmentMapOptions = {}): ChartTable {
  const highlight = options.highlightSegment;
  const what =
    highlight === undefined
      ? 'colored by segment, each segment labelled at its centre'
      : `with the ${doc.segments[highlight].size.toLocaleString('en-US')} members of "${segmentName(options.names, highlight)}" highlighted`;
  const alt = `Map of the ${doc.counts.professionals.toLocaleString('en-US')} professionals placed so that those with similar answers sit close together, ${what}.`;
  return {
    alt,
    columns: ['segment', 'members', 'share'],
    rows: doc.segments.map((s) => [segmentName(options.names, s.index), s.size, s.share]),
  };
}

/** A label's box on the map image, in CSS pixels, centred on where it wants to be. */
export interface LabelBox {
  /** Wanted centre, as shares of the image (a `SegmentMapLabel`'s left and top). */
  left: number;
  top: number;
  width: number;
  height: number;
}

/** Rounds of pushing overlapping labels apart: ten segments settle in far fewer. */
const SPREAD_ROUNDS = 200;

/**
 * Where labels go so that none covers another: segment centres can lie a few pixels apart (two clouds side
 * by side), and their names, drawn there as they are, overlapped into one unreadable patch on a phone. Each
 * round moves every overlapping pair apart along the axis where they overlap least, half each, and keeps
 * every box inside the image. Deterministic: the same boxes always land in the same places.
 */
export function spreadLabels(
  boxes: readonly LabelBox[],
  image: { width: number; height: number },
): { left: number; top: number }[] {
  const at = boxes.map((b) => ({ x: b.left * image.width, y: b.top * image.height, w: b.width, h: b.height }));
  const clamp = (p: (typeof at)[number]) => {
    p.x = Math.min(Math.max(p.x, p.w / 2), image.width - p.w / 2);
    p.y = Math.min(Math.max(p.y, p.h / 2), image.height - p.h / 2);
  };
  at.forEach(clamp);
  for (let round = 0; round < SPREAD_ROUNDS; round++) {
    let moved = false;
    for (let i = 0; i < at.length; i++) {
      for (let j = i + 1; j < at.length; j++) {
        const a = at[i];
        const b = at[j];
        const overlapX = (a.w + b.w) / 2 - Math.abs(a.x - b.x);
        const overlapY = (a.h + b.h) / 2 - Math.abs(a.y - b.y);
        if (overlapX <= 0 || overlapY <= 0) continue;
        moved = true;
        // Ties (the same centre) part by list order, so the result does not depend on floating-point noise.
        if (overlapX < overlapY) {
          const push = (overlapX / 2 + 0.5) * (a.x < b.x || (a.x === b.x && i < j) ? -1 : 1);
          a.x += push;
          b.x -= push;
        } else {
          const push = (overlapY / 2 + 0.5) * (a.y < b.y || (a.y === b.y && i < j) ? -1 : 1);
          a.y += push;
          b.y -= push;
        }
        clamp(a);
        clamp(b);
      }
    }
    if (!moved) break;
  }
  return at.map((p) => ({ left: round(p.x / image.width, 4), top: round(p.y / image.height, 4) }));
}

/** How a map label is drawn on the page (SegmentMap.astro's CSS, in px), to size its box before the browser does. */
export interface LabelStyle {
  fontSize: number;
  lineHeight: number;
  /** Widest the label may be, padding included; longer names wrap. */
  maxWidth: number;
  padX: number;
  padY: number;
}

let boldWidths: FontWidths | null = null;

/** The box a bold label of `name` takes, wrapped at word boundaries as the browser wraps it (Source Sans 3 Bold widths). */
export function labelBoxSize(name: string, style: LabelStyle): { width: number; height: number } {
  boldWidths ??= readFontWidths(readFileSync(join(chartFontDir(), FONT_FILES.bold)));
  const widthOf = (text: string) => textWidth(boldWidths!, text, style.fontSize);
  const room = style.maxWidth - 2 * style.padX;
  const lines: string[] = [];
  for (const word of name.split(/\s+/)) {
    const last = lines.length - 1;
    if (last >= 0 && widthOf(`${lines[last]} ${word}`) <= room) lines[last] += ` ${word}`;
    else lines.push(word);
  }
  const text = Math.min(room, Math.max(...lines.map(widthOf)));
  return {
    width: Math.ceil(text + 2 * style.padX),
    height: Math.ceil(lines.length * style.fontSize * style.lineHeight + 2 * style.padY),
  };
}
