import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../../../scripts/infra/random.js';
import {
  EigenSolverError,
  largestEigenpairs,
  type SparseSymmetric,
  symmetricEigen,
} from '../../../../scripts/segment/embedding/eigen.js';
import { embed } from '../../../../scripts/segment/embedding/embed.js';
import type { LayoutEdges } from '../../../../scripts/segment/embedding/graph.js';
import {
  connectedComponents,
  spectralEmbedding,
  spectralLayout,
  spectralPlan,
  spectralStart,
  toSparse,
} from '../../../../scripts/segment/embedding/spectral.js';
import { plantedRows } from '../../../helpers/planted-rows.js';

/** A random sparse symmetric matrix with about `perRow` entries a row. */
function randomSparse(n: number, perRow: number, seed: number): SparseSymmetric {
  const random = createRandom(seed);
  const entries = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    for (let e = 0; e < perRow; e++) {
      const j = Math.floor(random() * n);
      const w = random();
      entries.set(i * n + j, w);
      entries.set(j * n + i, w);
    }
  }
  return fromDense(n, (i, j) => entries.get(i * n + j) ?? 0);
}

function fromDense(n: number, at: (i: number, j: number) => number): SparseSymmetric {
  const rowStart = new Int32Array(n + 1);
  const columns: number[] = [];
  const values: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const v = at(i, j);
      if (v !== 0) {
        columns.push(j);
        values.push(v);
      }
    }
    rowStart[i + 1] = columns.length;
  }
  return { size: n, rowStart, columns: Int32Array.from(columns), values: Float64Array.from(values) };
}

function dense(matrix: SparseSymmetric): Float64Array {
  const n = matrix.size;
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let at = matrix.rowStart[i]; at < matrix.rowStart[i + 1]; at++)
      out[i * n + matrix.columns[at]] = matrix.values[at];
  return out;
}

/** Largest |a - s·b| over the entries, with the sign s that fits best. */
function differenceUpToSign(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let plus = 0;
  let minus = 0;
  for (let i = 0; i < a.length; i++) {
    plus = Math.max(plus, Math.abs(a[i] - b[i]));
    minus = Math.max(minus, Math.abs(a[i] + b[i]));
  }
  return Math.min(plus, minus);
}

function column(layout: ArrayLike<number>, dims: number, d: number, rows?: number[]): number[] {
  const all = Array.from({ length: layout.length / dims }, (_, i) => layout[i * dims + d]);
  return rows ? rows.map((r) => all[r]) : all;
}

describe('largestEigenpairs (thick-restarted Lanczos)', () => {
  it('matches a dense solution, with restarts forced by a small basis', () => {
    for (const [n, seed] of [
      [60, 1],
      [150, 2],
    ]) {
      const matrix = randomSparse(n, 4, seed);
      const exact = symmetricEigen(dense(matrix), n);
      const found = largestEigenpairs(matrix, {
        count: 4,
        basisSize: 14,
        tol: 1e-10,
        maxRestarts: 500,
        start: new Float64Array(n).fill(1),
      });
      expect(found.restarts).toBeGreaterThan(0);
      for (let j = 0; j < 4; j++) {
        expect(found.values[j]).toBeCloseTo(exact.values[j], 8);
        const exactVector = Array.from({ length: n }, (_, a) => exact.vectors[a * n + j]);
        expect(differenceUpToSign(found.vectors[j], exactVector)).toBeLessThan(1e-6);
      }
    }
  });

  it('gives up with an EigenSolverError when it cannot converge in the restarts allowed', () => {
    const matrix = randomSparse(200, 4, 4);
    expect(() =>
      largestEigenpairs(matrix, {
        count: 4,
        basisSize: 10,
        tol: 1e-12,
        maxRestarts: 0,
        start: new Float64Array(200).fill(1),
      }),
    ).toThrow(EigenSolverError);
  });

  it('searches only the complement of the deflated vectors', () => {
    const n = 80;
    const matrix = randomSparse(n, 5, 3);
    const exact = symmetricEigen(dense(matrix), n);
    const top = Float64Array.from({ length: n }, (_, a) => exact.vectors[a * n]);
    const found = largestEigenpairs(matrix, {
      count: 2,
      basisSize: 20,
      tol: 1e-10,
      maxRestarts: 500,
      start: new Float64Array(n).fill(1),
      deflate: [top],
    });
    expect(found.values[0]).toBeCloseTo(exact.values[1], 8);
    expect(found.values[1]).toBeCloseTo(exact.values[2], 8);
  });
});

