import { describe, expect, it } from 'vitest';
import { SegmentationSchema } from '../../scripts/document/segmentation-schema.js';
import { makeSegmentationFixture } from './segmentation-fixture.js';

describe('makeSegmentationFixture', () => {
  const doc = makeSegmentationFixture();

  it('is a valid segmentation document of the promised size, the same every time', () => {
    expect(SegmentationSchema.parse(doc)).toEqual(doc);
    expect(doc.features).toHaveLength(12);
    expect(doc.segments).toHaveLength(3);
    expect(doc.map.x).toHaveLength(60);
    expect(JSON.stringify(makeSegmentationFixture())).toBe(JSON.stringify(doc));
  });

  it('is internally consistent: lift, sizes, order, breakdowns and map agree', () => {
    for (const segment of doc.segments) {
      for (const [i, lift] of segment.lift.entries())
        expect(lift).toBeCloseTo(segment.rates[i] - doc.overall.rates[i], 12);
      expect(doc.map.segment.filter((s) => s === segment.index)).toHaveLength(segment.size);
      const answered = segment.breakdowns[doc.profile.role].counts.reduce((a, b) => a + b, 0);
      expect(answered + segment.breakdowns[doc.profile.role].missing).toBe(segment.size);
    }
    expect(doc.segments.reduce((sum, s) => sum + s.size, 0)).toBe(doc.counts.professionals);
    const shares = doc.segments.map((s) => s.newToMLShare);
    expect([...shares].sort((a, b) => a - b)).toEqual(shares);
  });
});
