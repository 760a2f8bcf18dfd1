/**
 * Stage "embed": UMAP of the respondents' binary answers under the Jaccard distance, used twice by the
 * pipeline (the 2-D map, and the low-dimensional space the mixture model clusters in).
 *
 * The algorithm is umap-js's (the project's UMAP package): fuzzy union of the kNN memberships, epochs-per-
 * sample SGD with 5 negative samples, a and b from umap-js's findABParams(spread 1, min_dist). The start is
 * umap-learn's default, the spectral layout of the fuzzy graph (spectral.ts), as the notebook had it;
 * `init: 'random'` gives umap-js's uniform start in [-10, 10) instead. What runs where:
 *   - neighbours: ours (neighbours.ts), bitset Jaccard + NN-descent, its pair loops in WebAssembly (neighbour-wasm.ts);
 *     umap-js's search needs number[][] rows and a JS distance function (141 s and 2 GB for 26,000 rows);
 *   - fuzzy graph and layout: ours (graph.ts, layout.ts, epochs.ts), the same operations
 *     over typed arrays. On 25,973 points with precomputed neighbours umap-js took 43 s for its fuzzy set
 *     (a string-keyed Map), 13 s for a transform search graph we never use, and ~650 ms per epoch
 *     (number[][]), at 1.6 GB. With `reproduceUmapJs` our output equals umap-js's to the bit
 *     (tests/scripts/segment/embedding/embed.test.ts); by default the layout runs each edge sample's pull
 *     and negative-sample pushes in float32 lanes, all measured from the point as the edge sample found
 *     it, with powers from polynomials (LayoutSettings.pushes in layout.ts, lane-curve.ts);
 *   - findABParams: umap-js's (a = 1.5695, b = 0.8942 at min_dist 0.1; umap-learn's fit: 1.577, 0.895).
 * Epochs follow umap-learn, not umap-js: 500 up to 10,000 points, 200 above.
 */
import { findABParams } from 'umap-js/dist/umap.js';
import type { Random } from '../../infra/random.js';
import { UmapJsCurve } from './curve.js';
import { type LayoutEdges, layoutEdges } from './graph.js';
import { LaneCurve } from './lane-curve.js';
import { type LayoutRun, type LayoutSettings, randomEmbedding, runLayout, startLayout } from './layout.js';
import { jaccardNeighbours } from './neighbours.js';
import { type SpectralPlan, spectralPlan, spectralStart } from './spectral.js';
import type { BinaryMatrix, Embedding, EmbedParams, LayoutInit, Neighbours, ProgressCallback } from './types.js';

export interface EmbedOptions {
  /**
   * Draws, in order: the neighbour search (unless `neighbours` or `graph` is given), the initial layout's
   * random part (the spectral start's noise, or the random start), then the negative samples' generator
   * seed (or every negative sample with reproduceUmapJs).
   */
  random: Random;
  /**
   * Called after every epoch with (steps done, total steps): the epochs, preceded by a share of nEpochs / 2
   * steps for the neighbour search when neither `neighbours` nor `graph` is given.
   */
  onProgress?: ProgressCallback;
  /** Precomputed Jaccard neighbours of the matrix's rows, at least params.nNeighbors per row, self first. */
  neighbours?: Neighbours;
  /**
   * The fuzzy graph of another embedding of the same rows with the same k and epochs (its `onGraph`), used
   * instead of a neighbour search and graph of this one's own; and its spectral plan when it has this
   * embedding's dimensions. Only what draws no random numbers is shared (SharedGraph).
   */
  graph?: SharedGraph;
  /** Told, before the layout starts, what other embeddings of the same rows can take as their `graph`. */
  onGraph?: (graph: SharedGraph) => void;
  /**
   * Compute powers with Math.pow and draw every negative sample from `random`, exactly as umap-js does, so
   * the result equals umap-js's to the bit (for tests; much slower). Default: float32 lanes (powers from
   * polynomials, lane-curve.ts), negative samples from a generator seeded by `random` (umap-learn's
   * approach), see LayoutSettings.pushes in layout.ts.
   */
  reproduceUmapJs?: boolean;
  /** Told when the spectral start failed and the layout started from random (umap-learn warns the same). */
  onNotice?: (message: string) => void;
  /** Filled with the time of each step, for the benchmark's profile (npm run bench). */
  phases?: EmbedPhases;
}

