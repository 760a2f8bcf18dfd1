/**
 * Stage 5, the clustering space: the professionals' 4-D UMAP, its re-runs (each fitted with its own mixture,
 * for the stability report and the consensus) and the professionals' own 2-D map (the site's segment map),
 * all jobs of the run's worker pool (embed-parallel.ts), queued after `alongside`'s (the map of everyone,
 * when the split did not need it first). Every job draws from its own named stream, so the results are the
 * same bytes whichever worker runs them, in whatever order.
 *
 * The professionals' map embeds on the clustering space's graph. The clustering space searches the
 * professionals' neighbours and builds their fuzzy graph from its stream; the map (the same rows, k and
 * epochs, 2-D) takes that graph instead of a search of its own and plans its own spectral start from it. As a
 * method the k-NN graph of these rows is one graph (NN-descent only approximates it), and the map only shows
 * the space the segments were found in.
 *
 * The re-runs do not share it. Each searches its own neighbours, so that NN-descent's run-to-run noise, and
 * with it a different spectral start (the eigenvectors are a function of the graph), stays in what the
 * re-runs sample: on real 2021, seeds 0-7, re-runs on the shared graph agreed more with each other (median
 * ARI 0.589 against 0.514) but their consensus agreed less across seeds (0.722 against 0.859) and with the
 * reference (0.480 against 0.501); the consensus needs independent re-runs.
 */

import { STREAMS } from '../infra/streams.js';
import {
  type MixtureJob,
  type SharedMatrix,
  type SpaceResult,
  type SpaceWorkers,
  sharedMatrix,
} from './embed-parallel.js';
import type { EmbedPhases, SharedGraph } from './embedding/embed.js';
import { CLUSTER_EMBED_PARAMS, embeddingFor, PROFESSIONAL_MAP_PARAMS } from './parameters.js';
import type { StageTimer } from './stage-timer.js';
import type { BinaryMatrix, Embedding, ProgressCallback, ResolvedEmbedParams, RunParameters } from './types.js';

export interface ClusteringSpaces<T> {
  /** The clustering space, in the professionals' row order. */
  space: Embedding;
  spaceParams: ResolvedEmbedParams;
  professionalMap: Embedding;
  professionalMapParams: ResolvedEmbedParams;
  /** Each re-run's mixture labels, in re-run order (empty without re-runs). */
  rerunLabels: Int32Array[];
  /**
   * The steps of every embedding, as its worker timed them: the clustering space, the professionals' map,
   * then the re-runs in order (`searched` says which searched neighbours of their own: the clustering space alone).
   */
  phases: EmbedPhases[];
  /** What `alongside` returned. */
  alongside: T;
}

/**
 * The worker threads a run needs: no more than it has embeddings (the map, the clustering space, the
 * professionals' map and each re-run), since an idle worker still costs its start-up on a busy core.
 */
export function embeddingThreads(parameters: RunParameters): number {
  return Math.max(1, Math.min(parameters.threads, 3 + parameters.reruns));
}

/**
 * Stage 5 as its parts get ready. Stages 6 to 8 need only the clustering space, the re-runs' labels and
 * `alongside`, so they run on the main thread while the professionals' map, the last job, is still drawn
 * (with re-runs it is the one job left on one core; the other core is idle).
 */
export interface ClusteringSpaceJobs<T> {
  spaceParams: ResolvedEmbedParams;
  professionalMapParams: ResolvedEmbedParams;
  space: Promise<Embedding>;
  /** Each re-run's mixture labels, in re-run order (empty without re-runs). */
  rerunLabels: Promise<Int32Array[]>;
  alongside: Promise<T>;
  /** Everything, once every job is done, the workers' notices heard (see embedClusteringSpaces). */
  all: Promise<ClusteringSpaces<T>>;
}

/**
 * Embeds `professionals` (their answers) every way the run needs, on `workers`; `alongside` queues its own
 * jobs first. `notice` hears the workers' notices after `alongside`'s, in the order they had when everything
 * ran on one thread: the map, the professionals' map, the clustering space, the re-runs; it hears them when
 * `all` settles, so a caller that works on the early parts meanwhile keeps its own notices after these.
 */
