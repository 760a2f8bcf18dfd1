#!/usr/bin/env node
/**
 * The post-build step of `npm run build`: indexes the built site for search with Pagefind, into
 * <outDir>/pagefind/ (outDir from SITE_OUT_DIR, default dist, as in astro.config.mjs).
 *
 *   astro build && node scripts/site/search-index.mjs
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import * as pagefind from 'pagefind';

const outDir = resolve(process.cwd(), process.env.SITE_OUT_DIR || 'dist');

if (process.argv.includes('--help')) {
  console.log(
    'usage: node scripts/site/search-index.mjs\n  indexes the built site in $SITE_OUT_DIR (default dist) with Pagefind, into its pagefind/ folder',
  );
  process.exit(0);
}

try {
  if (!existsSync(resolve(outDir, 'index.html'))) throw new Error(`no built site in ${outDir}: run astro build first`);
  const { index, errors } = await pagefind.createIndex({});
  if (!index) throw new Error(errors.join('; '));
  const added = await index.addDirectory({ path: outDir });
  if (added.errors.length > 0) throw new Error(added.errors.join('; '));
  const written = await index.writeFiles({ outputPath: resolve(outDir, 'pagefind') });
  if (written.errors.length > 0) throw new Error(written.errors.join('; '));
  await pagefind.close();
  console.log(`pagefind: indexed ${added.page_count} pages into ${resolve(outDir, 'pagefind')}`);
} catch (error) {
  console.error(`pagefind: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}
