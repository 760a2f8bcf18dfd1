import { describe, expect, it } from 'vitest';
import { createRandom } from '../../../scripts/infra/random.js';
import { profileSegments } from '../../../scripts/segment/profile.js';
import type { ProfileAnswers } from '../../../scripts/segment/types.js';

function inputs(rows = 400, cols = 12, k = 4) {
  const random = createRandom(11);
  const components = Int32Array.from({ length: rows }, () => Math.floor(random() * k));
  const data = new Uint8Array(rows * cols);
  components.forEach((c, r) => {
    for (let f = 0; f < cols; f++) data[r * cols + f] = random() < (f % k === c ? 0.8 : 0.15) ? 1 : 0;
  });
  // Component c is new to ML with probability c / k, so the published order is 0, 1, 2, 3.
  const ml: ProfileAnswers = {
    code: 'Q15',
    answers: ['I do not use machine learning methods', 'Under 1 year', '5+ years'],
    values: Int16Array.from(components, (c) => (random() < c / k ? 1 : random() < 0.05 ? -1 : 2)),
  };
  const map = {
    rows,
    dims: 2,
    data: Float64Array.from({ length: rows * 2 }, (_, i) => (i % 2 === 0 ? components[i >> 1] : random())),
  };
  return {
    matrix: { rows, cols, data },
    components,
    k,
    profile: new Map([['Q15', ml]]),
    mlYears: 'Q15',
    newToML: ['I do not use machine learning methods', 'Under 1 year'],
    map,
  };
}

describe('profileSegments', () => {
  it('gives lift that, weighted by segment sizes, sums to zero for every feature', () => {
    const p = profileSegments(inputs());
    const total = p.segments.reduce((n, s) => n + s.size, 0);
    for (let f = 0; f < 12; f++) {
      const weighted = p.segments.reduce((sum, s) => sum + s.lift[f] * s.size, 0) / total;
      expect(Math.abs(weighted)).toBeLessThan(1e-5);
    }
  });

  it('computes rates and lift as segment rate minus overall rate', () => {
    const input = inputs();
    const p = profileSegments(input);
    const s = p.segments[2];
    const members = Array.from(input.components).flatMap((c, r) => (c === s.component ? [r] : []));
    const rate = members.filter((r) => input.matrix.data[r * 12 + 5]).length / members.length;
    const overall = Array.from({ length: 400 }, (_, r) => input.matrix.data[r * 12 + 5]).filter(Boolean).length / 400;
    expect(s.rates[5]).toBeCloseTo(rate, 6);
    expect(p.overall.rates[5]).toBeCloseTo(overall, 6);
    expect(s.lift[5]).toBeCloseTo(rate - overall, 5);
    expect(s.size).toBe(members.length);
  });

  it('publishes segments in ascending share new to ML and maps components to that order', () => {
    const p = profileSegments(inputs());
    const shares = p.segments.map((s) => s.newToMLShare);
    expect([...shares].sort((a, b) => a - b)).toEqual(shares);
    expect(p.segments.map((s) => s.component)).toEqual([0, 1, 2, 3]);
    for (const s of p.segments) expect(p.indexOfComponent[s.component]).toBe(s.index);
  });

  it('counts profile answers per segment in answer order, with the unanswered apart', () => {
    const input = inputs();
    const p = profileSegments(input);
    const all = p.overall.breakdowns.Q15;
    expect(all.counts.reduce((a, b) => a + b, 0) + all.missing).toBe(400);
    const summed = p.segments.reduce((acc, s) => acc.map((v, i) => v + s.breakdowns.Q15.counts[i]), [0, 0, 0]);
    expect(summed).toEqual(all.counts);
  });

  it('places each segment at the mean map position of its members', () => {
    const p = profileSegments(inputs());
    for (const s of p.segments) expect(s.center.x).toBe(s.component);
  });
});

describe('the newToML share', () => {
  it('counts only members who answered the question, so blanks do not make a segment look experienced', () => {
    const input = inputs();
    // Component 0 (the most experienced) now answers nothing but "new" or blank: 10 new, the rest blank.
    let seen = 0;
    const values = input.profile.get('Q15')!.values;
    input.components.forEach((c, r) => {
      if (c === 0) values[r] = seen++ < 10 ? 1 : -1;
    });
    const p = profileSegments(input);
    const segment = p.segments.find((s) => s.component === 0)!;
    expect(segment.newToMLShare).toBe(1);
    // Counted over all members it would be 10 / size and the segment would still come first.
    expect(p.segments.at(-1)!.component).toBe(0);
  });
});
