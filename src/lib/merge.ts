/**
 * Editors may declare that several segments read as one (front matter `merge`). The site then works on a
 * "view" of the segmentation in which each group is one segment: sizes and counts add up, rates are
 * size-weighted means, lift is recomputed against the same overall rates. Every chart and figure is
 * computed from the view, so a merged page shows the figures of the group as a whole.
 */
import type { Breakdown, Segmentation, SegmentResult } from '../../scripts/document/segmentation-schema.js';

/** `groups[p]` lists the published indices shown as view segment `p`; every index appears exactly once. */
export type MergeGroups = number[][];

/** One group per segment, ordered by the group's first (lowest) index, i.e. by share new to ML. */
export function normalizeGroups(segmentCount: number, merges: number[][]): MergeGroups {
  const owner = new Array<number>(segmentCount).fill(-1);
  merges.forEach((group, g) => {
    for (const index of group) {
      if (index < 0 || index >= segmentCount)
        throw new RangeError(`merge names segment index ${index}, outside 0..${segmentCount - 1}`);
      if (owner[index] !== -1 && owner[index] !== g) throw new Error(`segment index ${index} is in two merges`);
      owner[index] = g;
    }
  });
  const groups: MergeGroups = merges.map((g) => [...new Set(g)].sort((a, b) => a - b));
  owner.forEach((g, index) => {
    if (g === -1) groups.push([index]);
  });
  return groups.filter((g) => g.length > 0).sort((a, b) => a[0] - b[0]);
}

function weighted(parts: SegmentResult[], pick: (s: SegmentResult) => number): number {
  const total = parts.reduce((a, s) => a + s.size, 0);
  return parts.reduce((a, s) => a + pick(s) * s.size, 0) / total;
}

function sumBreakdowns(parts: SegmentResult[]): Record<string, Breakdown> {
  const out: Record<string, Breakdown> = {};
  for (const code of Object.keys(parts[0].breakdowns)) {
    const all = parts.map((s) => s.breakdowns[code]).filter((b): b is Breakdown => b !== undefined);
    out[code] = {
      counts: all[0].counts.map((_, i) => all.reduce((a, b) => a + (b.counts[i] ?? 0), 0)),
      missing: all.reduce((a, b) => a + b.missing, 0),
    };
  }
  return out;
}

function combine(doc: Segmentation, parts: SegmentResult[], position: number): SegmentResult {
  if (parts.length === 1) return { ...parts[0], index: position };
  const rates = doc.features.map((_, f) => weighted(parts, (s) => s.rates[f]));
  return {
    index: position,
    component: parts[0].component,
    size: parts.reduce((a, s) => a + s.size, 0),
    share: Math.min(
      1,
      parts.reduce((a, s) => a + s.share, 0),
    ),
    newToMLShare: weighted(parts, (s) => s.newToMLShare),
    center: { x: weighted(parts, (s) => s.center.x), y: weighted(parts, (s) => s.center.y) },
    rates,
    lift: rates.map((r, f) => r - doc.overall.rates[f]),
    breakdowns: sumBreakdowns(parts),
    // Members were matched run by run as separate segments; the union's own stability was not measured.
    stability: null,
  };
}

/** The segmentation as published: one segment per group (input is not modified). */
export function mergedView(doc: Segmentation, groups: MergeGroups): Segmentation {
  if (groups.every((g, p) => g.length === 1 && g[0] === p) && groups.length === doc.segments.length) return doc;
  const positionOf = new Map<number, number>();
  groups.forEach((g, p) => {
    for (const index of g) positionOf.set(index, p);
  });
  const segments = groups.map((g, p) =>
    combine(
      doc,
      g.map((index) => doc.segments[index]),
      p,
    ),
  );
  const segment = doc.map.segment.map((s) => (s < 0 ? s : (positionOf.get(s) ?? -1)));
  return { ...doc, segments, map: { ...doc.map, segment } };
}
