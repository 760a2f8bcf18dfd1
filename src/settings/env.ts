/**
 * Where the site reads its inputs. Every directory can be overridden from the environment so that tests
 * (and other years' previews) build from their own data without touching the project's files.
 */
import { resolve } from 'node:path';

export interface SiteInputs {
  /** Holds `segmentation-<year>.json` (env SEGMENTATION_DIR, default `data/`, `data/demo/` in demo mode). */
  dataDir: string;
  /** Holds `<year>.json` segment registries (env REGISTRY_DIR, default `content/registry/`, `content/demo/registry/` in demo mode). */
  registryDir: string;
  /** Holds editors' summaries `<year>/<slug>.mdx` (env SITE_CONTENT_DIR, default `content/segments/`, `content/demo/segments/` in demo mode). */
  contentDir: string;
  /** Holds the years' introductions `<year>.mdx` (env SITE_YEARS_DIR, default `years/` beside contentDir). */
  yearsDir: string;
  /** Holds the lineage summaries `<id>.mdx` (env SITE_LINEAGES_DIR, default `lineages/` beside contentDir). */
  lineagesDir: string;
  /**
   * Which documents are published (env SITE_MODE): 'real' (default) only real survey years, 'demo' only the
   * synthetic demo. A build never mixes the two.
   */
  mode: 'real' | 'demo';
}

/** Where each mode reads from unless the environment says otherwise: the demo keeps to its own folders. */
const DEFAULT_DIRS = {
  real: { data: 'data', registry: 'content/registry', content: 'content/segments', cache: 'node_modules/.astro' },
  demo: {
    data: 'data/demo',
    registry: 'content/demo/registry',
    content: 'content/demo/segments',
    cache: 'node_modules/.astro-demo',
  },
} as const;

export function siteInputs(env: NodeJS.ProcessEnv = process.env, root: string = process.cwd()): SiteInputs {
  const mode = siteMode(env.SITE_MODE);
  const dirs = DEFAULT_DIRS[mode];
  const contentDir = resolve(root, env.SITE_CONTENT_DIR || dirs.content);
  return {
    dataDir: resolve(root, env.SEGMENTATION_DIR || dirs.data),
    registryDir: resolve(root, env.REGISTRY_DIR || dirs.registry),
    contentDir,
    yearsDir: resolve(root, env.SITE_YEARS_DIR || resolve(contentDir, '..', 'years')),
    lineagesDir: resolve(root, env.SITE_LINEAGES_DIR || resolve(contentDir, '..', 'lineages')),
    mode,
  };
}

/**
 * Astro's cache, where the content store and the rendered charts live (env SITE_CACHE_DIR): the demo keeps
 * its own, so that switching between the demo and the real years never reuses the other's.
 */
export function siteCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.SITE_CACHE_DIR || DEFAULT_DIRS[siteMode(env.SITE_MODE)].cache;
}

function siteMode(value: string | undefined): 'real' | 'demo' {
  if (value === undefined || value === '' || value === 'real') return 'real';
  if (value === 'demo') return 'demo';
  throw new Error(`SITE_MODE=${value}: expected "real" (real survey years) or "demo" (the synthetic demo)`);
}

/**
 * True in `astro build` (a site to publish), false on the dev server. Decided by the command, not by
 * import.meta.env.DEV: that follows NODE_ENV, which a shell or a test runner may set to anything, and a build
 * that took itself for the dev server would ship the editors' notices instead of stopping on them.
 */
export function isBuilding(argv: readonly string[] = process.argv): boolean {
  return argv.includes('build');
}

/** Where the dev server, the preview and an unpublished demo build say the site lives. */
export const LOCAL_SITE_URL = 'http://localhost:4321';

/**
 * The site's absolute origin (env SITE_URL). A published build (`astro build` of real years) must have it:
 * without it og:image, og:url and canonical links could not be absolute. The demo, the dev server and
 * tests fall back to LOCAL_SITE_URL.
 */
export function siteUrl(env: NodeJS.ProcessEnv, building: boolean): string {
  const value = env.SITE_URL;
  if (value) {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw new Error(`SITE_URL=${value}: expected an absolute address such as https://example.org`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:')
      throw new Error(`SITE_URL=${value}: expected an http(s) address`);
    return url.origin;
  }
  if (building && siteMode(env.SITE_MODE) === 'real') {
    throw new Error(
      'SITE_URL is not set: a published build needs the address the site will be served from, for og:image, ' +
        'canonical links and the sitemap, e.g. SITE_URL=https://example.org npm run build ' +
        `(SITE_URL=${LOCAL_SITE_URL} for a local preview).`,
    );
  }
  return LOCAL_SITE_URL;
}
