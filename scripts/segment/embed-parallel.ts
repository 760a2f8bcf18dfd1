/**
 * The map of everyone and the clustering space of the professionals are independent when the professional
 * rule does not read the map, and each takes most of a run; on two cores they run side by side, one in a
 * worker thread. The worker draws from the same seeded stream as an in-process run would, so the result is
 * the same bytes either way.
 */
import { Worker } from 'node:worker_threads';
import { embed } from './embed.js';
import { deriveRandom } from './random.js';
import type { BinaryMatrix, EmbedParams, Embedding, ProgressCallback } from './types.js';

export interface EmbedJob {
  rows: number;
  cols: number;
  data: ArrayBuffer;
  params: EmbedParams;
  seed: number;
  /** Name of the seeded random stream (deriveRandom(seed, stream)). */
  stream: string;
}

type WorkerMessage = { type: 'progress'; done: number; total: number } | { type: 'done'; rows: number; dims: number; data: ArrayBuffer; ms: number };

/**
 * Embeds in a worker thread; the matrix is copied, not moved, so the caller keeps it. `ms` is the worker's
 * own time: the caller's clock would also count the time its thread was busy elsewhere.
 */
export function embedInWorker(matrix: BinaryMatrix, params: EmbedParams, seed: number, stream: string, onProgress?: ProgressCallback): Promise<{ embedding: Embedding; ms: number }> {
  const job: EmbedJob = { rows: matrix.rows, cols: matrix.cols, data: matrix.data.slice().buffer, params, seed, stream };
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./embed-worker.mjs', import.meta.url), { workerData: job, transferList: [job.data] });
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'progress') onProgress?.(message.done, message.total);
      else resolve({ embedding: { rows: message.rows, dims: message.dims, data: new Float64Array(message.data) }, ms: message.ms });
    });
    worker.on('error', reject);
    worker.on('exit', (code) => {
      if (code !== 0) reject(new Error(`the embedding worker stopped with exit code ${code}`));
    });
  });
}

/** The same embedding in this thread, from the same seeded stream. */
export function embedHere(matrix: BinaryMatrix, params: EmbedParams, seed: number, stream: string, onProgress?: ProgressCallback): Embedding {
  return embed(matrix, params, { random: deriveRandom(seed, stream), onProgress });
}
