/**
 * The site's data, as pages see it: the years that have a segmentation document and each year's model
 * (segments, slugs, names, summaries). Built once per year and shared by every page of a build.
 */

import { type CollectionEntry, getCollection, getEntry, render } from 'astro:content';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { checkDocumentYear } from '../../scripts/document/io.js';
import { registryFile, subSegmentsPath } from '../../scripts/document/paths.js';
import { readInvocation, segmentCommand } from '../../scripts/document/segment-command.js';
import type { Segmentation } from '../../scripts/document/segmentation-schema.js';
import {
  SUB_SEGMENTS_SCHEMA_VERSION,
  type SubSegmentations,
  SubSegmentationsSchema,
} from '../../scripts/document/subsegments-schema.js';
import { formatPercent } from '../charts/format.js';
import { isBuilding, siteInputs } from '../settings/env.js';
import { compareYears, previousYear, siteAnswerAliases, type YearComparison } from './changes.js';
import { allCharts, type ChartDef, changesChart, seriesChart, trendChart } from './charts.js';
import { type AnswerFigure, answerFigure, findAnswer } from './figures.js';
import { buildLineages, type Lineage, type LineageSummaryInfo } from './lineages.js';
import { publishable } from './load.js';
import { buildYearModel, type SubSegmentInputs, type SummaryInfo, type YearModel } from './model.js';
import { slugTable } from './slugs.js';
import { buildTrends, type TopicTrend } from './trends.js';

export type SummaryEntry = CollectionEntry<'segments'>;

const models = new Map<number, Promise<YearModel>>();

let published: Promise<number[]> | undefined;

let byYear: Promise<Map<number, Segmentation>> | undefined;

/** Segmentation documents by year, from the `segmentations` collection (data/segmentation-<year>.json), read once. */
function documents(): Promise<Map<number, Segmentation>> {
  byYear ??= getCollection('segmentations').then(
    (entries: CollectionEntry<'segmentations'>[]) =>
      new Map(
        entries.map((e) => {
          const doc = e.data as Segmentation;
          checkDocumentYear(doc, Number(e.id), e.filePath ?? e.id);
          return [Number(e.id), doc];
        }),
      ),
  );
  return byYear;
}

/** Years with a segmentation document of this build's kind (real or demo), ascending. */
export function publishedYears(): Promise<number[]> {
  published ??= documents().then((docs) => {
    const { dataDir, mode } = siteInputs();
    const { years, skipped } = publishable(docs, dataDir, mode);
    for (const { year, reason } of skipped) console.warn(`[site] ${year} left out: ${reason}`);
    // "What changed since" compares a year with the previous one segmented here; the first has none.
    if (years.length > 0)
      console.warn(`[site] ${years[0]} gets no "What changed since" page: no earlier year is segmented in ${dataDir}`);
    return years;
  });
  return published;
}

export async function latestYear(): Promise<number | undefined> {
  return (await publishedYears()).at(-1);
}

async function summariesOf(year: number): Promise<SummaryInfo[]> {
  const entries = await getCollection('segments', (e: { id: string }) => e.id.startsWith(`${year}/`));
  return entries.map((e: SummaryEntry) => ({
    id: e.id,
    filePath: e.filePath ?? `${e.id}.mdx`,
    segment: e.data.segment,
    title: e.data.title,
    shortName: e.data.shortName,
    merge: e.data.merge,
    subSegments: e.data.subSegments,
    reviewed: e.data.reviewed ?? null,
  }));
}

/**
 * A year's entry of a collection whose file a year may not have (no registry yet, no sub-segments, no
 * introduction), or undefined. Astro's getEntry warns "Entry ... was not found" for a missing one, once per
 * page that asks (24 times in a few minutes of `npm run dev`), so the file is looked for first.
 */
async function ifPresent<T>(file: string, entry: () => T): Promise<Awaited<T> | undefined> {
  return existsSync(file) ? await entry() : undefined;
}

