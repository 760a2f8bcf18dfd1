/**
 * The segmentation, end to end: the one drawing of the pipeline (ARCHITECTURE.md and ./types.ts point here).
 * Stage numbers are the ones the stages' modules carry.
 *
 *   1 read ──▶ SurveyTable ──2 encode──▶ EncodedSurvey ──┬─ 3 map (2-D UMAP of everyone) ──▶ Embedding
 *                                                         └─ 4 split ──▶ ProfessionalSplit
 *        (the map-split rule reads the map, so the map comes first; the other rules split first, and the map
 *        is the first job of stage 5's)
 *        ──5 clustering space (4-D UMAP of professionals, its N re-runs and the professionals' 2-D map:
 *          clustering-space.ts)──▶ Embedding
 *
 *   Every embedding is a job of one pool of worker threads (embed-parallel.ts), started before the read.
 *        ──6 cluster──▶ MixtureFit ──7 consensus (with the re-runs)──▶ published labels + StabilityReport
 *        ──8 profile──▶ Profiles ──9 assemble──▶ Segmentation (JSON document) + per-respondent labels
 *
 * The parameters come resolved (./parameters.ts). Effects (progress, timing) come in through `reporter`, so
 * tests run it silently.
 */
import { readConfiguredSurvey } from '../config/read-configured.js';
import type { SurveyConfig } from '../config/schema.js';
import { InputError, UsageError } from '../infra/errors.js';
import { deriveRandom } from '../infra/random.js';
import { STREAMS } from '../infra/streams.js';
import type { SurveySource } from '../survey/read.js';
import { assembleDocument } from './assemble.js';
import { embedClusteringSpaces, embeddingThreads } from './clustering-space.js';
import { completenessReport, completenessSummary, completenessWarning } from './completeness.js';
import { consensusPartition } from './consensus.js';
import { SpaceWorkers, sharedMatrix } from './embed-parallel.js';
import { prepareKernels } from './embedding/wasm-kernels.js';
import { encodeSurvey, neededColumn } from './encode.js';
import { ClusterCountError, fitMixture, selectK } from './mixture/fit.js';
import { embeddingFor, MAP_PARAMS, SELECT_K_RANGE } from './parameters.js';
import { profileSegments } from './profile.js';
import { distinctRows, rowsWhere, selectEmbeddingRows, selectRows } from './rows.js';
import { splitProfessionals } from './split.js';
import { stabilityReport } from './stability.js';
import { StageTimer } from './stage-timer.js';
import type {
  BinaryMatrix,
  Embedding,
  EncodedSurvey,
  MixtureParameters,
  ProfessionalSplit,
  Reporter,
  SegmentOptions,
  SegmentRun,
} from './types.js';
import { silentReporter } from './types.js';

export async function runSegmentation(
  options: SegmentOptions,
  reporter: Reporter = silentReporter,
): Promise<SegmentRun> {
  const runStarted = performance.now();
  // The WebAssembly kernels (layout, neighbour search), compiled once from their source (a few seconds; later
  // runs reuse them), then the workers that load them: their start-up overlaps the read.
  await prepareKernels();
  const workers = new SpaceWorkers(options.parameters.seed, embeddingThreads(options.parameters));
  try {
    return await segmentOn(workers, options, reporter, runStarted);
  } finally {
    await workers.close();
  }
}

