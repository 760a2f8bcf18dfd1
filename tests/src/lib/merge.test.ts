import { describe, expect, it } from 'vitest';
import { mergedView, normalizeGroups } from '../../../src/lib/merge.js';
import { makeSegmentationFixture } from '../../helpers/segmentation-fixture.js';

describe('normalizeGroups', () => {
  it('keeps unmerged segments alone and orders groups by their lowest index', () => {
    expect(normalizeGroups(4, [[3, 1]])).toEqual([[0], [1, 3], [2]]);
  });

  it('rejects an index outside the segmentation or in two merges', () => {
    expect(() => normalizeGroups(2, [[0, 5]])).toThrow(RangeError);
    expect(() =>
      normalizeGroups(3, [
        [0, 1],
        [1, 2],
      ]),
    ).toThrow('segment index 1 is in two merges');
  });
});

describe('mergedView', () => {
  const doc = makeSegmentationFixture();

  it('returns the document itself when nothing is merged', () => {
    expect(mergedView(doc, normalizeGroups(doc.segments.length, []))).toBe(doc);
  });

  it('adds sizes and counts, weights rates by size and recomputes lift against the same overall rates', () => {
    const view = mergedView(doc, normalizeGroups(3, [[1, 2]]));
    const [a, b] = [doc.segments[1], doc.segments[2]];
    const merged = view.segments[1];
    expect(view.segments).toHaveLength(2);
    expect(merged.index).toBe(1);
    expect(merged.size).toBe(a.size + b.size);
    const f = 3;
    const rate = (a.rates[f] * a.size + b.rates[f] * b.size) / (a.size + b.size);
    expect(merged.rates[f]).toBeCloseTo(rate, 12);
    expect(merged.lift[f]).toBeCloseTo(rate - doc.overall.rates[f], 12);
    const code = doc.profile.role;
    expect(merged.breakdowns[code].counts).toEqual(
      a.breakdowns[code].counts.map((c, i) => c + b.breakdowns[code].counts[i]),
    );
    expect(merged.breakdowns[code].missing).toBe(a.breakdowns[code].missing + b.breakdowns[code].missing);
  });

  it('moves map points of merged segments to the group and leaves the input unchanged', () => {
    const before = JSON.stringify(doc);
    const view = mergedView(doc, normalizeGroups(3, [[1, 2]]));
    doc.map.segment.forEach((s, i) => {
      expect(view.map.segment[i]).toBe(s === 2 ? 1 : s);
    });
    expect(JSON.stringify(doc)).toBe(before);
  });
});
