import { describe, expect, it } from 'vitest';
import { segmentMapLabels, segmentMapSpec, segmentMapTable } from '../../../src/charts/index.js';
import { type LabelBox, labelBoxSize, spreadLabels, squeezeGaps } from '../../../src/charts/segment-map.js';
import { makeSegmentationFixture } from '../../helpers/segmentation-fixture.js';

const doc = makeSegmentationFixture();
const names = doc.segments.map((s) => `Name ${s.index}`);

describe('segmentMapSpec', () => {
  it('draws only professionals, at their professionalMap position (wide gaps squeezed), colored by their segment', () => {
    const spec = segmentMapSpec(doc, { names }) as any;
    const values = spec.data.values as { x: number; y: number; segment: string }[];
    expect(values).toHaveLength(doc.counts.professionals);
    const rows = doc.map.professional.flatMap((v, i) => (v === 1 ? [i] : []));
    const fx = squeezeGaps(doc.professionalMap!.x);
    const fy = squeezeGaps(doc.professionalMap!.y);
    values.forEach((v, p) => {
      expect(v.x).toBeCloseTo(fx(doc.professionalMap!.x[p]), 1);
      expect(v.y).toBeCloseTo(fy(doc.professionalMap!.y[p]), 1);
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
    const xs = doc.professionalMap!.x.map(squeezeGaps(doc.professionalMap!.x));
    const lo = Math.min(...xs);
    const hi = Math.max(...xs);
    for (const label of labels) {
      expect(label.left).toBeGreaterThan(0);
      expect(label.left).toBeLessThan(1);
      expect(label.top).toBeGreaterThan(0);
      expect(label.top).toBeLessThan(1);
      const members = rows
        .flatMap((row, p) => (doc.map.segment[row] === label.segment ? [xs[p]] : []))
        .sort((a, b) => a - b);
      const mid = members[members.length >> 1];
      // Within one member of the median (even sizes average the middle two), mapped through the 3% margin.
      const share = (mid - (lo - 0.03 * (hi - lo))) / (1.06 * (hi - lo));
      expect(Math.abs(label.left - share)).toBeLessThan(0.05);
    }
    // Segments of the fixture are drawn apart, so their centres differ.
    expect(new Set(labels.map((l) => l.left.toFixed(2))).size).toBeGreaterThan(1);
  });
});

describe('spreadLabels', () => {
  const image = { width: 358, height: 268 };
  const overlaps = (placed: { left: number; top: number }[], boxes: LabelBox[]) =>
    placed.flatMap((a, i) =>
      placed.slice(i + 1).flatMap((b, k) => {
        const j = i + 1 + k;
        const dx = Math.abs(a.left - b.left) * image.width;
        const dy = Math.abs(a.top - b.top) * image.height;
        // 0.05 px of slack: positions are rounded to 4 decimals of a share.
        return dx < (boxes[i].width + boxes[j].width) / 2 - 0.05 && dy < (boxes[i].height + boxes[j].height) / 2 - 0.05
          ? [`${i}/${j}`]
          : [];
      }),
    );

  it('moves labels whose centres lie close until none covers another, all inside the image', () => {
    // Ten labels packed into one corner, two on the very same spot: the case of a phone's map.
    const boxes: LabelBox[] = Array.from({ length: 10 }, (_, i) => ({
      left: 0.1 + (i % 3) * 0.02,
      top: 0.1 + Math.floor(i / 3) * 0.02,
      width: 27,
      height: 27,
    }));
    boxes.push({ ...boxes[0] });
    expect(overlaps(boxes, boxes)).not.toEqual([]);
    const placed = spreadLabels(boxes, image);
    expect(overlaps(placed, boxes)).toEqual([]);
    placed.forEach((p, i) => {
      expect(p.left * image.width).toBeGreaterThanOrEqual(boxes[i].width / 2 - 0.05);
      expect(p.left * image.width).toBeLessThanOrEqual(image.width - boxes[i].width / 2 + 0.05);
      expect(p.top * image.height).toBeGreaterThanOrEqual(boxes[i].height / 2 - 0.05);
      expect(p.top * image.height).toBeLessThanOrEqual(image.height - boxes[i].height / 2 + 0.05);
    });
    expect(spreadLabels(boxes, image)).toEqual(placed);
  });

  it('leaves labels that do not overlap where they are', () => {
    const boxes: LabelBox[] = [
      { left: 0.2, top: 0.2, width: 40, height: 20 },
      { left: 0.8, top: 0.7, width: 40, height: 20 },
    ];
    expect(spreadLabels(boxes, image)).toEqual([
      { left: 0.2, top: 0.2 },
      { left: 0.8, top: 0.7 },
    ]);
  });
});

describe('labelBoxSize', () => {
  const style = { fontSize: 12.8, lineHeight: 1.15, maxWidth: 144, padX: 4.8, padY: 1.6 };
  it('wraps a long name onto lines no wider than the label may be', () => {
    const short = labelBoxSize('R users', style);
    const long = labelBoxSize('Deep learning in research and teaching', style);
    expect(short.width).toBeLessThan(long.width);
    expect(long.width).toBeLessThanOrEqual(style.maxWidth);
    expect(short.height).toBe(Math.ceil(12.8 * 1.15 + 3.2));
    expect(long.height).toBeGreaterThan(short.height);
  });
});

describe('squeezeGaps', () => {
  it('narrows an empty band wider than 8% of the range to 4% of it, keeping order and the points on either side', () => {
    // A cloud on 0-1 and an island at 9-10: the gap of 8 is 80% of the range, drawn as 4% (0.4).
    const values = [0, 0.5, 1, 9, 9.5, 10];
    const f = squeezeGaps(values);
    expect(values.map(f)).toEqual([0, 0.5, 1, 1.4, 1.9, 2.4].map((v) => expect.closeTo(v, 10)));
    // Inside the gap (a segment's median may fall there) the map is continuous and increasing.
    expect(f(5)).toBeCloseTo(1.2, 10);
    expect(f(1)).toBeLessThan(f(1.5));
  });

  it('leaves a map without wide gaps as it is', () => {
    const values = Array.from({ length: 50 }, (_, i) => i / 7);
    const f = squeezeGaps(values);
    expect(values.map(f)).toEqual(values);
  });
});
