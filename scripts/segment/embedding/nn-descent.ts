/**
 * Approximate Jaccard k-nearest neighbours by NN-descent (Dong et al. 2011), following pynndescent as
 * umap-learn runs it: a tree initialisation, then rounds of "local join" (neighbours of my neighbours are
 * likely my neighbours) over new/old candidate lists sampled by random priority, stopping when a round
 * changes fewer than delta * k * n entries.
 *
 * The initial graph compares all pairs within the leaves of angular random-projection trees (rp-tree.ts).
 */

import { type Random, randomInt } from '../../infra/random.js';
import type { PackedRows } from './bitset.js';
import type { NeighbourHeaps } from './neighbour-heap.js';
import { sampleCandidates } from './nn-candidates.js';
import { pairLoops } from './pair-loops.js';
import { buildTreeLeaves } from './rp-tree.js';
import type { ProgressCallback } from './types.js';

export interface NNDescentSettings {
  /**
   * Neighbours kept per row during the search, more than the k - 1 asked for: on the survey rows (median
   * k-th distance 0.59, little cluster structure) NN-descent with 14 stalls at ~0.93 recall, with 24 it
   * reaches ~0.96. The best k - 1 are returned.
   */
  searchSize: number;
  /**
   * Trees for the initial graph. pynndescent uses 5 + round(sqrt(n) / 20) (13 at 26,000 rows); on the survey
   * rows 8 trees reach the same recall, the local joins make up for the rest, and trees cost time here.
   */
  trees: number;
  /** Largest leaf; every pair in a leaf is compared. */
  leafSize: number;
  /** Candidates sampled per row and round, "new" and "old" each (umap-learn passes 60; 20 with the wider search heap does more for recall per distance). */
  maxCandidates: number;
  /** Upper bound of rounds (umap-learn: max(5, round(log2 n))). */
  maxIterations: number;
  /** Stop when a round makes at most delta * k * n updates (pynndescent: 0.001). */
  delta: number;
}

export function defaultNNDescentSettings(rows: number, othersPerRow: number): NNDescentSettings {
  return {
    searchSize: Math.min(rows - 1, Math.ceil(othersPerRow * 1.7)),
    trees: Math.min(64, 2 + Math.round(Math.sqrt(rows) / 25)),
    leafSize: Math.max(10, 2 * othersPerRow),
    maxCandidates: Math.max(othersPerRow, 20),
    maxIterations: Math.max(5, Math.round(Math.log2(Math.max(rows, 2)))),
    delta: 0.001,
  };
}

/** A heap of `othersPerRow` nearest other rows per row (self is added by the caller). */
export function nnDescent(
  packed: PackedRows,
  othersPerRow: number,
  settings: NNDescentSettings,
  random: Random,
  onProgress?: ProgressCallback,
  webAssembly = true,
): NeighbourHeaps {
  const searchSize = Math.max(othersPerRow, settings.searchSize);
  const loops = pairLoops(packed, searchSize, webAssembly);
  const { graph } = loops;
  const totalSteps = settings.maxIterations + 1;
  for (let tree = 0; tree < settings.trees; tree++) {
    const { order, bounds } = buildTreeLeaves(packed, settings.leafSize, random, loops.hyperplanes);
    loops.joinLeaves(order, bounds);
  }
  fillFromRandomRows(packed, graph, random);
  onProgress?.(1, totalSteps);
  for (let round = 0; round < settings.maxIterations; round++) {
    // Old first: drawing the new candidates clears their flags.
    const old = sampleCandidates(graph, false, settings.maxCandidates, random, loops.candidateSpace?.old);
    const fresh = sampleCandidates(graph, true, settings.maxCandidates, random, loops.candidateSpace?.fresh);
    const updates = loops.localJoin(fresh, old);
    onProgress?.(round + 2, totalSteps);
    if (updates <= settings.delta * searchSize * packed.rows) break;
  }
  onProgress?.(totalSteps, totalSteps);
  return graph;
}

/** Rows left short by the trees (tiny leaves) get random rows, as pynndescent's init_random does. */
function fillFromRandomRows(packed: PackedRows, graph: NeighbourHeaps, random: Random): void {
  const { size, indices } = graph;
  for (let row = 0; row < packed.rows; row++) {
    let missing = 0;
    for (let s = row * size; s < (row + 1) * size; s++) if (indices[s] < 0) missing++;
    for (let attempt = 0; missing > 0 && attempt < 4 * size; attempt++) {
      const other = randomInt(random, packed.rows);
      if (other === row) continue;
      missing -= graph.push(row, packed.distance(row, other), other, 1);
    }
  }
}
