import { describe, expect, it } from 'vitest';
import { createRandom } from '../../../scripts/infra/random.js';
import { drawWithoutReplacement, largestRemainder, shuffle } from '../../../scripts/infra/sampling.js';

describe('largestRemainder', () => {
  it('gives each part the floor of its share and the largest remainders one more, adding up to the total', () => {
    // Exact shares 3.5, 2.5, 1.0 (of 7 by 7:5:2): the two halves tie, so the earlier part gets the unit left.
    expect(largestRemainder(7, [7, 5, 2])).toEqual([4, 2, 1]);
    // 10 by thirds: 3.33 each, one unit left, to the first.
    expect(largestRemainder(10, [1, 1, 1])).toEqual([4, 3, 3]);
    // Weights need not add up to anything: exact shares 37.93, 27.59, 34.48, two units left.
    expect(largestRemainder(100, [0.11, 0.08, 0.1])).toEqual([38, 28, 34]);
    for (const total of [0, 1, 99, 6000]) {
      const parts = largestRemainder(total, [0.3, 0.25, 0.2, 0.15, 0.1]);
      expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
      expect(parts.every((p) => Number.isInteger(p) && p >= 0)).toBe(true);
    }
  });
});

describe('shuffle and drawWithoutReplacement', () => {
  const items = Array.from({ length: 50 }, (_, i) => i);

  it('shuffle reorders every item in place, the same way for the same seed', () => {
    const a = [...items];
    const b = [...items];
    shuffle(createRandom(1), a);
    shuffle(createRandom(1), b);
    expect(a).toEqual(b);
    expect(a).not.toEqual(items);
    expect([...a].sort((x, y) => x - y)).toEqual(items);
  });

  it('drawWithoutReplacement draws k distinct items, leaves its input alone, and repeats for the same seed', () => {
    const drawn = drawWithoutReplacement(createRandom(2), items, 20);
    expect(drawn).toHaveLength(20);
    expect(new Set(drawn).size).toBe(20);
    expect(drawn.every((x) => items.includes(x))).toBe(true);
    expect(items).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(drawWithoutReplacement(createRandom(2), items, 20)).toEqual(drawn);
    expect(drawWithoutReplacement(createRandom(3), items, 20)).not.toEqual(drawn);
  });
});
