/**
 * The layout's epoch loops compiled to WebAssembly (wasm/layout-kernel.as.ts, AssemblyScript): the same
 * floating-point operations as epochs.ts in the same order, so the same bits, at about a third of the
 * time (the loops are ~400 million SGD updates on real 2021, and V8 cannot keep them in registers as a
 * compiler of typed code does).
 *
 * The kernel is compiled from its source by the AssemblyScript compiler (an npm package) the first time a
 * segmentation runs, into .cache/wasm/ under a name that hashes the source and the compiler's version; no
 * binary is committed. `prepareLayoutKernel()` compiles it (async); `layoutKernel()` then loads it
 * synchronously in any thread. Without a compiled kernel the layout runs the JavaScript loops, which give
 * the same result more slowly.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFileAtomic } from '../../infra/atomic-write.js';
import { PROJECT_ROOT } from '../../infra/versions.js';
import type { TabulatedCurve } from './curve.js';
import type { LayoutEdges } from './graph.js';

const SOURCE = fileURLToPath(new URL('./wasm/layout-kernel.as.ts', import.meta.url));

interface KernelExports {
  memory: WebAssembly.Memory;
  allocate(bytes: number): number;
  setArrays(embedding: number, head: number, tail: number, edges: number, perSample: number, nextSample: number, perNegative: number, nextNegative: number): void;
  setSampling(vertices: number, state: number): void;
  setCurve(a: number, b: number, gamma: number, y: number, k1: number, k2: number, k3: number, k4: number, twos: number, inverseTwos: number, mantissas: number, inverseMantissas: number): void;
  epoch2(epoch: number, alpha: number): void;
  epoch4(epoch: number, alpha: number): void;
}

function compilerVersion(): string {
  const require = createRequire(import.meta.url);
  return (require('assemblyscript/package.json') as { version: string }).version;
}

/** Where the compiled kernel of this source and compiler lives. */
export function kernelPath(): string {
  const hash = createHash('sha256').update(readFileSync(SOURCE)).update(compilerVersion()).digest('hex').slice(0, 16);
  return join(PROJECT_ROOT, '.cache', 'wasm', `layout-kernel-${hash}.wasm`);
}

/** Compiles the kernel unless it is already compiled; returns its path. */
export async function prepareLayoutKernel(): Promise<string> {
  const path = kernelPath();
  if (existsSync(path)) return path;
  const asc = await import('assemblyscript/asc');
  const result = await asc.compileString(readFileSync(SOURCE, 'utf8'), { optimizeLevel: 3, shrinkLevel: 0, runtime: 'stub', noAssert: true });
  if (result.error || !result.binary) throw new Error(`compiling the WebAssembly layout kernel ${SOURCE} failed: ${result.error?.message ?? 'no binary'}\n${result.stderr.toString()}`);
  mkdirSync(join(PROJECT_ROOT, '.cache', 'wasm'), { recursive: true });
  await writeFileAtomic(path, result.binary);
  return path;
}

let loaded: WebAssembly.Module | null | undefined;

/** The compiled kernel's module, or null when it has not been compiled (prepareLayoutKernel). */
function kernelModule(): WebAssembly.Module | null {
  if (loaded === undefined) {
    const path = kernelPath();
    loaded = existsSync(path) ? new WebAssembly.Module(readFileSync(path)) : null;
  }
  return loaded;
}

/** Runs `epochs` of the 2-D or 4-D layout in WebAssembly; `onEpoch` gets each epoch's index after it ran. */
export interface WasmLayout {
  epoch(epoch: number, alpha: number): void;
  /** Copies the moved points back into the embedding given at the start. */
  finish(): void;
}

export interface WasmLayoutInputs {
  embedding: Float64Array;
  dims: 2 | 4;
  edges: LayoutEdges;
  epochsPerSample: Float64Array;
  epochsPerNegativeSample: Float64Array;
  curve: TabulatedCurve;
  /** The xorshift32 state the JavaScript sampler would start from. */
  samplerState: number;
}

/** A kernel instance loaded with one layout's arrays, or null when the kernel is not compiled. */
export function wasmLayout(inputs: WasmLayoutInputs): WasmLayout | null {
  const module = kernelModule();
  if (!module) return null;
  const instance = new WebAssembly.Instance(module, {
    env: {
      pow: Math.pow,
      abort: () => {
        throw new Error('the WebAssembly layout kernel aborted');
      },
    },
  });
  const kernel = instance.exports as unknown as KernelExports;
  const { embedding, edges, curve } = inputs;
  const edgeCount = edges.head.length;
  const tables = curve.powerTables();
  // Allocate everything first: memory may grow (and its buffer change) with each allocation.
  const at = {
    embedding: kernel.allocate(embedding.byteLength),
    head: kernel.allocate(edgeCount * 4),
    tail: kernel.allocate(edgeCount * 4),
    perSample: kernel.allocate(edgeCount * 8),
    nextSample: kernel.allocate(edgeCount * 8),
    perNegative: kernel.allocate(edgeCount * 8),
    nextNegative: kernel.allocate(edgeCount * 8),
    twos: kernel.allocate(tables.powersOfTwo.byteLength),
    inverseTwos: kernel.allocate(tables.inversePowersOfTwo.byteLength),
    mantissas: kernel.allocate(tables.mantissaPowers.byteLength),
    inverseMantissas: kernel.allocate(tables.mantissaInverses.byteLength),
  };
  const buffer = kernel.memory.buffer;
  const view = new Float64Array(buffer, at.embedding, embedding.length);
  view.set(embedding);
  new Int32Array(buffer, at.head, edgeCount).set(edges.head);
  new Int32Array(buffer, at.tail, edgeCount).set(edges.tail);
  new Float64Array(buffer, at.perSample, edgeCount).set(inputs.epochsPerSample);
  new Float64Array(buffer, at.nextSample, edgeCount).set(inputs.epochsPerSample);
  new Float64Array(buffer, at.perNegative, edgeCount).set(inputs.epochsPerNegativeSample);
  new Float64Array(buffer, at.nextNegative, edgeCount).set(inputs.epochsPerNegativeSample);
  new Float64Array(buffer, at.twos, tables.powersOfTwo.length).set(tables.powersOfTwo);
  new Float64Array(buffer, at.inverseTwos, tables.inversePowersOfTwo.length).set(tables.inversePowersOfTwo);
  new Float64Array(buffer, at.mantissas, tables.mantissaPowers.length).set(tables.mantissaPowers);
  new Float64Array(buffer, at.inverseMantissas, tables.mantissaInverses.length).set(tables.mantissaInverses);
  kernel.setArrays(at.embedding, at.head, at.tail, edgeCount, at.perSample, at.nextSample, at.perNegative, at.nextNegative);
  kernel.setSampling(embedding.length / inputs.dims, inputs.samplerState);
  kernel.setCurve(curve.a, curve.b, curve.gamma, tables.exponent, ...tables.series, at.twos, at.inverseTwos, at.mantissas, at.inverseMantissas);
  const run = inputs.dims === 2 ? kernel.epoch2 : kernel.epoch4;
  return {
    epoch: (epoch, alpha) => run(epoch, alpha),
    finish: () => embedding.set(new Float64Array(kernel.memory.buffer, at.embedding, embedding.length)),
  };
}
