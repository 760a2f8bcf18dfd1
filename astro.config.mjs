// Site configuration. Inputs and output are set from the environment so that tests and previews can
// build other data without editing files:
//   SITE_URL         absolute origin of the published site, e.g. https://example.org. Required by a real
//                    (published) `astro build`: og:image, og:url, canonical links and the sitemap need it.
//                    The demo and the dev server fall back to http://localhost:4321.
//   SITE_BASE        subpath the site is served from (default '/'), e.g. '/survey-segments' on GitHub Pages
//   SITE_OUT_DIR     output directory (default 'dist')
//   SITE_MODE        'real' (default) or 'demo': which documents are published, and the default folders
//   SITE_CACHE_DIR, SEGMENTATION_DIR, REGISTRY_DIR, SITE_CONTENT_DIR: see src/settings/env.ts

import { unified } from '@astrojs/markdown-remark';
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { defineConfig } from 'astro/config';
import { remarkSegmentReferences } from './src/lib/mdx-references.ts';
import { mergedAwayPaths } from './src/lib/merged-paths.ts';
import { isBuilding, siteCacheDir, siteInputs, siteUrl } from './src/settings/env.ts';

const env = process.env;
const inputs = siteInputs();
const redirects = mergedAwayPaths(inputs.contentDir);

export default defineConfig({
  site: siteUrl(env, isBuilding()),
  base: env.SITE_BASE || '/',
  outDir: env.SITE_OUT_DIR || 'dist',
  cacheDir: siteCacheDir(env),
  // Page links end in '/' (directory format); 'ignore' lets the dev server also answer file endpoints (.csv, .png).
  trailingSlash: 'ignore',
  // Two pages at a time: most of a page's time is librsvg drawing map PNGs in libvips's threads, which then
  // overlaps with the next page's JavaScript on the second core (demo cold build 16.0 s -> 11.0 s).
  build: { format: 'directory', concurrency: Number(env.SITE_BUILD_CONCURRENCY || 2) },
  // Lossless compression, as before Astro 7: its default ('jsx') drops the space at a line break between
  // text and an element or expression ("on\n{count} topics" became "on20 topics"), and the pages' prose is
  // written as HTML, where that line break is a space.
  compressHTML: true,
  integrations: [
    // Summaries are checked against the data as they compile (remark), so the unified processor, not satteri.
    mdx({ processor: unified({ remarkPlugins: [[remarkSegmentReferences, { inputs }]] }) }),
    // Search has nothing to index; a segment merged into another is a redirect to it, not a page.
    sitemap({ filter: (page) => !/\/search\/?$/.test(page) && !redirects.some((path) => page.endsWith(path)) }),
  ],
  vite: {
    build: {
      // The one large chunk is vega-embed (870 kB), imported only when a reader first reaches an interactive chart.
      chunkSizeWarningLimit: 1000,
      rolldownOptions: {
        // Every MDX module starts with Astro's own "use astro:head-inject" directive, which the bundler
        // warns about once per summary; the warning is Astro's concern, not the editor's.
        onwarn(warning, warn) {
          if (warning.code === 'MODULE_LEVEL_DIRECTIVE' && /\.mdx/.test(warning.id ?? warning.message)) return;
          warn(warning);
        },
      },
    },
  },
  devToolbar: { enabled: false },
  telemetry: false,
});
