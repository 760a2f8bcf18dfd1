/**
 * `npm run summaries:review -- --year 2021 --slug transformer-language [--date YYYY-MM-DD] [--content content] [--data data]`
 *
 * An editor has read a segment's current figures and written (or checked) its summary: this records what they
 * saw in the summary's `reviewed:` front matter, so that `npm run summaries:check` and the site can tell when the
 * segment later drifts. A segment without a summary gets a new MDX file to write in, named by its slug.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Document, parseDocument } from 'yaml';
import { splitFrontMatter } from '../document/front-matter.js';
import { readRegistry, readSegmentation, readSubSegmentations } from '../document/io.js';
import { registryPath, segmentationPath, subSegmentsPath, summaryPath } from '../document/paths.js';
import type { Segmentation } from '../document/segmentation-schema.js';
import type { Reviewed } from '../document/summary-schema.js';
import { writeFileAtomic } from '../infra/atomic-write.js';
import { reportError, runIfEntryPoint } from '../infra/command.js';
import { UsageError } from '../infra/errors.js';
import { reviewedSnapshot } from './drift.js';
import { topLiftFeatures } from './similarity.js';

const USAGE =
  'Usage: npm run summaries:review -- --year YEAR --slug SLUG [--date YYYY-MM-DD] [--content DIR] [--data DIR]\n';
const HELP = `${USAGE}
Starts a summary for a segment that has none (DIR/segments/YEAR/SLUG.mdx, front matter filled in), or records
in an existing one what its editor has just reviewed: the date and the segment's top answers by lift (and, when
subsegments-YEAR.json beside the segmentation splits it, each sub-segment's size and top answers), in its \`reviewed\` block. \`npm run summaries:check\` later flags the summary when those lifts move.

  --year YEAR          the survey year
  --slug SLUG          the segment's slug, as in DIR/registry/YEAR.json
  --date YYYY-MM-DD    the review's date (default: today)
  --content DIR        editors' content (default: content; the demo's: content/demo)
  --data DIR           where segmentation-YEAR.json is (default: data; the demo's: data/demo)
  --help               show this text
`;

/** The summary with its `reviewed:` block replaced; the rest of the front matter and the body stay as written. */
export function withReviewed(mdx: string, reviewed: Reviewed, file: string): string {
  const { lines, opened, end } = splitFrontMatter(mdx);
  if (!opened || end < 0) throw new UsageError(`${file}: expected front matter between two "---" lines`);
  const frontMatter = parseDocument(lines.slice(1, end).join('\n'));
  frontMatter.set('reviewed', frontMatter.createNode(reviewed));
  return ['---', frontMatter.toString({ lineWidth: 0 }).trimEnd(), ...lines.slice(end)].join('\n');
}

/** `text` cut at a word boundary to at most `max` characters. */
function shortenAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max + 1).replace(/\s+\S*$/, '');
  return (cut.length > 0 ? cut : text.slice(0, max)).replace(/[\s,;:(]+$/, '');
}

/** A first summary for a segment nobody has described: front matter filled in, the prose left to the editor. */
export function newSummary(doc: Segmentation, index: number, slug: string, reviewed: Reviewed): string {
  const labels = topLiftFeatures(doc, index, 3).map(({ feature }) => doc.features.find((f) => f.id === feature)!.label);
  // Block style, as editors write front matter; the short name fits the summary schema's 40 characters.
  const frontMatter = new Document({
    title: labels[0] ?? slug,
    shortName: shortenAtWord(labels[0] ?? slug, 40),
    segment: slug,
    reviewed,
  });
  return `---\n${frontMatter.toString({ lineWidth: 0 }).trimEnd()}\n---\n\n{/* Describe this segment: its answers with the highest lift were ${labels.join('; ')}. */}\n\n<LiftChart/>\n`;
}

export async function main(argv: string[]): Promise<number> {
  try {
    const { values } = parseArgs({
      args: argv,
      options: {
        year: { type: 'string' },
        slug: { type: 'string' },
        date: { type: 'string', default: new Date().toISOString().slice(0, 10) },
        content: { type: 'string', default: 'content' },
        data: { type: 'string', default: 'data' },
        help: { type: 'boolean', default: false },
      },
    });
    if (values.help) {
      process.stdout.write(HELP);
      return 0;
    }
    if (!values.year || !/^\d{4}$/.test(values.year) || !values.slug) throw new UsageError(USAGE);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(values.date!)) throw new UsageError(`--date ${values.date}: expected YYYY-MM-DD`);
    const year = Number(values.year);
    const registry = await readRegistry(registryPath(values.content!, year));
    const entry = registry.segments.find((s) => s.slug === values.slug);
    if (!entry || entry.index === null) {
      const known = registry.segments
        .filter((s) => s.index !== null)
        .map((s) => s.slug)
        .join(', ');
      throw new UsageError(`--slug ${values.slug}: no current segment of ${year} has this slug (current: ${known})`);
    }
    const doc = await readSegmentation(segmentationPath(values.data!, year));
    // A summary with sub-segments records their split too, so that a different split later flags it.
    const subPath = subSegmentsPath(values.data!, year);
    const sub = existsSync(subPath)
      ? ((await readSubSegmentations(subPath)).segments.find((s) => s.slug === values.slug) ?? null)
      : null;
    const reviewed = reviewedSnapshot(doc, entry.index, values.date!, undefined, sub);
    const path = summaryPath(values.content!, year, values.slug);
    const exists = existsSync(path);
    await writeFileAtomic(
      path,
      exists
        ? withReviewed(readFileSync(path, 'utf8'), reviewed, path)
        : newSummary(doc, entry.index, values.slug, reviewed),
    );
    const split = reviewed.subSegments ? `; sub-segments ${reviewed.subSegments.map((p) => p.size).join(' + ')}` : '';
    process.stderr.write(
      `${exists ? 'recorded the review in' : 'wrote a new summary'} ${path} (top ${reviewed.top.length} answers as of ${values.date}${split})\n`,
    );
    return 0;
  } catch (error) {
    return reportError(error, USAGE);
  }
}

runIfEntryPoint(import.meta.url, main);
