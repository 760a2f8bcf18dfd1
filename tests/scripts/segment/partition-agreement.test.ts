import { describe, expect, it } from 'vitest';
import { createRandom, randomInt } from '../../../scripts/infra/random.js';
import { adjustedRandIndex } from '../../../scripts/segment/partition-agreement.js';

describe('adjustedRandIndex', () => {
  it('is 1 for identical partitions', () => {
    const labels = [0, 0, 1, 1, 2, 2, 2, 3];
    expect(adjustedRandIndex(labels, labels)).toBe(1);
  });

  it('is 1 when only the label values differ', () => {
    const a = [0, 0, 1, 1, 2, 2, 2];
    const b = Int32Array.from([7, 7, -1, -1, 3, 3, 3]);
    expect(adjustedRandIndex(a, b)).toBe(1);
  });

  it('matches a hand-computed small example', () => {
    // a = {0,1,2} {3,4,5}; b = {0,1} {2,3} {4,5}.
    // Contingency (rows a, columns b): [2 1 0; 0 1 2].
    //   index    = Σ C(n_ij, 2) = C(2,2) + C(2,2) = 2
    //   rows     = Σ C(a_i, 2)  = C(3,2) + C(3,2) = 6
    //   columns  = Σ C(b_j, 2)  = 3 · C(2,2)      = 3
    //   expected = rows · columns / C(6, 2) = 18 / 15 = 1.2
    //   maximum  = (rows + columns) / 2 = 4.5
    //   ARI      = (2 − 1.2) / (4.5 − 1.2) = 0.8 / 3.3 = 8/33
    const a = [0, 0, 0, 1, 1, 1];
    const b = [0, 0, 1, 1, 2, 2];
    expect(adjustedRandIndex(a, b)).toBeCloseTo(8 / 33, 12);
    expect(adjustedRandIndex(b, a)).toBeCloseTo(8 / 33, 12);
  });

  it('is negative when agreement is worse than chance', () => {
    // a = {0,1} {2,3}; b = {0,2} {1,3}: no pair together in both.
    // index 0, rows 2, columns 2, expected 4/6, maximum 2 → (0 − 2/3) / (2 − 2/3) = −1/2.
    expect(adjustedRandIndex([0, 0, 1, 1], [0, 1, 0, 1])).toBeCloseTo(-0.5, 12);
  });

  it('is near 0 for independent random labellings', () => {
    const random = createRandom(11);
    const n = 5000;
    const a = Int32Array.from({ length: n }, () => randomInt(random, 5));
    const b = Int32Array.from({ length: n }, () => randomInt(random, 5));
    expect(Math.abs(adjustedRandIndex(a, b))).toBeLessThan(0.01);
  });

  it('is 1 for two single-cluster partitions and for empty input', () => {
    expect(adjustedRandIndex([4, 4, 4], [1, 1, 1])).toBe(1);
    expect(adjustedRandIndex([], [])).toBe(1);
  });

  it('rejects partitions of different lengths', () => {
    expect(() => adjustedRandIndex([0, 1], [0])).toThrow(/2 and 1 items/);
  });
});
