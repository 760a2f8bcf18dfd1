/**
 * Sub-segments. The notebook split its largest, most varied cluster in two "by applying the functions
 * defined above only on this cluster". Editors ask for the same in a summary's front matter
 * (`subSegments: N`); this stage takes that segment's members, embeds them again as the clustering space
 * is embedded (UMAP on the Jaccard distance, 4 dimensions, 15 neighbours, min_dist 0) and fits an
 * N-component full-covariance Gaussian mixture. A sub-segment's lift is measured against its segment, not
 * against all professionals: it says what sets the sub-segment apart within the segment.
 *
 * A split is as seed-dependent as the segmentation: the same members are split again `reruns` times with
 * derived seeds (its own streams, named as the segmentation's re-runs are: scripts/infra/streams.ts), and each
 * part gets the segmentation's clusterwise stability (scripts/segment/stability.ts) against those re-runs.
 */

import { MAX_SUB_SEGMENTS } from '../document/summary-schema.js';
import { deriveRandom } from '../infra/random.js';
import { round } from '../infra/round.js';
import type { ClusteringStreams } from '../infra/streams.js';
import { embed } from './embedding/embed.js';
import { fitMixture } from './mixture/fit.js';
import { CLUSTER_EMBED_PARAMS, embeddingFor } from './parameters.js';
import { answerCounts, RATE_DECIMALS, ratesAndLift } from './profile.js';
import { stabilityFigures, stabilityReport } from './stability.js';
import type { BinaryMatrix, ProgressCallback, RunParameters, StabilityClass } from './types.js';

export interface SubSegmentPart {
  size: number;
  /** Share of the segment's members. */
  share: number;
  /** Response rate per feature within the sub-segment. */
  rates: number[];
  /** Rate minus the segment's rate, per feature. */
  lift: number[];
  /** Its clusterwise stability over the re-runs; null when none were made. */
  stability: { jaccard: number; class: StabilityClass; found: number; core: number } | null;
}

export interface SubSegmentResult {
  /** Response rate per feature over all the segment's members. */
  baseRates: number[];
  /** Largest first. */
  parts: SubSegmentPart[];
  /** Part index per member row. */
  labels: Int32Array;
}

export interface SubSegmentOptions {
  /** The seed, the layouts' start and the mixture of the run whose segment is split. */
  parameters: Pick<RunParameters, 'seed' | 'init' | 'mixture'>;
  /** Each segment's split has its own (`subSegmentStreams(slug)`). */
  streams: ClusteringStreams;
  /** Re-runs of the split with derived seeds behind each part's stability (0: none). */
  reruns: number;
  onProgress?: ProgressCallback;
  onNotice?: (message: string) => void;
}

/** Splits `members` (the segment's rows × the clustered features) into `count` sub-segments. */
export function subSegment(members: BinaryMatrix, count: number, options: SubSegmentOptions): SubSegmentResult {
  if (!Number.isInteger(count) || count < 2 || count > MAX_SUB_SEGMENTS) {
    throw new RangeError(`sub-segments: ${count} is not a whole number from 2 to ${MAX_SUB_SEGMENTS}`);
  }
  // UMAP needs more points than neighbours; the mixture at least a handful per component.
  if (members.rows < Math.max(CLUSTER_EMBED_PARAMS.nNeighbors + 2, 10 * count)) {
    throw new RangeError(
      `sub-segments: ${members.rows} members are too few to split in ${count} (at least ${Math.max(CLUSTER_EMBED_PARAMS.nNeighbors + 2, 10 * count)} needed)`,
    );
  }
  const { parameters, streams } = options;
  const params = embeddingFor(CLUSTER_EMBED_PARAMS, members.rows, parameters.init);
  const split = (stream: string, mixtureStream: string): Int32Array => {
    const space = embed(members, params, {
      random: deriveRandom(parameters.seed, stream),
      onProgress: options.onProgress,
      onNotice: options.onNotice,
    });
    return fitMixture(space, count, { ...parameters.mixture, random: deriveRandom(parameters.seed, mixtureStream) })
      .labels;
  };
  const fitted = split(streams.embedding, streams.mixture);
  const counts = answerCounts(members, fitted, count);
  const { sizes } = counts;
  const base = Array.from(counts.totals, (t) => t / members.rows);
  // Largest first; an empty component (possible in EM) is left out.
  const order = Array.from({ length: count }, (_, c) => c)
    .filter((c) => sizes[c] > 0)
    .sort((a, b) => sizes[b] - sizes[a] || a - b);
  const partOf = new Int32Array(count).fill(-1);
  order.forEach((c, i) => {
    partOf[c] = i;
  });
  const labels = Int32Array.from(fitted, (c) => partOf[c]);
  const runs = Array.from({ length: options.reruns }, (_, r) =>
    split(streams.rerunEmbedding(r + 1), streams.rerunMixture(r + 1)),
  );
  const stability = runs.length > 0 ? stabilityReport(labels, order.length, runs).segments : null;
  const parts = order.map((c, i) => ({
    size: sizes[c],
    share: round(sizes[c] / members.rows, RATE_DECIMALS),
    ...ratesAndLift(counts, c, base),
    stability: stability ? stabilityFigures(stability[i]) : null,
  }));
  return { baseRates: base.map((r) => round(r, RATE_DECIMALS)), parts, labels };
}
