/**
 * UMAP's layout optimisation, umap-js's optimizeLayoutStep rewritten over flat typed arrays: per epoch,
 * each edge is sampled as often as its weight asks (epochs-per-sample), pulls its two ends together, and
 * pushes its tail away from `negativeSampleRate` random points; the learning rate decays linearly.
 * Two settings (LayoutSettings.pushes): umap-js's own order, which with UmapJsCurve and 'umap-js' negative
 * samples gives umap-js's layout to the bit (epochs.ts), and the fast one, an edge sample's pull and pushes
 * in float32 lanes (lane-epochs.ts; in WebAssembly for 2 and 4 dimensions, layout-wasm.ts, same bits).
 *
 * Why not umap-js itself: its embedding is number[][] and its state arrays are copied per step; at 26,000
 * points one epoch took ~650 ms there.
 */
import type { Random } from '../../infra/random.js';
import type { CurveGradients } from './curve.js';
import { type EpochState, runEpoch } from './epochs.js';
import type { LayoutEdges } from './graph.js';
import type { LaneCurve } from './lane-curve.js';
import { type LaneState, laneCoordinates, runLaneEpoch, xorshiftSeed } from './lane-epochs.js';
import { wasmLayout } from './layout-wasm.js';
import type { ProgressCallback } from './types.js';

interface CommonSettings {
  dims: number;
  nEpochs: number;
  learningRate: number;
  negativeSampleRate: number;
  /**
   * Run the lanes' epochs in WebAssembly for 2 and 4 dimensions when its kernel is compiled (default true);
   * false keeps the JavaScript loop, which gives the same bits (the tests compare the two).
   */
  webAssembly?: boolean;
}

/**
 * How one edge sample's pull and negative-sample pushes follow each other, and the curve each uses.
 *   'chained': umap-js's (and umap-learn's serial) order, each push measured from where the previous one
 *   left the point, so each waits for the one before; with UmapJsCurve and 'umap-js' negative samples the
 *   same seed gives umap-js's layout to the bit (epochs.ts).
 *   'lanes': the pull and every push of the edge sample measured from the point as the edge sample found it,
 *   in float32 lanes (LaneCurve), summed and added once (lane-epochs.ts; WebAssembly SIMD in
 *   wasm/layout-kernel.as.ts). Nothing waits for anything within an edge sample, and four lanes are one
 *   vector operation. It is the staleness of umap-learn's Hogwild parallel layout, here within one edge
 *   sample only, and still one fixed sequence of operations: the same bits in WebAssembly and JavaScript,
 *   for any number of threads. umap-learn keeps its coordinates in float32 too.
 */
export type LayoutSettings = CommonSettings &
  (
    | {
        pushes: 'chained';
        /** The gradients of the curve fitted from min_dist and spread (curve.ts). */
        curve: CurveGradients;
        /** Where negative samples come from (see NegativeSamples). */
        negativeSamples: 'umap-js' | 'xorshift';
      }
    | { pushes: 'lanes'; curve: LaneCurve }
  );

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
  if (settings.pushes === 'lanes') edges = reordered(edges, interleavedOrder(edges, vertices));
  const schedule = (perSample: Float64Array, perNegative: Float64Array) =>
    samplingSchedule(edges.weights, nEpochs, negativeSampleRate, perSample, perNegative);
  if (settings.pushes === 'lanes') {
    const { curve } = settings;
    const wasm =
      settings.webAssembly !== false && (dims === 2 || dims === 4)
        ? wasmLayout({ embedding, dims, edges, schedule, curve, samplerState: () => xorshiftSeed(random) })
        : null;
    if (wasm) return wasm;
  }
  const epochsPerSample = new Float64Array(edges.weights.length);
  const epochsPerNegativeSample = new Float64Array(edges.weights.length);
  schedule(epochsPerSample, epochsPerNegativeSample);
  const common = {
    edges,
    dims,
    epochsPerSample,
    epochOfNextSample: epochsPerSample.slice(),
    epochsPerNegativeSample,
    epochOfNextNegativeSample: epochsPerNegativeSample.slice(),
    updates: 0,
  };
  if (settings.pushes === 'lanes') {
    const coordinates = laneCoordinates(embedding, dims);
    const negatives = new NegativeSamples(vertices, 'xorshift', random);
    const state: LaneState = { ...common, embedding: coordinates, curve: settings.curve, negatives };
    return {
      epoch: (epoch, alpha) => runLaneEpoch(state, epoch, alpha),
      finish: () => {
        embedding.set(coordinates.subarray(0, embedding.length));
        return state.updates;
      },
    };
  }
  const negatives = new NegativeSamples(vertices, settings.negativeSamples, random);
  const state: EpochState = { ...common, embedding, curve: settings.curve, negatives };
  return { epoch: (epoch, alpha) => runEpoch(state, epoch, alpha), finish: () => state.updates };
}

/**
 * The order the lanes visit the edges in: every row's first edge, then every row's second edge, and so on
 * (rows ascending within each round). layoutEdges lists a row's edges together, and they share their
 * `tail`: each edge sample moves that tail, which the next one reads, so in that order each edge sample
 * waited for the whole of the one before (~150 cycles of powers and divisions). Interleaved, consecutive edge
 * samples touch different points and the processor overlaps them. order[i] is the edge visited i-th.
 */
export function interleavedOrder(edges: LayoutEdges, vertices: number): Int32Array {
  const { tail } = edges;
  const count = tail.length;
  const rank = new Int32Array(count);
  const seen = new Int32Array(vertices);
  let rounds = 0;
  for (let e = 0; e < count; e++) {
    rank[e] = seen[tail[e]]++;
    if (rank[e] >= rounds) rounds = rank[e] + 1;
  }
  const start = new Int32Array(rounds + 1);
  for (let e = 0; e < count; e++) start[rank[e] + 1]++;
  for (let r = 0; r < rounds; r++) start[r + 1] += start[r];
  const order = new Int32Array(count);
  for (let e = 0; e < count; e++) order[start[rank[e]]++] = e;
  return order;
}

/** `edges` visited in `order`: the same edges, the arrays permuted. */
function reordered(edges: LayoutEdges, order: Int32Array): LayoutEdges {
  const pick = <T extends Int32Array | Float64Array>(from: T, to: T) => {
    for (let i = 0; i < order.length; i++) to[i] = from[order[i]];
    return to;
  };
  return {
    head: pick(edges.head, new Int32Array(order.length)),
    tail: pick(edges.tail, new Int32Array(order.length)),
    weights: pick(edges.weights, new Float64Array(order.length)),
  };
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
