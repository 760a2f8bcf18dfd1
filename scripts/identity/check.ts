/**
 * `npm run summaries:check` (identity part): every editor's summary must name a live segment, and the segment must
 * still look like what the editor reviewed.
 *
 *   content/segments/<year>/*.mdx ── front matter (segment, reviewed) ─┐
 *   content/registry/<year>.json ── slug -> status, index ─────────────┼─ problems, all listed at once
 *   data/segmentation-<year>.json ── current lifts ────────────────────┘
 *
 * Usage: tsx scripts/identity/check.ts [--content content] [--data data] [--threshold 0.8]
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseFrontMatter } from '../document/front-matter.js';
import { hashSegmentation, readRegistry, readSegmentation, readSubSegmentations } from '../document/io.js';
import { registryPath, segmentationPath, subSegmentsPath, summariesDir } from '../document/paths.js';
import type { Registry } from '../document/registry-schema.js';
import type { Segmentation } from '../document/segmentation-schema.js';
import { STABILITY_THRESHOLDS } from '../document/stability-thresholds.js';
import type { SubSegmentations } from '../document/subsegments-schema.js';
import {
  frontMatterProblems,
  ReviewedSchema,
  SummarySchema,
  YearIntroductionSchema,
} from '../document/summary-schema.js';
import { checkDrift, checkSubSegmentDrift, DRIFT_THRESHOLD } from './drift.js';
import { checkLineageSummaries } from './lineage-check.js';
import { referenceProblem } from './references.js';
import { type StabilityClass, stabilityClaims } from './stability-words.js';

/** A class claim in prose that the data no longer makes, as a problem that names the line and the fix. */
function staleClaim(
  file: string,
  slug: string | null,
  claim: { word: string; line: number; class: string },
  current: string,
  whose: string,
): Problem {
  return {
    file,
    slug,
    kind: 'stale-stability',
    message: `${file}:${claim.line}: says "${claim.word}" (${claim.class}), but ${whose} is ${current} now; write <Stability/> (or the class the data gives) instead`,
  };
}

export type ProblemKind =
  | 'front-matter'
  | 'registry'
  | 'segmentation'
  | 'unknown-slug'
  | 'retired-slug'
  | 'duplicate-slug'
  | 'drift'
  | 'stale-stability'
  | 'reference'
  | 'lineage';

export interface Problem {
  file: string;
  slug: string | null;
  kind: ProblemKind;
  message: string;
  /** For drift: the similarity between reviewed and current lifts. */
  similarity?: number;
}

export interface CheckOptions {
  contentDir: string;
  dataDir: string;
  /** Drift threshold (default 0.8). */
  threshold?: number;
  /** Check this year alone; it must have its segmentation document. */
  year?: number;
  /** A year with summaries but no segmentation document is a problem (CI), not merely "not checked". */
  allYears?: boolean;
}

export interface CheckReport {
  problems: Problem[];
  summaries: number;
  /** Summaries without a `reviewed` block: their drift cannot be checked (not a failure). */
  unreviewed: string[];
  /** Things an editor should know that do not fail the check, e.g. a summary of a dissolving segment. */
  warnings: string[];
  /** Years with summaries whose segmentation document is not in the data folder: nothing of them was checked. */
  notChecked: number[];
}

async function listDir(dir: string): Promise<string[]> {
  return existsSync(dir) ? (await readdir(dir)).sort() : [];
}

