/**
 * UMAP's layout optimisation, umap-js's optimizeLayoutStep rewritten over flat typed arrays: per epoch,
 * each edge is sampled as often as its weight asks (epochs-per-sample), pulls its two ends together, and
 * pushes its tail away from `negativeSampleRate` random points; the learning rate decays linearly.
 * Same operations in the same order as umap-js: with UmapJsCurve and 'umap-js' negative samples the same
 * seed gives umap-js's layout to the bit. The fast settings (TabulatedCurve, 'xorshift') change only the
 * last bits of the powers and which random points are drawn.
 *
 * Why not umap-js itself: its embedding is number[][] and its state arrays are copied per step; at 26,000
 * points one epoch took ~650 ms there. The epoch loops themselves are in epochs.ts, and for the fast
 * settings in 2 and 4 dimensions in WebAssembly (layout-wasm.ts), with the same result.
 */
import type { Random } from '../../infra/random.js';
import { type CurveGradients, TabulatedCurve } from './curve.js';
import { type EpochState, runEpoch } from './epochs.js';
import type { LayoutEdges } from './graph.js';
import { wasmLayout } from './layout-wasm.js';
import type { ProgressCallback } from './types.js';

export interface LayoutSettings {
  dims: number;
  nEpochs: number;
  /** The gradients of the curve fitted from min_dist and spread (curve.ts). */
  curve: CurveGradients;
  learningRate: number;
  negativeSampleRate: number;
  /** Where negative samples come from (see NegativeSamples). */
  negativeSamples: 'umap-js' | 'xorshift';
  /**
   * How one edge sample's negative-sample pushes follow each other.
   *   'chained': umap-js's (and umap-learn's) order, each push measured from where the previous one left
   *   the point, so each waits for the one before (a power, a division, a clip: ~20 ns per update).
   *   'batched': every push of the edge sample measured from the point after its pull, then added to it in
   *   sampling order. The pushes no longer wait for each other, so the processor overlaps them; the result
   *   is still one fixed sequence of operations (the same bits in WebAssembly and JavaScript, for any number
   *   of threads). It is the same kind of staleness as umap-learn's Hogwild parallel layout, here within
   *   one point's five pushes only.
   */
  pushes: 'chained' | 'batched';
  /**
   * Run the 2-D and 4-D epochs of the fast settings in WebAssembly when its kernel is compiled (default
   * true); false keeps the JavaScript loops, which give the same bits (the tests compare the two).
   */
  webAssembly?: boolean;
}

/** umap-js's random initialisation: uniform in [-10, 10), point by point, coordinate by coordinate. */
export function randomEmbedding(rows: number, dims: number, random: Random): Float64Array {
  const embedding = new Float64Array(rows * dims);
  for (let i = 0; i < embedding.length; i++) embedding[i] = random() * 20 + -10;
  return embedding;
}

/** Moves `embedding` (rows * dims, row-major) in place through all epochs; returns the SGD updates made (edge samples and negative samples). */
export function optimizeLayout(
  embedding: Float64Array,
  edges: LayoutEdges,
  settings: LayoutSettings,
  random: Random,
  onProgress?: ProgressCallback,
): number {
  return runLayout(startLayout(embedding, edges, settings, random), settings, onProgress);
}

/** A layout ready for its epochs, holding what they read: the kernel's copies of the edges, or the JavaScript loops' state. */
export interface LayoutRun {
  epoch(epoch: number, alpha: number): void;
  /** Leaves the moved points in the embedding given at the start; returns the SGD updates made. */
  finish(): number;
}

/**
 * Loads a layout of `embedding` (rows * dims, row-major, moved in place). The WebAssembly kernel copies
 * the edges and writes the sampling schedule straight into its own memory, so once this returns the
 * caller's `edges` can be freed while the epochs run.
 */
