/** A worker of `SpaceWorkers` (embed-parallel.ts): embeds each job's matrix, and fits the mixture when asked. */
import { parentPort, workerData } from 'node:worker_threads';
import { deriveRandom } from '../infra/random.js';
import { inSharedMemory, type SpaceJob, type SpaceSetup, type WorkerMessage } from './embed-parallel.js';
import { embed } from './embedding/embed.js';
import { fitMixture } from './mixture/fit.js';

const setup = workerData as SpaceSetup;
const post = (message: WorkerMessage, transfer: ArrayBuffer[] = []) => parentPort!.postMessage(message, transfer);

parentPort!.on('message', (job: SpaceJob) => {
  const started = performance.now();
  const notices: string[] = [];
  const phases = { neighboursMs: 0, graphMs: 0, initMs: 0, layoutMs: 0, updates: 0 };
  const matrix = { rows: job.matrix.rows, cols: job.matrix.cols, data: new Uint8Array(job.matrix.data) };
  const embedding = embed(matrix, job.params, {
    random: deriveRandom(setup.seed, job.stream),
    onProgress: job.progress ? (done, total) => post({ type: 'progress', done, total }) : undefined,
    onNotice: (message) => notices.push(message),
    graph: job.graph,
    phases,
    onGraph: job.shareGraph ? (graph) => post({ type: 'graph', graph: inSharedMemory(graph) }) : undefined,
  });
  if (job.mixture) {
    const { k, stream, ...options } = job.mixture;
    const labels = fitMixture(embedding, k, { ...options, random: deriveRandom(setup.seed, stream) }).labels;
    post(
      {
        type: 'done',
        rows: embedding.rows,
        dims: embedding.dims,
        embedding: null,
        labels: labels.buffer as ArrayBuffer,
        notices,
        ms: Math.round(performance.now() - started),
        phases,
      },
      [labels.buffer as ArrayBuffer],
    );
  } else {
    const data = embedding.data.buffer as ArrayBuffer;
    post(
      {
        type: 'done',
        rows: embedding.rows,
        dims: embedding.dims,
        embedding: data,
        labels: null,
        notices,
        ms: Math.round(performance.now() - started),
        phases,
      },
      [data],
    );
  }
});