/** Checks every summary of every year; never stops at the first problem. */
export async function checkSummaries({
  contentDir,
  dataDir,
  threshold = DRIFT_THRESHOLD,
  year: onlyYear,
  allYears = false,
}: CheckOptions): Promise<CheckReport> {
  const report: CheckReport = { problems: [], summaries: 0, unreviewed: [], warnings: [], notChecked: [] };
  const add = (p: Problem) => report.problems.push(p);
  const segmentsDir = join(contentDir, 'segments');
  const yearNames = (await listDir(segmentsDir)).filter((n) => /^\d{4}$/.test(n));
  if (onlyYear !== undefined && !yearNames.includes(String(onlyYear))) {
    add({
      file: join(segmentsDir, String(onlyYear)),
      slug: null,
      kind: 'front-matter',
      message: `--year ${onlyYear}: no summaries in ${join(segmentsDir, String(onlyYear))} (years with summaries: ${yearNames.join(', ') || 'none'})`,
    });
  }
  for (const yearName of yearNames) {
    const year = Number(yearName);
    if (onlyYear !== undefined && year !== onlyYear) continue;
    const files = (await listDir(summariesDir(contentDir, year))).filter((n) => n.endsWith('.mdx'));
    if (files.length === 0) continue;
    // A year not segmented here (only the new year is, say) is listed, not failed, unless every year is asked for.
    if (!existsSync(segmentationPath(dataDir, year)) && onlyYear === undefined && !allYears) {
      report.notChecked.push(year);
      continue;
    }
    const regPath = registryPath(contentDir, year);
    let registry: Registry | null = null;
    try {
      registry = await readRegistry(regPath);
    } catch (error) {
      add({
        file: regPath,
        slug: null,
        kind: 'registry',
        message: `${(error as Error).message} (needed by ${files.length} summaries of ${year})`,
      });
    }
    // The segmentation is read once per year, and only if a drift check needs it.
    let doc: Segmentation | null | undefined;
    const loadDoc = async (): Promise<Segmentation | null> => {
      if (doc !== undefined) return doc;
      const dataPath = segmentationPath(dataDir, year);
      try {
        doc = await readSegmentation(dataPath);
        if (registry && registry.segmentationHash !== hashSegmentation(doc)) {
          add({
            file: regPath,
            slug: null,
            kind: 'registry',
            message: `${regPath} was built from a different segmentation than ${dataPath}: re-run the segment matching so the indices are current`,
          });
          doc = null;
        }
      } catch (error) {
        add({ file: dataPath, slug: null, kind: 'segmentation', message: (error as Error).message });
        doc = null;
      }
      return doc;
    };
    // The year's sub-segments, read once and only for a review that recorded a split.
    let subs: SubSegmentations | null | undefined;
    const loadSubs = async (): Promise<SubSegmentations | null> => {
      if (subs !== undefined) return subs;
      const path = subSegmentsPath(dataDir, year);
      try {
        subs = existsSync(path) ? await readSubSegmentations(path) : null;
      } catch (error) {
        report.warnings.push(
          `${(error as Error).message}; the sub-segments' drift is not checked (run \`npm run segment\` for ${year} again)`,
        );
        subs = null;
      }
      return subs;
    };
    const loadDocIfPresent = async () => (existsSync(segmentationPath(dataDir, year)) ? await loadDoc() : null);
    const firstFileOfSlug = new Map<string, string>();
    /** Names an introduction may call a segment by (title, short name, slug), with its current class. */
    const named: { names: string[]; slug: string; cls: StabilityClass }[] = [];
    for (const name of files) {
      const file = join(summariesDir(contentDir, year), name);
      report.summaries++;
      let data: Record<string, unknown>;
      let source: string;
      try {
        source = await readFile(file, 'utf8');
        data = parseFrontMatter(source, file).data;
      } catch (error) {
        add({ file, slug: null, kind: 'front-matter', message: (error as Error).message });
        continue;
      }
      const slug = data.segment;
      if (typeof slug !== 'string' || slug.length === 0) {
        add({
          file,
          slug: null,
          kind: 'front-matter',
          message: `${file}: front matter has no "segment: <slug>" naming the segment it summarises`,
        });
        continue;
      }
      // What the site's content collection would reject (an unknown field, a short name too long): `reviewed` has its own message below.
      for (const message of frontMatterProblems(file, { ...data, reviewed: undefined }, SummarySchema))
        add({ file, slug, kind: 'front-matter', message });
      const earlier = firstFileOfSlug.get(slug);
      if (earlier)
        add({
          file,
          slug,
          kind: 'duplicate-slug',
          message: `${file}: segment "${slug}" is already summarised by ${earlier}`,
        });
      else firstFileOfSlug.set(slug, file);
      if (!registry) continue;
      const entry = registry.segments.find((e) => e.slug === slug);
      if (!entry) {
        add({ file, slug, kind: 'unknown-slug', message: `${file}: segment "${slug}" is not in ${regPath}` });
        continue;
      }
      if (entry.status === 'retired' || entry.index === null) {
        add({
          file,
          slug,
          kind: 'retired-slug',
          message: `${file}: segment "${slug}" is retired in ${regPath} (no segment of the current run matches it)`,
        });
        continue;
      }
      // The site shows a merge with a retired segment as this segment alone: the editor meant a group.
      for (const other of Array.isArray(data.merge) ? data.merge : []) {
        if (registry.segments.find((e) => e.slug === other)?.status === 'retired')
          report.warnings.push(
            `${file} (${slug}): merge names "${String(other)}", which is retired in ${regPath}; the site shows "${slug}" alone, so a summary written for the merged group may no longer fit (drop the merge, or merge with the segment that continues it)`,
          );
      }
      if (existsSync(segmentationPath(dataDir, year))) {
        const current = await loadDoc();
        const wrong = current
          ? referenceProblem(file, source, name.replace(/\.mdx$/, ''), data, current, registry)
          : null;
        if (wrong) add({ file, slug, kind: 'reference', message: wrong });
        const stability = current?.segments.find((s) => s.index === entry.index)?.stability;
        if (stability) {
          for (const claim of stabilityClaims(source)) {
            if (claim.class !== stability.class) add(staleClaim(file, slug, claim, stability.class, 'the segment'));
          }
          const names = [data.title, data.shortName, slug].filter(
            (n): n is string => typeof n === 'string' && n.length > 0,
          );
          named.push({ names, slug, cls: stability.class });
        }
        if (stability?.class === 'dissolved') {
          // The threshold the document classified with; older documents recorded none.
          const below = (current?.stability?.thresholds ?? STABILITY_THRESHOLDS).dissolved.toFixed(2);
          report.warnings.push(
            `${file} (${slug}): this segment dissolves when the clustering is re-run (stability ${stability.jaccard.toFixed(2)} < ${below}, found in ${stability.found} re-runs); the summary may describe an artefact of one seed`,
          );
        }
      }
      if (data.reviewed === undefined) {
        report.unreviewed.push(file);
        continue;
      }
      const reviewed = ReviewedSchema.safeParse(data.reviewed);
      if (!reviewed.success) {
        const issue = reviewed.error.issues[0];
        add({
          file,
          slug,
          kind: 'front-matter',
          message: `${file}: "reviewed" at ${['reviewed', ...issue.path.map(String)].join('.')}: ${issue.message}; expected { date, top: [{ feature, lift }] }`,
        });
        continue;
      }
      const current = await loadDoc();
      if (!current) continue;
      const drift = checkDrift(reviewed.data, current, entry.index, { threshold });
      if (drift.drifted) {
        const changes = drift.changes
          .slice(0, 3)
          .map((c) => `${c.label ?? c.feature} ${c.reviewed?.toFixed(2) ?? '-'} -> ${c.current?.toFixed(2) ?? 'gone'}`)
          .join(', ');
        const date =
          reviewed.data.date instanceof Date ? reviewed.data.date.toISOString().slice(0, 10) : reviewed.data.date;
        add({
          file,
          slug,
          kind: 'drift',
          similarity: drift.similarity,
          message:
            drift.stabilityChange && drift.similarity >= threshold
              ? `${file} (${slug}): stability changed since the review of ${date}: ${drift.stabilityChange.reviewed} -> ${drift.stabilityChange.current}`
              : `${file} (${slug}): lifts drifted since the review of ${date}: similarity ${drift.similarity.toFixed(2)} < ${threshold.toFixed(2)}; largest changes: ${changes || 'none listed'}${drift.stabilityChange ? `; stability ${drift.stabilityChange.reviewed} -> ${drift.stabilityChange.current}` : ''}`,
        });
      }
      // The split the summary describes: sub-segments missing altogether are the site's and segment's to report.
      const split = reviewed.data.subSegments ? (await loadSubs())?.segments.find((s) => s.slug === slug) : undefined;
      if (reviewed.data.subSegments && split) {
        const subDrift = checkSubSegmentDrift(reviewed.data.subSegments, split, current, threshold);
        if (subDrift.drifted) {
          const date =
            reviewed.data.date instanceof Date ? reviewed.data.date.toISOString().slice(0, 10) : reviewed.data.date;
          add({
            file,
            slug,
            kind: 'drift',
            similarity: subDrift.similarity,
            message: `${file} (${slug}): sub-segments changed since the review of ${date}: ${subDrift.reviewedSizes.join(' + ')} -> ${subDrift.currentSizes.join(' + ')} (lowest lift similarity ${subDrift.similarity.toFixed(2)}); re-read the summary and run \`npm run summaries:review -- --year ${year} --slug ${slug}${contentDir === 'content' ? '' : ` --content ${contentDir}`}${dataDir === 'data' ? '' : ` --data ${dataDir}`}\``,
          });
        }
      }
    }
    await checkIntroduction(contentDir, year, named, add, await loadDocIfPresent());
  }
  // Lineage summaries (content/lineages/): bound to the year-to-year pairings, so they span years. They are
  // left out of a one-year check, and out of a check with an unsegmented year (it would break every chain).
  if (onlyYear === undefined && report.notChecked.length === 0) {
    const lineages = await checkLineageSummaries(contentDir, dataDir);
    report.summaries += lineages.summaries;
    for (const p of lineages.problems) add({ file: p.file, slug: null, kind: 'lineage', message: p.message });
  } else {
    report.warnings.push(
      `lineage summaries (${join(contentDir, 'lineages')}) not checked: they span years, and ${onlyYear !== undefined ? `--year ${onlyYear} checks one` : `${report.notChecked.join(', ')} has no segmentation here`}`,
    );
  }
  return report;
}

