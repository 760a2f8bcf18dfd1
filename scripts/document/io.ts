/**
 * Every read and write of the project's documents: segmentation documents (data/segmentation-<year>.json)
 * and registries (content/registry/<year>.json), validated against their schemas, with messages that name
 * the file and the field. The CLI and identity tools read asynchronously; the site's compile-time checks
 * read synchronously (cached per path: every page of a build reads the same files). Registry output is
 * canonical (fixed entry key order, sorted signature keys, trailing newline) so that re-running on the same
 * inputs leaves the file byte-identical and diffs stay small.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { writeFileAtomic } from '../infra/atomic-write.js';
import { type Registry, type RegistryEntry, RegistrySchema } from './registry-schema.js';
import { type Segmentation, SegmentationSchema } from './segmentation-schema.js';
import { type SubSegmentations, SubSegmentationsSchema } from './subsegments-schema.js';

/** content/registry/<year>.json under the content directory. */
export { registryPath } from './paths.js';

import { canonicalJson, compareCodeUnits as compareSlugs } from '../infra/canonical-json.js';

export { compareSlugs };

/**
 * sha256 of the segmentation's canonical JSON: identifies the document the registry's indices refer to,
 * independently of how the file was indented.
 */
export function hashSegmentation(doc: Segmentation): string {
  return createHash('sha256').update(canonicalJson(doc)).digest('hex');
}

function formatIssues(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): string {
  return issues.map((i) => `  at ${i.path.map(String).join('.') || '(root)'}: ${i.message}`).join('\n');
}

function parseJson(text: string, path: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${what} ${path} is not valid JSON: ${(error as Error).message}`);
  }
}

async function readJson(path: string, what: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new Error(`cannot read ${what} ${path}: ${(error as Error).message}`);
  }
  return parseJson(text, path, what);
}

function readJsonSync(path: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`cannot read ${what} ${path}: ${(error as Error).message}`);
  }
  return parseJson(text, path, what);
}

function validated<T>(raw: unknown, schema: z.ZodType<T>, path: string, what: string): T {
  const parsed = schema.safeParse(raw);
  if (!parsed.success)
    throw new Error(`${what} ${path} does not match the ${what} schema:\n${formatIssues(parsed.error.issues)}`);
  return parsed.data;
}

/** The first slug listed twice in a registry, with the index of its second entry, or null. */
export function findDuplicateSlug(registry: Pick<Registry, 'segments'>): { slug: string; at: number } | null {
  const seen = new Set<string>();
  for (const [at, entry] of registry.segments.entries()) {
    if (seen.has(entry.slug)) return { slug: entry.slug, at };
    seen.add(entry.slug);
  }
  return null;
}

function checkRegistry(registry: Registry, path: string): Registry {
  const duplicate = findDuplicateSlug(registry);
  if (duplicate) throw new Error(`registry ${path}: slug "${duplicate.slug}" appears twice (segments.${duplicate.at})`);
  for (const [i, entry] of registry.segments.entries()) {
    if ((entry.status === 'retired') !== (entry.index === null)) {
      throw new Error(
        `registry ${path}: segments.${i} ("${entry.slug}") is ${entry.status} with index ${entry.index}; only retired entries have index null`,
      );
    }
  }
  return registry;
}

/** The document's own year must be the one its file name says. */
export function checkDocumentYear(doc: Pick<Segmentation, 'survey'>, year: number, path: string): void {
  if (doc.survey.year !== year)
    throw new Error(`${path}: survey.year is ${doc.survey.year}, expected ${year} from the file name`);
}

/** Reads and validates a registry; errors name the file and the offending field. */
export async function readRegistry(path: string): Promise<Registry> {
  return checkRegistry(validated(await readJson(path, 'registry'), RegistrySchema, path, 'registry'), path);
}

/** Reads and validates a segmentation document; errors name the file. */
export async function readSegmentation(path: string): Promise<Segmentation> {
  return validated(await readJson(path, 'segmentation'), SegmentationSchema, path, 'segmentation');
}

/** Reads and validates a year's sub-segments (data/subsegments-<year>.json); errors name the file. */
export async function readSubSegmentations(path: string): Promise<SubSegmentations> {
  return validated(await readJson(path, 'sub-segments'), SubSegmentationsSchema, path, 'sub-segments');
}

const readOnce = new Map<string, unknown>();

/** `readRegistry`, synchronous and cached per path, for the site's compile-time checks. */
export function readRegistrySync(path: string): Registry {
  if (!readOnce.has(path))
    readOnce.set(
      path,
      checkRegistry(validated(readJsonSync(path, 'registry'), RegistrySchema, path, 'registry'), path),
    );
  return readOnce.get(path) as Registry;
}

/** `readSegmentation`, synchronous and cached per path, with the year its file name says checked. */
export function readSegmentationSync(path: string, year: number): Segmentation {
  if (!readOnce.has(path)) {
    const doc = validated(readJsonSync(path, 'segmentation'), SegmentationSchema, path, 'segmentation');
    checkDocumentYear(doc, year, path);
    readOnce.set(path, doc);
  }
  return readOnce.get(path) as Segmentation;
}

function canonicalEntry(entry: RegistryEntry): RegistryEntry {
  const signature = Object.fromEntries(
    Object.keys(entry.signature)
      .sort(compareSlugs)
      .map((k) => [k, entry.signature[k]]),
  );
  // formerSlugs only when there are some: an editor's renames must survive every rewrite of the registry.
  const formerSlugs = entry.formerSlugs?.length ? { formerSlugs: entry.formerSlugs } : {};
  return {
    slug: entry.slug,
    index: entry.index,
    status: entry.status,
    similarity: entry.similarity,
    size: entry.size,
    signature,
    members: entry.members,
    ...formerSlugs,
  };
}

/** The registry's file text: schema key order, signature keys sorted, 2-space indent, final newline. */
export function serializeRegistry(registry: Registry): string {
  const ordered: Registry = {
    year: registry.year,
    threshold: registry.threshold,
    measure: registry.measure,
    respondents: registry.respondents,
    segmentationHash: registry.segmentationHash,
    segments: registry.segments.map(canonicalEntry),
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

/** Validates, then writes atomically (temp file + rename) so a crash never leaves half a registry behind. */
export async function writeRegistry(path: string, registry: Registry): Promise<void> {
  const parsed = RegistrySchema.safeParse(registry);
  if (!parsed.success)
    throw new Error(`refusing to write an invalid registry to ${path}:\n${formatIssues(parsed.error.issues)}`);
  try {
    await writeFileAtomic(path, serializeRegistry(parsed.data));
  } catch (error) {
    throw new Error(`cannot write registry ${path}: ${(error as Error).message}`);
  }
}
