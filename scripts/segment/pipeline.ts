/**
 * The segmentation, end to end:
 *
 *   survey file ──read──▶ SurveyTable ──encode──▶ EncodedSurvey ──embed (2-D map)──▶ Embedding
 *        ──split──▶ ProfessionalSplit ──embed (4-D, professionals)──▶ Embedding ──cluster──▶ MixtureFit
 *        ──profile──▶ Profiles ──assemble──▶ Segmentation (JSON document) + per-respondent labels
 *
 * Effects (progress, timing) come in through `reporter`, so tests run it silently.
 */
import type { LoadedConfig } from '../config/load.js';
import { readSurvey } from './read.js';
import { encodeSurvey, neededColumn } from './encode.js';
import { defaultEpochs } from './embed.js';
import { embedHere, embedInWorker } from './embed-parallel.js';
import { splitProfessionals, type ProfessionalSplit } from './split.js';
import { fitMixture, selectK, ClusterCountError } from './cluster.js';
import { profileSegments } from './profile.js';
import { assembleDocument, type LabelRow } from './assemble.js';
import { deriveRandom } from './random.js';
import { UsageError } from './errors.js';
import type { Segmentation } from './result-schema.js';
import type { BinaryMatrix, EmbedParams, Embedding, ProgressCallback } from './types.js';

export interface SegmentOptions {
  input: string;
  config: LoadedConfig;
  seed: number;
  clusters: number;
  /** Fit k = 2..15 and report BIC. */
  selectK: boolean;
  /** The input is the generated demo survey. */
  synthetic: boolean;
}

export const STAGES = ['read', 'encode', 'map', 'split', 'embed', 'cluster', 'select-k', 'profile'] as const;
export type Stage = (typeof STAGES)[number];

