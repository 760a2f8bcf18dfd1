/**
 * Where the site reads its inputs. Every directory can be overridden from the environment so that tests
 * (and other years' previews) build from their own data without touching the project's files.
 */
import { resolve } from 'node:path';

export interface SiteInputs {
  /** Holds `segmentation-<year>.json` (env SEGMENTATION_DIR, default `data/`). */
  dataDir: string;
  /** Holds `<year>.json` segment registries (env REGISTRY_DIR, default `content/registry/`). */
  registryDir: string;
  /** Holds editors' summaries `<year>/<slug>.mdx` (env SITE_CONTENT_DIR, default `content/segments/`). */
  contentDir: string;
  /**
   * Which documents are published (env SITE_MODE): 'real' (default) only real survey years, 'demo' only the
   * synthetic demo. A build never mixes the two.
   */
  mode: 'real' | 'demo';
}

export function siteInputs(env: NodeJS.ProcessEnv = process.env, root: string = process.cwd()): SiteInputs {
  return {
    dataDir: resolve(root, env.SEGMENTATION_DIR || 'data'),
    registryDir: resolve(root, env.REGISTRY_DIR || 'content/registry'),
    contentDir: resolve(root, env.SITE_CONTENT_DIR || 'content/segments'),
    mode: siteMode(env.SITE_MODE),
  };
}

function siteMode(value: string | undefined): 'real' | 'demo' {
  if (value === undefined || value === '' || value === 'real') return 'real';
  if (value === 'demo') return 'demo';
  throw new Error(`SITE_MODE=${value}: expected "real" (real survey years) or "demo" (the synthetic demo)`);
}
