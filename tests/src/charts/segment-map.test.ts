import { describe, expect, it } from 'vitest';
import { segmentMapLabels, segmentMapSpec, segmentMapTable } from '../../../src/charts/index.js';
import { makeSegmentationFixture } from '../../helpers/segmentation-fixture.js';

const doc = makeSegmentationFixture();
const names = doc.segments.map((s) => `Name ${s.index}`);

describe('segmentMapSpec', () => {
  it('draws only professionals, at their professionalMap position, colored by their segment', () => {
    const spec = segmentMapSpec(doc, { names }) as any;
    const values = spec.data.values as { x: number; y: number; segment: string }[];
    expect(values).toHaveLength(doc.counts.professionals);
    const rows = doc.map.professional.flatMap((v, i) => (v === 1 ? [i] : []));
    values.forEach((v, p) => {
      expect(v.x).toBeCloseTo(doc.professionalMap!.x[p], 1);
      expect(v.segment).toBe(names[doc.map.segment[rows[p]]]);
    });
    expect(spec.encoding.color.scale.domain).toEqual(names);
    expect(new Set(spec.encoding.color.scale.range).size).toBe(names.length);
    // No axes, legend or padding: the image is the plot, so labels can be placed by share of its size.
    expect(spec.padding).toBe(0);
    expect(spec.encoding.x.axis).toBeNull();
    expect(spec.encoding.color.legend).toBeNull();
  });

  it('samples among the professionals alone, keeping each segment its share', () => {
    const maxPoints = Math.floor(doc.counts.professionals / 2);
    const values = (segmentMapSpec(doc, { names, maxPoints }) as any).data.values as { segment: string }[];
    expect(values).toHaveLength(maxPoints);
    for (const s of doc.segments) {
      const drawn = values.filter((v) => v.segment === names[s.index]).length;
      expect(Math.abs(drawn - s.size / 2)).toBeLessThanOrEqual(1);
    }
  });

  it('highlights one segment on a segment page, its members drawn last', () => {
    const spec = segmentMapSpec(doc, { names, highlightSegment: 1 }) as any;
    const values = spec.data.values as { member: boolean }[];
    const members = doc.segments[1].size;
    expect(values.filter((v) => v.member)).toHaveLength(members);
    expect(values.slice(-members).every((v) => v.member)).toBe(true);
    expect(segmentMapTable(doc, { names, highlightSegment: 1 }).alt).toContain(`"Name 1" highlighted`);
  });

  it('says which year lacks the layout rather than drawing nothing', () => {
    const { professionalMap: _, ...without } = doc;
    expect(() => segmentMapSpec(without, { names })).toThrow(/no professionalMap: re-run/);
  });
});

describe('segmentMapLabels', () => {
  it("puts each segment's label at its members' median position, as shares of the image", () => {
    const labels = segmentMapLabels(doc, { names });
    expect(labels.map((l) => l.name)).toEqual(names);
    const rows = doc.map.professional.flatMap((v, i) => (v === 1 ? [i] : []));
    const xs = doc.professionalMap!.x;
    const lo = Math.min(...xs);
    const hi = Math.max(...xs);
    for (const label of labels) {
      expect(label.left).toBeGreaterThan(0);
      expect(label.left).toBeLessThan(1);
      expect(label.top).toBeGreaterThan(0);
      expect(label.top).toBeLessThan(1);
      const members = rows.flatMap((row, p) => (doc.map.segment[row] === label.segment ? [xs[p]] : [])).sort((a, b) => a - b);
      const mid = members[members.length >> 1];
      // Within one member of the median (even sizes average the middle two), mapped through the 3% margin.
      const share = (mid - (lo - 0.03 * (hi - lo))) / (1.06 * (hi - lo));
      expect(Math.abs(label.left - share)).toBeLessThan(0.05);
    }
    // Segments of the fixture are drawn apart, so their centres differ.
    expect(new Set(labels.map((l) => l.left.toFixed(2))).size).toBeGreaterThan(1);
  });
});
