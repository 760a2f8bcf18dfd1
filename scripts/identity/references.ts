/**
 * The build's reference check (src/lib/mdx-references.ts) run outside Astro, so that `summaries:check`
 * catches a wrong slug, question or answer id before `npm run dev` or `npm run build` do.
 */
import { createProcessor } from '@mdx-js/mdx';
import { splitFrontMatter } from '../document/front-matter.js';
import type { Registry } from '../document/registry-schema.js';
import type { Segmentation } from '../document/segmentation-schema.js';
import { slugTable } from './slug-table.js';
import { checkSummary, type MdxNode, MdxReferenceError } from './summary-references.js';

/** The first wrong reference of a summary as `file:line:column: reason`, or null when every one is right. */
export function referenceProblem(
  file: string,
  source: string,
  slug: string,
  frontmatter: Record<string, unknown>,
  doc: Segmentation,
  registry: Registry,
): string | null {
  // Front matter is not MDX (its `{ feature, lift }` would read as expressions): blank it, keeping line numbers.
  const { lines, end } = splitFrontMatter(source);
  const body = lines.map((line, i) => (i <= end ? '' : line)).join('\n');
  const slugs = slugTable(doc.segments.length, registry);
  try {
    const tree = createProcessor().parse(body) as unknown as MdxNode;
    checkSummary(tree, {
      file,
      source,
      year: doc.survey.year,
      slug,
      frontmatter,
      doc,
      knownSlugs: new Set(slugs.byIndex.map((s) => s.slug)),
      retiredSlugs: slugs.retired,
    });
    return null;
  } catch (error) {
    if (error instanceof MdxReferenceError) return error.message;
    const place = (error as { line?: number; column?: number }).line;
    return `${file}${place ? `:${place}` : ''}: ${(error as Error).message}`;
  }
}
