/**
 * `npm run bench -- --against REV`: the WebAssembly kernels of git revision REV against this tree's,
 * alternated in one process on the same rows (the map of everyone and one clustering space), six times
 * each. This machine's speed drifts by several percent from one benchmark to the next; within a process,
 * alternated, far less, so the ratio is what to read. A kernel of REV that lacks one of this tree's exports,
 * or imports what this tree's host does not give (another interface with the host code), cannot run here and
 * is skipped, with the reason.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { deriveRandom } from '../infra/random.js';
import { PROJECT_ROOT } from '../infra/versions.js';
import { type EmbedPhases, embed, type SharedGraph } from '../segment/embedding/embed.js';
import { jaccardNeighbours } from '../segment/embedding/neighbours.js';
import {
  compileKernelSource,
  type KernelName,
  kernelModule,
  kernelSourcePath,
  useKernelModule,
} from '../segment/embedding/wasm-kernels.js';
import type { BinaryMatrix, ResolvedEmbedParams } from '../segment/types.js';

/** Rows to compare on, each with the parameters of its embedding. */
export interface ComparisonRows {
  name: string;
  matrix: BinaryMatrix;
  params: ResolvedEmbedParams;
}

const ROUNDS = 6;

export async function compareKernels(revision: string, rows: ComparisonRows[]): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'kernel-ab-'));
  try {
    for (const name of ['layout-kernel', 'neighbour-kernel'] as const) {
      const theirs = await kernelAt(revision, name, dir);
      const ours = kernelModule(name);
      if (!ours) throw new Error(`this tree's ${name} is not compiled`);
      const provided = new Set(WebAssembly.Module.exports(theirs).map((e) => e.name));
      const missing = WebAssembly.Module.exports(ours).filter((e) => !provided.has(e.name));
      if (missing.length > 0) {
        console.log(
          `  ${name}: skipped, ${revision}'s kernel has no ${missing.map((e) => e.name).join(', ')} (the host code changed with it)`,
        );
        continue;
      }
      // The host gives a kernel only what this tree's kernel imports; an older one that asks for more
      // (the tabulated power's Math.pow) would fail to instantiate in the middle of the comparison.
      const hosted = new Set(WebAssembly.Module.imports(ours).map((i) => `${i.module}.${i.name}`));
      const unhosted = WebAssembly.Module.imports(theirs).filter((i) => !hosted.has(`${i.module}.${i.name}`));
      if (unhosted.length > 0) {
        console.log(
          `  ${name}: skipped, ${revision}'s kernel imports ${unhosted.map((i) => `${i.module}.${i.name}`).join(', ')}, which this tree's host code does not provide`,
        );
        continue;
      }
      for (const set of rows) {
        const run = name === 'layout-kernel' ? layoutRun(set) : neighbourRun(set);
        const times = { theirs: [] as number[], ours: [] as number[] };
        const outputs = { theirs: '', ours: '' };
        for (let round = 0; round < ROUNDS; round++) {
          // Alternate which goes first, so that neither always runs on a warmer cache.
          for (const who of round % 2 === 0 ? (['theirs', 'ours'] as const) : (['ours', 'theirs'] as const)) {
            useKernelModule(name, who === 'ours' ? ours : theirs);
            const { time, output } = run();
            times[who].push(time);
            outputs[who] = output;
          }
        }
        useKernelModule(name, ours);
        const ratios = times.ours.map((t, i) => t / times.theirs[i]);
        console.log(
          `  ${name}, ${set.name} (${set.matrix.rows} rows): ${revision} ${median(times.theirs).toFixed(2)}, this tree ${median(times.ours).toFixed(2)} ${name === 'layout-kernel' ? 'ns an update' : 'ms'} (medians of ${ROUNDS}); this tree / ${revision} = ${median(ratios).toFixed(3)} (${Math.min(...ratios).toFixed(3)}-${Math.max(...ratios).toFixed(3)}); ${outputs.ours === outputs.theirs ? 'the same bits' : 'different output'}`,
        );
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The kernel's source at `revision`, compiled. */
async function kernelAt(revision: string, name: KernelName, dir: string): Promise<WebAssembly.Module> {
  const path = relative(PROJECT_ROOT, kernelSourcePath(name));
  const source = execFileSync('git', ['show', `${revision}:${path}`], { cwd: PROJECT_ROOT, encoding: 'utf8' });
  const file = join(dir, `${name}.as.ts`);
  writeFileSync(file, source);
  return compileKernelSource(file);
}

/** One layout on the rows' own graph (searched once): its time per SGD update, and its coordinates' bytes. */
function layoutRun({ name, matrix, params }: ComparisonRows): () => { time: number; output: string } {
  let graph: SharedGraph | undefined;
  embed(matrix, params, { random: deriveRandom(0, name), onGraph: (g) => (graph = g) });
  return () => {
    const phases: EmbedPhases = { neighboursMs: 0, graphMs: 0, initMs: 0, layoutMs: 0, updates: 0 };
    const embedding = embed(matrix, params, { random: deriveRandom(0, name), graph, phases });
    return {
      time: (phases.layoutMs * 1e6) / phases.updates,
      output: Buffer.from(embedding.data.buffer).toString('base64'),
    };
  };
}

/** One neighbour search of the rows: its time, and the neighbours found. */
function neighbourRun({ name, matrix, params }: ComparisonRows): () => { time: number; output: string } {
  return () => {
    const started = performance.now();
    const found = jaccardNeighbours(matrix, params.nNeighbors, { random: deriveRandom(0, name) });
    const time = performance.now() - started;
    return { time, output: `${found.indices.join(',')};${found.distances.join(',')}` };
  };
}

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[values.length >> 1];
}