/** Milliseconds per step of one embedding, and the layout's SGD updates (edge samples and negative samples). */
export interface EmbedPhases {
  neighboursMs: number;
  graphMs: number;
  initMs: number;
  layoutMs: number;
  updates: number;
  /** Whether it searched neighbours of its own (neither `neighbours` nor `graph` was given). */
  searched?: boolean;
}

/**
 * The part of an embedding that embeddings of the same rows with the same k and number of epochs have in
 * common: the filtered fuzzy graph (a function of the neighbours, k and nEpochs, graph.ts) and, for those with
 * the same dimensions, the spectral plan (the eigenvectors, a function of the graph: spectral.ts). What an
 * embedding draws from its stream (the start's noise and scattered rows, the negative samples) stays its own.
 */
export interface SharedGraph {
  rows: number;
  /** Neighbours per row, self included, that the graph was built from. */
  k: number;
  /** The epochs its weak edges were filtered for (an edge below max / nEpochs is dropped). */
  nEpochs: number;
  edges: LayoutEdges;
  /** The spectral plan of the embedding that built the graph, when it started from one. */
  spectral: SpectralPlan | null;
}

/** umap-learn's rule: small data sets get more epochs. */
export function defaultEpochs(rows: number): number {
  return rows <= 10_000 ? 500 : 200;
}

export function embed(matrix: BinaryMatrix, params: EmbedParams, options: EmbedOptions): Embedding {
  const { rows } = matrix;
  const dims = params.nComponents;
  checkParams(params);
  if (rows <= 1) return { rows, dims, data: new Float64Array(rows * dims) };
  // As umap-learn: with fewer rows than neighbours asked for, every row neighbours all others.
  const k = Math.min(params.nNeighbors, rows - 1);
  const nEpochs = params.nEpochs ?? defaultEpochs(rows);
  // A search done here gets a share of the progress bar: it takes about a third of the stage's time.
  if (options.graph) checkGraph(options.graph, rows, k, nEpochs);
  const searchUnits = options.neighbours || options.graph ? 0 : Math.ceil(nEpochs / 2);
  const total = searchUnits + nEpochs;
  const report = options.onProgress;
  const phases = options.phases;
  let started = performance.now();
  const lap = (): number => {
    const now = performance.now();
    const ms = now - started;
    started = now;
    return ms;
  };
  const settings = layoutSettings(params, nEpochs, options.reproduceUmapJs === true);
  const { embedding, layout } = loadLayout(matrix, params.init, settings, k, options, {
    lap,
    searchProgress: report && ((done, steps) => report(Math.floor((done / steps) * searchUnits), total)),
  });
  if (!layout) return { rows, dims, data: embedding };
  const updates = runLayout(layout, settings, report && ((epoch) => report(searchUnits + epoch, total)));
  if (phases) {
    phases.layoutMs = lap();
    phases.updates = updates;
  }
  return { rows, dims, data: embedding };
}

/**
 * The steps before the epochs: neighbours, fuzzy graph, initial layout, and the layout's arrays loaded
 * (into the WebAssembly kernel's memory, when it runs). Each step's intermediates are made in a function of
 * its own so that they are freed once the next step has what it needs: a frame keeps its locals until it
 * returns, and the neighbours and the JavaScript edge arrays are ~1 KB per row in each of the three
 * embeddings that run at once (2,600 MB peak at 250,000 respondents, npm run bench -- --scale).
 */
function loadLayout(
  matrix: BinaryMatrix,
  init: LayoutInit,
  settings: LayoutSettings,
  k: number,
  options: EmbedOptions,
  steps: { lap: () => number; searchProgress?: ProgressCallback },
): { embedding: Float64Array; layout: LayoutRun | null } {
  const { rows } = matrix;
  const { dims } = settings;
  const phases = options.phases;
  const shared = options.graph;
  const edges = shared ? shared.edges : fuzzyEdges(matrix, k, settings.nEpochs, options, steps);
  if (shared && phases) {
    phases.neighboursMs = steps.lap();
    phases.graphMs = 0;
    phases.searched = false;
  }
  if (init === 'spectral' && options.reproduceUmapJs)
    throw new RangeError('embed: reproduceUmapJs needs init "random" (umap-js has no spectral start)');
  const plan =
    init === 'spectral' && edges.weights.length > 0
      ? shared?.spectral?.dims === dims
        ? shared.spectral
        : spectralPlan(edges, rows, dims, matrix)
      : null;
  options.onGraph?.({ rows, k, nEpochs: settings.nEpochs, edges, spectral: plan });
  const embedding = plan
    ? spectralStart(plan, options.random, options.onNotice)
    : randomEmbedding(rows, dims, options.random);
  if (phases) phases.initMs = steps.lap();
  if (edges.weights.length === 0) return { embedding, layout: null };
  return { embedding, layout: startLayout(embedding, edges, settings, options.random) };
}

