/**
 * The professionals' clustering space runs in worker threads: beside the map of everyone (which stays on
 * the main thread) and, for the stability report, once per re-run with a derived seed; so does the
 * professionals' own 2-D map, a job with other parameters. A pool of workers
 * reads one shared copy of the professionals' answers and takes jobs one at a time; a job names its seeded
 * streams, so its result is the same bytes whichever worker runs it and in whatever order. Measured times
 * are the worker's own: the caller's clock would also count the time its thread was busy elsewhere.
 */
import { Worker } from 'node:worker_threads';
import { deriveRandom } from '../infra/random.js';
import { type EmbedPhases, embed, type SharedGraph } from './embedding/embed.js';
import type { BinaryMatrix, Embedding, EmbedParams, MixtureParameters, ProgressCallback } from './types.js';

/** What every job of a pool shares: the rows to embed and how. */
export interface SpaceSetup {
  rows: number;
  cols: number;
  /** The rows' bytes, one copy that every worker reads (no job writes to it). */
  data: SharedArrayBuffer;
  params: EmbedParams;
  seed: number;
}

export interface MixtureJob extends MixtureParameters {
  k: number;
  /** Name of the mixture's seeded stream (scripts/infra/streams.ts). */
  stream: string;
}

export interface SpaceJob {
  /** Name of the embedding's seeded stream (deriveRandom(seed, stream); the names are in scripts/infra/streams.ts). */
  stream: string;
  /** Another embedding of the same rows (the professionals' 2-D map) instead of the pool's parameters. */
  params?: EmbedParams;
  /** When given, the worker also fits the mixture and sends back its labels instead of the embedding. */
  mixture?: MixtureJob;
  /** Send per-epoch progress. */
  progress?: boolean;
  /** Embed on this graph instead of searching neighbours (SharedGraph: another job's, with the same rows, k and epochs). */
  graph?: SharedGraph;
  /** Send this job's graph, as soon as it is built, for other jobs to embed on (`run`'s onGraph). */
  shareGraph?: boolean;
}

export interface SpaceResult {
  embedding: Embedding | null;
  labels: Int32Array | null;
  notices: string[];
  ms: number;
  /** The embedding's steps, as the worker timed them. */
  phases: EmbedPhases;
}

export type WorkerMessage =
  | { type: 'progress'; done: number; total: number }
  | { type: 'graph'; graph: SharedGraph }
  | {
      type: 'done';
      rows: number;
      dims: number;
      embedding: ArrayBuffer | null;
      labels: ArrayBuffer | null;
      notices: string[];
      ms: number;
      phases: EmbedPhases;
    };

interface Pending {
  job: SpaceJob;
  onProgress?: ProgressCallback;
  onGraph?: (graph: SharedGraph) => void;
  resolve: (result: SpaceResult) => void;
  reject: (error: unknown) => void;
}

/** Worker threads that embed one matrix (and optionally cluster it) under different seeds. */
export class SpaceWorkers {
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, Pending>();
  private readonly queue: Pending[] = [];
  private failure: unknown = null;

  constructor(matrix: BinaryMatrix, params: EmbedParams, seed: number, threads: number) {
    const data = sharedBytes(matrix.data);
    for (let t = 0; t < Math.max(1, threads); t++) {
      const setup: SpaceSetup = { rows: matrix.rows, cols: matrix.cols, data, params, seed };
      const worker = new Worker(new URL('./embed-worker.mjs', import.meta.url), { workerData: setup });
      worker.on('message', (message: WorkerMessage) => this.receive(worker, message));
      worker.on('error', (error) => this.fail(error));
      worker.on(
        'exit',
        (code) => code !== 0 && this.fail(new Error(`an embedding worker stopped with exit code ${code}`)),
      );
      this.idle.push(worker);
    }
  }

  /** Queues `job`; with `job.shareGraph`, `onGraph` hears its graph (in shared memory) before its layout starts. */
  run(job: SpaceJob, onProgress?: ProgressCallback, onGraph?: (graph: SharedGraph) => void): Promise<SpaceResult> {
    return new Promise((resolve, reject) => {
      if (this.failure) return reject(this.failure);
      this.queue.push({ job, onProgress, onGraph, resolve, reject });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    await Promise.all([...this.idle, ...this.busy.keys()].map((worker) => worker.terminate()));
  }

  private dispatch(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const worker = this.idle.pop()!;
      const pending = this.queue.shift()!;
      this.busy.set(worker, pending);
      worker.postMessage(pending.job);
    }
  }

  private receive(worker: Worker, message: WorkerMessage): void {
    const pending = this.busy.get(worker);
    if (!pending) return;
    if (message.type === 'progress') {
      pending.onProgress?.(message.done, message.total);
      return;
    }
    if (message.type === 'graph') {
      pending.onGraph?.(message.graph);
      return;
    }
    this.busy.delete(worker);
    this.idle.push(worker);
    pending.resolve({
      embedding: message.embedding
        ? { rows: message.rows, dims: message.dims, data: new Float64Array(message.embedding) }
        : null,
      labels: message.labels ? new Int32Array(message.labels) : null,
      notices: message.notices,
      ms: message.ms,
      phases: message.phases,
    });
    this.dispatch();
  }

  private fail(error: unknown): void {
    this.failure ??= error;
    for (const pending of [...this.busy.values(), ...this.queue.splice(0)]) pending.reject(error);
    this.busy.clear();
  }
}

/**
 * The bytes in a SharedArrayBuffer, for every worker to read: `bytes` itself when it already fills one
 * (selectRows(…, { shared: true })), else one copy. A copy per worker was 61 MB each at 250,000 respondents.
 */
function sharedBytes(bytes: Uint8Array): SharedArrayBuffer {
  const { buffer } = bytes;
  if (buffer instanceof SharedArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === buffer.byteLength)
    return buffer;
  const shared = new SharedArrayBuffer(bytes.byteLength);
  new Uint8Array(shared).set(bytes);
  return shared;
}

/**
 * `graph` with its arrays in SharedArrayBuffers, for jobs on other workers to read without a copy each (nor
 * one per job in flight: each of the 16 jobs that take the clustering space's graph would otherwise receive
 * its own copy of the edges and spectral plan, ~1 MB per 1,000 rows). Nobody writes to them: the layout
 * copies the edges into its own arrays and a spectral start copies its plan.
 */
export function inSharedMemory(graph: SharedGraph): SharedGraph {
  const { edges, spectral } = graph;
  return {
    ...graph,
    edges: { tail: sharedCopy(edges.tail), head: sharedCopy(edges.head), weights: sharedCopy(edges.weights) },
    spectral: spectral && {
      ...spectral,
      layout: sharedCopy(spectral.layout),
      scatter: spectral.scatter.map((s) => ({ ...s, members: sharedCopy(s.members) })),
    },
  };
}

function sharedCopy<T extends Int32Array | Float64Array>(values: T): T {
  const copy = new (values.constructor as new (buffer: SharedArrayBuffer) => T)(
    new SharedArrayBuffer(values.byteLength),
  );
  copy.set(values);
  return copy;
}

/** The same embedding in this thread, from the same seeded stream. */
export function embedHere(
  matrix: BinaryMatrix,
  params: EmbedParams,
  seed: number,
  stream: string,
  onProgress?: ProgressCallback,
  onNotice?: (message: string) => void,
): Embedding {
  return embed(matrix, params, { random: deriveRandom(seed, stream), onProgress, onNotice });
}
