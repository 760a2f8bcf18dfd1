/**
 * k-means++ seeding as scikit-learn's `kmeans_plusplus` does it: the greedy variant, which draws
 * 2 + floor(ln k) candidates per new center (proportional to squared distance to the nearest chosen
 * center) and keeps the candidate that lowers the total potential most. The greedy trials make the
 * seeding far less sensitive to one unlucky draw than plain k-means++.
 */
import type { Embedding } from './types.js';
import { randomInt, type Random } from './random.js';

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
