/**
 * k nearest neighbours of every row under the Jaccard distance, the input UMAP builds its graph from.
 *
 * Conventions (as umap-learn): each row's list starts with the row itself at distance 0 and counts it
 * among the k; the rest ascend by (distance, row index), so equidistant rows (identical answer sets are
 * common) resolve to the smaller index. Two all-zero rows are at distance 0 (scipy's convention).
 *
 * Below EXACT_BELOW rows an exact search is as fast as NN-descent and gives the true answer; above, the
 * O(n²) comparisons cost seconds (26,000 rows: ~340 million pairs), so NN-descent takes over. Its recall on
 * the 2021 survey: 0.99 on 5,000 rows, 0.95 on all 25,973 (share of the true 15 found, self included).
 */

import type { Random } from '../../infra/random.js';
import { PackedRows } from './bitset.js';
import { defaultNNDescentSettings, type NNDescentSettings, nnDescent } from './nn-descent.js';
import { pairLoops } from './pair-loops.js';
import type { BinaryMatrix, Neighbours, ProgressCallback } from './types.js';

/**
 * Row count from which NN-descent is used. Measured on 2021 survey rows (k = 15), with the JavaScript pair
 * loops: at 2,000 rows exact takes 0.3 s and NN-descent 0.6 s, at 4,000 both 1.2 s, at 6,000 exact 2.5 s and
 * NN-descent 1.9 s. The WebAssembly loops speed both up; the threshold stays, as it decides which search
 * (and so which neighbours) a data set of a given size gets.
 */
export const EXACT_BELOW = 4000;

export interface NeighbourOptions {
  random: Random;
  onProgress?: ProgressCallback;
  /** Override the automatic choice: 'exact' or 'nn-descent'. */
  method?: 'exact' | 'nn-descent';
  /** Tuning of NN-descent; defaults in nn-descent.ts (pynndescent's, adjusted where measured). */
  nnDescent?: Partial<NNDescentSettings>;
  /** Run the pair loops in WebAssembly when its kernel is compiled (default true); false keeps the JavaScript loops, which give the same neighbours. */
  webAssembly?: boolean;
}

export function jaccardNeighbours(matrix: BinaryMatrix, k: number, options: NeighbourOptions): Neighbours {
  const packed = new PackedRows(matrix);
  checkK(packed.rows, k);
  const method = options.method ?? (packed.rows < EXACT_BELOW ? 'exact' : 'nn-descent');
  if (method === 'exact' || k === 1) return exactFromPacked(packed, k, options.onProgress, options.webAssembly);
  const settings = { ...defaultNNDescentSettings(packed.rows, k - 1), ...options.nnDescent };
  const heap = nnDescent(packed, k - 1, settings, options.random, options.onProgress, options.webAssembly);
  return { rows: packed.rows, k, ...heap.sortedWithSelf(k - 1) };
}

/** Exact k nearest neighbours (same conventions); for tests, recall measurement and small inputs. */
export function jaccardNeighboursExact(matrix: BinaryMatrix, k: number, onProgress?: ProgressCallback): Neighbours {
  const packed = new PackedRows(matrix);
  checkK(packed.rows, k);
  return exactFromPacked(packed, k, onProgress);
}

function checkK(rows: number, k: number): void {
  if (!Number.isInteger(k) || k < 1 || k > rows) {
    throw new RangeError(`neighbours: k must be an integer from 1 to the number of rows (${rows}), got ${k}`);
  }
}

/**
 * Every pair once, the distance offered to both rows' heaps: n²/2 distances. (Visiting rows in order of
 * set size to prune by the size bound was tried: on survey rows the bound rarely beats the k-th distance,
 * and losing the symmetry cost more than it saved.)
 */
function exactFromPacked(packed: PackedRows, k: number, onProgress?: ProgressCallback, webAssembly = true): Neighbours {
  const { rows } = packed;
  const loops = pairLoops(packed, k - 1, webAssembly);
  const reportEvery = Math.max(1, Math.floor(rows / 100));
  for (let a = 0; a < rows && k > 1; a++) {
    loops.exactRow(a);
    if (onProgress && (a + 1) % reportEvery === 0) onProgress(a + 1, rows);
  }
  onProgress?.(rows, rows);
  return { rows, k, ...loops.graph.sortedWithSelf() };
}
