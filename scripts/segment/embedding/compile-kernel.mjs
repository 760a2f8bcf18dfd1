// Compiles one AssemblyScript kernel and writes the WebAssembly binary to stdout (wasm-kernels.ts runs this
// in a child process of plain Node). Plain JavaScript on purpose: loaded under tsx, the compiler's modules
// (assemblyscript, binaryen) went through its transform and left the segmentation's process ~1.5 GB larger
// for the rest of the run (measured: 1,760 MB resident after compiling under tsx, 343 MB in plain Node).
// usage: node compile-kernel.mjs SOURCE.as.ts OPTIONS_JSON (asc's options, from wasm-kernels.ts)
import { readFileSync } from 'node:fs';

const [source, options] = process.argv.slice(2);
const asc = await import('assemblyscript/asc');
const result = await asc.compileString(readFileSync(source, 'utf8'), JSON.parse(options));
if (result.error || !result.binary) {
  process.stderr.write(`${result.error?.message ?? 'no binary'}\n${result.stderr.toString()}`);
  process.exit(1);
}
process.stdout.write(result.binary);
