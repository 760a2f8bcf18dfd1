/**
 * A run's parameters, resolved once. The method's fixed settings are the notebook's (umap-learn and
 * scikit-learn at its settings); what an analyst may choose (`npm run segment`'s options) starts from
 * SEGMENT_DEFAULTS (scripts/document/segment-command.ts, the table that "run … again" messages compare
 * with), and `resolveParameters` is the one place where a choice left out takes its default. The CLI, the
 * pipeline, the clustering space's workers, the sub-segment step and the cache key all take the resolved
 * object; the document records it (metadata.parameters).
 */
import { availableParallelism } from 'node:os';
import { SEGMENT_DEFAULTS } from '../document/segment-command.js';
import { defaultEpochs } from './embedding/embed.js';
import type { EmbedParams, LayoutInit } from './embedding/types.js';
import type { MixtureInit, MixtureParameters } from './mixture/types.js';

export type PublishedPartition = 'consensus' | 'single-run';

/** What one embedding is, before its epochs: those follow UMAP's rule for the rows it embeds (`embeddingFor`). */
export type EmbeddingShape = Pick<EmbedParams, 'nComponents' | 'nNeighbors' | 'minDist'>;
/** One embedding's parameters, every one of them set, as the document records them. */
export type ResolvedEmbedParams = Required<EmbedParams>;

export const MAP_PARAMS = { nComponents: 2, nNeighbors: 15, minDist: 0.1 } as const satisfies EmbeddingShape;
/** The professionals' own 2-D map (the site's segment map): the clustering space's neighbours, drawn as the map of everyone is. */
export const PROFESSIONAL_MAP_PARAMS = {
  nComponents: 2,
  nNeighbors: 15,
  minDist: 0.1,
} as const satisfies EmbeddingShape;
export const CLUSTER_EMBED_PARAMS = { nComponents: 4, nNeighbors: 15, minDist: 0 } as const satisfies EmbeddingShape;
/** The mixture's fixed settings (scikit-learn's GaussianMixture defaults, as the notebook ran it); how it starts is a choice. */
export const MIXTURE_SETTINGS = { regCovar: 1e-6, tol: 1e-3, maxIter: 100, nInit: 1 } as const satisfies Omit<
  MixtureParameters,
  'init'
>;
export const SELECT_K_RANGE = Array.from({ length: 14 }, (_, i) => i + 2);

/** What a caller may choose; each choice left out takes its default in `resolveParameters`, and nowhere else. */
export interface ParameterChoices {
  seed?: number;
  /** Mixture components (segments before any ends up empty). */
  clusters?: number;
  /** Also fit k = 2..15 and report BIC. */
  selectK?: boolean;
  /** The input is synthetic (the generated demo survey). */
  synthetic?: boolean;
  /** How every UMAP layout starts. */
  init?: LayoutInit;
  /** How the mixture's EM starts. */
  mixtureInit?: MixtureInit;
  /** Re-runs of the clustering space and the mixture with derived seeds (`--stability N`; 0: none). */
  reruns?: number;
  /** Publish the main run alone, as the notebook did, instead of the consensus of all runs. */
  singleRun?: boolean;
  /** Worker threads for the embeddings: the map, the clustering space, its re-runs and the professionals' map. */
  threads?: number;
}

/** Every parameter of a run, set. */
export interface RunParameters {
  seed: number;
  clusters: number;
  selectK: boolean;
  synthetic: boolean;
  /** How every UMAP layout starts (the map, the clustering space, the professionals' map, the sub-segments). */
  init: LayoutInit;
  mixture: MixtureParameters;
  /** Re-runs of the clustering space and the mixture behind the stability report and the consensus. */
  reruns: number;
  /** What is published: the consensus of the main run and its re-runs, or the main run alone (always so without re-runs). */
  publish: PublishedPartition;
  /** Worker threads. The output does not depend on them. */
  threads: number;
}

/** The defaults, for the CLI's usage text; `resolveParameters` applies them. */
export const PARAMETER_DEFAULTS = {
  seed: SEGMENT_DEFAULTS.seed,
  clusters: SEGMENT_DEFAULTS.clusters,
  selectK: false,
  synthetic: false,
  init: SEGMENT_DEFAULTS.init,
  mixtureInit: SEGMENT_DEFAULTS.mixtureInit,
  reruns: SEGMENT_DEFAULTS.reruns,
  singleRun: false,
  /** One worker per core: the spaces are independent jobs, and the map's thread shares the cores with them. */
  threads: () => Math.max(1, availableParallelism()),
} as const;

export function resolveParameters(choices: ParameterChoices = {}): RunParameters {
  const reruns = choices.reruns ?? PARAMETER_DEFAULTS.reruns;
  return {
    seed: choices.seed ?? PARAMETER_DEFAULTS.seed,
    clusters: choices.clusters ?? PARAMETER_DEFAULTS.clusters,
    selectK: choices.selectK ?? PARAMETER_DEFAULTS.selectK,
    synthetic: choices.synthetic ?? PARAMETER_DEFAULTS.synthetic,
    init: choices.init ?? PARAMETER_DEFAULTS.init,
    mixture: { ...MIXTURE_SETTINGS, init: choices.mixtureInit ?? PARAMETER_DEFAULTS.mixtureInit },
    reruns,
    // Without re-runs there is nothing to build a consensus of.
    publish: (choices.singleRun ?? PARAMETER_DEFAULTS.singleRun) || reruns === 0 ? 'single-run' : 'consensus',
    threads: choices.threads ?? PARAMETER_DEFAULTS.threads(),
  };
}

/**
 * What the segmentation's cache key hashes: every parameter but the threads, which decide only which worker
 * computes what (each job draws from its own named stream), never a byte of the document.
 */
export function cachedParameters(parameters: RunParameters): Omit<RunParameters, 'threads'> {
  const { threads: _threads, ...shaping } = parameters;
  return shaping;
}

/** An embedding of `rows` rows: its shape, the run's start, and UMAP's rule for its epochs (the one place it is applied). */
export function embeddingFor(shape: EmbeddingShape, rows: number, init: LayoutInit): ResolvedEmbedParams {
  return {
    nComponents: shape.nComponents,
    nNeighbors: shape.nNeighbors,
    minDist: shape.minDist,
    nEpochs: defaultEpochs(rows),
    init,
  };
}
