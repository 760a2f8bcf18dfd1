/**
 * How much each published segment depends on the seed: Hennig's clusterwise stability (2007), as R's
 * fpc::clusterboot reports it, over re-runs of the clustering space and the mixture with derived seeds.
 *   - Each run's clusters are matched one-to-one to the published segments by optimal assignment on their
 *     Jaccard overlap (members in both / members in either).
 *   - A segment's stability is the mean Jaccard overlap with its match over the runs: >= 0.75 stable,
 *     0.6-0.75 a pattern, 0.5-0.6 weak, < 0.5 dissolved (clusterboot's reading of the same numbers).
 *   - It is found in a run when that overlap is at least 0.5; its core is the share of its members who sit
 *     in its match in at least 80% of the runs.
 *   - Each respondent's agreement is the share of runs that put them in their segment's match.
 *   - The whole segmentation's figure is the median adjusted Rand index over all pairs of runs.
 */

import { STABILITY_THRESHOLDS } from '../document/stability-thresholds.js';
import { maximumAssignment } from '../infra/assignment.js';
import { round } from '../infra/round.js';
import { adjustedRandIndex } from './partition-agreement.js';
import type { SegmentStability, StabilityClass, StabilityReport } from './types.js';

// Named as this module reads them; the values live with the document that records them.
export const STABLE_AT = STABILITY_THRESHOLDS.stable;
export const PATTERN_AT = STABILITY_THRESHOLDS.pattern;
export const DISSOLVED_BELOW = STABILITY_THRESHOLDS.dissolved;
export const CORE_SHARE_OF_RUNS = STABILITY_THRESHOLDS.coreShareOfRuns;

export function classify(jaccard: number): StabilityClass {
  return jaccard >= STABLE_AT
    ? 'stable'
    : jaccard >= PATTERN_AT
      ? 'pattern'
      : jaccard >= DISSOLVED_BELOW
        ? 'weak'
        : 'dissolved';
}

/** `published` labels 0..k-1; `runs` other partitions of the same items (any label values from 0). */
export function stabilityReport(published: Int32Array, k: number, runs: Int32Array[]): StabilityReport {
  const n = published.length;
  if (runs.length === 0) throw new RangeError('stabilityReport: needs at least one run');
  const publishedSizes = sizes(published, k);
  const jaccardSums = new Float64Array(k);
  const found = new Int32Array(k);
  const stays = new Int32Array(n);
  for (const run of runs) {
    if (run.length !== n) throw new RangeError(`stabilityReport: a run of ${run.length} items; expected ${n}`);
    let runK = 0;
    for (const label of run) if (label >= runK) runK = label + 1; // no spread: runs can hold 100,000s of items
    const runSizes = sizes(run, runK);
    const overlap = Array.from({ length: k }, () => new Float64Array(runK));
    for (let i = 0; i < n; i++) overlap[published[i]][run[i]]++;
    const jaccard = overlap.map((row, s) =>
      Array.from(row, (both, c) => (both === 0 ? 0 : both / (publishedSizes[s] + runSizes[c] - both))),
    );
    const match = new Int32Array(k).fill(-1);
    for (const { row, col } of maximumAssignment(jaccard)) match[row] = col;
    for (let s = 0; s < k; s++) {
      const value = match[s] >= 0 ? jaccard[s][match[s]] : 0;
      jaccardSums[s] += value;
      if (value >= DISSOLVED_BELOW) found[s]++;
    }
    for (let i = 0; i < n; i++) if (match[published[i]] === run[i]) stays[i]++;
  }
  const coreCounts = new Int32Array(k);
  for (let i = 0; i < n; i++) if (stays[i] >= CORE_SHARE_OF_RUNS * runs.length) coreCounts[published[i]]++;
  const segments = Array.from({ length: k }, (_, s): SegmentStability => {
    const jaccard = jaccardSums[s] / runs.length;
    return {
      jaccard,
      stabilityClass: classify(jaccard),
      found: found[s],
      core: publishedSizes[s] === 0 ? 0 : coreCounts[s] / publishedSizes[s],
    };
  });
  const pairs: number[] = [];
  for (let a = 0; a < runs.length; a++)
    for (let b = a + 1; b < runs.length; b++) pairs.push(adjustedRandIndex(runs[a], runs[b]));
  pairs.sort((x, y) => x - y);
  return {
    runs: runs.length,
    pairwiseARI:
      pairs.length === 0 ? { median: 1, min: 1, max: 1 } : { median: median(pairs), min: pairs[0], max: pairs.at(-1)! },
    meanARIToPublished: runs.reduce((sum, run) => sum + adjustedRandIndex(published, run), 0) / runs.length,
    segments,
    agreement: Float64Array.from(stays, (count) => count / runs.length),
  };
}

/** A cluster's stability as the documents record it (3 decimals): segments in the segmentation, parts in the sub-segments. */
export function stabilityFigures(of: SegmentStability): {
  jaccard: number;
  class: StabilityClass;
  found: number;
  core: number;
} {
  return { jaccard: round(of.jaccard, 3), class: of.stabilityClass, found: of.found, core: round(of.core, 3) };
}

function sizes(labels: Int32Array, k: number): Float64Array {
  const out = new Float64Array(k);
  for (const label of labels) out[label]++;
  return out;
}

function median(sorted: number[]): number {
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
