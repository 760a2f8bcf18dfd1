/**
 * The segmentation, end to end (types in ./types.ts):
 *
 *   survey file ──read──▶ SurveyTable ──encode──▶ EncodedSurvey ──┬─ map (2-D UMAP of everyone) ──▶ Embedding
 *                                                                  └─ split ──▶ ProfessionalSplit
 *        (the map-split rule reads the map, so the map comes first; the other rules split first and embed side by side)
 *        ──clustering space (4-D UMAP of professionals, and N re-runs in worker threads)──▶ Embedding
 *        ──cluster──▶ MixtureFit ──consensus (with the re-runs)──▶ published labels + StabilityReport
 *        ──profile──▶ Profiles ──assemble──▶ Segmentation (JSON document) + per-respondent labels
 *
 * Effects (progress, timing) come in through `reporter`, so tests run it silently.
 */
import { readConfiguredSurvey } from '../config/read-configured.js';
import { encodeSurvey, neededColumn } from './encode.js';

import { defaultEpochs } from './embedding/embed.js';
import { availableParallelism } from 'node:os';
import { embedHere, SpaceWorkers, type MixtureJob, type SpaceResult } from './embed-parallel.js';
import { consensusPartition } from './consensus.js';
import { prepareKernels } from './embedding/wasm-kernels.js';
import { stabilityReport } from './stability.js';

import { splitProfessionals } from './split.js';
import { completenessReport, completenessSummary, completenessWarning } from './completeness.js';
import { fitMixture, selectK, ClusterCountError, type MixtureInit } from './mixture/fit.js';
import { profileSegments } from './profile.js';

import { assembleDocument } from './assemble.js';
import { deriveRandom } from '../infra/random.js';
import { InputError, UsageError } from '../infra/errors.js';
import type { BinaryMatrix, EmbedParams, Embedding, ProfessionalSplit, ProgressCallback, PublishedPartition, Reporter, SegmentOptions, SegmentRun, Stage } from './types.js';
import { CLUSTER_EMBED_PARAMS, DEFAULT_STABILITY_RUNS, MAP_PARAMS, MIXTURE_PARAMS, PROFESSIONAL_MAP_PARAMS, SELECT_K_RANGE } from './parameters.js';
import { distinctRows, rowsWhere, selectEmbeddingRows, selectRows } from './rows.js';
import { silentReporter } from './types.js';

/** The professionals to cluster: their rows among the kept respondents, their answers, their embedding's parameters. */
interface Cohort {
  rows: Int32Array;
  matrix: BinaryMatrix;
  params: EmbedParams;
}

