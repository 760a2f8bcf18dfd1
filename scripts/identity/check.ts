/**
 * `npm run summaries:check` (identity part): every editor's summary must name a live segment, and the segment must
 * still look like what the editor reviewed.
 *
 *   content/segments/<year>/*.mdx ── front matter (segment, reviewed) ─┐
 *   content/registry/<year>.json ── slug -> status, index ─────────────┼─ problems, all listed at once
 *   data/segmentation-<year>.json ── current lifts ────────────────────┘
 *
 * It also checks what the site's build checks (src/lib/mdx-references.ts, the same code): the front matter slugs
 * and every component's answer or question id, in the summaries and in the years' introductions
 * (content/years/<year>.mdx), so that an editor hears of a wrong id here rather than from `dev` or `build`.
 *
 * Usage: tsx scripts/identity/check.ts [--content content] [--data data] [--threshold 0.8] [--year Y] [--all-years]
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Segmentation } from '../document/segmentation-schema.js';
import type { Registry } from '../document/registry-schema.js';
import { checkDrift, DRIFT_THRESHOLD } from './drift.js';
import { ReviewedSchema } from '../document/summary-schema.js';
import { parseFrontMatter, splitFrontMatter } from '../document/front-matter.js';
import { hashSegmentation, readRegistry, readSegmentation } from '../document/io.js';
import { registryPath, segmentationPath, summariesDir } from '../document/paths.js';
import { checkLineageSummaries } from './lineage-check.js';
import { createProcessor } from '@mdx-js/mdx';
import { componentProblems, slugProblems, type MdxNode, type MdxReferenceError } from '../../src/lib/mdx-references.js';
import { didYouMean } from '../../src/lib/closest.js';

export type ProblemKind = 'front-matter' | 'registry' | 'segmentation' | 'unknown-slug' | 'retired-slug' | 'duplicate-slug' | 'drift' | 'lineage' | 'reference' | 'not-segmented';

export interface Problem {
  file: string;
  slug: string | null;
  kind: ProblemKind;
  message: string;
  /** For drift: the similarity between reviewed and current lifts. */
  similarity?: number;
  /** For a wrong reference: where it is in the file. */
  line?: number;
  column?: number;
}

export interface CheckOptions {
  contentDir: string;
  dataDir: string;
  /** Drift threshold (default 0.8). */
  threshold?: number;
  /** Checks this year only (its document must exist). */
  year?: number;
  /** A year with summaries but no segmentation document is a problem, not just listed as not checked (CI). */
  allYears?: boolean;
}

/** A year whose summaries could not be checked against its data, and why. */
export interface UncheckedYear {
  year: number;
  reason: string;
}

export interface CheckReport {
  problems: Problem[];
  summaries: number;
  /** Summaries without a `reviewed` block: their drift cannot be checked (not a failure). */
  unreviewed: string[];
  /** Things an editor should know that do not fail the check, e.g. a summary of a dissolving segment. */
  warnings: string[];
  /** Years with summaries or an introduction but no segmentation document (not a failure unless asked for). */
  notChecked: UncheckedYear[];
}


async function listDir(dir: string): Promise<string[]> {
  return existsSync(dir) ? (await readdir(dir)).sort() : [];
}

/** Front matter blanked line for line, so MDX parses the body and positions stay those of the file. */
function bodyOnly(source: string): string {
  const { lines, end } = splitFrontMatter(source);
  return lines.map((line, i) => (i < end ? '' : line)).join('\n');
}

/** Parses an MDX file as the site does; a syntax error is one problem at its line and column. */
function parseMdx(source: string, file: string): { tree: MdxNode } | { problem: Problem } {
  try {
    return { tree: createProcessor().parse(bodyOnly(source)) as unknown as MdxNode };
  } catch (error) {
    const e = error as { line?: number; column?: number; reason?: string; message: string };
    const at = e.line ? `:${e.line}:${e.column ?? 1}` : '';
    return { problem: { file, slug: null, kind: 'reference', line: e.line, column: e.column, message: `${file}${at}: MDX does not parse: ${e.reason ?? e.message}` } };
  }
}

