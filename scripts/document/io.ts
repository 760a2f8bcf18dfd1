/**
 * Reading and writing the committed registry (content/registry/<year>.json) and hashing the segmentation
 * it refers to. Output is canonical (fixed entry key order, sorted signature keys, trailing newline) so that
 * re-running on the same inputs leaves the file byte-identical and diffs stay small.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../infra/atomic-write.js';
import { SegmentationSchema, type Segmentation } from './segmentation-schema.js';
import { RegistrySchema, type Registry, type RegistryEntry } from './registry-schema.js';

/** content/registry/<year>.json under the content directory. */
export function registryPath(contentDir: string, year: number): string {
  return join(contentDir, 'registry', `${year}.json`);
}

/** Code-unit order: unlike localeCompare it does not depend on the machine's locale. */
export function compareSlugs(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** JSON with object keys sorted at every level: the same value always gives the same text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const source = v as Record<string, unknown>;
    return Object.fromEntries(Object.keys(source).sort(compareSlugs).map((k) => [k, source[k]]));
  });
}

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

async function readJson(path: string, what: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new Error(`cannot read ${what} ${path}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${what} ${path} is not valid JSON: ${(error as Error).message}`);
  }
}

/** Reads and validates a registry; errors name the file and the offending field. */
export async function readRegistry(path: string): Promise<Registry> {
  const parsed = RegistrySchema.safeParse(await readJson(path, 'registry'));
  if (!parsed.success) throw new Error(`registry ${path} does not match the registry schema:\n${formatIssues(parsed.error.issues)}`);
  const registry = parsed.data;
  const seen = new Set<string>();
  for (const [i, entry] of registry.segments.entries()) {
    if (seen.has(entry.slug)) throw new Error(`registry ${path}: slug "${entry.slug}" appears twice (segments.${i})`);
    seen.add(entry.slug);
    if ((entry.status === 'retired') !== (entry.index === null)) {
      throw new Error(`registry ${path}: segments.${i} ("${entry.slug}") is ${entry.status} with index ${entry.index}; only retired entries have index null`);
    }
  }
  return registry;
}

/** Reads and validates a segmentation document; errors name the file. */
export async function readSegmentation(path: string): Promise<Segmentation> {
  const parsed = SegmentationSchema.safeParse(await readJson(path, 'segmentation'));
  if (!parsed.success) throw new Error(`segmentation ${path} does not match the segmentation schema:\n${formatIssues(parsed.error.issues)}`);
  return parsed.data;
}

function canonicalEntry(entry: RegistryEntry): RegistryEntry {
  const signature = Object.fromEntries(Object.keys(entry.signature).sort(compareSlugs).map((k) => [k, entry.signature[k]]));
  return { slug: entry.slug, index: entry.index, status: entry.status, similarity: entry.similarity, size: entry.size, signature, members: entry.members };
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
  if (!parsed.success) throw new Error(`refusing to write an invalid registry to ${path}:\n${formatIssues(parsed.error.issues)}`);
  try {
    await writeFileAtomic(path, serializeRegistry(parsed.data));
  } catch (error) {
    throw new Error(`cannot write registry ${path}: ${(error as Error).message}`);
  }
}
