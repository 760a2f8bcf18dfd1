import { describe, expect, it } from 'vitest';
import { createRandom } from '../../../../scripts/infra/random.js';
import { PackedRows } from '../../../../scripts/segment/embedding/bitset.js';
import { NeighbourHeaps } from '../../../../scripts/segment/embedding/neighbour-heap.js';
import {
  EXACT_BELOW,
  jaccardNeighbours,
  jaccardNeighboursExact,
} from '../../../../scripts/segment/embedding/neighbours.js';
import { sampleCandidates } from '../../../../scripts/segment/embedding/nn-candidates.js';
import { buildTreeLeaves } from '../../../../scripts/segment/embedding/rp-tree.js';
import type { BinaryMatrix, Neighbours } from '../../../../scripts/segment/types.js';
import { naiveJaccard, plantedRows, randomRowsWithTies } from '../../../helpers/planted-rows.js';

/** Every row against every row, sorted by (distance, index), self moved first. */
function bruteForce(matrix: BinaryMatrix, k: number): { indices: number[][]; distances: number[][] } {
  const indices: number[][] = [];
  const distances: number[][] = [];
  for (let r = 0; r < matrix.rows; r++) {
    const others = [];
    for (let o = 0; o < matrix.rows; o++) if (o !== r) others.push({ o, d: naiveJaccard(matrix, r, o) });
    others.sort((x, y) => x.d - y.d || x.o - y.o);
    const row = [{ o: r, d: 0 }, ...others.slice(0, k - 1)];
    indices.push(row.map((x) => x.o));
    distances.push(row.map((x) => x.d));
  }
  return { indices, distances };
}

function rowOf(neighbours: Neighbours, r: number, which: 'indices' | 'distances'): number[] {
  return Array.from(neighbours[which].subarray(r * neighbours.k, (r + 1) * neighbours.k));
}

/** Share of found neighbours no farther than the true k-th: ties at the k-th distance are equally right. */
function recall(found: Neighbours, exact: Neighbours): number {
  let hits = 0;
  for (let r = 0; r < exact.rows; r++) {
    const kth = exact.distances[(r + 1) * exact.k - 1];
    for (let j = 0; j < found.k; j++) if (found.distances[r * found.k + j] <= kth) hits++;
  }
  return hits / (exact.rows * exact.k);
}

function expectSelfFirstAndSorted(neighbours: Neighbours): void {
  for (let r = 0; r < neighbours.rows; r++) {
    const indices = rowOf(neighbours, r, 'indices');
    const distances = rowOf(neighbours, r, 'distances');
    expect(indices[0]).toBe(r);
    expect(distances[0]).toBe(0);
    expect(new Set(indices).size).toBe(neighbours.k);
    for (let j = 2; j < neighbours.k; j++) expect(distances[j]).toBeGreaterThanOrEqual(distances[j - 1]);
  }
}

describe('Jaccard distance on packed rows', () => {
  it('matches the byte-wise definition, with two empty rows at distance 0', () => {
    const matrix = randomRowsWithTies(60, 70, 4); // 70 columns: spans three words, the last one partial
    const packed = new PackedRows(matrix);
    let emptyPairs = 0;
    for (let a = 0; a < matrix.rows; a++) {
      for (let b = 0; b < matrix.rows; b++) {
        expect(packed.distance(a, b)).toBe(naiveJaccard(matrix, a, b));
        expect(packed.lowerBound(a, b)).toBeLessThanOrEqual(packed.distance(a, b));
        if (packed.counts[a] === 0 && packed.counts[b] === 0) emptyPairs++;
      }
    }
    expect(emptyPairs).toBeGreaterThan(1);
  });

  it('rejects a matrix whose data does not match its shape', () => {
    expect(() => new PackedRows({ rows: 3, cols: 4, data: new Uint8Array(11) })).toThrow(/11 cells, expected .*12/);
  });
});

describe('jaccardNeighboursExact', () => {
  it('equals brute force, ties (duplicates, empty rows) resolved to the smaller index', () => {
    const matrix = randomRowsWithTies(250, 45, 11);
    const expected = bruteForce(matrix, 15);
    const found = jaccardNeighboursExact(matrix, 15);
    expect(found.k).toBe(15);
    for (let r = 0; r < matrix.rows; r++) {
      expect(rowOf(found, r, 'indices')).toEqual(expected.indices[r]);
      expect(rowOf(found, r, 'distances')).toEqual(expected.distances[r]);
    }
    expectSelfFirstAndSorted(found);
  });

  it('handles k = 1 (self only) and k = rows (everyone)', () => {
    const matrix = randomRowsWithTies(20, 10, 2);
    const selfOnly = jaccardNeighboursExact(matrix, 1);
    expect(Array.from(selfOnly.indices)).toEqual(Array.from({ length: 20 }, (_, r) => r));
    const everyone = jaccardNeighboursExact(matrix, 20);
    expectSelfFirstAndSorted(everyone);
  });

  it('names the bad k', () => {
    const matrix = randomRowsWithTies(10, 5, 1);
    expect(() => jaccardNeighboursExact(matrix, 11)).toThrow(
      /k must be an integer from 1 to the number of rows \(10\), got 11/,
    );
    expect(() => jaccardNeighboursExact(matrix, 0)).toThrow(/got 0/);
  });
});

