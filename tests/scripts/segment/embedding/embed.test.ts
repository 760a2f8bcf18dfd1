import { UMAP } from 'umap-js';
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../../../scripts/infra/random.js';
import { UmapJsCurve } from '../../../../scripts/segment/embedding/curve.js';
import {
  defaultEpochs,
  type EmbedPhases,
  embed,
  type SharedGraph,
} from '../../../../scripts/segment/embedding/embed.js';
import { LaneCurve } from '../../../../scripts/segment/embedding/lane-curve.js';
import { jaccardNeighboursExact } from '../../../../scripts/segment/embedding/neighbours.js';
import type { BinaryMatrix, Embedding } from '../../../../scripts/segment/types.js';
import { plantedRows } from '../../../helpers/planted-rows.js';

/** umap-js's own fit on the same precomputed neighbours and the same seeded stream. */
function umapJsFit(matrix: BinaryMatrix, dims: number, minDist: number, nEpochs: number, seed: number): number[][] {
  const neighbours = jaccardNeighboursExact(matrix, 15);
  const rows = (values: ArrayLike<number>) =>
    Array.from({ length: matrix.rows }, (_, r) => Array.from(values).slice(r * 15, (r + 1) * 15));
  const umap = new UMAP({ nComponents: dims, nNeighbors: 15, minDist, nEpochs, random: createRandom(seed) });
  umap.setPrecomputedKNN(rows(neighbours.indices), rows(neighbours.distances));
  return umap.fit(Array.from({ length: matrix.rows }, () => [0]));
}

/** Mean distance between the two groups' centroids over the mean distance of points to their own centroid. */
function separationRatio(embedding: Embedding, groupOf: (row: number) => number): number {
  const { rows, dims, data } = embedding;
  const centroids = [new Float64Array(dims), new Float64Array(dims)];
  const sizes = [0, 0];
  for (let r = 0; r < rows; r++) {
    sizes[groupOf(r)]++;
    for (let d = 0; d < dims; d++) centroids[groupOf(r)][d] += data[r * dims + d];
  }
  for (const [g, c] of centroids.entries()) for (let d = 0; d < c.length; d++) c[d] /= sizes[g];
  let spread = 0;
  for (let r = 0; r < rows; r++) {
    spread += Math.hypot(...Array.from({ length: dims }, (_, d) => data[r * dims + d] - centroids[groupOf(r)][d]));
  }
  const between = Math.hypot(...Array.from({ length: dims }, (_, d) => centroids[0][d] - centroids[1][d]));
  return between / (spread / rows);
}

describe('defaultEpochs', () => {
  it('follows umap-learn: 500 up to 10,000 points, 200 above', () => {
    expect(defaultEpochs(50)).toBe(500);
    expect(defaultEpochs(10_000)).toBe(500);
    expect(defaultEpochs(10_001)).toBe(200);
    expect(defaultEpochs(26_000)).toBe(200);
  });
});

