/**
 * Starts `npm run dev` (astro dev) on a set of fixture inputs (tests/helpers/site-build.ts writeInputs), on a
 * free port, and stops it again: for what editors see while they write, which a build never shows.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { ROOT, type SiteInputs } from '../site-build.js';

export interface DevServer {
  url: string;
  /** What the server printed so far (stdout and stderr), for failure messages. */
  output(): string;
  close(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** Resolves once the server answers; `cacheDir` keeps its content store apart from the project's. */
export async function startDevServer(
  inputs: SiteInputs,
  cacheDir: string,
  extraEnv: NodeJS.ProcessEnv = {},
  timeoutMs = 180_000,
): Promise<DevServer> {
  const port = await freePort();
  // Vite's reserved names (set in vitest's own environment) would override the server's import.meta.env.
  // So would vitest's NODE_ENV=test and its VITEST* variables: the dev server then answers every page 404.
  const { BASE_URL, MODE, DEV, PROD, SSR, NODE_ENV, ...rest } = process.env;
  const inherited = Object.fromEntries(Object.entries(rest).filter(([name]) => !name.startsWith('VITEST')));
  const env = {
    ...inherited,
    SEGMENTATION_DIR: inputs.dataDir,
    REGISTRY_DIR: inputs.registryDir,
    SITE_CONTENT_DIR: inputs.contentDir,
    SITE_CACHE_DIR: cacheDir,
    // The fixture documents are synthetic, so they are served as the demo is.
    SITE_MODE: 'demo',
    ...extraEnv,
  };
  // Its own process group, so that closing it stops npm, astro and vite's workers together.
  const child: ChildProcess = spawn(
    'npm',
    ['run', '--silent', 'dev', '--', '--port', String(port), '--host', '127.0.0.1'],
    { cwd: ROOT, env, detached: true },
  );
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}/`;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const close = async () => {
    if (child.exitCode === null && child.pid) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    }
  };
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (child.exitCode !== null) throw new Error(`astro dev exited (${child.exitCode}):\n${output.slice(-3000)}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(60_000) });
      await response.arrayBuffer();
      return { url, output: () => output, close };
    } catch {
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  await close();
  throw new Error(`astro dev did not answer on ${url} within ${timeoutMs / 1000} s:\n${output.slice(-3000)}`);
}