export async function runSegmentation(options: SegmentOptions, reporter: Reporter = silentReporter): Promise<SegmentRun> {
  const { config } = options.config;
  const timings: SegmentRun['timings'] = {};
  const runStarted = performance.now();
  const timed = async <T>(stage: Stage, work: () => T | Promise<T>, detail?: (result: T) => string | undefined): Promise<T> => {
    reporter.start(stage);
    const started = performance.now();
    const result = await work();
    timings[stage] = Math.round(performance.now() - started);
    reporter.end(stage, detail?.(result));
    return result;
  };

  // The WebAssembly kernels (layout, neighbour search), compiled once from their source (a few seconds; later runs reuse them).
  await prepareKernels();

  // 1. Read only the configured questions' columns.
  const table = await timed('read', () => readConfiguredSurvey(options.input, config, { sha256: options.inputSha256, keepColumn: neededColumn(config) }), (t) => `${t.rows} respondents, ${t.codes.length} columns`);

  // 2. Encode answers as 0/1 features; drop free text and near-empty respondents.
  const encoded = await timed('encode', () => encodeSurvey(table, config), (e) => `${e.counts.features} features, ${e.counts.kept} kept, ${e.counts.droppedNearlyEmpty} dropped as nearly empty`);
  checkSegmentable(encoded.matrix, table.rows, table.source.displayName);

  // 3-5. The map of everyone, who counts as a professional, and the professionals' own 4-D space. When the
  // professional rule reads answers rather than the map, the two embeddings run side by side (one in a
  // worker thread); otherwise the map comes first and the split reads it.
  const init = options.init ?? 'spectral';
  const mixtureParams = { ...MIXTURE_PARAMS, init: options.mixtureInit ?? 'kmeans' };
  const mapParams: EmbedParams = { ...MAP_PARAMS, nEpochs: defaultEpochs(encoded.matrix.rows), init };
  const splitInputs = { variantAnswers: encoded.variantAnswers, nonProfessionalMarks: encoded.nonProfessionalMarks, meetsConditions: encoded.meetsConditions, questionsAnswered: encoded.questionsAnswered };
  const splitDetail = (s: ProfessionalSplit) => `${count(s.professional)} professionals (${s.rule})`;
  const runs = options.stability ?? DEFAULT_STABILITY_RUNS;
  const embedMap = () => embedHere(encoded.matrix, mapParams, options.seed, 'map', reporter.progress('map'), (m) => notice(m));
  const cohortOf = (s: ProfessionalSplit): Cohort => {
    const rows = rowsWhere(s.professional);
    if (rows.length === 0) throw new InputError({ file: table.source.displayName }, `no respondent is a professional under the config's professional rule (${config.professional.rule}); expected some to segment`);
    checkClusters(options.clusters, rows.length);
    const matrix = selectRows(encoded.matrix, rows);
    checkDistinctProfessionals(options.clusters, matrix, table.source.displayName);
    return { rows, matrix, params: { ...CLUSTER_EMBED_PARAMS, nEpochs: defaultEpochs(matrix.rows), init } };
  };
  const notices: string[] = [];
  const notice = (message: string) => {
    notices.push(message);
    reporter.notice?.(message);
  };
  // The clustering space, its re-runs and the professionals' own 2-D map (the site's segment map) go to
  // worker threads; the map of everyone stays on this thread.
  const startSpaces = (c: Cohort, professionalMapParams: EmbedParams) => {
    // No more threads than spaces to embed: an idle worker still costs its start-up (loading the stage's modules) on a busy core.
    const workers = new SpaceWorkers(c.matrix, c.params, options.seed, Math.min(options.threads ?? defaultThreads(), 2 + runs));
    const main = timed('embed', () => workers.run({ stream: 'cluster-embedding', progress: true }, reporter.progress('embed')));
    const reruns =
      runs > 0
        ? timed('stability', () => rerunSpaces(workers, runs, { ...mixtureParams, k: options.clusters }, reporter.progress('stability')), (r) => `${r.length} re-runs of the clustering space and the mixture`)
        : Promise.resolve([]);
    // Queued last, as the shortest job: with re-runs it fills a core while the other finishes its last one;
    // without, it runs beside the clustering space.
    const professionalMap = timed('professional-map', () => workers.run({ stream: 'professional-map', params: professionalMapParams, progress: true }, reporter.progress('professional-map')));
    return { workers, main, reruns, professionalMap };
  };
  let map: Embedding | null = null;
  let split: ProfessionalSplit;
  if (config.professional.rule === 'map-split') {
    map = await timed('map', () => embedMap());
    split = await timed('split', () => splitProfessionals(config.professional, { ...splitInputs, map }), splitDetail);
  } else {
    split = await timed('split', () => splitProfessionals(config.professional, { ...splitInputs, map: null }), splitDetail);
  }
  const cohort = cohortOf(split);
  const professionalMapParams: EmbedParams = { ...PROFESSIONAL_MAP_PARAMS, nEpochs: defaultEpochs(cohort.matrix.rows), init };
  const spaces = startSpaces(cohort, professionalMapParams);
  // Whatever fails first is reported; the other job's failure must not go unhandled meanwhile.
  spaces.main.catch(() => {});
  spaces.reruns.catch(() => {});
  spaces.professionalMap.catch(() => {});
  let space: Embedding;
  let rerunLabels: Int32Array[];
  let professionalMap: Embedding;
  try {
    map ??= await timed('map', () => embedMap());
    // Notices in the order the stages had when the professional map ran on this thread after the map.
    const segmentMap = await spaces.professionalMap;
    segmentMap.notices.forEach(notice);
    professionalMap = segmentMap.embedding!;
    timings['professional-map'] = segmentMap.ms;
    const main = await spaces.main;
    main.notices.forEach(notice);
    space = main.embedding!;
    timings.embed = main.ms;
    rerunLabels = (await spaces.reruns).map((r) => {
      r.notices.forEach(notice);
      return r.labels!;
    });
  } finally {
    await spaces.workers.close();
  }
  const { rows: professionalRows, matrix: professionals, params: clusterParams } = cohort;

  // 6. The Gaussian mixture, and the BIC sweep when asked for.
  const fit = await timed('cluster', () => fitOrExplain(space, options.clusters, options.seed, mixtureParams), (f) => `${f.k} components, ${f.iterations} EM iterations${f.converged ? '' : ' (not converged)'}`);
  const modelSelection = options.selectK
    ? await timed('select-k', () => selectK(space, SELECT_K_RANGE.filter((k) => k <= space.rows), { ...mixtureParams, random: deriveRandom(options.seed, 'select-k'), onProgress: reporter.progress('select-k') }))
    : null;

  // 7. What is published: the consensus of the main run and its re-runs (or the main run alone), and how
  // stable each of its segments is over the re-runs.
  const publish: PublishedPartition = options.publish === 'single-run' || rerunLabels.length === 0 ? 'single-run' : 'consensus';
  const { published, stability } = await timed('consensus', () => {
    const published = publish === 'consensus' ? consensusPartition([fit.labels, ...rerunLabels], { k: fit.k, seed: options.seed }) : fit.labels;
    return { published, stability: rerunLabels.length > 0 ? stabilityReport(published, fit.k, rerunLabels) : null };
  }, (r) => (r.stability ? `${publish}; median ARI between re-runs ${r.stability.pairwiseARI.median.toFixed(3)}` : publish));

  // 8. Lift, rates and breakdowns per segment, in published order.
  const { profiles, completeness } = await timed('profile', () => {
    const profiles = profileSegments({
      matrix: professionals,
      components: published,
      k: fit.k,
      profile: new Map([...encoded.profile].map(([code, answers]) => [code, { ...answers, values: Int16Array.from(professionalRows, (r) => answers.values[r]) }])),
      mlYears: config.profile.mlYears,
      newToML: config.newToML,
      map: selectEmbeddingRows(map, professionalRows),
    });
    const completeness = completenessReport(professionals, encoded.features, Int32Array.from(published, (c) => profiles.indexOfComponent[c]), profiles.segments.length);
    return { profiles, completeness };
  }, (r) => [completenessSummary(r.completeness), stability ? `stability by segment index: ${stabilityByIndex(r.profiles.segments, stability.segments)}` : undefined].filter(Boolean).join('; '));
  for (const s of completeness.segments) if (s.flagged) notice(completenessWarning(completeness, s));

  // 9. The document and the per-respondent labels.
  const { document, labels } = assembleDocument({
    options,
    mapParams: { ...mapParams, nEpochs: mapParams.nEpochs!, init },
    clusterParams: { ...clusterParams, nEpochs: clusterParams.nEpochs!, init },
    mixtureParams,
    table,
    encoded,
    map,
    professionalMap,
    professionalMapParams: { ...professionalMapParams, nEpochs: professionalMapParams.nEpochs!, init },
    split,
    professionalRows,
    fit,
    published,
    ensemble: { runs, publish, stability },
    notices,
    profiles,
    modelSelection,
  });
  return { document, labels, timings, wallMs: Math.round(performance.now() - runStarted) };
}

