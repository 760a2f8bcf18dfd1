import { describe, expect, it } from 'vitest';
import { createRandom, type Random } from '../../../scripts/infra/random.js';

import { consensusPartition } from '../../../scripts/segment/consensus.js';
import { adjustedRandIndex } from '../../../scripts/segment/partition-agreement.js';
import { classify, stabilityReport } from '../../../scripts/segment/stability.js';

/** 300 items in three planted groups of 100: 0-99, 100-199, 200-299. */
const truth = Int32Array.from({ length: 300 }, (_, i) => Math.floor(i / 100));

/** A run that finds group 0 intact, but cuts groups 1 and 2 (200 similar items) at a random place, in shuffled label order. */
function runWithArbitraryCut(random: Random): Int32Array {
  const cut = 100 + Math.floor(random() * 200);
  const names = [0, 1, 2].sort(() => random() - 0.5);
  return Int32Array.from(truth, (g, i) => names[g === 0 ? 0 : i < cut ? 1 : 2]);
}

/** The truth with a share of items moved to a random other group. */
function noisy(labels: Int32Array, share: number, random: Random): Int32Array {
  return Int32Array.from(labels, (g) => (random() < share ? (g + 1 + Math.floor(random() * 2)) % 3 : g));
}

describe('stabilityReport', () => {
  const random = createRandom(3);
  const runs = Array.from({ length: 20 }, () => runWithArbitraryCut(random));

  it('finds a planted segment stable and the halves of an arbitrary cut not', () => {
    const report = stabilityReport(truth, 3, runs);
    expect(report.runs).toBe(20);
    const [planted, first, second] = report.segments;
    expect(planted.jaccard).toBe(1);
    expect(planted.stabilityClass).toBe('stable');
    expect(planted.found).toBe(20);
    expect(planted.core).toBe(1);
    for (const half of [first, second]) {
      expect(half.jaccard).toBeLessThan(0.75);
      expect(half.core).toBeLessThan(planted.core);
    }
    // Items of the planted segment always stay; the cut ones only sometimes.
    expect(report.agreement.subarray(0, 100).every((a) => a === 1)).toBe(true);
    expect(Math.min(...report.agreement.subarray(100))).toBeLessThan(1);
  });

  it('dissolves a published split that no run repeats', () => {
    // Published: group 0 cut into two halves that no run makes (every run keeps group 0 whole).
    const published = Int32Array.from(truth, (g, i) => (g === 0 ? (i % 2 === 0 ? 0 : 3) : g));
    const report = stabilityReport(published, 4, runs);
    expect(report.segments[0].jaccard).toBeCloseTo(0.5, 1); // each half matches the whole group at 50/100
    expect(report.segments[3].stabilityClass).toBe('dissolved'); // the other half is left without a match
    expect(report.segments[3].found).toBe(0);
  });

  it('reports the median pairwise ARI of the runs, and 1 for identical runs', () => {
    const same = stabilityReport(truth, 3, [truth, Int32Array.from(truth, (g) => 2 - g)]);
    expect(same.pairwiseARI).toEqual({ median: 1, min: 1, max: 1 });
    expect(same.segments.every((s) => s.stabilityClass === 'stable')).toBe(true);
    const report = stabilityReport(truth, 3, runs);
    expect(report.pairwiseARI.median).toBeLessThan(1);
    expect(report.pairwiseARI.min).toBeLessThanOrEqual(report.pairwiseARI.median);
    expect(report.pairwiseARI.max).toBeGreaterThanOrEqual(report.pairwiseARI.median);
  });

  it('handles runs of hundreds of thousands of items', () => {
    const big = Int32Array.from({ length: 300_000 }, (_, i) => i % 3);
    const report = stabilityReport(big, 3, [Int32Array.from(big, (g) => 2 - g)]);
    expect(report.segments.every((s) => s.jaccard === 1)).toBe(true);
  });

  it('reads Jaccard values with clusterboot’s thresholds', () => {
    expect([0.9, 0.75, 0.7, 0.6, 0.55, 0.5, 0.49].map(classify)).toEqual([
      'stable',
      'stable',
      'pattern',
      'pattern',
      'weak',
      'weak',
      'dissolved',
    ]);
  });
});

describe('consensusPartition', () => {
  it('recovers the planted partition from noisy runs with shuffled labels', () => {
    const random = createRandom(11);
    const runs = Array.from({ length: 10 }, () => {
      const names = [0, 1, 2].sort(() => random() - 0.5);
      return Int32Array.from(noisy(truth, 0.25, random), (g) => names[g]);
    });
    const consensus = consensusPartition(runs, { k: 3, seed: 0 });
    expect(adjustedRandIndex(consensus, truth)).toBeGreaterThan(0.95);
    // Each single run is much further from the truth than the consensus.
    for (const run of runs) expect(adjustedRandIndex(run, truth)).toBeLessThan(0.6);
  });

  it('gives the same labels for the same runs and seed', () => {
    const random = createRandom(5);
    const runs = Array.from({ length: 8 }, () => runWithArbitraryCut(random));
    const first = consensusPartition(runs, { k: 3, seed: 4 });
    expect(Array.from(consensusPartition(runs, { k: 3, seed: 4 }))).toEqual(Array.from(first));
    expect(new Set(first).size).toBe(3);
    // The planted group comes out whole whatever the arbitrary cuts did.
    expect(new Set(first.subarray(0, 100)).size).toBe(1);
  });

  it('refuses runs of different lengths', () => {
    expect(() => consensusPartition([truth, truth.subarray(1)], { k: 3, seed: 0 })).toThrow(/300 and 299 items/);
  });
});
