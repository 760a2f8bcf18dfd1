/**
 * The baseline the benchmark compares our neighbour search with: umap-js's own NN-descent on arrays of
 * numbers with a plain JS Jaccard function, as a user of `new UMAP({ distanceFn })` would get it.
 * On all 26,000 rows of 2021 it took 141 s and 2 GB, so the benchmark calls it on a subset.
 */
import { UMAP } from 'umap-js';
import type { Random } from '../infra/random.js';
import type { BinaryMatrix, Neighbours } from '../segment/types.js';

/** Jaccard distance on 0/1 vectors, the same convention as ours (two empty rows: 0). */
function jaccardOnArrays(a: number[], b: number[]): number {
  let union = 0;
  let intersection = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] !== 0;
    const y = b[i] !== 0;
    if (x || y) union++;
    if (x && y) intersection++;
  }
  return union === 0 ? 0 : (union - intersection) / union;
}

/** umap-js's private nearest-neighbour step (random-projection forest + NN-descent). */
interface UmapNeighbourStep {
  nearestNeighbors(X: number[][]): { knnIndices: number[][]; knnDistances: number[][] };
}

export function umapJsOwnNeighbours(matrix: BinaryMatrix, k: number, random: Random): Neighbours {
  const { rows, cols, data } = matrix;
  const vectors: number[][] = [];
  for (let r = 0; r < rows; r++) vectors.push(Array.from(data.subarray(r * cols, (r + 1) * cols)));
  const umap = new UMAP({ nNeighbors: k, distanceFn: jaccardOnArrays, random });
  const { knnIndices, knnDistances } = (umap as unknown as UmapNeighbourStep).nearestNeighbors(vectors);
  const indices = new Int32Array(rows * k);
  const distances = new Float64Array(rows * k);
  for (let r = 0; r < rows; r++) {
    const order = knnIndices[r].map((_, j) => j);
    // umap-js usually finds the row itself at distance 0; put it first as our convention does.
    order.sort(
      (a, b) =>
        knnDistances[r][a] - knnDistances[r][b] || Number(knnIndices[r][b] === r) - Number(knnIndices[r][a] === r),
    );
    order.forEach((j, slot) => {
      indices[r * k + slot] = knnIndices[r][j];
      distances[r * k + slot] = knnDistances[r][j];
    });
  }
  return { rows, k, indices, distances };
}