/** Stages 1 to 9 (above), every embedding on `workers`. */
async function segmentOn(
  workers: SpaceWorkers,
  options: SegmentOptions,
  reporter: Reporter,
  runStarted: number,
): Promise<SegmentRun> {
  const { config } = options.config;
  const { parameters } = options;
  const timer = new StageTimer(reporter);
  const timed = timer.timed.bind(timer);
  const notices: string[] = [];
  const notice = (message: string) => {
    notices.push(message);
    reporter.notice?.(message);
  };

  const { source, encoded } = await readEncoded(options, timed);
  checkSegmentable(encoded.matrix, encoded.counts.respondents, source.displayName);

  // 3, 4. The map of everyone and who counts as a professional: the map first when the split reads it,
  // else the split first and the map beside stage 5.
  const mapParams = embeddingFor(MAP_PARAMS, encoded.matrix.rows, parameters.init);
  const embedMap = async () => {
    const result = await timed('map', () =>
      workers.run(
        { stream: STREAMS.map, matrix: sharedMatrix(encoded.matrix), params: mapParams, progress: true },
        reporter.progress('map'),
      ),
    );
    result.notices.forEach(notice);
    timer.record('map', result.ms);
    return result.embedding!;
  };
  const splitDetail = (s: ProfessionalSplit) => `${count(s.professional)} professionals (${s.rule})`;
  const firstMap = config.professional.rule === 'map-split' ? await embedMap() : null;
  const split = await timed(
    'split',
    () => splitProfessionals(config.professional, { ...ruleAnswers(encoded), map: firstMap }),
    splitDetail,
  );
  const professionalRows = rowsWhere(split.professional);
  const professionals = professionalsOf(
    encoded,
    professionalRows,
    parameters.clusters,
    source.displayName,
    config.professional.rule,
  );

  // 5. The clustering space, its re-runs and the professionals' own map, in worker threads. Stages 6 to 8
  // take each part as it is ready, on this thread, while the workers finish.
  const spaces = embedClusteringSpaces(
    professionals,
    parameters,
    workers,
    timer,
    notice,
    async () => firstMap ?? (await embedMap()),
  );
  const space = await spaces.space;

  // 6. The Gaussian mixture, and the BIC sweep when asked for.
  const fit = await timed(
    'cluster',
    () => fitOrExplain(space, parameters.clusters, parameters.seed, parameters.mixture),
    (f) => `${f.k} components, ${f.iterations} EM iterations${f.converged ? '' : ' (not converged)'}`,
  );
  const modelSelection = parameters.selectK
    ? await timed('select-k', () =>
        selectK(
          space,
          SELECT_K_RANGE.filter((k) => k <= space.rows),
          {
            ...parameters.mixture,
            random: deriveRandom(parameters.seed, STREAMS.selectK),
            onProgress: reporter.progress('select-k'),
          },
        ),
      )
    : null;

  // 7. What is published: the consensus of the main run and its re-runs (or the main run alone), and how
  // stable each of its segments is over the re-runs.
  const { publish } = parameters;
  const rerunLabels = await spaces.rerunLabels;
  const { published, stability } = await timed(
    'consensus',
    () => {
      const published =
        publish === 'consensus'
          ? consensusPartition([fit.labels, ...rerunLabels], { k: fit.k, seed: parameters.seed })
          : fit.labels;
      return { published, stability: rerunLabels.length > 0 ? stabilityReport(published, fit.k, rerunLabels) : null };
    },
    (r) =>
      r.stability ? `${publish}; median ARI between re-runs ${r.stability.pairwiseARI.median.toFixed(3)}` : publish,
  );

  // 8. Lift, rates and breakdowns per segment, in published order.
  const map = await spaces.alongside;
  const { profiles, completeness } = await timed(
    'profile',
    () => profilePublished(encoded, professionalRows, professionals, published, fit.k, map, config),
    (r) =>
      [
        completenessSummary(r.completeness),
        stability
          ? `stability by segment index: ${stabilityByIndex(r.profiles.segments, stability.segments)}`
          : undefined,
      ]
        .filter(Boolean)
        .join('; '),
  );
  // Every embedding is done, and its notices heard, before the profile's.
  const { professionalMap, spaceParams, professionalMapParams } = await spaces.all;
  for (const s of completeness.segments) if (s.flagged) notice(completenessWarning(completeness, s));

  // 9. The document and the per-respondent labels.
  const { document, labels } = assembleDocument({
    options,
    embeddings: { map: mapParams, clusterSpace: spaceParams, professionalMap: professionalMapParams },
    source,
    encoded,
    map,
    professionalMap,
    split,
    professionalRows,
    fit,
    published,
    stability,
    notices,
    profiles,
    modelSelection,
  });
  return { document, labels, encoded, timings: timer.timings, wallMs: Math.round(performance.now() - runStarted) };
}

/**
 * Stages 1 and 2. Only the source and the encoding leave this function: the table's columns (165 MB at
 * 250,000 respondents) are freed before the embeddings, which a local of runSegmentation would keep.
 */
