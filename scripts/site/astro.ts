/**
 * `tsx scripts/site/astro.ts COMMAND [ARGS]`: the project's way to run Astro (`npm run build`, `dev`,
 * `preview`, `astro`). It runs Astro with its telemetry off (no banner, nothing sent) and passes its output
 * through astro-output.ts, which summarises the route list and prints each warning and error once.
 * `--verbose` (passed on to Astro) or VERBOSE=1 prints everything as Astro wrote it. Astro's exit status is
 * this command's.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { astroOutputFilter } from './astro-output.js';

const args = process.argv.slice(2);
const verbose = args.includes('--verbose') || /^(1|true|yes)$/i.test(process.env.VERBOSE ?? '');
const astroBin = join(dirname(createRequire(import.meta.url).resolve('astro/package.json')), 'bin', 'astro.mjs');

const child = spawn(process.execPath, [astroBin, ...args], {
  stdio: ['inherit', 'pipe', 'pipe'],
  // Piped output is not a terminal, so Astro would drop its colours; keep them when ours is one.
  env: {
    ...process.env,
    ASTRO_TELEMETRY_DISABLED: '1',
    ...(process.stdout.isTTY && process.env.NO_COLOR === undefined ? { FORCE_COLOR: '1' } : {}),
  },
});

// One filter for both streams: a warning on stderr and its repeat on stdout are one warning.
const filter = astroOutputFilter({ verbose });
let lastStream: NodeJS.WriteStream = process.stdout;
const print = (stream: NodeJS.WriteStream, lines: string[]) => {
  for (const line of lines) stream.write(line + '\n');
};
let idleTimer: NodeJS.Timeout | undefined;
for (const [source, stream] of [
  [child.stdout, process.stdout],
  [child.stderr, process.stderr],
] as const) {
  createInterface({ input: source, crlfDelay: Infinity }).on('line', (line) => {
    lastStream = stream;
    print(stream, filter.line(line));
    // The dev server goes quiet after an error: what is held to catch its second report is printed then.
    clearTimeout(idleTimer);
    idleTimer = setTimeout(() => print(lastStream, filter.idle()), 200);
  });
}

// Ctrl-C reaches Astro too (same process group); wait for it to finish rather than cutting its output.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));

child.on('close', (code, signal) => {
  clearTimeout(idleTimer);
  print(lastStream, filter.finish());
  process.exitCode = code ?? (signal ? 1 : 0);
});