export function startLayout(
  embedding: Float64Array,
  edges: LayoutEdges,
  settings: LayoutSettings,
  random: Random,
): LayoutRun {
  const { dims, nEpochs, negativeSampleRate } = settings;
  const vertices = embedding.length / dims;
  const schedule = (perSample: Float64Array, perNegative: Float64Array) =>
    samplingSchedule(edges.weights, nEpochs, negativeSampleRate, perSample, perNegative);
  const { curve } = settings;
  const wasm =
    settings.webAssembly !== false &&
    settings.negativeSamples === 'xorshift' &&
    settings.pushes === 'batched' &&
    curve instanceof TabulatedCurve &&
    (dims === 2 || dims === 4)
      ? wasmLayout({ embedding, dims, edges, schedule, curve, samplerState: () => xorshiftSeed(random) })
      : null;
  if (wasm) return wasm;
  const epochsPerSample = new Float64Array(edges.weights.length);
  const epochsPerNegativeSample = new Float64Array(edges.weights.length);
  schedule(epochsPerSample, epochsPerNegativeSample);
  const state: EpochState = {
    embedding,
    edges,
    dims,
    curve: settings.curve,
    negatives: new NegativeSamples(vertices, settings.negativeSamples, random),
    epochsPerSample,
    epochOfNextSample: epochsPerSample.slice(),
    epochsPerNegativeSample,
    epochOfNextNegativeSample: epochsPerNegativeSample.slice(),
    updates: 0,
    batched: settings.pushes === 'batched',
  };
  return { epoch: (epoch, alpha) => runEpoch(state, epoch, alpha), finish: () => state.updates };
}

/**
 * umap-js's sampling schedule: each edge is sampled every nEpochs / (its weight / the largest weight *
 * nEpochs) epochs (-1: never), and pushes away negative samples `negativeSampleRate` times as often.
 */
function samplingSchedule(
  weights: Float64Array,
  nEpochs: number,
  negativeSampleRate: number,
  perSample: Float64Array,
  perNegative: Float64Array,
): void {
  const edgeCount = weights.length;
  let maxWeight = 0;
  for (let e = 0; e < edgeCount; e++) maxWeight = weights[e] > maxWeight ? weights[e] : maxWeight;
  for (let e = 0; e < edgeCount; e++) {
    const samples = (weights[e] / maxWeight) * nEpochs;
    perSample[e] = samples > 0 ? nEpochs / samples : -1;
    perNegative[e] = perSample[e] / negativeSampleRate;
  }
}

/** Every epoch, the learning rate decaying linearly as umap-js's; returns the SGD updates made. */
export function runLayout(
  layout: LayoutRun,
  { nEpochs, learningRate }: Pick<LayoutSettings, 'nEpochs' | 'learningRate'>,
  onProgress?: ProgressCallback,
): number {
  let alpha = learningRate;
  for (let epoch = 0; epoch < nEpochs; epoch++) {
    layout.epoch(epoch, alpha);
    alpha = learningRate * (1.0 - epoch / nEpochs);
    onProgress?.(epoch + 1, nEpochs);
  }
  return layout.finish();
}

/** The xorshift32 generator's start, drawn once from the run's stream (never 0, which xorshift cannot leave). */
export function xorshiftSeed(random: Random): number {
  return Math.floor(random() * 4294967296) | 1;
}

/**
 * The points that negative sampling pushes away from, drawn ahead in blocks so the SGD loop reads an array
 * instead of calling a generator (a call to the project's Random costs ~3 inline generator steps, and the
 * layout draws ~200 million of them).
 *   'umap-js': Math.floor(random() * n), one call per sample in sampling order, exactly as umap-js.
 *   'xorshift': xorshift32 seeded once from `random`; umap-learn likewise samples from its own fast
 *   generator (tau_rand_int) seeded from the random state.
 */
export class NegativeSamples {
  private readonly block = new Int32Array(4096);
  private cursor = 4096;
  private state: number;

  constructor(
    private readonly vertices: number,
    private readonly source: 'umap-js' | 'xorshift',
    private readonly random: Random,
  ) {
    this.state = source === 'xorshift' ? xorshiftSeed(random) : 0;
  }

  next(): number {
    if (this.cursor === this.block.length) this.refill();
    return this.block[this.cursor++];
  }

  private refill(): void {
    const { block, vertices } = this;
    if (this.source === 'umap-js') {
      for (let i = 0; i < block.length; i++) block[i] = Math.floor(this.random() * vertices);
    } else {
      let x = this.state;
      for (let i = 0; i < block.length; i++) {
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        block[i] = Math.floor((x >>> 0) * (vertices / 4294967296));
      }
      this.state = x;
    }
    this.cursor = 0;
  }
}
