/**
 * What the pipeline's stages hand to each other, in one place; the order they run in is drawn once, in
 * ./pipeline.ts. Each stage is a module under scripts/segment/ (the survey reader under scripts/survey/); the
 * two engines, UMAP (embedding/) and the Gaussian mixture (mixture/), keep their own types and depend on no stage.
 */
import type { LoadedConfig } from '../config/load.js';
import type { ProfessionalRule } from '../config/schema.js';
import type { Breakdown, Feature, QuestionInfo, Segmentation, SegmentResult } from '../document/segmentation-schema.js';
import type { SurveySource } from '../survey/read.js';
import type { BinaryMatrix, Embedding, ProgressCallback } from './embedding/types.js';
import type { MixtureFit } from './mixture/types.js';
import type { ResolvedEmbedParams, RunParameters } from './parameters.js';

export type { SurveyTable } from '../survey/read.js';
export type {
  BinaryMatrix,
  Embedding,
  EmbedParams,
  LayoutInit,
  Neighbours,
  ProgressCallback,
} from './embedding/types.js';
export type { MixtureFit, MixtureInit, MixtureParameters } from './mixture/types.js';
export type { PublishedPartition, ResolvedEmbedParams, RunParameters } from './parameters.js';

/** What one segmentation run reads, and its parameters (resolved by ./parameters.ts). */
export interface SegmentOptions {
  input: string;
  /** The input's sha256 when the caller has it already; the read stage hashes the file otherwise. */
  inputSha256?: string;
  config: LoadedConfig;
  parameters: RunParameters;
}

export const STAGES = [
  'read',
  'encode',
  'map',
  'split',
  'embed',
  'professional-map',
  'stability',
  'cluster',
  'select-k',
  'consensus',
  'profile',
] as const;
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
  /** The encoded survey the document was built from: the sub-segment step splits its rows without reading the file again. */
  encoded: EncodedSurvey;
  /** Milliseconds per stage (map and embed may overlap). */
  timings: Partial<Record<Stage, number>>;
  /** Milliseconds from start to end of the run. */
  wallMs: number;
}

export interface RuleAnswers {
  /** Per kept row, how many `_A` and `_B` variant columns it answered (zeros unless the variants rule). */
  variantAnswers: { a: Int32Array; b: Int32Array };
  /** Per kept row, 1 when it gave one of the map-split rule's non-professional answers. */
  nonProfessionalMarks: Uint8Array;
  /** Per kept row, 1 when its answers meet every condition of the answers rule. */
  meetsConditions: Uint8Array;
  /** Per kept row, how many of the answers rule's `complete.questions` it answered (zeros without them). */
  questionsAnswered: Int32Array;
}

/** Answers of a single-choice profile question for every kept respondent. */
export interface ProfileAnswers {
  code: string;
  answers: string[];
  /** Answer index per kept respondent, -1 when unanswered. */
  values: Int16Array;
}

export interface EncodeCounts {
  respondents: number;
  droppedNearlyEmpty: number;
  kept: number;
  columnsRead: number;
  columnsUsed: number;
  columnsDroppedFreeText: number;
  features: number;
  featuresDroppedEmpty: number;
}

/** The encoded answers, and what the professional rule reads (RuleAnswers). */
export interface EncodedSurvey extends RuleAnswers {
  /** Kept respondents × clustered features. */
  matrix: BinaryMatrix;
  features: Feature[];
  questions: QuestionInfo[];
  /** 0-based respondent index (file order) of each kept row. */
  keptRows: Int32Array;
  profile: Map<string, ProfileAnswers>;
  counts: EncodeCounts;
}

export interface Boundary {
  axis: 'x' | 'y';
  value: number;
  /** Professionals lie below or above `value` on `axis`. */
  side: 'below' | 'above';
}

export interface ProfessionalSplit {
  /** 1 for professionals, per kept respondent. */
  professional: Uint8Array;
  rule: ProfessionalRule['rule'];
  description: string;
  boundary: Boundary | null;
  /** Respondents who qualified but answered too little to be clustered (variants `minAnswers`, answers `complete`). */
  excludedIncomplete: number;
}

export interface ProfileInputs {
  /** Clustered professionals × features. */
  matrix: BinaryMatrix;
  /** Mixture component per row of `matrix`. */
  components: Int32Array;
  k: number;
  /** Profile answers per row of `matrix`. */
  profile: Map<string, ProfileAnswers>;
  /** Question code of the years-of-ML question and its answers that mean "new to ML". */
  mlYears: string;
  newToML: readonly string[];
  /** 2-D map position per row of `matrix`. */
  map: Embedding;
}

export interface Profiles {
  overall: { rates: number[]; breakdowns: Record<string, Breakdown> };
  /** In published order. */
  segments: SegmentResult[];
  /** Published segment index per mixture component (-1 for a component that ended up empty). */
  indexOfComponent: Int32Array;
}

export type StabilityClass = 'stable' | 'pattern' | 'weak' | 'dissolved';

export interface SegmentStability {
  /** Mean Jaccard overlap with the matched cluster over the runs. */
  jaccard: number;
  stabilityClass: StabilityClass;
  /** Runs whose matched cluster overlaps it at Jaccard >= 0.5. */
  found: number;
  /** Share of members in the matched cluster in at least 80% of runs. */
  core: number;
}

export interface StabilityReport {
  runs: number;
  /** Median, min and max adjusted Rand index over all pairs of runs. */
  pairwiseARI: { median: number; min: number; max: number };
  /** Mean adjusted Rand index of each run against the published partition. */
  meanARIToPublished: number;
  /** Per published label 0..k-1. */
  segments: SegmentStability[];
  /** Per item: share of runs that put it in its segment's match. */
  agreement: Float64Array;
}

export interface LabelRow {
  /** 0-based respondent index in file order. */
  row: number;
  kept: 0 | 1;
  professional: 0 | 1;
  /** Published segment index, -1 when not clustered. */
  segment: number;
}

export interface AssembleInputs {
  options: SegmentOptions;
  embeddings: { map: ResolvedEmbedParams; clusterSpace: ResolvedEmbedParams; professionalMap: ResolvedEmbedParams };
  /** The file read (the table itself is freed once encoded). */
  source: SurveySource;
  encoded: EncodedSurvey;
  map: Embedding;
  /** The professionals' own 2-D map (UMAP of their answers), in professionalRows order. */
  professionalMap: Embedding;
  split: ProfessionalSplit;
  professionalRows: Int32Array;
  fit: MixtureFit;
  /** The published label of each professional (the consensus or the main run's components, as options.parameters.publish says). */
  published: Int32Array;
  /** Null without re-runs. */
  stability: StabilityReport | null;
  notices: string[];
  profiles: Profiles;
  modelSelection: { k: number; bic: number; logLikelihood: number }[] | null;
}