/** Each re-run embeds with its own derived seed and fits the mixture with another; only labels come back. */
async function rerunSpaces(workers: SpaceWorkers, runs: number, mixture: Omit<MixtureJob, 'stream'>, onProgress: ProgressCallback): Promise<SpaceResult[]> {
  let done = 0;
  onProgress(0, runs);
  return Promise.all(
    Array.from({ length: runs }, (_, r) =>
      workers.run({ stream: `stability ${r + 1}`, mixture: { ...mixture, stream: `stability mixture ${r + 1}` } }).then((result) => {
        onProgress(++done, runs);
        return result;
      }),
    ),
  );
}

/** One worker per core: the spaces are independent jobs, and the map's thread shares the cores with them. */
function defaultThreads(): number {
  return Math.max(1, availableParallelism());
}

function checkClusters(clusters: number, professionals: number): void {
  if (clusters > professionals) {
    throw new UsageError(`--clusters ${clusters} is larger than the number of professionals found (${professionals}); choose at most ${professionals}`);
  }
}

/**
 * Said at once, before any embedding: a file where nobody answered the clustered questions, or where every
 * kept respondent answered alike, has nothing to segment (and its embeddings would only spin).
 */
function checkSegmentable(matrix: BinaryMatrix, respondents: number, file: string): void {
  if (matrix.rows === 0) throw new InputError({ file }, `no respondent answered the clustered questions: all ${respondents} were dropped as nearly empty; expected a survey with answers`);
  if (distinctRows(matrix) === 1) throw new InputError({ file }, `all ${matrix.rows} kept respondents gave identical answers; segments need respondents who differ`);
}

function checkDistinctProfessionals(clusters: number, professionals: BinaryMatrix, file: string): void {
  const distinct = distinctRows(professionals);
  if (distinct < clusters) {
    throw new InputError({ file }, `the ${professionals.rows} professionals give only ${distinct} distinct answer pattern${distinct === 1 ? '' : 's'}, too few for --clusters ${clusters}; expected at least ${clusters}`);
  }
}

function fitOrExplain(space: Embedding, clusters: number, seed: number, mixture: typeof MIXTURE_PARAMS & { init: MixtureInit }) {
  try {
    return fitMixture(space, clusters, { ...mixture, random: deriveRandom(seed, 'mixture') });
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

/** "0 stable, 1 pattern, ...": each published segment's class, in index order. */
export function stabilityByIndex(segments: readonly { index: number; component: number }[], byComponent: readonly { stabilityClass: string }[]): string {
  return [...segments].sort((a, b) => a.index - b.index).map((s) => `${s.index} ${byComponent[s.component].stabilityClass}`).join(', ');
}