describe('embed', () => {
  const twoGroups = plantedRows(300, 60, 2, 17, 0.3, 0.05);

  it('reproduces umap-js to the bit in its exact mode (2-, 3- and 4-D)', () => {
    const matrix = plantedRows(200, 40, 3, 5, 0.3, 0.15);
    const neighbours = jaccardNeighboursExact(matrix, 15);
    for (const [dims, minDist, nEpochs] of [
      [2, 0.1, 60],
      [3, 0.05, 30],
      [4, 0, 40],
    ]) {
      const ours = embed(
        matrix,
        { nComponents: dims, nNeighbors: 15, minDist, nEpochs, init: 'random' },
        {
          random: createRandom(8),
          neighbours,
          reproduceUmapJs: true,
        },
      );
      const theirs = umapJsFit(matrix, dims, minDist, nEpochs, 8);
      expect(Array.from(ours.data)).toEqual(theirs.flat());
    }
  });

  it('separates two well-separated planted groups', () => {
    const map = embed(
      twoGroups,
      { nComponents: 2, nNeighbors: 15, minDist: 0.1, init: 'spectral' },
      { random: createRandom(4) },
    );
    expect(map.rows).toBe(300);
    expect(map.dims).toBe(2);
    expect(separationRatio(map, (r) => r % 2)).toBeGreaterThan(4);
    const space = embed(
      twoGroups,
      { nComponents: 4, nNeighbors: 15, minDist: 0, nEpochs: 200, init: 'spectral' },
      { random: createRandom(4) },
    );
    expect(separationRatio(space, (r) => r % 2)).toBeGreaterThan(4);
  });

  it('gives identical arrays for the same seed and different ones for another seed', () => {
    const params = { nComponents: 2, nNeighbors: 15, minDist: 0.1, nEpochs: 50, init: 'spectral' as const };
    const first = embed(twoGroups, params, { random: createRandom(1) });
    const again = embed(twoGroups, params, { random: createRandom(1) });
    const other = embed(twoGroups, params, { random: createRandom(2) });
    expect(Array.from(again.data)).toEqual(Array.from(first.data));
    expect(Array.from(other.data)).not.toEqual(Array.from(first.data));
  });

  it('reports every epoch and leaves its inputs untouched', () => {
    const neighbours = jaccardNeighboursExact(twoGroups, 15);
    const before = {
      data: twoGroups.data.slice(),
      indices: neighbours.indices.slice(),
      distances: neighbours.distances.slice(),
    };
    const progress: number[] = [];
    embed(
      twoGroups,
      { nComponents: 2, nNeighbors: 15, minDist: 0.1, nEpochs: 30, init: 'spectral' },
      {
        random: createRandom(3),
        neighbours,
        onProgress: (done, total) => {
          expect(total).toBe(30);
          progress.push(done);
        },
      },
    );
    expect(progress).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(twoGroups.data).toEqual(before.data);
    expect(neighbours.indices).toEqual(before.indices);
    expect(neighbours.distances).toEqual(before.distances);
  });

  it('uses umap-learn epochs when none are given, after a share of progress for its own neighbour search', () => {
    const progress: Array<[number, number]> = [];
    embed(
      plantedRows(40, 20, 2, 1),
      { nComponents: 2, nNeighbors: 15, minDist: 0.1, init: 'spectral' },
      {
        random: createRandom(1),
        onProgress: (done, total) => progress.push([done, total]),
      },
    );
    expect(progress.every(([, total]) => total === 250 + 500)).toBe(true);
    expect(progress.at(-1)).toEqual([750, 750]);
    expect(progress.filter(([done]) => done > 250).length).toBe(500);
    for (let i = 1; i < progress.length; i++) expect(progress[i][0]).toBeGreaterThanOrEqual(progress[i - 1][0]);
  });

  it('handles inputs smaller than the neighbourhood, as umap-learn truncates it', () => {
    const tiny = plantedRows(6, 10, 2, 2);
    const result = embed(
      tiny,
      { nComponents: 2, nNeighbors: 15, minDist: 0.1, nEpochs: 20, init: 'spectral' },
      { random: createRandom(1) },
    );
    expect(result.data.length).toBe(12);
    expect(result.data.every(Number.isFinite)).toBe(true);
    const single = embed(
      plantedRows(1, 10, 1, 2),
      { nComponents: 2, nNeighbors: 15, minDist: 0.1, init: 'spectral' },
      { random: createRandom(1) },
    );
    expect(Array.from(single.data)).toEqual([0, 0]);
  });

  it('names what is wrong with given neighbours', () => {
    const neighbours = jaccardNeighboursExact(twoGroups, 10);
    expect(() =>
      embed(
        twoGroups,
        { nComponents: 2, nNeighbors: 15, minDist: 0.1, init: 'spectral' },
        { random: createRandom(1), neighbours },
      ),
    ).toThrow(/300 rows with 10 each; the matrix has 300 rows and needs 15/);
  });
});

