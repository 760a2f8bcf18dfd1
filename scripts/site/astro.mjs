#!/usr/bin/env node
/**
 * Runs Astro through its JavaScript API (the `astro` CLI refuses Node 20, which the project uses, although
 * the API works on it) and, after a build, indexes the output for search with Pagefind.
 *
 *   node scripts/site/astro.mjs build     astro build, then the Pagefind index in <outDir>/pagefind/
 *   node scripts/site/astro.mjs dev       dev server (search works only after a build)
 *   node scripts/site/astro.mjs preview   serve the built site
 *
 * Inputs and output come from the environment; see astro.config.mjs.
 */
import { resolve } from 'node:path';
import { build, dev, preview } from 'astro';
import * as pagefind from 'pagefind';

process.env.ASTRO_TELEMETRY_DISABLED = '1';
// Vite's reserved import.meta.env names: inherited from a parent tool (e.g. vitest sets BASE_URL=/), they
// would override the site's own values, e.g. the base of every link.
for (const name of ['BASE_URL', 'MODE', 'DEV', 'PROD', 'SSR']) delete process.env[name];
const root = process.cwd();
const outDir = resolve(root, process.env.SITE_OUT_DIR || 'dist');

async function searchIndex() {
  const { index, errors } = await pagefind.createIndex({});
  if (!index) throw new Error(`pagefind: ${errors.join('; ')}`);
  const added = await index.addDirectory({ path: outDir });
  if (added.errors.length > 0) throw new Error(`pagefind: ${added.errors.join('; ')}`);
  const written = await index.writeFiles({ outputPath: resolve(outDir, 'pagefind') });
  if (written.errors.length > 0) throw new Error(`pagefind: ${written.errors.join('; ')}`);
  await pagefind.close();
  console.log(`pagefind: indexed ${added.page_count} pages into ${resolve(outDir, 'pagefind')}`);
}

const command = process.argv[2] ?? 'build';
try {
  if (command === 'build') {
    const started = Date.now();
    await build({ root });
    await searchIndex();
    console.log(`site built in ${((Date.now() - started) / 1000).toFixed(1)} s: ${outDir}`);
  } else if (command === 'dev') {
    await dev({ root });
  } else if (command === 'preview') {
    await preview({ root });
  } else {
    throw new Error(`unknown command "${command}": expected build, dev or preview`);
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
