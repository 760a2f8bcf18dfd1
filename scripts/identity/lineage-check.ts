/**
 * The lineage part of `summaries:check`: every lineage summary (content/lineages/<id>.mdx) must name live
 * segments (YEAR/slug, through each year's registry), one per year, in consecutive segmented years, each
 * continued by the next as the year-to-year matcher pairs them (scripts/identity/across-years.ts on the
 * segmentation documents). So a re-segmentation that breaks the lineage fails the check, as drift does for
 * a segment summary.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseFrontMatter } from '../document/front-matter.js';
import { readRegistry, readSegmentation } from '../document/io.js';
import { LineageSummarySchema, parseLineageSegment } from '../document/lineage-schema.js';
import { registryPath, SEGMENTATION_FILE, segmentationPath } from '../document/paths.js';
import type { Registry } from '../document/registry-schema.js';
import type { Segmentation } from '../document/segmentation-schema.js';
import { type AnswerAliases, compareAcrossYears } from './across-years.js';
import { loadAnswerAliases } from './answer-map.js';

export const lineagesDir = (contentDir: string) => join(contentDir, 'lineages');

export interface LineageProblem {
  file: string;
  message: string;
}

/** Checks every lineage summary; returns every problem and how many summaries there were. */
export async function checkLineageSummaries(
  contentDir: string,
  dataDir: string,
  aliases: AnswerAliases = loadAnswerAliases(),
): Promise<{ problems: LineageProblem[]; summaries: number }> {
  const dir = lineagesDir(contentDir);
  const files = existsSync(dir) ? (await readdir(dir)).filter((n) => n.endsWith('.mdx')).sort() : [];
  const problems: LineageProblem[] = [];
  const dataYears = existsSync(dataDir)
    ? (await readdir(dataDir))
        .map((n) => SEGMENTATION_FILE.exec(n)?.[1])
        .filter((y): y is string => y !== undefined)
        .map(Number)
        .sort((a, b) => a - b)
    : [];
  const registries = new Map<number, Promise<Registry | null>>();
  const docs = new Map<number, Promise<Segmentation | null>>();
  const registryOf = (year: number) => {
    if (!registries.has(year))
      registries.set(
        year,
        readRegistry(registryPath(contentDir, year)).catch(() => null),
      );
    return registries.get(year)!;
  };
  const docOf = (year: number) => {
    if (!docs.has(year))
      docs.set(
        year,
        readSegmentation(segmentationPath(dataDir, year)).catch(() => null),
      );
    return docs.get(year)!;
  };
  for (const name of files) {
    const file = join(dir, name);
    let data: unknown;
    try {
      data = parseFrontMatter(await readFile(file, 'utf8'), file).data;
    } catch (error) {
      problems.push({ file, message: (error as Error).message });
      continue;
    }
    const parsed = LineageSummarySchema.safeParse(data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      problems.push({
        file,
        message: `${file}: front matter at ${issue.path.join('.') || '(top level)'}: ${issue.message}; expected { title, segments: [YEAR/slug, ...] }`,
      });
      continue;
    }
    const members: { year: number; slug: string; index: number }[] = [];
    for (const segment of parsed.data.segments) {
      const { year, slug } = parseLineageSegment(segment);
      const registry = await registryOf(year);
      const entry = registry?.segments.find((e) => e.slug === slug);
      if (!registry)
        problems.push({ file, message: `${file}: ${segment}: no registry ${registryPath(contentDir, year)}` });
      else if (!entry || entry.status === 'retired' || entry.index === null)
        problems.push({
          file,
          message: `${file}: ${segment} is not a live segment of ${registryPath(contentDir, year)}`,
        });
      else members.push({ year, slug, index: entry.index });
    }
    if (members.length !== parsed.data.segments.length) continue;
    members.sort((a, b) => a.year - b.year);
    for (let i = 1; i < members.length; i++) {
      const [a, b] = [members[i - 1], members[i]];
      const next = dataYears.find((y) => y > a.year);
      if (a.year === b.year) {
        problems.push({
          file,
          message: `${file}: a lineage has one segment per year, but names ${a.year}/${a.slug} and ${b.year}/${b.slug}`,
        });
        continue;
      }
      if (next !== b.year) {
        problems.push({
          file,
          message: `${file}: ${a.year}/${a.slug} is followed by ${b.year}/${b.slug}, but the next segmented year after ${a.year} is ${next ?? 'none'}`,
        });
        continue;
      }
      const [prevDoc, nextDoc] = await Promise.all([docOf(a.year), docOf(b.year)]);
      if (!prevDoc || !nextDoc) {
        problems.push({
          file,
          message: `${file}: ${segmentationPath(dataDir, prevDoc ? b.year : a.year)} cannot be read, so the lineage cannot be checked`,
        });
        continue;
      }
      const row = compareAcrossYears(prevDoc, nextDoc, { aliases }).rows.find(
        (r) => r.prevIndex === a.index && r.continues,
      );
      if (row?.nextIndex !== b.index) {
        const found = compareAcrossYears(prevDoc, nextDoc, { aliases }).rows.find((r) => r.prevIndex === a.index);
        problems.push({
          file,
          message: `${file}: ${b.year}/${b.slug} does not continue ${a.year}/${a.slug}: the year-to-year matcher ${row ? `continues it as segment ${row.nextIndex! + 1} of ${b.year}` : `finds that it ${found?.status ?? 'disappears'}`}`,
        });
      }
    }
  }
  return { problems, summaries: files.length };
}
