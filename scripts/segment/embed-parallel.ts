/**
 * Every embedding of a run runs in worker threads: the map of everyone, the professionals' clustering space
 * and, for the stability report, its re-runs with derived seeds, and the professionals' own 2-D map. A pool
 * of workers, started before the survey is read (so that loading their modules overlaps the read), takes
 * jobs one at a time; a job's matrix is in shared memory, so every worker reads one copy of it, and a job
 * names its seeded streams, so its result is the same bytes whichever worker runs it and in whatever order.
 * The main thread only hands out jobs: when it drew the map itself, it could not pass the clustering space's
 * graph on to the professionals' map until the map was done. Measured times are the worker's own: the
 * caller's clock would also count the time the job waited in the queue.
 */
import { Worker } from 'node:worker_threads';
import type { EmbedPhases, SharedGraph } from './embedding/embed.js';
import type { BinaryMatrix, Embedding, EmbedParams, MixtureParameters, ProgressCallback } from './types.js';

/** What every job of a pool shares: the run's seed, from which each job derives its streams. */
export interface SpaceSetup {
  seed: number;
}

/** A matrix whose bytes are one copy that every worker reads (no job writes to it). */
export interface SharedMatrix {
  rows: number;
  cols: number;
  data: SharedArrayBuffer;
}

export interface MixtureJob extends MixtureParameters {
  k: number;
  /** Name of the mixture's seeded stream (scripts/infra/streams.ts). */
  stream: string;
}

export interface SpaceJob {
  /** Name of the embedding's seeded stream (deriveRandom(seed, stream); the names are in scripts/infra/streams.ts). */
  stream: string;
  /** The rows to embed (sharedMatrix). */
  matrix: SharedMatrix;
  params: EmbedParams;
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

  constructor(seed: number, threads: number) {
    for (let t = 0; t < Math.max(1, threads); t++) {
      const setup: SpaceSetup = { seed };
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
 * `matrix` for a job: its bytes as they are when they already fill a SharedArrayBuffer (the encoding's
 * matrix, selectRows(…, { shared: true })), else one copy. A copy per job was 61 MB each at 250,000 respondents.
 */
export function sharedMatrix(matrix: BinaryMatrix): SharedMatrix {
  const bytes = matrix.data;
  const { buffer } = bytes;
  if (buffer instanceof SharedArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === buffer.byteLength)
    return { rows: matrix.rows, cols: matrix.cols, data: buffer };
  const data = new SharedArrayBuffer(bytes.byteLength);
  new Uint8Array(data).set(bytes);
  return { rows: matrix.rows, cols: matrix.cols, data };
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
