/**
 * Stage 5, the clustering space: the professionals' 4-D UMAP, its re-runs (each fitted with its own mixture,
 * for the stability report and the consensus) and the professionals' own 2-D map (the site's segment map),
 * all in worker threads (embed-parallel.ts), while this thread does `alongside` (the map of everyone, when
 * the split did not need it first). Every job draws from its own named stream, so the results are the same
 * bytes whichever worker runs them, in whatever order.
 *
 * One neighbour graph for all 17. The clustering space searches the professionals' neighbours and builds their
 * fuzzy graph from its stream, as it always did; the re-runs and the professionals' map embed on that graph
 * (the same rows, k and epochs) instead of a search of their own. As a method, the k-NN graph of these rows
 * is one graph (NN-descent only approximates it) and the fuzzy graph depends on it, k and the epochs alone;
 * the notebook's re-runs (umap-learn with other seeds) differ by their random streams, and what of those is
 * kept per re-run is all of UMAP's randomness past the search: the spectral start's noise (and any rows it
 * scatters), the layout's negative samples. The re-runs also share the clustering space's spectral plan, the
 * eigenvectors: eigsh starts from v0 = ones, so they are a function of the graph and a re-run would compute
 * the same bytes again (spectral.ts, SpectralPlan); their noise stays each re-run's own. The professionals' map
 * is 2-D, so it plans its own start from the shared graph. What is lost is NN-descent's run-to-run noise,
 * the difference between two approximations of one graph (its recall is 0.95 to 0.99 on survey rows,
 * neighbours.ts), which re-runs are not meant to measure. The jobs that take the graph are queued once the
 * clustering space has sent it (in shared memory), before its layout.
 */

import { STREAMS } from '../infra/streams.js';
import { type MixtureJob, type SpaceResult, SpaceWorkers } from './embed-parallel.js';
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
 * Embeds `professionals` (their answers) every way the run needs. `notice` hears the workers' notices after
 * `alongside`'s, in the order they had when everything ran on one thread: the map, the professionals' map,
 * the clustering space, the re-runs.
 */
export async function embedClusteringSpaces<T>(
  professionals: BinaryMatrix,
  parameters: RunParameters,
  timer: StageTimer,
  notice: (message: string) => void,
  alongside: () => Promise<T>,
): Promise<ClusteringSpaces<T>> {
  const { reporter } = timer;
  const spaceParams = embeddingFor(CLUSTER_EMBED_PARAMS, professionals.rows, parameters.init);
  const professionalMapParams = embeddingFor(PROFESSIONAL_MAP_PARAMS, professionals.rows, parameters.init);
  const { reruns } = parameters;
  // No more threads than spaces to embed: an idle worker still costs its start-up (loading the stage's modules) on a busy core.
  const workers = new SpaceWorkers(
    professionals,
    spaceParams,
    parameters.seed,
    Math.min(parameters.threads, 2 + reruns),
  );
  let sent: (graph: SharedGraph | null) => void = () => {};
  const graph = new Promise<SharedGraph | null>((resolve) => {
    sent = resolve;
  });
  const main = timer.timed('embed', () =>
    workers.run(
      { stream: STREAMS.clustering.embedding, progress: true, shareGraph: true },
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
          async () =>
            rerunSpaces(
              workers,
              reruns,
              { ...parameters.mixture, k: parameters.clusters },
              await graph,
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
        params: professionalMapParams,
        graph: fits(await graph, professionalMapParams),
        progress: true,
      },
      reporter.progress('professional-map'),
    ),
  );
  // Whatever fails first is reported; the other jobs' failures must not go unhandled meanwhile.
  for (const job of [main, rerun, segmentMap]) job.catch(() => {});
  try {
    const done = await alongside();
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
      alongside: done,
    };
  } finally {
    await workers.close();
  }
}

/**
 * `graph` when an embedding with `params` can take it (the same k and epochs; the rows are the pool's), else
 * undefined: that embedding then searches its own neighbours.
 */
function fits(graph: SharedGraph | null, params: ResolvedEmbedParams): SharedGraph | undefined {
  const k = Math.min(params.nNeighbors, graph ? graph.rows - 1 : 0);
  return graph && graph.k === k && graph.nEpochs === params.nEpochs ? graph : undefined;
}

/**
 * Each re-run embeds from its own stream, on the clustering space's graph, and fits the mixture from another;
 * only labels come back.
 */
async function rerunSpaces(
  workers: SpaceWorkers,
  reruns: number,
  mixture: Omit<MixtureJob, 'stream'>,
  graph: SharedGraph | null,
  onProgress: ProgressCallback,
): Promise<SpaceResult[]> {
  let done = 0;
  onProgress(0, reruns);
  const { rerunEmbedding, rerunMixture } = STREAMS.clustering;
  return Promise.all(
    Array.from({ length: reruns }, (_, r) =>
      workers
        .run({
          stream: rerunEmbedding(r + 1),
          graph: graph ?? undefined,
          mixture: { ...mixture, stream: rerunMixture(r + 1) },
        })
        .then((result) => {
          onProgress(++done, reruns);
          return result;
        }),
    ),
  );
}