describe('connected components', () => {
  it('numbers components in order of their first vertex', () => {
    // 0-1-2, 3 alone, 4-5
    const graph = fromDense(6, (i, j) =>
      Math.abs(i - j) === 1 && Math.max(i, j) !== 3 && Math.min(i, j) !== 3 ? 1 : 0,
    );
    const { count, labels } = connectedComponents(graph);
    expect(count).toBe(3);
    expect(Array.from(labels)).toEqual([0, 0, 0, 1, 2, 2]);
  });
});

interface FixtureCase {
  rows: number;
  dims: number;
  components: number;
  tail: number[];
  head: number[];
  weights: number[];
  layout: number[][];
}

describe("spectral layout against umap-learn's (tests/helpers/fixtures/spectral)", () => {
  const fixture = JSON.parse(
    readFileSync(new URL('../../../helpers/fixtures/spectral/umap-learn-spectral.json', import.meta.url), 'utf8'),
  ) as Record<string, FixtureCase>;
  const edgesOf = (c: FixtureCase): LayoutEdges => ({
    tail: Int32Array.from(c.tail),
    head: Int32Array.from(c.head),
    weights: Float64Array.from(c.weights),
  });
  const noMatrix = { rows: 0, cols: 0, data: new Uint8Array() };

  it('gives the same eigenvectors on a connected graph, up to sign', () => {
    const c = fixture.connected;
    expect(c.components).toBe(1);
    const ours = spectralLayout(edgesOf(c), c.rows, c.dims, { random: createRandom(0), matrix: noMatrix });
    const theirs = c.layout.flat();
    for (let d = 0; d < c.dims; d++) {
      const scale = Math.max(...column(theirs, c.dims, d).map(Math.abs));
      expect(differenceUpToSign(column(ours, c.dims, d), column(theirs, c.dims, d)) / scale).toBeLessThan(1e-3);
    }
  });

  it('lays a disconnected graph out component by component around the same meta-layout', () => {
    const c = fixture.disconnected;
    expect(c.components).toBe(2);
    const edges = edgesOf(c);
    const { labels } = connectedComponents(toSparse(edges, c.rows));
    const ours = spectralLayout(edges, c.rows, c.dims, { random: createRandom(0), matrix: noMatrix });
    const theirs = c.layout.flat();
    // Two components sit around e1 and -e1 (umap-learn's meta-layout for up to 2·dims components).
    const meta = [
      [1, 0],
      [-1, 0],
    ];
    for (let component = 0; component < 2; component++) {
      const members = Array.from(labels.keys()).filter((i) => labels[i] === component);
      for (let d = 0; d < c.dims; d++) {
        const a = column(ours, c.dims, d, members).map((v) => v - meta[component][d]);
        const b = column(theirs, c.dims, d, members).map((v) => v - meta[component][d]);
        const spread = Math.max(...b.map(Math.abs));
        expect(spread).toBeGreaterThan(0.1);
        expect(spread).toBeLessThanOrEqual(1 + 1e-6); // half the distance between the two meta points
        expect(differenceUpToSign(a, b) / spread).toBeLessThan(1e-3);
      }
    }
  });

  it('scales to [0, 10] per axis with a little noise, the same for the same seed', () => {
    const c = fixture.connected;
    const first = spectralEmbedding(edgesOf(c), c.rows, c.dims, { random: createRandom(5), matrix: noMatrix });
    const again = spectralEmbedding(edgesOf(c), c.rows, c.dims, { random: createRandom(5), matrix: noMatrix });
    const other = spectralEmbedding(edgesOf(c), c.rows, c.dims, { random: createRandom(6), matrix: noMatrix });
    expect(Array.from(again)).toEqual(Array.from(first));
    expect(Array.from(other)).not.toEqual(Array.from(first));
    for (let d = 0; d < c.dims; d++) {
      const values = column(first, c.dims, d);
      expect(Math.min(...values)).toBe(0);
      expect(Math.max(...values)).toBeCloseTo(10, 12);
      // The noise (sd 1e-4 before rescaling) moves no point far from the unjittered layout.
      expect(differenceUpToSign(values, column(other, c.dims, d))).toBeLessThan(0.01);
    }
  });

  it('starts the embedding from the spectral layout by default, with no notice when the solver converges', () => {
    const matrix = plantedRows(120, 30, 3, 9, 0.5, 0.1);
    const notices: string[] = [];
    const spectral = embed(
      matrix,
      { nComponents: 2, nNeighbors: 15, minDist: 0.1, nEpochs: 1, init: 'spectral' },
      { random: createRandom(1), onNotice: (m) => notices.push(m) },
    );
    const random = embed(
      matrix,
      { nComponents: 2, nNeighbors: 15, minDist: 0.1, nEpochs: 1, init: 'random' },
      { random: createRandom(1) },
    );
    // After one epoch the spectral start still lies within [0, 10] (plus one step), the random one in [-10, 10).
    expect(Math.min(...spectral.data)).toBeGreaterThan(-2);
    expect(Math.min(...random.data)).toBeLessThan(-5);
    expect(notices).toEqual([]);
  });

  it('plans once what draws nothing: starts from one plan draw their own scattered rows and noise, as from the graph', () => {
    // A ring of 30 rows (each joined to the next two on either side), and two pairs: components too small
    // for eigenvectors, scattered around their meta-layout points.
    const pairs: Array<[number, number, number]> = [];
    for (let i = 0; i < 30; i++)
      for (const step of [1, 2]) {
        pairs.push([i, (i + step) % 30, 1 / step], [(i + step) % 30, i, 1 / step]);
      }
    pairs.push([30, 31, 1], [31, 30, 1], [32, 33, 1], [33, 32, 1]);
    pairs.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    const edges: LayoutEdges = {
      tail: Int32Array.from(pairs, (p) => p[0]),
      head: Int32Array.from(pairs, (p) => p[1]),
      weights: Float64Array.from(pairs, (p) => p[2]),
    };
    const matrix = { rows: 34, cols: 0, data: new Uint8Array() };
    const plan = spectralPlan(edges, 34, 2, matrix);
    expect(plan.scatter.map((s) => Array.from(s.members))).toEqual([
      [30, 31],
      [32, 33],
    ]);
    const planned = Array.from(plan.layout);
    for (const seed of [5, 6, 5]) {
      const fromPlan = spectralStart(plan, createRandom(seed));
      expect(Array.from(fromPlan)).toEqual(
        Array.from(spectralEmbedding(edges, 34, 2, { random: createRandom(seed), matrix })),
      );
    }
    expect(Array.from(plan.layout)).toEqual(planned);
    // Before scaling, the ring's rows are the plan's whatever the stream; only the pairs' rows are drawn.
    const one = spectralLayout(edges, 34, 2, { random: createRandom(1), matrix });
    const two = spectralLayout(edges, 34, 2, { random: createRandom(2), matrix });
    expect(Array.from(one.subarray(0, 60))).toEqual(planned.slice(0, 60));
    expect(Array.from(two.subarray(0, 60))).toEqual(planned.slice(0, 60));
    expect(Array.from(one.subarray(60))).not.toEqual(Array.from(two.subarray(60)));
  });
});