export function embedClusteringSpaces<T>(
  professionals: BinaryMatrix,
  parameters: RunParameters,
  workers: SpaceWorkers,
  timer: StageTimer,
  notice: (message: string) => void,
  alongside: () => Promise<T>,
): ClusteringSpaceJobs<T> {
  const { reporter } = timer;
  const spaceParams = embeddingFor(CLUSTER_EMBED_PARAMS, professionals.rows, parameters.init);
  const professionalMapParams = embeddingFor(PROFESSIONAL_MAP_PARAMS, professionals.rows, parameters.init);
  const matrix = sharedMatrix(professionals);
  const { reruns } = parameters;
  // Queued first: the map of everyone, the longest job.
  const done = alongside();
  let sent: (graph: SharedGraph | null) => void = () => {};
  const graph = new Promise<SharedGraph | null>((resolve) => {
    sent = resolve;
  });
  const main = timer.timed('embed', () =>
    workers.run(
      { stream: STREAMS.clustering.embedding, matrix, params: spaceParams, progress: true, shareGraph: true },
      reporter.progress('embed'),
      sent,
    ),
  );
  // An embedding too small for a graph (a row or none) sends none; the others then do without, as it did.
  // When it fails, the jobs that wait for its graph fail with it (the pool has failed), unqueued.
  main.then(
    () => sent(null),
    () => sent(null),
  );
  const rerun =
    reruns > 0
      ? timer.timed(
          'stability',
          () =>
            rerunSpaces(
              workers,
              { matrix, params: spaceParams },
              reruns,
              { ...parameters.mixture, k: parameters.clusters },
              reporter.progress('stability'),
            ),
          (r) => `${r.length} re-runs of the clustering space and the mixture`,
        )
      : Promise.resolve([]);
  // Queued last, as the shortest job: with re-runs it fills a core while the other finishes its last one;
  // without, it runs beside the clustering space.
  const segmentMap = timer.timed('professional-map', async () =>
    workers.run(
      {
        stream: STREAMS.professionalMap,
        matrix,
        params: professionalMapParams,
        graph: fits(await graph, professionalMapParams),
        progress: true,
      },
      reporter.progress('professional-map'),
    ),
  );
  const all = (async (): Promise<ClusteringSpaces<T>> => {
    const alongsideResult = await done;
    const mapResult = await segmentMap;
    mapResult.notices.forEach(notice);
    timer.record('professional-map', mapResult.ms);
    const spaceResult = await main;
    spaceResult.notices.forEach(notice);
    timer.record('embed', spaceResult.ms);
    const rerunResults = await rerun;
    const rerunLabels = rerunResults.map((r) => {
      r.notices.forEach(notice);
      return r.labels!;
    });
    return {
      space: spaceResult.embedding!,
      spaceParams,
      professionalMap: mapResult.embedding!,
      professionalMapParams,
      rerunLabels,
      phases: [spaceResult, mapResult, ...rerunResults].map((r) => r.phases),
      alongside: alongsideResult,
    };
  })();
  const jobs: ClusteringSpaceJobs<T> = {
    spaceParams,
    professionalMapParams,
    space: main.then((r) => r.embedding!),
    rerunLabels: rerun.then((results) => results.map((r) => r.labels!)),
    alongside: done,
    all,
  };
  // Whatever fails first is reported; the other jobs' failures must not go unhandled meanwhile.
  for (const job of [done, main, rerun, segmentMap, all, jobs.space, jobs.rerunLabels]) job.catch(() => {});
  return jobs;
}

/**
 * `graph` when an embedding with `params` can take it (the same k and epochs, and the same rows), else
 * undefined: that embedding then searches its own neighbours.
 */
function fits(graph: SharedGraph | null, params: ResolvedEmbedParams): SharedGraph | undefined {
  const k = Math.min(params.nNeighbors, graph ? graph.rows - 1 : 0);
  return graph && graph.k === k && graph.nEpochs === params.nEpochs ? graph : undefined;
}

/** Each re-run embeds from its own stream (its own neighbour search) and fits the mixture from another; only labels come back. */
async function rerunSpaces(
  workers: SpaceWorkers,
  rows: { matrix: SharedMatrix; params: ResolvedEmbedParams },
  reruns: number,
  mixture: Omit<MixtureJob, 'stream'>,
  onProgress: ProgressCallback,
): Promise<SpaceResult[]> {
  let done = 0;
  onProgress(0, reruns);
  const { rerunEmbedding, rerunMixture } = STREAMS.clustering;
  return Promise.all(
    Array.from({ length: reruns }, (_, r) =>
      workers
        .run({ stream: rerunEmbedding(r + 1), ...rows, mixture: { ...mixture, stream: rerunMixture(r + 1) } })
        .then((result) => {
          onProgress(++done, reruns);
          return result;
        }),
    ),
  );
}
