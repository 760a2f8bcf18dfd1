import { describe, expect, it } from 'vitest';
import type { SubSegmentation } from '../../../scripts/document/subsegments-schema.js';
import { checkDrift, checkSubSegmentDrift, reviewedSnapshot } from '../../../scripts/identity/drift.js';
import { distinctProfiles, makeSegmentation, perturb } from '../../helpers/synthetic-segmentation.js';

const profiles = distinctProfiles(4, 8);
const doc = makeSegmentation(profiles.map((lift, i) => ({ lift, size: 50 + i })));
const reviewed = reviewedSnapshot(doc, 1, '2024-05-01');

describe('checkDrift', () => {
  it('records the current top 15 lifts as the reviewed snapshot', () => {
    expect(reviewed.top).toHaveLength(15);
    expect(reviewed.top[0].lift).toBeGreaterThanOrEqual(reviewed.top[14].lift);
  });

  it('finds no drift when the lifts did not change', () => {
    const result = checkDrift(reviewed, doc, 1);
    expect(result.drifted).toBe(false);
    expect(result.similarity).toBeCloseTo(1, 6);
    expect(result.changes).toEqual([]);
  });

  it('records the stability class and counts a class change as drift, with the same lifts', () => {
    const stable = structuredClone(doc);
    stable.segments[1].stability = { jaccard: 0.8, class: 'stable', found: 15, core: 0.9 };
    const snapshot = reviewedSnapshot(stable, 1, '2024-05-01');
    expect(snapshot.stability).toBe('stable');
    expect(checkDrift(snapshot, stable, 1)).toMatchObject({ drifted: false, stabilityChange: null });
    const reseeded = structuredClone(stable);
    reseeded.segments[1].stability = { jaccard: 0.66, class: 'pattern', found: 15, core: 0.5 };
    const result = checkDrift(snapshot, reseeded, 1);
    expect(result.similarity).toBeCloseTo(1, 6);
    expect(result).toMatchObject({ drifted: true, stabilityChange: { reviewed: 'stable', current: 'pattern' } });
    // A review recorded before classes were (no class in it) is not flagged for one.
    expect(checkDrift(reviewed, reseeded, 1).drifted).toBe(false);
  });

  it('finds no drift after small noise', () => {
    const rerun = makeSegmentation(profiles.map((lift, i) => ({ lift: perturb(lift, 0.02, i), size: 50 })));
    expect(checkDrift(reviewed, rerun, 1).drifted).toBe(false);
  });

  it('finds drift when the segment now stands out on other answers, and lists what moved', () => {
    const changed = profiles.map((l) => [...l]);
    changed[1] = profiles[3]; // same slug, different people
    const rerun = makeSegmentation(changed.map((lift) => ({ lift, size: 50 })));
    const result = checkDrift(reviewed, rerun, 1);
    expect(result.drifted).toBe(true);
    expect(result.similarity).toBeLessThan(0.8);
    expect(result.changes.length).toBeGreaterThan(0);
    const deltas = result.changes.map((c) => Math.abs(c.delta));
    expect(deltas).toEqual([...deltas].sort((a, b) => b - a));
    const top = result.changes[0];
    expect(top.label).toBe(rerun.features.find((f) => f.id === top.feature)!.label);
    // The same data counts as drifted or not depending on the threshold.
    expect(checkDrift(reviewed, rerun, 1, { threshold: result.similarity - 0.01 }).drifted).toBe(false);
  });

  it('treats a reviewed feature that no longer exists as lift 0', () => {
    const gone = { date: '2024-05-01', top: [...reviewed.top.slice(0, 14), { feature: 'Q99_Part_1', lift: 0.3 }] };
    const result = checkDrift(gone, doc, 1);
    expect(result.changes.find((c) => c.feature === 'Q99_Part_1')).toEqual({
      feature: 'Q99_Part_1',
      label: null,
      reviewed: 0.3,
      current: null,
      delta: -0.3,
    });
    expect(result.similarity).toBeLessThan(1);
  });
});

describe('checkSubSegmentDrift', () => {
  // A segment of 1,242 split 673 + 569 as the editor reviewed it: the halves answer different features.
  const features = doc.features.length;
  const half = (sign: number) => Array.from({ length: features }, (_, f) => (f < features / 2 ? sign : -sign) * 0.2);
  const split = (sizes: number[], lifts: number[][]): SubSegmentation => ({
    slug: 'bi-analytics',
    indices: [1],
    count: sizes.length,
    members: sizes.reduce((a, b) => a + b, 0),
    baseRates: Array(features).fill(0.3),
    stabilityRuns: 15,
    parts: sizes.map((size, j) => ({
      size,
      share: size / sizes.reduce((a, b) => a + b, 0),
      rates: lifts[j].map((l) => 0.3 + l),
      lift: lifts[j],
      stability: null,
    })),
  });
  const reviewedSplit = split([673, 569], [half(1), half(-1)]);
  const snapshot = reviewedSnapshot(doc, 1, '2024-05-01', undefined, reviewedSplit);

  it('records each sub-segment size and its top answers against the segment', () => {
    expect(snapshot.subSegments!.map((p) => p.size)).toEqual([673, 569]);
    expect(snapshot.subSegments![0].top[0].lift).toBeCloseTo(0.2, 6);
    expect(snapshot.subSegments![0].top.map((t) => t.feature)).not.toEqual(
      snapshot.subSegments![1].top.map((t) => t.feature),
    );
  });

  it('finds no drift in the same split, nor in the same halves listed the other way round', () => {
    expect(checkSubSegmentDrift(snapshot.subSegments!, reviewedSplit, doc).drifted).toBe(false);
    const swapped = split([621, 621], [half(-1), half(1)]);
    expect(checkSubSegmentDrift(snapshot.subSegments!, swapped, doc)).toMatchObject({
      drifted: false,
      currentSizes: [621, 621],
    });
  });

  it('flags a split of other sizes (673 + 569 -> 840 + 393), other halves, or another number of parts', () => {
    expect(checkSubSegmentDrift(snapshot.subSegments!, split([840, 393], [half(1), half(-1)]), doc)).toMatchObject({
      drifted: true,
      reviewedSizes: [673, 569],
      currentSizes: [840, 393],
    });
    const otherHalves = split(
      [673, 569],
      [half(1).map((l, f) => (f % 2 ? l : -l)), half(-1).map((l, f) => (f % 2 ? l : -l))],
    );
    const result = checkSubSegmentDrift(snapshot.subSegments!, otherHalves, doc);
    expect(result.drifted).toBe(true);
    expect(result.similarity).toBeLessThan(0.8);
    expect(
      checkSubSegmentDrift(snapshot.subSegments!, split([500, 400, 342], [half(1), half(-1), half(0.5)]), doc).drifted,
    ).toBe(true);
  });
});
