/**
 * The embedding's WebAssembly kernels (wasm/*.as.ts, AssemblyScript): the layout's epoch loops
 * (layout-wasm.ts) and the neighbour search's pair loops (neighbour-wasm.ts). Each does the same operations
 * as its JavaScript loops in the same order, so the same bits, in less time.
 *
 * A kernel is compiled from its source by the AssemblyScript compiler (an npm package) the first time a
 * segmentation runs, into .cache/wasm/ under a name that hashes the source and the compiler's version; no
 * binary is committed. `prepareKernels()` compiles them (async); `kernelModule()` then loads one
 * synchronously in any thread. Without a compiled kernel the JavaScript loops run, with the same result.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFileAtomic } from '../../infra/atomic-write.js';
import { PROJECT_ROOT } from '../../infra/versions.js';

export type KernelName = 'layout-kernel' | 'neighbour-kernel';
const KERNELS: readonly KernelName[] = ['layout-kernel', 'neighbour-kernel'];

function sourceOf(name: KernelName): string {
  return fileURLToPath(new URL(`./wasm/${name}.as.ts`, import.meta.url));
}

function compilerVersion(): string {
  const require = createRequire(import.meta.url);
  return (require('assemblyscript/package.json') as { version: string }).version;
}

/** Where the compiled kernel of this source and compiler lives. */
export function kernelPath(name: KernelName): string {
  const hash = createHash('sha256').update(readFileSync(sourceOf(name))).update(compilerVersion()).digest('hex').slice(0, 16);
  return join(PROJECT_ROOT, '.cache', 'wasm', `${name}-${hash}.wasm`);
}

/** Compiles every kernel not compiled yet. */
export async function prepareKernels(): Promise<void> {
  for (const name of KERNELS) await prepareKernel(name);
}

async function prepareKernel(name: KernelName): Promise<void> {
  const path = kernelPath(name);
  if (existsSync(path)) return;
  const source = sourceOf(name);
  const asc = await import('assemblyscript/asc');
  const result = await asc.compileString(readFileSync(source, 'utf8'), { optimizeLevel: 3, shrinkLevel: 0, runtime: 'stub', noAssert: true });
  if (result.error || !result.binary) throw new Error(`compiling the WebAssembly kernel ${source} failed: ${result.error?.message ?? 'no binary'}\n${result.stderr.toString()}`);
  mkdirSync(join(PROJECT_ROOT, '.cache', 'wasm'), { recursive: true });
  await writeFileAtomic(path, result.binary);
}

const loaded = new Map<KernelName, WebAssembly.Module | null>();

/** The compiled kernel's module, or null when it has not been compiled (prepareKernels). */
export function kernelModule(name: KernelName): WebAssembly.Module | null {
  if (!loaded.has(name)) {
    const path = kernelPath(name);
    loaded.set(name, existsSync(path) ? new WebAssembly.Module(readFileSync(path)) : null);
  }
  return loaded.get(name)!;
}

/** A fresh instance of a compiled kernel (its own memory), or null when it has not been compiled. */
export function kernelInstance(name: KernelName, imports: Record<string, unknown> = {}): WebAssembly.Exports | null {
  const module = kernelModule(name);
  if (!module) return null;
  const env = {
    abort: () => {
      throw new Error(`the WebAssembly ${name} aborted`);
    },
    ...imports,
  };
  return new WebAssembly.Instance(module, { env: env as WebAssembly.ModuleImports }).exports;
}
