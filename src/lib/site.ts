/**
 * The site's data, as pages see it: the years that have a segmentation document and each year's model
 * (segments, slugs, names, summaries). Built once per year and shared by every page of a build.
 */
import { getCollection, type CollectionEntry } from 'astro:content';
import { siteInputs } from './env.js';
import { listYears, readRegistry, readSegmentation } from './load.js';
import { buildYearModel, type SummaryInfo, type YearModel } from './model.js';
import { slugTable } from './slugs.js';

export type SummaryEntry = CollectionEntry<'segments'>;

const models = new Map<number, Promise<YearModel>>();

/** Years with a segmentation document, ascending. */
export function publishedYears(): number[] {
  return listYears(siteInputs().dataDir);
}

export function latestYear(): number | undefined {
  return publishedYears().at(-1);
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
  }));
}

async function build(year: number): Promise<YearModel> {
  const inputs = siteInputs();
  const doc = readSegmentation(inputs.dataDir, year);
  const slugs = slugTable(doc.segments.length, readRegistry(inputs.registryDir, year), `${inputs.registryDir}/${year}.json`);
  const model = buildYearModel(doc, slugs, await summariesOf(year));
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