async function readEncoded(
  options: SegmentOptions,
  timed: StageTimer['timed'],
): Promise<{ source: SurveySource; encoded: EncodedSurvey }> {
  const { config } = options.config;
  // 1. Read only the configured questions' columns.
  const table = await timed(
    'read',
    () =>
      readConfiguredSurvey(options.input, config, { sha256: options.inputSha256, keepColumn: neededColumn(config) }),
    (t) => `${t.rows} respondents, ${t.codes.length} columns`,
  );

  // 2. Encode answers as 0/1 features; drop free text and near-empty respondents.
  const encoded = await timed(
    'encode',
    () => encodeSurvey(table, config),
    (e) =>
      `${e.counts.features} features, ${e.counts.kept} kept, ${e.counts.droppedNearlyEmpty} dropped as nearly empty`,
  );
  return { source: table.source, encoded };
}

/** Each published segment's profile (stage 8), and how completely its members answered. */
function profilePublished(
  encoded: EncodedSurvey,
  professionalRows: Int32Array,
  professionals: BinaryMatrix,
  published: Int32Array,
  k: number,
  map: Embedding,
  config: SurveyConfig,
) {
  const profiles = profileSegments({
    matrix: professionals,
    components: published,
    k,
    profile: new Map(
      [...encoded.profile].map(([code, answers]) => [
        code,
        { ...answers, values: Int16Array.from(professionalRows, (r) => answers.values[r]) },
      ]),
    ),
    mlYears: config.profile.mlYears,
    newToML: config.newToML,
    map: selectEmbeddingRows(map, professionalRows),
  });
  const completeness = completenessReport(
    professionals,
    encoded.features,
    Int32Array.from(published, (c) => profiles.indexOfComponent[c]),
    profiles.segments.length,
  );
  return { profiles, completeness };
}

/** What the professional rule reads of the encoded answers. */
function ruleAnswers(encoded: EncodedSurvey) {
  const { variantAnswers, nonProfessionalMarks, meetsConditions, questionsAnswered } = encoded;
  return { variantAnswers, nonProfessionalMarks, meetsConditions, questionsAnswered };
}

/** The professionals' answers, checked before any embedding: there are some, and enough distinct ones for the clusters. */
function professionalsOf(
  encoded: EncodedSurvey,
  rows: Int32Array,
  clusters: number,
  file: string,
  rule: string,
): BinaryMatrix {
  if (rows.length === 0)
    throw new InputError(
      { file },
      `no respondent is a professional under the config's professional rule (${rule}); expected some to segment`,
    );
  checkClusters(clusters, rows.length);
  // Shared: the clustering space's workers read these bytes as they are.
  const matrix = selectRows(encoded.matrix, rows, { shared: true });
  checkDistinctProfessionals(clusters, matrix, file);
  return matrix;
}

function checkClusters(clusters: number, professionals: number): void {
  if (clusters > professionals) {
    throw new UsageError(
      `--clusters ${clusters} is larger than the number of professionals found (${professionals}); choose at most ${professionals}`,
    );
  }
}

/**
 * Said at once, before any embedding: a file where nobody answered the clustered questions, or where every
 * kept respondent answered alike, has nothing to segment (and its embeddings would only spin).
 */
function checkSegmentable(matrix: BinaryMatrix, respondents: number, file: string): void {
  if (matrix.rows === 0)
    throw new InputError(
      { file },
      `no respondent answered the clustered questions: all ${respondents} were dropped as nearly empty; expected a survey with answers`,
    );
  if (distinctRows(matrix) === 1)
    throw new InputError(
      { file },
      `all ${matrix.rows} kept respondents gave identical answers; segments need respondents who differ`,
    );
}

function checkDistinctProfessionals(clusters: number, professionals: BinaryMatrix, file: string): void {
  const distinct = distinctRows(professionals);
  if (distinct < clusters) {
    throw new InputError(
      { file },
      `the ${professionals.rows} professionals give only ${distinct} distinct answer pattern${distinct === 1 ? '' : 's'}, too few for --clusters ${clusters}; expected at least ${clusters}`,
    );
  }
}

function fitOrExplain(space: Embedding, clusters: number, seed: number, mixture: MixtureParameters) {
  try {
    return fitMixture(space, clusters, { ...mixture, random: deriveRandom(seed, STREAMS.clustering.mixture) });
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
export function stabilityByIndex(
  segments: readonly { index: number; component: number }[],
  byComponent: readonly { stabilityClass: string }[],
): string {
  return [...segments]
    .sort((a, b) => a.index - b.index)
    .map((s) => `${s.index} ${byComponent[s.component].stabilityClass}`)
    .join(', ');
}
