// Site configuration. Inputs and output are set from the environment so that tests and previews can
// build other data without editing files:
//   SITE_BASE        subpath the site is served from (default '/')
//   SITE_URL         absolute origin, used for og:image URLs (optional)
//   SITE_OUT_DIR     output directory (default 'dist')
//   SITE_CACHE_DIR   Astro/Vite cache (default 'node_modules/.astro'); tests give each build its own
//   SEGMENTATION_DIR, REGISTRY_DIR, SITE_CONTENT_DIR: see src/lib/env.ts
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import { siteInputs } from './src/lib/env.ts';
import { remarkSegmentReferences } from './src/lib/mdx-references.ts';

const env = process.env;

export default defineConfig({
  site: env.SITE_URL || undefined,
  base: env.SITE_BASE || '/',
  outDir: env.SITE_OUT_DIR || 'dist',
  cacheDir: env.SITE_CACHE_DIR || 'node_modules/.astro',
  // Page links end in '/' (directory format); 'ignore' lets the dev server also answer file endpoints (.csv, .png).
  trailingSlash: 'ignore',
  build: { format: 'directory' },
  integrations: [mdx({ remarkPlugins: [[remarkSegmentReferences, { inputs: siteInputs() }]] })],
  devToolbar: { enabled: false },
});
