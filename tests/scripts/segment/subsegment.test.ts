import { describe, expect, it } from 'vitest';
import { createRandom } from '../../../scripts/infra/random.js';
import { prefixedStreams } from '../../../scripts/infra/streams.js';
import { resolveParameters } from '../../../scripts/segment/parameters.js';
import { adjustedRandIndex } from '../../../scripts/segment/partition-agreement.js';
import { subSegment } from '../../../scripts/segment/subsegment.js';
import type { BinaryMatrix } from '../../../scripts/segment/types.js';

/** Two planted groups that answer different halves of 20 questions, with noise. */
function planted(rows: number, seed = 3): { matrix: BinaryMatrix; truth: number[] } {
  const random = createRandom(seed);
  const cols = 20;
  const data = new Uint8Array(rows * cols);
  const truth: number[] = [];
  for (let r = 0; r < rows; r++) {
    const group = r % 3 === 0 ? 1 : 0;
    truth.push(group);
    for (let f = 0; f < cols; f++) {
      const own = f < cols / 2 === (group === 0);
      data[r * cols + f] = random() < (own ? 0.7 : 0.08) ? 1 : 0;
    }
  }
  return { matrix: { rows, cols, data }, truth };
}

/** A split at `seed` with the run's other parameters at their defaults, drawing from the streams under `prefix`. */
const split = (seed: number, prefix: string, reruns = 0) => ({
  parameters: resolveParameters({ seed }),
  streams: prefixedStreams(prefix),
  reruns,
});

describe('subSegment', () => {
  it('recovers two planted sub-groups, largest first, with lift against the whole segment', () => {
    const { matrix, truth } = planted(240);
    const result = subSegment(matrix, 2, split(0, 'test'));
    expect(adjustedRandIndex(Array.from(result.labels), truth)).toBeGreaterThan(0.9);
    expect(result.parts.map((p) => p.size)).toEqual([160, 80]);
    expect(result.parts[0].share).toBeCloseTo(2 / 3, 3);
    // The larger group answers the first half: its lift there is positive, in the second half negative.
    expect(result.parts[0].lift[0]).toBeGreaterThan(0.1);
    expect(result.parts[0].lift[19]).toBeLessThan(-0.1);
    for (const p of result.parts)
      p.lift.forEach((l, f) => {
        expect(l).toBeCloseTo(p.rates[f] - result.baseRates[f], 3);
      });
  });

  it('gives the same split for the same seed', () => {
    const { matrix } = planted(120);
    const a = subSegment(matrix, 3, split(5, 'x'));
    const b = subSegment(matrix, 3, split(5, 'x'));
    expect(Array.from(a.labels)).toEqual(Array.from(b.labels));
    expect(a.parts).toEqual(b.parts);
  });

  it('gives each part a stability over re-runs with derived seeds: planted groups hold, a split of noise does not', () => {
    const { matrix } = planted(240);
    const runs = 4;
    const result = subSegment(matrix, 2, split(0, 'test', runs));
    for (const part of result.parts) {
      expect(part.stability).not.toBeNull();
      expect(part.stability!.jaccard).toBeGreaterThanOrEqual(0.75);
      expect(part.stability!.class).toBe('stable');
      expect(part.stability!.found).toBe(runs);
    }
    // The re-runs only add stability: the split itself is the one made without them.
    const plain = subSegment(matrix, 2, split(0, 'test'));
    expect(Array.from(plain.labels)).toEqual(Array.from(result.labels));
    expect(plain.parts.every((p) => p.stability === null)).toBe(true);
    expect(subSegment(matrix, 2, split(0, 'test', runs)).parts).toEqual(result.parts);

    // Members who answer at random hold no sub-groups: four parts of noise move from seed to seed.
    const random = createRandom(11);
    const noise: BinaryMatrix = {
      rows: 240,
      cols: 20,
      data: Uint8Array.from({ length: 240 * 20 }, () => (random() < 0.3 ? 1 : 0)),
    };
    const noisy = subSegment(noise, 4, split(0, 'test', runs));
    const mean = noisy.parts.reduce((sum, p) => sum + p.stability!.jaccard, 0) / noisy.parts.length;
    expect(mean).toBeLessThan(Math.min(...result.parts.map((p) => p.stability!.jaccard)));
    expect(noisy.parts.some((p) => p.stability!.class !== 'stable')).toBe(true);
  });

  it('refuses a count outside 2-6, or too few members to split', () => {
    const { matrix } = planted(120);
    expect(() => subSegment(matrix, 1, split(0, 'x'))).toThrow(/1 is not a whole number from 2 to 6/);
    expect(() => subSegment(matrix, 7, split(0, 'x'))).toThrow(/from 2 to 6/);
    expect(() => subSegment(planted(12).matrix, 2, split(0, 'x'))).toThrow(/12 members are too few to split in 2/);
  });
});
