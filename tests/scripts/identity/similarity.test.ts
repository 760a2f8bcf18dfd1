import { describe, expect, it } from 'vitest';
import { liftProfile, roundLift, similarity, topLiftFeatures } from '../../../scripts/identity/similarity.js';
import { featureCount, makeSegmentation } from '../../helpers/synthetic-segmentation.js';

describe('similarity', () => {
  it('is the cosine over the union of ids, a missing id counting as 0', () => {
    // a = (1, 2, 0), b = (2, 0, 1) over ids x, y, z: dot 2, norms sqrt(5) and sqrt(5).
    expect(similarity({ x: 1, y: 2 }, { x: 2, z: 1 })).toBeCloseTo(2 / 5, 12);
  });

  it('is scale-free and sign-aware', () => {
    const a = { x: 0.1, y: -0.2, z: 0.3 };
    expect(similarity(a, { x: 0.3, y: -0.6, z: 0.9 })).toBeCloseTo(1, 12);
    expect(similarity(a, { x: -0.1, y: 0.2, z: -0.3 })).toBeCloseTo(-1, 12);
  });

  it('gives 0 for a flat profile instead of NaN', () => {
    expect(similarity({ x: 0, y: 0 }, { x: 1 })).toBe(0);
    expect(similarity({}, {})).toBe(0);
  });
});

describe('liftProfile', () => {
  it('keeps every feature, rounded to 4 decimals, keys sorted', () => {
    const lift = Array.from({ length: featureCount() }, (_, i) => (i % 2 ? 0.123456 : -0.000001));
    const doc = makeSegmentation([{ lift, size: 10 }]);
    const profile = liftProfile(doc, 0);
    expect(Object.keys(profile)).toHaveLength(doc.features.length);
    expect(Object.keys(profile)).toEqual([...Object.keys(profile)].sort());
    expect(profile[doc.features[1].id]).toBe(0.1235);
    expect(Object.is(profile[doc.features[0].id], 0)).toBe(true); // no -0
    expect(roundLift(-0.00004)).toBe(0);
  });

  it('names the year and the known indices for a missing segment', () => {
    const doc = makeSegmentation([{ lift: new Array(featureCount()).fill(0.1), size: 3 }]);
    expect(() => liftProfile(doc, 4)).toThrow(/2021 has no segment with index 4 \(indices: 0\)/);
  });

  it('ranks top lifts highest first, ties in column order', () => {
    const lift = new Array(featureCount()).fill(0);
    lift[5] = 0.3;
    lift[2] = 0.3;
    lift[9] = 0.4;
    const doc = makeSegmentation([{ lift, size: 3 }]);
    expect(topLiftFeatures(doc, 0, 3).map((t) => t.position)).toEqual([9, 2, 5]);
  });
});
