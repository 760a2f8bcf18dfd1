/**
 * Every named random stream whose draws decide output bytes, in one table. A stage draws from
 * `deriveRandom(seed, STREAM)` (random.ts), so each stream is independent of the others: adding a stage does
 * not shift another's draws. The names are part of the output: renaming one changes the documents (the
 * golden hashes say so), so they stay the strings they have always been, odd ones included.
 */

/** The streams of one clustering: its space, its mixture, and the pair of each re-run behind its stability. */
export interface ClusteringStreams {
  embedding: string;
  mixture: string;
  /** The re-runs count from 1. */
  rerunEmbedding(run: number): string;
  rerunMixture(run: number): string;
}

/** The segmentation's own streams (scripts/segment/pipeline.ts and the clustering space's workers). */
export const STREAMS = {
  /** The 2-D map of everyone. */
  map: 'map',
  /** The professionals' own 2-D map, the site's segment map. */
  professionalMap: 'professional-map',
  /** The BIC sweep of `--select-k`; each k then draws from `mixture k=K` seeded from it (mixture/fit.ts). */
  selectK: 'select-k',
  /** One k per BIC-sweep k, seeded from a draw of `selectK`'s stream. */
  selectKFit: (k: number) => `mixture k=${k}`,
  /** Each start of the consensus's k-means (scripts/segment/consensus.ts). */
  consensusStart: (start: number) => `consensus ${start}`,
  /** The held-out respondents of the "Which segment are you?" model (scripts/segment/quiz.ts). */
  quizHeldOut: 'quiz held-out',
  /** The synthetic demo survey (scripts/demo/generate.ts). */
  demoSurvey: 'demo-survey',
  /** The clustering space of the professionals, its mixture and their re-runs. */
  clustering: {
    embedding: 'cluster-embedding',
    mixture: 'mixture',
    rerunEmbedding: (run: number) => `stability ${run}`,
    rerunMixture: (run: number) => `stability mixture ${run}`,
  } satisfies ClusteringStreams,
} as const;

/** A sub-segment split of the segment `slug` (scripts/segment/subsegment.ts), named after it so each split has its own. */
export function subSegmentStreams(slug: string): ClusteringStreams {
  return prefixedStreams(`sub-segments ${slug}`);
}

/** A clustering's streams under `prefix`: `<prefix> embedding`, `<prefix> mixture`, `<prefix> stability R`, `<prefix> stability mixture R`. */
export function prefixedStreams(prefix: string): ClusteringStreams {
  return {
    embedding: `${prefix} embedding`,
    mixture: `${prefix} mixture`,
    rerunEmbedding: (run) => `${prefix} stability ${run}`,
    rerunMixture: (run) => `${prefix} stability mixture ${run}`,
  };
}