export interface Reporter {
  start(stage: Stage, detail?: string): void;
  progress(stage: Stage): ProgressCallback;
  end(stage: Stage, detail?: string): void;
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

/** The professionals to cluster: their rows among the kept respondents, their answers, their embedding's parameters. */
interface Cohort {
  rows: Int32Array;
  matrix: BinaryMatrix;
  params: EmbedParams;
}

export const MAP_PARAMS = { nComponents: 2, nNeighbors: 15, minDist: 0.1 } as const;
export const CLUSTER_EMBED_PARAMS = { nComponents: 4, nNeighbors: 15, minDist: 0 } as const;
export const MIXTURE_PARAMS = { regCovar: 1e-6, tol: 1e-3, maxIter: 100, nInit: 1 } as const;
export const SELECT_K_RANGE = Array.from({ length: 14 }, (_, i) => i + 2);

export async function runSegmentation(options: SegmentOptions, reporter: Reporter = silentReporter): Promise<SegmentRun> {
  const { config } = options.config;
  const timings: SegmentRun['timings'] = {};
  const runStarted = performance.now();
  const timed = async <T>(stage: Stage, work: () => T | Promise<T>, detail?: (result: T) => string): Promise<T> => {
    reporter.start(stage);
    const started = performance.now();
    const result = await work();
    timings[stage] = Math.round(performance.now() - started);
    reporter.end(stage, detail?.(result));
    return result;
  };

  // 1. Read only the configured questions' columns.
  const table = await timed('read', () => readSurvey(options.input, { responsesFile: config.responsesFile, keepColumn: neededColumn(config), blankCells: config.blankCells }), (t) => `${t.rows} respondents, ${t.codes.length} columns`);

  // 2. Encode answers as 0/1 features; drop free text and near-empty respondents.
  const encoded = await timed('encode', () => encodeSurvey(table, config), (e) => `${e.counts.features} features, ${e.counts.kept} kept, ${e.counts.droppedNearlyEmpty} dropped as nearly empty`);

  // 3-5. The map of everyone, who counts as a professional, and the professionals' own 4-D space. When the
  // professional rule reads answers rather than the map, the two embeddings run side by side (one in a
  // worker thread); otherwise the map comes first and the split reads it.
  const mapParams: EmbedParams = { ...MAP_PARAMS, nEpochs: defaultEpochs(encoded.matrix.rows) };
  const splitInputs = { variantAnswers: encoded.variantAnswers, nonProfessionalMarks: encoded.nonProfessionalMarks, meetsConditions: encoded.meetsConditions };
  const splitDetail = (s: ProfessionalSplit) => `${count(s.professional)} professionals (${s.rule})`;
  const embedMap = () => embedHere(encoded.matrix, mapParams, options.seed, 'map', reporter.progress('map'));
  const cohortOf = (s: ProfessionalSplit): Cohort => {
    const rows = rowsWhere(s.professional);
    checkClusters(options.clusters, rows.length);
    const matrix = selectRows(encoded.matrix, rows);
    return { rows, matrix, params: { ...CLUSTER_EMBED_PARAMS, nEpochs: defaultEpochs(matrix.rows) } };
  };
  let map: Embedding;
  let split: ProfessionalSplit;
  let cohort: Cohort;
  let space: Embedding;
  if (config.professional.rule === 'map-split') {
    map = await timed('map', embedMap);
    split = await timed('split', () => splitProfessionals(config.professional, { ...splitInputs, map }), splitDetail);
    cohort = cohortOf(split);
    space = await timed('embed', () => embedHere(cohort.matrix, cohort.params, options.seed, 'cluster-embedding', reporter.progress('embed')));
  } else {
    split = await timed('split', () => splitProfessionals(config.professional, { ...splitInputs, map: null }), splitDetail);
    cohort = cohortOf(split);
    const spaceInWorker = timed('embed', () => embedInWorker(cohort.matrix, cohort.params, options.seed, 'cluster-embedding', reporter.progress('embed')));
    map = await timed('map', embedMap);
    const inWorker = await spaceInWorker;
    space = inWorker.embedding;
    timings.embed = inWorker.ms;
  }
  const { rows: professionalRows, matrix: professionals, params: clusterParams } = cohort;

  // 6. The Gaussian mixture, and the BIC sweep when asked for.
  const fit = await timed('cluster', () => fitOrExplain(space, options.clusters, options.seed), (f) => `${f.k} components, ${f.iterations} EM iterations${f.converged ? '' : ' (not converged)'}`);
  const modelSelection = options.selectK
    ? await timed('select-k', () => selectK(space, SELECT_K_RANGE.filter((k) => k <= space.rows), { ...MIXTURE_PARAMS, random: deriveRandom(options.seed, 'select-k'), onProgress: reporter.progress('select-k') }))
    : null;

  // 7. Lift, rates and breakdowns per segment, in published order.
  const profiles = await timed('profile', () =>
    profileSegments({
      matrix: professionals,
      components: fit.labels,
      k: fit.k,
      profile: new Map([...encoded.profile].map(([code, answers]) => [code, { ...answers, values: Int16Array.from(professionalRows, (r) => answers.values[r]) }])),
      mlYears: config.profile.mlYears,
      newToML: config.newToML,
      map: selectEmbeddingRows(map, professionalRows),
    }),
  );

  // 8. The document and the per-respondent labels.
  const { document, labels } = assembleDocument({
    options,
    mapParams: { ...mapParams, nEpochs: mapParams.nEpochs! },
    clusterParams: { ...clusterParams, nEpochs: clusterParams.nEpochs! },
    mixtureParams: MIXTURE_PARAMS,
    table,
    encoded,
    map,
    split,
    professionalRows,
    fit,
    profiles,
    modelSelection,
  });
  return { document, labels, timings, wallMs: Math.round(performance.now() - runStarted) };
}

function checkClusters(clusters: number, professionals: number): void {
  if (clusters > professionals) {
    throw new UsageError(`--clusters ${clusters} is larger than the number of professionals found (${professionals}); choose at most ${professionals}`);
  }
}

function fitOrExplain(space: Embedding, clusters: number, seed: number) {
  try {
    return fitMixture(space, clusters, { ...MIXTURE_PARAMS, random: deriveRandom(seed, 'mixture') });
  } catch (error) {
    if (error instanceof ClusterCountError) throw new UsageError(`--clusters ${clusters}: ${error.message}`);
    throw error;
  }
}

function count(mask: Uint8Array): number {
  let n = 0;
  for (const v of mask) n += v;
  return n;
}

function rowsWhere(mask: Uint8Array): Int32Array {
  const rows: number[] = [];
  mask.forEach((v, i) => v && rows.push(i));
  return Int32Array.from(rows);
}

function selectRows(matrix: BinaryMatrix, rows: Int32Array): BinaryMatrix {
  const data = new Uint8Array(rows.length * matrix.cols);
  rows.forEach((r, i) => data.set(matrix.data.subarray(r * matrix.cols, (r + 1) * matrix.cols), i * matrix.cols));
  return { rows: rows.length, cols: matrix.cols, data };
}

function selectEmbeddingRows(embedding: Embedding, rows: Int32Array): Embedding {
  const data = new Float64Array(rows.length * embedding.dims);
  rows.forEach((r, i) => data.set(embedding.data.subarray(r * embedding.dims, (r + 1) * embedding.dims), i * embedding.dims));
  return { rows: rows.length, dims: embedding.dims, data };
}
