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
import { embed, defaultEpochs } from './embed.js';
import { splitProfessionals } from './split.js';
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
  /** Milliseconds per stage. */
  timings: Partial<Record<Stage, number>>;
}

export const MAP_PARAMS = { nComponents: 2, nNeighbors: 15, minDist: 0.1 } as const;
export const CLUSTER_EMBED_PARAMS = { nComponents: 4, nNeighbors: 15, minDist: 0 } as const;
export const MIXTURE_PARAMS = { regCovar: 1e-6, tol: 1e-3, maxIter: 100, nInit: 1 } as const;
export const SELECT_K_RANGE = Array.from({ length: 14 }, (_, i) => i + 2);

export async function runSegmentation(options: SegmentOptions, reporter: Reporter = silentReporter): Promise<SegmentRun> {
  const { config } = options.config;
  const timings: SegmentRun['timings'] = {};
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

  // 3. The map of everyone.
  const mapParams: EmbedParams = { ...MAP_PARAMS, nEpochs: defaultEpochs(encoded.matrix.rows) };
  const map = await timed('map', () => embed(encoded.matrix, mapParams, { random: deriveRandom(options.seed, 'map'), onProgress: reporter.progress('map') }));

  // 4. Professionals, by the survey's structure or by the map.
  const split = await timed('split', () => splitProfessionals(config.professional, { variantAnswers: encoded.variantAnswers, nonProfessionalMarks: encoded.nonProfessionalMarks, meetsConditions: encoded.meetsConditions, map }), (s) => `${count(s.professional)} professionals (${s.rule})`);
  const professionalRows = rowsWhere(split.professional);
  if (options.clusters > professionalRows.length) {
    throw new UsageError(`--clusters ${options.clusters} is larger than the number of professionals found (${professionalRows.length}); choose at most ${professionalRows.length}`);
  }

  // 5. A 4-D embedding of the professionals alone, the space the mixture clusters in.
  const professionals = selectRows(encoded.matrix, professionalRows);
  const clusterParams: EmbedParams = { ...CLUSTER_EMBED_PARAMS, nEpochs: defaultEpochs(professionals.rows) };
  const space = await timed('embed', () => embed(professionals, clusterParams, { random: deriveRandom(options.seed, 'cluster-embedding'), onProgress: reporter.progress('embed') }));

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
  return { document, labels, timings };
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