/**
 * The year's sub-segments and what a page says when a summary's are missing. The dev server shows a notice on
 * that page alone; a build stops (a published site must not carry a "run this command" page). A file of an
 * older schema counts as missing, with why, rather than failing the collection and every page of the year.
 */
async function subSegmentInputs(doc: Segmentation, inputs: ReturnType<typeof siteInputs>): Promise<SubSegmentInputs> {
  const year = doc.survey.year;
  const file = subSegmentsPath(inputs.dataDir, year);
  const entry = await ifPresent(file, () => getEntry('subsegmentations', String(year)));
  const command = segmentCommand(doc, readInvocation(inputs.dataDir, year), {
    dataDir: inputs.dataDir,
    contentDir: dirname(inputs.contentDir),
  });
  const whenMissing = isBuilding() ? 'throw' : 'notice';
  const version = (entry?.data as { schemaVersion: number } | undefined)?.schemaVersion;
  if (entry && version !== SUB_SEGMENTS_SCHEMA_VERSION) {
    return {
      data: null,
      file,
      command,
      whenMissing,
      unreadable: `${file} was written by an older \`npm run segment\` (sub-segment schema version ${version}, expected ${SUB_SEGMENTS_SCHEMA_VERSION})`,
    };
  }
  const data = entry ? parseSubSegments(entry.data, file, command) : null;
  return { data, file, command, whenMissing };
}

/** A current-version file is checked in full: a damaged one is an error, not a notice. */
function parseSubSegments(data: unknown, file: string, command: string): SubSegmentations {
  const parsed = SubSegmentationsSchema.safeParse(data);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new Error(
    `${file}: at ${issue.path.join('.') || '(top)'}: ${issue.message}; run \`${command}\` to write it again`,
  );
}

async function build(year: number): Promise<YearModel> {
  const inputs = siteInputs();
  const doc = (await documents()).get(year);
  if (!doc) throw new Error(`no segmentation document for ${year} in ${inputs.dataDir}`);
  const registry = await ifPresent(registryFile(inputs.registryDir, year), () => getEntry('registries', String(year)));
  const slugs = slugTable(doc.segments.length, registry?.data ?? null, registryFile(inputs.registryDir, year));
  const model = buildYearModel(doc, slugs, await summariesOf(year), await subSegmentInputs(doc, inputs));
  for (const warning of model.warnings) console.warn(`[site] ${warning}`);
  return model;
}

export function yearModel(year: number): Promise<YearModel> {
  let hit = models.get(year);
  if (!hit) {
    hit = build(year);
    models.set(year, hit);
  }
  return hit;
}

const comparisons = new Map<number, Promise<YearComparison | null>>();

/** The year before `year` that has data, or null for the first year. */
export async function previousPublishedYear(year: number): Promise<number | null> {
  return previousYear(await publishedYears(), year);
}

/** Years that have an earlier year to compare with: each gets a "what changed" page. */
export async function yearsWithChanges(): Promise<number[]> {
  const years = await publishedYears();
  return years.filter((y) => previousYear(years, y) !== null);
}

/** `year`'s segments matched to the previous year's, or null for the first year. */
export function yearComparison(year: number): Promise<YearComparison | null> {
  let hit = comparisons.get(year);
  if (!hit) {
    hit = previousPublishedYear(year).then((prev) =>
      prev === null ? null : Promise.all([yearModel(prev), yearModel(year)]).then(([p, n]) => compareYears(p, n)),
    );
    comparisons.set(year, hit);
  }
  return hit;
}

let lineageList: Promise<Lineage[]> | undefined;

/** The editors' lineage summaries, content/lineages/<id>.mdx. */
async function lineageSummaries(): Promise<LineageSummaryInfo[]> {
  // Without any (the demo has none), getCollection would warn that the collection "does not exist or is empty".
  const dir = siteInputs().lineagesDir;
  if (!existsSync(dir) || !readdirSync(dir).some((f) => f.endsWith('.mdx'))) return [];
  const entries = await getCollection('lineages');
  return entries.map((e: CollectionEntry<'lineages'>) => ({
    id: e.id,
    filePath: e.filePath ?? `${e.id}.mdx`,
    title: e.data.title,
    segments: e.data.segments,
  }));
}