function referenceProblem(error: MdxReferenceError, slug: string | null): Problem {
  return { file: error.file, slug, kind: 'reference', line: error.line, column: error.column, message: error.message };
}

/** Checks every summary of every year (or of `year`); never stops at the first problem. */
export async function checkSummaries({ contentDir, dataDir, threshold = DRIFT_THRESHOLD, year: onlyYear, allYears = false }: CheckOptions): Promise<CheckReport> {
  const report: CheckReport = { problems: [], summaries: 0, unreviewed: [], warnings: [], notChecked: [] };
  const add = (p: Problem) => report.problems.push(p);
  const segmentsDir = join(contentDir, 'segments');
  const yearsDir = join(contentDir, 'years');
  const introductions = new Set((await listDir(yearsDir)).filter((n) => /^\d{4}\.mdx$/.test(n)).map((n) => Number(n.slice(0, 4))));
  const summaryYears = (await listDir(segmentsDir)).filter((n) => /^\d{4}$/.test(n)).map(Number);
  const years = [...new Set([...summaryYears, ...introductions])].sort((a, b) => a - b).filter((y) => onlyYear === undefined || y === onlyYear);
  for (const year of years) {
    const files = (await listDir(summariesDir(contentDir, year))).filter((n) => n.endsWith('.mdx'));
    if (files.length === 0 && !introductions.has(year)) continue;
    const dataPath = segmentationPath(dataDir, year);
    if (!existsSync(dataPath)) {
      const what = `${files.length} summar${files.length === 1 ? 'y' : 'ies'}${introductions.has(year) ? ' and the introduction' : ''}`;
      const reason = `no ${dataPath}: run \`npm run segment -- --survey ${year} ...\` (or copy the document) to check its ${what}`;
      // Asked for by name or by --all-years, a year that cannot be checked fails; otherwise it is only listed.
      if (allYears || onlyYear === year) add({ file: dataPath, slug: null, kind: 'not-segmented', message: `${year} not checked: ${reason}` });
      else report.notChecked.push({ year, reason });
      continue;
    }
    let raw: Segmentation | null = null;
    try {
      raw = await readSegmentation(dataPath);
    } catch (error) {
      add({ file: dataPath, slug: null, kind: 'segmentation', message: (error as Error).message });
    }
    if (introductions.has(year)) {
      const file = join(yearsDir, `${year}.mdx`);
      report.summaries++;
      const parsed = parseMdx(await readFile(file, 'utf8'), file);
      if ('problem' in parsed) add(parsed.problem);
      else if (raw) for (const e of componentProblems(parsed.tree, { file, year, doc: raw })) add(referenceProblem(e, null));
    }
    if (files.length === 0) continue;
    const regPath = registryPath(contentDir, year);
    let registry: Registry | null = null;
    try {
      registry = await readRegistry(regPath);
    } catch (error) {
      add({ file: regPath, slug: null, kind: 'registry', message: `${(error as Error).message} (needed by ${files.length} summaries of ${year})` });
    }
    // Drift is measured only against the segmentation the registry's indices were matched on.
    let doc: Segmentation | null = raw;
    if (raw && registry && registry.segmentationHash !== hashSegmentation(raw)) {
      add({ file: regPath, slug: null, kind: 'registry', message: `${regPath} was built from a different segmentation than ${dataPath}: re-run the segment matching so the indices are current` });
      doc = null;
    }
    const liveSlugs = new Set(registry?.segments.filter((e) => e.status !== 'retired' && e.index !== null).map((e) => e.slug) ?? []);
    const retiredSlugs = new Set(registry?.segments.filter((e) => !liveSlugs.has(e.slug)).map((e) => e.slug) ?? []);
    const firstFileOfSlug = new Map<string, string>();
    for (const name of files) {
      const file = join(summariesDir(contentDir, year), name);
      report.summaries++;
      const source = await readFile(file, 'utf8');
      let data: Record<string, unknown>;
      try {
        data = parseFrontMatter(source, file).data;
      } catch (error) {
        add({ file, slug: null, kind: 'front-matter', message: (error as Error).message });
        continue;
      }
      const slug = data.segment;
      if (typeof slug !== 'string' || slug.length === 0) {
        add({ file, slug: null, kind: 'front-matter', message: `${file}: front matter has no "segment: <slug>" naming the segment it summarises` });
        continue;
      }
      const earlier = firstFileOfSlug.get(slug);
      if (earlier) add({ file, slug, kind: 'duplicate-slug', message: `${file}: segment "${slug}" is already summarised by ${earlier}` });
      else firstFileOfSlug.set(slug, file);
      if (!registry) continue;
      const entry = registry.segments.find((e) => e.slug === slug);
      if (!entry) {
        add({ file, slug, kind: 'unknown-slug', message: `${file}: segment "${slug}" is not in ${regPath}${didYouMean(slug, [...liveSlugs].map((id) => ({ id })))}` });
        continue;
      }
      if (entry.status === 'retired' || entry.index === null) {
        add({ file, slug, kind: 'retired-slug', message: `${file}: segment "${slug}" is retired in ${regPath} (no segment of the current run matches it)` });
        continue;
      }
      // What the build checks: the file name and merged slugs, then every component's id.
      const ctx = { file, source, year, slug: name.replace(/\.mdx$/, ''), frontmatter: data, knownSlugs: liveSlugs, retiredSlugs };
      for (const e of slugProblems(ctx)) add({ ...referenceProblem(e, slug), kind: 'unknown-slug' });
      const parsed = parseMdx(source, file);
      if ('problem' in parsed) add({ ...parsed.problem, slug });
      else if (raw) for (const e of componentProblems(parsed.tree, { file, year, doc: raw })) add(referenceProblem(e, slug));
      const stability = raw?.segments.find((s) => s.index === entry.index)?.stability;
      if (stability?.class === 'dissolved') {
        report.warnings.push(
          `${file} (${slug}): this segment dissolves when the clustering is re-run (stability ${stability.jaccard.toFixed(2)} < 0.50, found in ${stability.found} re-runs); the summary may describe an artefact of one seed`,
        );
      }
      if (data.reviewed === undefined) {
        report.unreviewed.push(file);
        continue;
      }
      const reviewed = ReviewedSchema.safeParse(data.reviewed);
      if (!reviewed.success) {
        const issue = reviewed.error.issues[0];
        add({ file, slug, kind: 'front-matter', message: `${file}: "reviewed" at ${['reviewed', ...issue.path.map(String)].join('.')}: ${issue.message}; expected { date, top: [{ feature, lift }] }` });
        continue;
      }
      if (!doc) continue;
      const drift = checkDrift(reviewed.data, doc, entry.index, { threshold });
      if (drift.drifted) {
        const changes = drift.changes
          .slice(0, 3)
          .map((c) => `${c.label ?? c.feature} ${c.reviewed?.toFixed(2) ?? '-'} -> ${c.current?.toFixed(2) ?? 'gone'}`)
          .join(', ');
        const date = reviewed.data.date instanceof Date ? reviewed.data.date.toISOString().slice(0, 10) : reviewed.data.date;
        add({
          file,
          slug,
          kind: 'drift',
          similarity: drift.similarity,
          message: `${file} (${slug}): lifts drifted since the review of ${date}: similarity ${drift.similarity.toFixed(2)} < ${threshold.toFixed(2)}; largest changes: ${changes || 'none listed'}`,
        });
      }
    }
  }
  // Lineage summaries (content/lineages/): bound to the year-to-year pairings, so not part of one year's check.
  if (onlyYear !== undefined) return report;
  const lineages = await checkLineageSummaries(contentDir, dataDir);
  report.summaries += lineages.summaries;
  for (const p of lineages.problems) add({ file: p.file, slug: null, kind: 'lineage', message: p.message });
  for (const { file, year } of lineages.unsegmented) {
    const reason = `no ${segmentationPath(dataDir, year)}, so the lineage ${file} is not checked`;
    if (allYears) add({ file, slug: null, kind: 'not-segmented', message: `${file}: ${reason}` });
    else report.notChecked.push({ year, reason });
  }
  return report;
}