describe('embed on a shared graph', () => {
  const matrix = plantedRows(300, 40, 3, 11, 0.3, 0.1);
  const space = { nComponents: 4, nNeighbors: 15, minDist: 0, nEpochs: 60, init: 'spectral' as const };
  const map = { ...space, nComponents: 2, minDist: 0.1 };
  const built = () => {
    let graph: SharedGraph | undefined;
    const phases: EmbedPhases = { neighboursMs: 0, graphMs: 0, initMs: 0, layoutMs: 0, updates: 0 };
    const embedding = embed(matrix, space, { random: createRandom(1), phases, onGraph: (g) => (graph = g) });
    return { embedding, graph: graph!, phases };
  };

  it('hands over its fuzzy graph and spectral plan and is itself unchanged by doing so', () => {
    const { embedding, graph, phases } = built();
    expect(phases.searched).toBe(true);
    expect(graph).toMatchObject({ rows: 300, k: 15, nEpochs: 60 });
    expect(graph.spectral!.dims).toBe(4);
    expect(graph.edges.weights.length).toBeGreaterThan(300);
    expect(Array.from(embed(matrix, space, { random: createRandom(1) }).data)).toEqual(Array.from(embedding.data));
  });

  it('gives, on that graph, the bytes of an embedding given the same neighbours: no search, its own noise', () => {
    const { graph } = built();
    const neighbours = jaccardNeighboursExact(matrix, 15);
    // Under 4,000 rows the search is exact, so these are the neighbours the graph was built from.
    for (const params of [space, map]) {
      const phases: EmbedPhases = { neighboursMs: 0, graphMs: 0, initMs: 0, layoutMs: 0, updates: 0 };
      const progress: number[] = [];
      const shared = embed(matrix, params, {
        random: createRandom(2),
        graph,
        phases,
        onProgress: (_, total) => progress.push(total),
      });
      expect(phases.searched).toBe(false);
      expect(new Set(progress)).toEqual(new Set([60]));
      const own = embed(matrix, params, { random: createRandom(2), neighbours });
      expect(Array.from(shared.data)).toEqual(Array.from(own.data));
      // Another stream on the same graph draws another start and other negative samples.
      const other = embed(matrix, params, { random: createRandom(3), graph });
      expect(Array.from(other.data)).not.toEqual(Array.from(shared.data));
    }
  });

  it('leaves the shared arrays as they were', () => {
    const { graph } = built();
    const copies = [graph.edges.tail, graph.edges.head, graph.edges.weights, graph.spectral!.layout].map((a) =>
      Array.from(a),
    );
    embed(matrix, space, { random: createRandom(4), graph });
    embed(matrix, map, { random: createRandom(5), graph });
    expect(
      [graph.edges.tail, graph.edges.head, graph.edges.weights, graph.spectral!.layout].map((a) => Array.from(a)),
    ).toEqual(copies);
  });

  it('refuses a graph of other rows, neighbours or epochs (its weak edges were filtered for its own epochs)', () => {
    const { graph } = built();
    expect(() => embed(matrix, { ...space, nEpochs: 61 }, { random: createRandom(1), graph })).toThrow(/60 epochs/);
    expect(() => embed(matrix, { ...space, nNeighbors: 10 }, { random: createRandom(1), graph })).toThrow(
      /15 neighbours/,
    );
    const fewer = { ...matrix, rows: 299, data: matrix.data.subarray(0, 299 * matrix.cols) };
    expect(() => embed(fewer, space, { random: createRandom(1), graph })).toThrow(/300 rows/);
  });
});

describe("the lanes' float32 curve", () => {
  it('raises squared distances to b within 2e-5 of Math.pow, from the smallest normal float32 up', () => {
    const random = createRandom(6);
    for (const b of [0.8941996053733949, 0.7922918021756439, 1]) {
      const curve = new LaneCurve(1.5, b, 1);
      let worst = 0;
      for (let i = 0; i < 20_000; i++) {
        const x = Math.fround(Math.pow(10, random() * 52 - 37));
        worst = Math.max(worst, Math.abs(curve.power(x) / Math.pow(x, curve.b) - 1));
      }
      expect(worst).toBeGreaterThan(0);
      expect(worst).toBeLessThan(2e-5);
    }
  });

  it("gives umap-js's gradient coefficients to float32 accuracy", () => {
    const a = 1.5694704762346365;
    const b = 0.8941996053733949;
    const lanes = new LaneCurve(a, b, 1);
    const reference = new UmapJsCurve(Math.fround(a), Math.fround(b), 1);
    for (const distSquared of [1e-8, 0.01, 0.5, 1, 3.7, 80, 1e4].map(Math.fround)) {
      expect(Math.abs(lanes.coefficient(distSquared, true) / reference.attraction(distSquared) - 1)).toBeLessThan(3e-5);
      expect(Math.abs(lanes.coefficient(distSquared, false) / reference.repulsion(distSquared) - 1)).toBeLessThan(3e-5);
    }
  });
});