/** Every lineage over the published years (a lineage summary that names segments of two lineages stops the build). */
export function lineages(): Promise<Lineage[]> {
  lineageList ??= (async () => {
    const years = await publishedYears();
    const models = await Promise.all(years.map(yearModel));
    const comparisons = (await Promise.all(years.map(yearComparison))).filter((c): c is YearComparison => c !== null);
    const { lineages: list, problems } = buildLineages(models, comparisons, await lineageSummaries());
    if (problems.length > 0) throw new Error(`lineage summaries do not match the data:\n  ${problems.join('\n  ')}`);
    return list;
  })();
  return lineageList;
}

let trendList: Promise<TopicTrend[]> | undefined;

/** Every topic at least two published years ask, with its answers' shares per year. */
export function topicTrends(): Promise<TopicTrend[]> {
  trendList ??= (async () => {
    const years = await publishedYears();
    return buildTrends(await Promise.all(years.map(yearModel)), siteAnswerAliases(), await lineages());
  })();
  return trendList;
}

/**
 * Every chart with downloads under the year's URLs: overview, segment pages and the "what changed" page;
 * the latest year also files the charts across years (the "Six surveys" page and the topic trends).
 */
export async function chartsOfYear(year: number): Promise<ChartDef[]> {
  const charts = allCharts(await yearModel(year));
  const comparison = await yearComparison(year);
  const changes = comparison ? changesChart(comparison) : null;
  const years = await publishedYears();
  const across =
    year === years.at(-1) && years.length > 1
      ? [seriesChart(years, await lineages()), ...(await topicTrends()).map(trendChart)]
      : [];
  return [...charts, ...(changes ? [changes] : []), ...across];
}

export async function summaryEntry(id: string): Promise<SummaryEntry | undefined> {
  const entries = await getCollection('segments', (e: { id: string }) => e.id === id);
  return entries[0];
}

/** The segment a summary component sits in, by year and slug (attributes added by the remark plugin). */
export async function segmentContext(year: number | string, slug: string) {
  const model = await yearModel(Number(year));
  const segment = model.segments.find((s) => s.slug === slug || s.aliases.includes(slug));
  if (!segment) throw new Error(`no published segment "${slug}" in ${year}`);
  return { model, segment };
}

/** What `<Share answer>` and `<Lift answer>` print: the answer's current figures in the summary's segment. */
export async function summaryFigure(
  component: 'Share' | 'Lift',
  year: string,
  slug: string,
  answer: string,
): Promise<AnswerFigure> {
  const { model, segment } = await segmentContext(year, slug);
  const ref = findAnswer(model.view, answer);
  if (!ref) throw new Error(`<${component} answer="${answer}">: no such answer in ${year}`);
  return answerFigure(model.view, segment.position, ref);
}

/** The year's introduction from content/years/<year>.mdx, rendered, or null when the editors wrote none. */
export async function yearIntroduction(year: number) {
  const entry = await ifPresent(join(siteInputs().yearsDir, `${year}.mdx`), () => getEntry('years', String(year)));
  if (!entry) return null;
  const { Content } = await render(entry);
  return { title: entry.data.title, headline: entry.data.headline ?? null, Content };
}

/**
 * The home page's sentence for a year: the introduction's headline when its editor wrote one, else what
 * the data says (how many segments, and the largest).
 */
export async function yearHeadline(model: YearModel): Promise<string> {
  const intro = await yearIntroduction(model.year);
  if (intro?.headline) return intro.headline;
  const largest = [...model.segments].sort(
    (a, b) => model.view.segments[b.position].share - model.view.segments[a.position].share,
  )[0];
  const share = formatPercent(model.view.segments[largest.position].share);
  return `${model.doc.counts.professionals.toLocaleString('en-US')} professionals fall into ${model.segments.length} segments; the largest, ${largest.shortName.replace(/^\d+\.\s*/, '')}, holds ${share} of them.`;
}