/**
 * The year's introduction: a sentence that names a segment (by title, short name or slug) must claim that
 * segment's class; one that names none must claim a class some segment of the year still has.
 */
async function checkIntroduction(
  contentDir: string,
  year: number,
  named: { names: string[]; slug: string; cls: StabilityClass }[],
  add: (p: Problem) => void,
  doc: Segmentation | null,
): Promise<void> {
  const file = join(contentDir, 'years', `${year}.mdx`);
  if (!existsSync(file)) return;
  const source = await readFile(file, 'utf8');
  try {
    for (const message of frontMatterProblems(file, parseFrontMatter(source, file).data, YearIntroductionSchema))
      add({ file, slug: null, kind: 'front-matter', message });
  } catch (error) {
    add({ file, slug: null, kind: 'front-matter', message: (error as Error).message });
  }
  if (!doc) return;
  const classes = new Set(doc.segments.flatMap((s) => (s.stability ? [s.stability.class] : [])));
  if (classes.size === 0) return;
  for (const claim of stabilityClaims(source)) {
    const sentence = claim.sentence.toLowerCase();
    const mentioned = named.filter((n) => n.names.some((name) => sentence.includes(name.toLowerCase())));
    for (const segment of mentioned) {
      if (segment.cls !== claim.class) add(staleClaim(file, segment.slug, claim, segment.cls, `"${segment.slug}"`));
    }
    if (mentioned.length === 0 && !classes.has(claim.class))
      add(
        staleClaim(file, null, claim, [...classes].sort().join(', '), `no segment of ${year} is ${claim.class}: each`),
      );
  }
}

