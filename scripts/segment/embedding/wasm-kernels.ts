/**
 * The embedding's WebAssembly kernels (wasm/*.as.ts, AssemblyScript): the layout's epoch loops
 * (layout-wasm.ts) and the neighbour search's pair loops (neighbour-wasm.ts). Each does the same operations
 * as its JavaScript loops in the same order, so the same bits, in less time.
 *
 * A kernel is compiled from its source by the AssemblyScript compiler (an npm package, in a child process)
 * the first time a segmentation runs, into .cache/wasm/ under a name that hashes the source, the compiler's version
 * and its options; no
 * binary is committed. `prepareKernels()` compiles them (async); `kernelModule()` then loads one
 * synchronously in any thread. Without a compiled kernel the JavaScript loops run, with the same result.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { writeFileAtomic } from '../../infra/atomic-write.js';
import { PROJECT_ROOT } from '../../infra/versions.js';

const execFileAsync = promisify(execFile);

export type KernelName = 'layout-kernel' | 'neighbour-kernel';
const KERNELS: readonly KernelName[] = ['layout-kernel', 'neighbour-kernel'];

/**
 * The compiler's options, part of each binary's cache name. SIMD (128-bit vectors, in every WebAssembly
 * engine since 2021 and Node 16.4) for the layout kernel's lanes and the neighbour heaps' membership test.
 */
const COMPILE_OPTIONS = { optimizeLevel: 3, shrinkLevel: 0, runtime: 'stub', noAssert: true, enable: ['simd'] };

/** The kernel's AssemblyScript source in this tree. */
export function kernelSourcePath(name: KernelName): string {
  return fileURLToPath(new URL(`./wasm/${name}.as.ts`, import.meta.url));
}

function compilerVersion(): string {
  const require = createRequire(import.meta.url);
  return (require('assemblyscript/package.json') as { version: string }).version;
}

/** Where the compiled kernel of this source and compiler lives. */
export function kernelPath(name: KernelName): string {
  const hash = createHash('sha256')
    .update(readFileSync(kernelSourcePath(name)))
    .update(compilerVersion())
    .update(JSON.stringify(COMPILE_OPTIONS))
    .digest('hex')
    .slice(0, 16);
  return join(PROJECT_ROOT, '.cache', 'wasm', `${name}-${hash}.wasm`);
}

/** Compiles every kernel not compiled yet. */
export async function prepareKernels(): Promise<void> {
  for (const name of KERNELS) await prepareKernel(name);
}

/**
 * The compiler runs in a child process of plain Node (compile-kernel.mjs), not in this one: imported here,
 * under tsx, it kept ~1.5 GB resident for the whole segmentation, most of its peak memory on a first run.
 */
async function prepareKernel(name: KernelName): Promise<void> {
  const path = kernelPath(name);
  if (existsSync(path)) return;
  const binary = await compiledBinary(kernelSourcePath(name));
  mkdirSync(join(PROJECT_ROOT, '.cache', 'wasm'), { recursive: true });
  await writeFileAtomic(path, binary);
}

async function compiledBinary(source: string): Promise<Buffer> {
  const compiler = fileURLToPath(new URL('./compile-kernel.mjs', import.meta.url));
  try {
    // No NODE_OPTIONS: the child must not load tsx's hooks (which is what made the compiler so large).
    const env = { ...process.env };
    delete env.NODE_OPTIONS;
    const { stdout } = await execFileAsync(process.execPath, [compiler, source, JSON.stringify(COMPILE_OPTIONS)], {
      encoding: 'buffer',
      maxBuffer: 64 * 1024 * 1024,
      env,
    });
    return stdout;
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    throw new Error(`compiling the WebAssembly kernel ${source} failed: ${stderr || (error as Error).message}`);
  }
}

const loaded = new Map<KernelName, WebAssembly.Module | null>();

/**
 * Compiles a kernel's source from elsewhere (another revision's) into a module, without caching it: for
 * `npm run bench -- --against REV`, which alternates it with the current one.
 */
export async function compileKernelSource(source: string): Promise<WebAssembly.Module> {
  return new WebAssembly.Module(new Uint8Array(await compiledBinary(source)));
}

/** From now on this thread's instances of kernel `name` are of `module` (the benchmark's comparison). */
export function useKernelModule(name: KernelName, module: WebAssembly.Module): void {
  loaded.set(name, module);
}

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