/** The fuzzy graph's edges, from the neighbours given or searched here. */
function fuzzyEdges(
  matrix: BinaryMatrix,
  k: number,
  nEpochs: number,
  options: EmbedOptions,
  steps: { lap: () => number; searchProgress?: ProgressCallback },
): LayoutEdges {
  if (options.phases) options.phases.searched = !options.neighbours;
  const neighbours =
    options.neighbours ?? jaccardNeighbours(matrix, k, { random: options.random, onProgress: steps.searchProgress });
  checkNeighbours(neighbours, matrix.rows, k);
  if (options.phases) options.phases.neighboursMs = steps.lap();
  const edges = layoutEdges(neighbours, k, nEpochs);
  if (options.phases) options.phases.graphMs = steps.lap();
  return edges;
}

/** umap-js's settings with `reproduceUmapJs`, else the fast ones (EmbedOptions.reproduceUmapJs). */
function layoutSettings(params: EmbedParams, nEpochs: number, reproduceUmapJs: boolean): LayoutSettings {
  const { a, b } = findABParams(1.0, params.minDist);
  const common = { dims: params.nComponents, nEpochs, learningRate: 1.0, negativeSampleRate: 5 };
  return reproduceUmapJs
    ? { ...common, curve: new UmapJsCurve(a, b, 1.0), negativeSamples: 'umap-js', pushes: 'chained' }
    : { ...common, curve: new LaneCurve(a, b, 1.0), pushes: 'lanes' };
}

function checkParams({ nComponents, nNeighbors, minDist, nEpochs, init }: EmbedParams): void {
  if (init !== undefined && init !== 'spectral' && init !== 'random')
    throw new RangeError(`embed: init must be "spectral" or "random", got ${init}`);
  if (!Number.isInteger(nComponents) || nComponents < 1) {
    throw new RangeError(`embed: nComponents must be a positive integer, got ${nComponents}`);
  }
  if (!Number.isInteger(nNeighbors) || nNeighbors < 2) {
    throw new RangeError(`embed: nNeighbors must be an integer of at least 2 (self included), got ${nNeighbors}`);
  }
  if (!(minDist >= 0)) throw new RangeError(`embed: minDist must be 0 or more, got ${minDist}`);
  if (nEpochs !== undefined && (!Number.isInteger(nEpochs) || nEpochs < 1)) {
    throw new RangeError(`embed: nEpochs must be a positive integer, got ${nEpochs}`);
  }
}

function checkGraph(graph: SharedGraph, rows: number, k: number, nEpochs: number): void {
  if (graph.rows !== rows || graph.k !== k || graph.nEpochs !== nEpochs)
    throw new RangeError(
      `embed: the shared graph is of ${graph.rows} rows, ${graph.k} neighbours and ${graph.nEpochs} epochs; this embedding has ${rows}, ${k} and ${nEpochs}`,
    );
  if (graph.spectral && graph.spectral.rows !== rows)
    throw new RangeError(`embed: the shared spectral plan is of ${graph.spectral.rows} rows, not ${rows}`);
}

function checkNeighbours(neighbours: Neighbours, rows: number, k: number): void {
  if (neighbours.rows !== rows || neighbours.k < k) {
    throw new RangeError(
      `embed: neighbours cover ${neighbours.rows} rows with ${neighbours.k} each; the matrix has ${rows} rows and needs ${k}`,
    );
  }
  for (let r = 0; r < rows; r++) {
    if (neighbours.indices[r * neighbours.k] !== r) {
      throw new RangeError(`embed: neighbours of row ${r} must start with the row itself`);
    }
    for (let j = 1; j < k; j++) {
      const index = neighbours.indices[r * neighbours.k + j];
      if (!(index >= 0 && index < rows)) {
        throw new RangeError(
          `embed: neighbour ${j} of row ${r} is ${index}, expected a row index from 0 to ${rows - 1}`,
        );
      }
    }
  }
}