describe('jaccardNeighbours (NN-descent)', () => {
  const clustered = plantedRows(3000, 120, 12, 21, 0.25, 0.12);
  const exact = jaccardNeighboursExact(clustered, 15);

  it('finds at least 95% of the true neighbours on clustered rows', () => {
    const found = jaccardNeighbours(clustered, 15, { random: createRandom(1), method: 'nn-descent' });
    expect(recall(found, exact)).toBeGreaterThanOrEqual(0.95);
    expectSelfFirstAndSorted(found);
    // The distances it reports are the true distances of the rows it names.
    for (let r = 0; r < clustered.rows; r += 97) {
      for (let j = 0; j < 15; j++) {
        expect(found.distances[r * 15 + j]).toBe(naiveJaccard(clustered, r, found.indices[r * 15 + j]));
      }
    }
  });

  it('copes with duplicates and empty rows', () => {
    const ties = randomRowsWithTies(2000, 60, 5);
    const found = jaccardNeighbours(ties, 15, { random: createRandom(2), method: 'nn-descent' });
    expectSelfFirstAndSorted(found);
    expect(recall(found, jaccardNeighboursExact(ties, 15))).toBeGreaterThanOrEqual(0.95);
  });

  it('is deterministic for a seed, and reports progress to completion', () => {
    const progress: Array<[number, number]> = [];
    const first = jaccardNeighbours(clustered, 15, {
      random: createRandom(9),
      method: 'nn-descent',
      onProgress: (d, t) => progress.push([d, t]),
    });
    const second = jaccardNeighbours(clustered, 15, { random: createRandom(9), method: 'nn-descent' });
    expect(Array.from(second.indices)).toEqual(Array.from(first.indices));
    expect(Array.from(second.distances)).toEqual(Array.from(first.distances));
    expect(progress.at(-1)![0]).toBe(progress.at(-1)![1]);
  });

  it('uses the exact search below EXACT_BELOW rows unless told otherwise', () => {
    const small = plantedRows(400, 50, 4, 3);
    expect(small.rows).toBeLessThan(EXACT_BELOW);
    const automatic = jaccardNeighbours(small, 10, { random: createRandom(1) });
    const exactSmall = jaccardNeighboursExact(small, 10);
    expect(Array.from(automatic.indices)).toEqual(Array.from(exactSmall.indices));
  });

  it('does not modify its input', () => {
    const matrix = plantedRows(500, 40, 5, 8);
    const before = matrix.data.slice();
    jaccardNeighbours(matrix, 15, { random: createRandom(3), method: 'nn-descent' });
    jaccardNeighboursExact(matrix, 15);
    expect(matrix.data).toEqual(before);
  });
});

describe('NN-descent parts', () => {
  it("a tree's leaves hold every row once, none larger than the leaf size", () => {
    const packed = new PackedRows(randomRowsWithTies(1000, 50, 6));
    const { order, bounds } = buildTreeLeaves(packed, 30, createRandom(2));
    expect(Array.from(order).sort((a, b) => a - b)).toEqual(Array.from({ length: 1000 }, (_, r) => r));
    expect(bounds[0]).toBe(0);
    expect(bounds.at(-1)).toBe(1000);
    for (let leaf = 0; leaf + 1 < bounds.length; leaf++) {
      expect(bounds[leaf + 1] - bounds[leaf]).toBeGreaterThan(0);
      expect(bounds[leaf + 1] - bounds[leaf]).toBeLessThanOrEqual(30);
    }
  });

  it('candidate lists are distinct neighbours or reverse neighbours, capped, and drawn new entries turn old', () => {
    const rows = 200;
    const graph = new NeighbourHeaps(rows, 6);
    const random = createRandom(4);
    for (let r = 0; r < rows; r++) {
      for (let j = 1; j <= 6; j++) graph.push(r, random(), (r + j * j) % rows, j % 2);
    }
    const linked = (a: number, b: number) => graph.has(a, b) || graph.has(b, a);
    const flagsBefore = graph.isNew.slice();
    const old = sampleCandidates(graph, false, 5, createRandom(1));
    expect(graph.isNew).toEqual(flagsBefore);
    const fresh = sampleCandidates(graph, true, 5, createRandom(1));
    for (const lists of [old, fresh]) {
      for (let r = 0; r < rows; r++) {
        const picked = Array.from(lists.list.subarray(lists.start[r], lists.start[r] + lists.count[r]));
        expect(picked.length).toBeLessThanOrEqual(5);
        expect(new Set(picked).size).toBe(picked.length);
        for (const c of picked) expect(linked(r, c)).toBe(true);
      }
    }
    let cleared = 0;
    for (let s = 0; s < flagsBefore.length; s++) {
      if (flagsBefore[s] === 1 && graph.isNew[s] === 0) cleared++;
      expect(graph.isNew[s]).toBeLessThanOrEqual(flagsBefore[s]);
    }
    expect(cleared).toBeGreaterThan(0);
  });
});