/** Parses `--name value` pairs; unknown options are errors that name the option. */
function parseArgs(argv: string[]): CheckOptions {
  const options: CheckOptions = { contentDir: 'content', dataDir: 'data' };
  for (let i = 0; i < argv.length; i += 2) {
    if (argv[i] === '--all-years') {
      options.allYears = true;
      i--;
      continue;
    }
    const [name, value] = [argv[i], argv[i + 1]];
    if (value === undefined) throw new Error(`option ${name} needs a value`);
    if (name === '--content') options.contentDir = value;
    else if (name === '--data') options.dataDir = value;
    else if (name === '--threshold' && Number.isFinite(Number(value))) options.threshold = Number(value);
    else if (name === '--year' && /^\d{4}$/.test(value)) options.year = Number(value);
    else
      throw new Error(
        `unknown option or bad value: ${name} ${value} (expected --content <dir>, --data <dir>, --threshold <number>, --year <yyyy>, --all-years)`,
      );
  }
  return options;
}

const USAGE = `Usage: npm run summaries:check -- [--content DIR] [--data DIR] [--threshold X] [--year YEAR | --all-years]

Checks every editor's summary (DIR/segments/YEAR/SLUG.mdx) against its year's registry and segmentation:
its slug must name a live segment, merged slugs too, and a summary whose segment's top lifts moved since its
\`reviewed\` block (cosine similarity below X) is listed as drifted. Warns about summaries on dissolving
segments, and about merges with a retired segment (the site shows the summary's segment alone).

  --content DIR     editors' content, with registry/ and segments/ (default: content; the demo's: content/demo)
  --data DIR        where the segmentation documents are (default: data; the demo's: data/demo)
  --threshold X     drift threshold (default: ${DRIFT_THRESHOLD})
  --year YEAR       check this year alone (its segmentation document must be there)
  --all-years       a year with summaries but no segmentation document is a problem (CI), not "not checked"
  --help            show this text

Exit status: 0 no problems (warnings allowed), 1 problems found, 2 bad usage.`;

/** Runs the check and prints every problem; returns the exit code (1 when any problem). */
export async function main(
  argv: string[],
  out: (line: string) => void = console.log,
  err: (line: string) => void = console.error,
): Promise<number> {
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
    out(
      `note: ${report.unreviewed.length} summaries have no "reviewed" block, so their drift is not checked: ${report.unreviewed.join(', ')}`,
    );
  }
  for (const year of report.notChecked) {
    out(
      `not checked: ${year} (no ${segmentationPath(options.dataDir, year)}; segment it, or pass --all-years to fail on this)`,
    );
  }
  out(
    `identity check: ${report.summaries} summaries, ${report.problems.length} problem${report.problems.length === 1 ? '' : 's'}`,
  );
  return report.problems.length > 0 ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = await main(process.argv.slice(2));
}