/** Parses `--name value` pairs; unknown options are errors that name the option. */
function parseArgs(argv: string[]): CheckOptions {
  const options: CheckOptions = { contentDir: 'content', dataDir: 'data' };
  for (let i = 0; i < argv.length; i += 2) {
    const [name, value] = [argv[i], argv[i + 1]];
    if (name === '--all-years') {
      options.allYears = true;
      i--;
      continue;
    }
    if (value === undefined) throw new Error(`option ${name} needs a value`);
    if (name === '--content') options.contentDir = value;
    else if (name === '--year' && /^\d{4}$/.test(value)) options.year = Number(value);
    else if (name === '--data') options.dataDir = value;
    else if (name === '--threshold' && Number.isFinite(Number(value))) options.threshold = Number(value);
    else throw new Error(`unknown option or bad value: ${name} ${value} (expected --content <dir>, --data <dir>, --threshold <number>, --year <YYYY>, --all-years)`);
  }
  return options;
}

const USAGE = `Usage: npm run summaries:check -- [--content DIR] [--data DIR] [--threshold X] [--year YEAR] [--all-years]

Checks every editor's summary (DIR/segments/YEAR/SLUG.mdx) against its year's registry and segmentation:
its slug must name a live segment, merged slugs too, and a summary whose segment's top lifts moved since its
\`reviewed\` block (cosine similarity below X) is listed as drifted. Warns about summaries on dissolving segments.
Checks what the site's build checks, in the summaries and the years' introductions (DIR/years/YEAR.mdx): the
file name and merged slugs, and every <Share answer>, <Lift answer> and <Breakdown question> id, each wrong one
with its file:line:column and "did you mean" suggestions (\`npm run answers -- --year YEAR\` lists the ids).
A year without a segmentation document is listed as not checked.

  --content DIR     editors' content, with registry/ and segments/ (default: content; the demo's: content/demo)
  --data DIR        where the segmentation documents are (default: data; the demo's: data/demo)
  --threshold X     drift threshold (default: ${DRIFT_THRESHOLD})
  --year YEAR       check this year only (lineage summaries are skipped); a missing document is a problem
  --all-years       a year without a segmentation document is a problem, not just listed (what CI uses)
  --help            show this text

Exit status: 0 no problems (warnings allowed), 1 problems found, 2 bad usage.`;

/** Runs the check and prints every problem; returns the exit code (1 when any problem). */
export async function main(argv: string[], out: (line: string) => void = console.log, err: (line: string) => void = console.error): Promise<number> {
  if (argv.includes('--help')) {
    out(USAGE);
    return 0;
  }
  let options: CheckOptions;
  try {
    options = parseArgs(argv);
  } catch (error) {
    err(`check: ${(error as Error).message}`);
    return 2;
  }
  const report = await checkSummaries(options);
  for (const problem of report.problems) err(problem.message);
  for (const warning of report.warnings) err(`warning: ${warning}`);
  if (report.unreviewed.length > 0) {
    out(`note: ${report.unreviewed.length} summaries have no "reviewed" block, so their drift is not checked: ${report.unreviewed.join(', ')}`);
  }
  for (const { year, reason } of report.notChecked) out(`not checked: ${year} (${reason})`);
  out(`identity check: ${report.summaries} summaries, ${report.problems.length} problem${report.problems.length === 1 ? '' : 's'}`);
  return report.problems.length > 0 ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = await main(process.argv.slice(2));
}
