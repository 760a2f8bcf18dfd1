/** Runs one embedding for `embedInWorker` (embed-parallel.ts) and posts progress and the result back. */
import { parentPort, workerData } from 'node:worker_threads';
import { embed } from './embed.js';
import { deriveRandom } from './random.js';
import type { EmbedJob } from './embed-parallel.js';

const job = workerData as EmbedJob;
const started = performance.now();
const result = embed(
  { rows: job.rows, cols: job.cols, data: new Uint8Array(job.data) },
  job.params,
  { random: deriveRandom(job.seed, job.stream), onProgress: (done, total) => parentPort!.postMessage({ type: 'progress', done, total }) },
);
parentPort!.postMessage({ type: 'done', rows: result.rows, dims: result.dims, data: result.data.buffer, ms: Math.round(performance.now() - started) }, [result.data.buffer as ArrayBuffer]);
