/**
 * UMAP's fuzzy simplicial set from a kNN list, and the edge list the layout samples from: umap-js's
 * smoothKNNDistance, computeMembershipStrengths, fuzzySimplicialSet (fuzzy union, setOpMixRatio 1) and
 * initializeSimplicialSetEmbedding's edge filtering, in typed arrays and with the same floating-point
 * operations in the same order, so the result equals umap-js's to the bit.
 *
 * Why not umap-js itself: it keeps the graph in a Map keyed by "row:col" strings. On 26,000 rows its
 * fuzzySimplicialSet took 43 s and its transform search graph (which we never use) another 13 s, at 1.6 GB;
 * and its smoothKNNDistance recomputes the mean of all distances inside the row loop (O(n²) when many rows
 * have only zero distances, i.e. duplicated answer sets).
 */
import type { Neighbours } from './types.js';

const SMOOTH_K_TOLERANCE = 1e-5;
const MIN_K_DIST_SCALE = 1e-3;

/** Edges of the layout in umap-js's order (by row, then column), weak ones removed. */
export interface LayoutEdges {
  /** The point that moves towards `head` (umap-js: the graph's row). */
  tail: Int32Array;
  /** The graph's column. */
  head: Int32Array;
  weights: Float64Array;
}

/**
 * Per row: rho, the distance to the nearest non-identical neighbour, and sigma, the scale at which the
 * memberships sum to log2(k). As umap-js: the row's first entry (itself) is left out of the sum.
 */
export function smoothDistances(neighbours: Neighbours, k: number): { sigmas: Float64Array; rhos: Float64Array } {
  const { rows, distances } = neighbours;
  const stride = neighbours.k;
  const target = Math.log(k) / Math.log(2);
  const sigmas = new Float64Array(rows);
  const rhos = new Float64Array(rows);
  const rowMeans = new Float64Array(rows);
  for (let i = 0; i < rows; i++) rowMeans[i] = meanOfRow(distances, i * stride, k);
  const meanOfAll = rows === 0 ? 0 : sumInOrder(rowMeans, 0, rows) / rows;
  for (let i = 0; i < rows; i++) {
    const base = i * stride;
    // localConnectivity 1: rho is the first non-zero distance (or 0 when all are zero).
    for (let j = 0; j < k; j++) {
      if (distances[base + j] > 0) {
        rhos[i] = distances[base + j];
        break;
      }
    }
    const rho = rhos[i];
    let lo = 0;
    let hi = Infinity;
    let mid = 1;
    for (let n = 0; n < 64; n++) {
      let psum = 0;
      for (let j = 1; j < k; j++) {
        const d = distances[base + j] - rho;
        psum += d > 0 ? Math.exp(-(d / mid)) : 1;
      }
      if (Math.abs(psum - target) < SMOOTH_K_TOLERANCE) break;
      if (psum > target) {
        hi = mid;
        mid = (lo + hi) / 2;
      } else {
        lo = mid;
        mid = hi === Infinity ? mid * 2 : (lo + hi) / 2;
      }
    }
    const floor = MIN_K_DIST_SCALE * (rho > 0 ? rowMeans[i] : meanOfAll);
    sigmas[i] = mid < floor ? floor : mid;
  }
  return { sigmas, rhos };
}

/** umap-js's utils.mean: a left-to-right reduce, then a division. */
function meanOfRow(values: Float64Array, start: number, length: number): number {
  return sumInOrder(values, start, length) / length;
}

function sumInOrder(values: Float64Array, start: number, length: number): number {
  let sum = values[start];
  for (let j = 1; j < length; j++) sum += values[start + j];
  return sum;
}

/**
 * The fuzzy union w_ij + w_ji - w_ij * w_ji of the directed memberships, then umap-js's filter: edges
 * below max / nEpochs (too weak to be sampled even once) and zero edges (self loops) are dropped.
 */
export function layoutEdges(neighbours: Neighbours, k: number, nEpochs: number): LayoutEdges {
  const { rows, indices, distances } = neighbours;
  const stride = neighbours.k;
  const { sigmas, rhos } = smoothDistances(neighbours, k);

  // Each directed membership i→c appears twice: as (i, c) from the matrix and as (c, i) from its transpose.
  // Bucket both by row, then order each row's entries by column.
  const count = rows * k;
  const rowStart = new Int32Array(rows + 1);
  for (let i = 0; i < rows; i++) {
    rowStart[i + 1] += k;
    for (let j = 0; j < k; j++) rowStart[indices[i * stride + j] + 1]++;
  }
  for (let r = 0; r < rows; r++) rowStart[r + 1] += rowStart[r];
  const fill = rowStart.slice(0, rows);
  const columns = new Int32Array(2 * count);
  const direct = new Float64Array(2 * count); // w_row,col or 0 when the entry came from the transpose
  const reverse = new Float64Array(2 * count); // w_col,row or 0 when the entry came from the matrix
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < k; j++) {
      const c = indices[i * stride + j];
      const d = distances[i * stride + j];
      const value = c === i ? 0 : d - rhos[i] <= 0 ? 1 : Math.exp(-((d - rhos[i]) / sigmas[i]));
      let at = fill[i]++;
      columns[at] = c;
      direct[at] = value;
      at = fill[c]++;
      columns[at] = i;
      reverse[at] = value;
    }
  }

  // Typed arrays and an insertion sort per row (~30 entries, stable as Array.prototype.sort): the generic
  // sort with a comparator and growing number[] lists were most of this function's time.
  const tail = new Int32Array(2 * count);
  const head = new Int32Array(2 * count);
  const weights = new Float64Array(2 * count);
  let edges = 0;
  let max = 0;
  let longestRow = 0;
  for (let r = 0; r < rows; r++) longestRow = Math.max(longestRow, rowStart[r + 1] - rowStart[r]);
  const order = new Int32Array(longestRow);
  for (let r = 0; r < rows; r++) {
    const length = rowStart[r + 1] - rowStart[r];
    for (let n = 0; n < length; n++) {
      const entry = rowStart[r] + n;
      let at = n;
      while (at > 0 && columns[order[at - 1]] > columns[entry]) {
        order[at] = order[at - 1];
        at--;
      }
      order[at] = entry;
    }
    for (let o = 0; o < length; o++) {
      // Merge the matrix's and the transpose's entry for the same (row, col).
      let wDirect = direct[order[o]];
      let wReverse = reverse[order[o]];
      while (o + 1 < length && columns[order[o + 1]] === columns[order[o]]) {
        o++;
        wDirect += direct[order[o]];
        wReverse += reverse[order[o]];
      }
      const value = wDirect + wReverse - wDirect * wReverse;
      if (value > max) max = value;
      tail[edges] = r;
      head[edges] = columns[order[o]];
      weights[edges] = value;
      edges++;
    }
  }

  // Keep the edges strong enough to be sampled, compacted in place.
  const threshold = max / nEpochs;
  let kept = 0;
  for (let e = 0; e < edges; e++) {
    if (weights[e] < threshold || weights[e] === 0) continue;
    tail[kept] = tail[e];
    head[kept] = head[e];
    weights[kept++] = weights[e];
  }
  // Views, not copies: a copy would add ~16 bytes per kept edge while all of these are held, and the layout
  // frees them once its kernel has its own copy (layout.ts).
  return { tail: tail.subarray(0, kept), head: head.subarray(0, kept), weights: weights.subarray(0, kept) };
}
