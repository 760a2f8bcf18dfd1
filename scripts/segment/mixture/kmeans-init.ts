/**
 * k-means++ seeding as scikit-learn's `kmeans_plusplus` does it: the greedy variant, which draws
 * 2 + floor(ln k) candidates per new center (proportional to squared distance to the nearest chosen
 * center) and keeps the candidate that lowers the total potential most. The greedy trials make the
 * seeding far less sensitive to one unlucky draw than plain k-means++.
 */

import { type Random, randomInt } from '../../infra/random.js';
import type { Embedding } from '../embedding/types.js';

/** Squared Euclidean distance from every row to row `center`, written into `out`. */
function squaredDistancesTo(points: Embedding, center: number, out: Float64Array): void {
  const { rows, dims, data } = points;
  const base = center * dims;
  for (let i = 0; i < rows; i++) {
    let sum = 0;
    const row = i * dims;
    for (let c = 0; c < dims; c++) {
      const diff = data[row + c] - data[base + c];
      sum += diff * diff;
    }
    out[i] = sum;
  }
}

/** First index whose cumulative value is >= target (numpy's searchsorted, side='left'), clipped to n - 1. */
function searchSorted(cumulative: Float64Array, target: number): number {
  let low = 0;
  let high = cumulative.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (cumulative[mid] < target) low = mid + 1;
    else high = mid;
  }
  return Math.min(low, cumulative.length - 1);
}

/**
 * Chooses `k` rows of `points` as initial centers; returns their row indices in the order chosen.
 * Assumes 1 <= k <= points.rows (the caller validates).
 */
export function kmeansPlusPlus(points: Embedding, k: number, random: Random): Int32Array {
  const n = points.rows;
  const localTrials = 2 + Math.floor(Math.log(k));
  const indices = new Int32Array(k);

  indices[0] = randomInt(random, n);
  let closest = new Float64Array(n);
  squaredDistancesTo(points, indices[0], closest);
  let potential = sum(closest);

  const cumulative = new Float64Array(n);
  const candidateDistances = new Float64Array(n);
  let bestDistances = new Float64Array(n);

  for (let c = 1; c < k; c++) {
    let running = 0;
    for (let i = 0; i < n; i++) {
      running += closest[i];
      cumulative[i] = running;
    }
    const candidates: number[] = [];
    for (let t = 0; t < localTrials; t++) candidates.push(searchSorted(cumulative, random() * potential));

    let bestCandidate = -1;
    let bestPotential = Infinity;
    for (const candidate of candidates) {
      squaredDistancesTo(points, candidate, candidateDistances);
      let candidatePotential = 0;
      for (let i = 0; i < n; i++) {
        const d = Math.min(closest[i], candidateDistances[i]);
        candidateDistances[i] = d;
        candidatePotential += d;
      }
      // Strict '<' keeps the first of equal candidates, as numpy's argmin does.
      if (candidatePotential < bestPotential) {
        bestPotential = candidatePotential;
        bestCandidate = candidate;
        bestDistances.set(candidateDistances);
      }
    }
    indices[c] = bestCandidate;
    potential = bestPotential;
    [closest, bestDistances] = [bestDistances, closest];
  }
  return indices;
}

function sum(values: Float64Array): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i];
  return total;
}

export interface KMeansResult {
  labels: Int32Array;
  /** k * dims. */
  centers: Float64Array;
  iterations: number;
}

/**
 * scikit-learn's KMeans(n_clusters=k, n_init=1) as GaussianMixture's default `init_params='kmeans'` runs it:
 * greedy k-means++ seeds, then Lloyd iterations (at most 300) until the labels stop changing or the centres
 * move by at most tol = 1e-4 · mean per-dimension variance (squared shift summed over centres), then a last
 * assignment to the final centres. An empty cluster takes the point farthest from its own centre, as
 * sklearn's _relocate_empty_clusters does.
 */
export function kmeans(points: Embedding, k: number, random: Random, maxIter = 300, relativeTol = 1e-4): KMeansResult {
  const { rows: n, dims: d, data } = points;
  let centers = new Float64Array(k * d);
  kmeansPlusPlus(points, k, random).forEach((row, j) => {
    centers.set(data.subarray(row * d, (row + 1) * d), j * d);
  });
  const tol = meanVariance(points) * relativeTol;
  const labels = new Int32Array(n);
  const previous = new Int32Array(n).fill(-1);
  const distances = new Float64Array(n);
  let next = new Float64Array(k * d);
  let strict = false;
  let iterations = 0;
  while (iterations < maxIter) {
    iterations++;
    assign(points, centers, k, labels, distances);
    updateCenters(points, labels, distances, centers, k, next);
    let shift = 0;
    for (let i = 0; i < k * d; i++) shift += (next[i] - centers[i]) ** 2;
    [centers, next] = [next, centers];
    if (labels.every((label, i) => label === previous[i])) {
      strict = true;
      break;
    }
    if (shift <= tol) break;
    previous.set(labels);
  }
  if (!strict) assign(points, centers, k, labels, distances);
  return { labels, centers, iterations };
}

/** Nearest centre per point (the first of equals), and the squared distance to it. */
function assign(
  points: Embedding,
  centers: Float64Array,
  k: number,
  labels: Int32Array,
  distances: Float64Array,
): void {
  const { rows: n, dims: d, data } = points;
  for (let i = 0; i < n; i++) {
    let best = Infinity;
    let label = 0;
    for (let j = 0; j < k; j++) {
      let sum = 0;
      for (let c = 0; c < d; c++) {
        const diff = data[i * d + c] - centers[j * d + c];
        sum += diff * diff;
      }
      if (sum < best) {
        best = sum;
        label = j;
      }
    }
    labels[i] = label;
    distances[i] = best;
  }
}

/** Means of the new clusters into `out`; empty clusters take the points farthest from their centres. */
function updateCenters(
  points: Embedding,
  labels: Int32Array,
  distances: Float64Array,
  centers: Float64Array,
  k: number,
  out: Float64Array,
): void {
  const { rows: n, dims: d, data } = points;
  const sizes = new Float64Array(k);
  out.fill(0);
  for (let i = 0; i < n; i++) {
    sizes[labels[i]]++;
    for (let c = 0; c < d; c++) out[labels[i] * d + c] += data[i * d + c];
  }
  const empty: number[] = [];
  for (let j = 0; j < k; j++) if (sizes[j] === 0) empty.push(j);
  if (empty.length > 0) {
    const farthest = Array.from({ length: n }, (_, i) => i).sort((a, b) => distances[b] - distances[a] || a - b);
    empty.forEach((j, e) => {
      const point = farthest[e];
      const from = labels[point];
      for (let c = 0; c < d; c++) {
        out[from * d + c] -= data[point * d + c];
        out[j * d + c] = data[point * d + c];
      }
      sizes[from]--;
      sizes[j] = 1;
    });
  }
  for (let j = 0; j < k; j++) {
    if (sizes[j] > 0) for (let c = 0; c < d; c++) out[j * d + c] /= sizes[j];
    else out.set(centers.subarray(j * d, (j + 1) * d), j * d);
  }
}

function meanVariance(points: Embedding): number {
  const { rows: n, dims: d, data } = points;
  let total = 0;
  for (let c = 0; c < d; c++) {
    let mean = 0;
    for (let i = 0; i < n; i++) mean += data[i * d + c];
    mean /= n;
    let variance = 0;
    for (let i = 0; i < n; i++) variance += (data[i * d + c] - mean) ** 2;
    total += variance / n;
  }
  return total / d;
}
