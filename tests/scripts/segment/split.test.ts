import { describe, expect, it } from 'vitest';
import { createRandom } from '../../../scripts/infra/random.js';
import { findMapBoundary, splitByVariants, splitProfessionals } from '../../../scripts/segment/split.js';
import type { Embedding, ProfileAnswers } from '../../../scripts/segment/types.js';

describe('splitByVariants', () => {
  it('marks A-only respondents with enough answers as professionals and counts the incomplete ones', () => {
    const a = Int32Array.from([5, 0, 2, 1, 3, 0]);
    const b = Int32Array.from([0, 4, 1, 0, 0, 0]);
    const split = splitByVariants({ a, b }, 2, 'rule');
    expect(Array.from(split.professional)).toEqual([1, 0, 0, 0, 1, 0]);
    expect(split.excludedIncomplete).toBe(1); // row 3: one A answer only
    expect(split.boundary).toBeNull();
  });
});

/** Two islands of points along x, with a wide empty band between, students on the right. */
function islands(n: number, gapAt: number) {
  const random = createRandom(3);
  const data = new Float64Array(n * 2);
  const values = new Int16Array(n);
  for (let i = 0; i < n; i++) {
    const right = i % 3 === 0;
    data[i * 2] = right ? gapAt + 2 + random() * 3 : gapAt - 2 - random() * 4;
    data[i * 2 + 1] = random() * 5;
    values[i] = right ? (random() < 0.7 ? 1 : 0) : random() < 0.1 ? 1 : 0;
  }
  const map: Embedding = { rows: n, dims: 2, data };
  const role: ProfileAnswers = { code: 'Q5', answers: ['Data Scientist', 'Student'], values };
  return { map, role };
}

describe('the answers rule', () => {
  it('takes exactly the respondents whose answers meet every condition', () => {
    const meetsConditions = Uint8Array.from([1, 0, 1, 1]);
    const split = splitProfessionals(
      {
        rule: 'answers',
        conditions: [{ question: 'Q23', noneOf: ['Currently not employed'] }],
        description: 'employed',
      },
      {
        map: { rows: 4, dims: 2, data: new Float64Array(8) },
        nonProfessionalMarks: new Uint8Array(4),
        meetsConditions,
        questionsAnswered: new Int32Array(4),
        variantAnswers: { a: new Int32Array(4), b: new Int32Array(4) },
      },
    );
    expect(Array.from(split.professional)).toEqual([1, 0, 1, 1]);
    expect(split.rule).toBe('answers');
    expect(split.professional).not.toBe(meetsConditions);
    expect(split.excludedIncomplete).toBe(0);
  });

  it('sets aside those who meet the conditions but quit part-way, and counts them', () => {
    const split = splitProfessionals(
      {
        rule: 'answers',
        conditions: [{ question: 'Q23', noneOf: ['Currently not employed'] }],
        complete: { questions: ['Q15', 'Q16', 'Q17'], minAnswered: 2 },
        description: 'employed',
      },
      {
        map: null,
        nonProfessionalMarks: new Uint8Array(5),
        meetsConditions: Uint8Array.from([1, 1, 0, 1, 1]),
        questionsAnswered: Int32Array.from([3, 1, 3, 2, 0]),
        variantAnswers: { a: new Int32Array(5), b: new Int32Array(5) },
      },
    );
    expect(Array.from(split.professional)).toEqual([1, 0, 0, 1, 0]);
    expect(split.excludedIncomplete).toBe(2); // rows 1 and 4; row 2 never qualified
  });
});

describe('findMapBoundary', () => {
  it('finds the empty band and the side with fewer students', () => {
    const { map, role } = islands(900, 4);
    const boundary = findMapBoundary(map, Uint8Array.from(role.values));
    expect(boundary.axis).toBe('x');
    expect(boundary.value).toBeGreaterThan(2);
    expect(boundary.value).toBeLessThan(6);
    expect(boundary.side).toBe('below');
  });

  it('works on the other axis and side', () => {
    const { map, role } = islands(600, 0);
    const swapped = new Float64Array(map.data.length);
    for (let i = 0; i < map.rows; i++) {
      swapped[i * 2] = map.data[i * 2 + 1];
      swapped[i * 2 + 1] = -map.data[i * 2];
    }
    const boundary = findMapBoundary({ ...map, data: swapped }, Uint8Array.from(role.values));
    expect(boundary.axis).toBe('y');
    expect(boundary.side).toBe('above');
  });

  it('splits by the boundary in the map-split rule', () => {
    const { map, role } = islands(300, 4);
    const split = splitProfessionals(
      { rule: 'map-split', nonProfessional: [{ question: 'Q5', answers: ['Student'] }], description: 'auto' },
      {
        map,
        nonProfessionalMarks: Uint8Array.from(role.values),
        meetsConditions: new Uint8Array(300),
        questionsAnswered: new Int32Array(300),
        variantAnswers: { a: new Int32Array(300), b: new Int32Array(300) },
      },
    );
    const left = Array.from({ length: 300 }, (_, i) => (map.data[i * 2] < 4 ? 1 : 0));
    expect(Array.from(split.professional)).toEqual(left);
    expect(split.rule).toBe('map-split');
  });
});
