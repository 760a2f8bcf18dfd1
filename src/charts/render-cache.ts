/**
 * Rendered charts kept on disk by the content hash of what was rendered (the spec or SVG, the theme and
 * options, the chart code and the versions of the packages that draw and of the font), so that a rebuild after editing one
 * summary renders nothing that did not change. The cache sits beside Astro's own (SITE_CACHE_DIR, default
 * node_modules/.astro) under charts/; deleting it only costs time.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../../scripts/infra/atomic-write.js';
import { sourceFilesUnder } from '../../scripts/infra/hash.js';
import { siteCacheDir } from '../settings/env.js';

let codeHash: string | undefined;

/**
 * sha256 over the chart sources (src/charts from the project root, the working directory of every build:
 * inside Astro's build this module runs from a bundled chunk, so its own URL does not lead there) and the
 * versions of the packages that draw.
 */
function rendererVersion(): string {
  if (codeHash) return codeHash;
  const hash = createHash('sha256');
  const dir = join(process.cwd(), 'src', 'charts');
  const sources = sourceFilesUnder(dir);
  if (sources.length === 0)
    throw new Error(`chart render cache: no chart sources in ${dir}; run the build from the project root`);
  for (const name of sources) hash.update(name).update(readFileSync(join(dir, name)));
  for (const pkg of ['vega', 'vega-lite', 'sharp', 'source-sans'])
    hash.update(pkg).update(readFileSync(join(process.cwd(), 'node_modules', pkg, 'package.json')));
  codeHash = hash.digest('hex');
  return codeHash;
}

function cacheDir(): string {
  return join(siteCacheDir(), 'charts');
}

/**
 * Renders under way, by cache key: two charts with the same content asked for at once render once, and do
 * not both write writeFileAtomic's temporary file (named by pid and millisecond) at the same moment.
 */
const pending = new Map<string, Promise<string | Buffer>>();

/** The cached result for `parts`, or `produce()`'s, written atomically for the next build. */
export async function cachedRender<T extends string | Buffer>(
  kind: 'svg' | 'png',
  parts: unknown[],
  produce: () => Promise<T>,
): Promise<T> {
  const key = createHash('sha256').update(rendererVersion()).update(kind).update(JSON.stringify(parts)).digest('hex');
  const path = join(cacheDir(), `${key}.${kind}`);
  try {
    const bytes = readFileSync(path);
    return (kind === 'svg' ? bytes.toString('utf8') : bytes) as T;
  } catch {
    // Not rendered yet.
  }
  const running = pending.get(path);
  if (running) return running as Promise<T>;
  const rendering = produce().then(async (result) => {
    await writeFileAtomic(path, result);
    return result;
  });
  pending.set(path, rendering);
  try {
    return await rendering;
  } finally {
    pending.delete(path);
  }
}
