/**
 * A remark plugin for editors' summaries (content/segments/<year>/<slug>.mdx). At compile time it
 *  1. checks the front matter `segment` and `merge` slugs against the year's registry,
 *  2. checks `<Share answer>`, `<Lift answer>` and `<Breakdown question>` against the segmentation,
 *  3. gives each of those elements `year` and `segment` attributes, so the components know their context.
 * A wrong reference stops the build with `<file>:<line>:<column>` and what was expected. The check itself is
 * scripts/identity/summary-references.ts, which summaries:check runs too.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, relative } from 'node:path';
import { checkSummary, type MdxNode, MdxReferenceError } from '../../scripts/identity/summary-references.js';
import type { SiteInputs } from '../settings/env.js';
import { readRegistry, readSegmentation, yearsToPublish } from './load.js';
import { slugTable } from './slugs.js';

export * from '../../scripts/identity/summary-references.js';

interface VFileLike {
  path?: string;
  data: { astro?: { frontmatter?: Record<string, unknown> } };
}

/** The remark plugin; `inputs` says where the data, registries and summaries are. */
export function remarkSegmentReferences(options: { inputs: SiteInputs }) {
  const { inputs } = options;
  return (tree: MdxNode, file: VFileLike) => {
    const path = file.path;
    if (!path?.startsWith(inputs.contentDir + '/')) return;
    const shown = relative(process.cwd(), path);
    const yearDir = basename(dirname(path));
    const year = Number(yearDir);
    if (!/^\d{4}$/.test(yearDir))
      throw new MdxReferenceError(shown, 1, 1, `summaries live in <year>/<slug>.mdx; "${yearDir}" is not a year`);
    // A year this build does not publish (no data, or data of the other kind) gets no pages to check against.
    if (!yearsToPublish(inputs.dataDir, inputs.mode).years.includes(year)) return;
    const doc = readSegmentation(inputs.dataDir, year);
    const slugs = slugTable(doc.segments.length, readRegistry(inputs.registryDir, year), `registry ${year}`);
    checkSummary(tree, {
      file: shown,
      source: existsSync(path) ? readFileSync(path, 'utf8') : '',
      year,
      slug: basename(path).replace(/\.mdx$/, ''),
      frontmatter: file.data.astro?.frontmatter ?? {},
      doc,
      knownSlugs: new Set(slugs.byIndex.map((s) => s.slug)),
      retiredSlugs: slugs.retired,
    });
  };
}
