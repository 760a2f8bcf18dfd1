/**
 * What the pipeline's stages hand to each other, in one place:
 *
 *   read (SurveyTable) → encode (EncodedSurvey) → map (Embedding, 2-D, everyone) and split (ProfessionalSplit;
 *   either order: the map-split rule reads the map) → clustering space (Embedding, 4-D, professionals) and its
 *   stability re-runs → cluster (MixtureFit) → consensus → profile (Profiles) → assemble (Segmentation, LabelRow)
 *
 * Each stage is a module under scripts/segment/ (the survey reader under scripts/survey/); the two engines,
 * UMAP (embedding/) and the Gaussian mixture (mixture/), keep their own types and depend on no stage.
 */
import type { LoadedConfig } from '../config/load.js';
import type { Segmentation } from '../document/segmentation-schema.js';
import type { MixtureInit } from './mixture/types.js';
import type { ProgressCallback } from './embedding/types.js';
import type { LabelRow } from './assemble.js';

export type { BinaryMatrix, Embedding, EmbedParams, Neighbours, ProgressCallback } from './embedding/types.js';
export type { MixtureFit, MixtureInit } from './mixture/types.js';
export type { SurveyTable } from '../survey/read.js';
export type { EncodedSurvey } from './encode.js';
export type { ProfessionalSplit } from './split.js';
export type { Profiles } from './profile.js';
export type { StabilityReport } from './stability.js';
export type { LabelRow } from './assemble.js';

/** Options of one segmentation run. */
export interface SegmentOptions {
  input: string;
  /** The input's sha256 when the caller has it already; the read stage hashes the file otherwise. */
  inputSha256?: string;
  config: LoadedConfig;
  seed: number;
  clusters: number;
  /** Fit k = 2..15 and report BIC. */
  selectK: boolean;
  /** The input is the generated demo survey. */
  synthetic: boolean;
  /** How both UMAP layouts start (default 'spectral', umap-learn's and the notebook's). */
  init?: 'spectral' | 'random';
  /** How the mixture's EM starts (default 'kmeans', scikit-learn's and the notebook's). */
  mixtureInit?: MixtureInit;
  /** Re-runs of the clustering space and the mixture with derived seeds (default DEFAULT_STABILITY_RUNS; 0: none). */
  stability?: number;
  /** What is published: the consensus of all runs (default) or the main run alone, as the notebook did. */
  publish?: PublishedPartition;
  /** Worker threads for the clustering space and its re-runs (default: up to 2, the cores available). */
  threads?: number;
}

export type PublishedPartition = 'consensus' | 'single-run';

export const STAGES = ['read', 'encode', 'map', 'split', 'embed', 'stability', 'cluster', 'select-k', 'consensus', 'profile'] as const;
export type Stage = (typeof STAGES)[number];

export interface Reporter {
  start(stage: Stage, detail?: string): void;
  progress(stage: Stage): ProgressCallback;
  end(stage: Stage, detail?: string): void;
  /** Something the run's reader should know, such as a fallback (it is also recorded in the document). */
  notice?(message: string): void;
}

export const silentReporter: Reporter = { start() {}, progress: () => () => {}, end() {} };

export interface SegmentRun {
  document: Segmentation;
  labels: LabelRow[];
  /** Milliseconds per stage (map and embed may overlap). */
  timings: Partial<Record<Stage, number>>;
  /** Milliseconds from start to end of the run. */
  wallMs: number;
}
