/**
 * Reads the segmentation documents and segment registries, validated, with messages that name the file
 * and the field that is wrong. Results are cached per path: every page of a build reads the same files.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { z } from 'zod';
import { SegmentationSchema, type Segmentation } from '../../scripts/document/segmentation-schema.js';
import { RegistrySchema, type Registry } from '../../scripts/document/registry-schema.js';

const FILE_PATTERN = /^segmentation-(\d{4})\.json$/;
const cache = new Map<string, unknown>();

/** Years that have a segmentation document in `dataDir`, ascending. */
export function listYears(dataDir: string): number[] {
  if (!existsSync(dataDir)) return [];
  return readdirSync(dataDir)
    .map((name) => FILE_PATTERN.exec(name))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => Number(m[1]))
    .sort((a, b) => a - b);
}

/**
 * The years a build publishes: a real build only real surveys, a demo build only the synthetic demo. The
 * others are listed with the reason, so the build can say what it left out.
 */
export function yearsToPublish(dataDir: string, mode: 'real' | 'demo'): { years: number[]; skipped: { year: number; reason: string }[] } {
  return publishable(new Map(listYears(dataDir).map((year) => [year, readSegmentation(dataDir, year)])), dataDir, mode);
}

/** `yearsToPublish` over documents already read (the site reads them through its content collection). */
export function publishable(docs: Map<number, Pick<Segmentation, 'synthetic'>>, dataDir: string, mode: 'real' | 'demo'): { years: number[]; skipped: { year: number; reason: string }[] } {
  const years: number[] = [];
  const skipped: { year: number; reason: string }[] = [];
  for (const year of [...docs.keys()].sort((a, b) => a - b)) {
    const synthetic = docs.get(year)!.synthetic;
    if (synthetic === (mode === 'demo')) years.push(year);
    else if (synthetic) skipped.push({ year, reason: `${segmentationPath(dataDir, year)} is the synthetic demo; a real build never shows it (npm run demo builds the demo on its own)` });
    else skipped.push({ year, reason: `${segmentationPath(dataDir, year)} is a real survey; the demo build shows only the synthetic demo` });
  }
  return { years, skipped };
}

export function segmentationPath(dataDir: string, year: number): string {
  return join(dataDir, `segmentation-${year}.json`);
}

function readValidated<T>(file: string, schema: z.ZodType<T>): T {
  const hit = cache.get(file);
  if (hit) return hit as T;
  const shown = relative(process.cwd(), file) || file;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${shown}: not readable JSON (${(error as Error).message})`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((i) => `  at ${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new Error(`${shown}: does not match its schema\n${issues.join('\n')}`);
  }
  cache.set(file, parsed.data);
  return parsed.data;
}

export function readSegmentation(dataDir: string, year: number): Segmentation {
  const doc = readValidated(segmentationPath(dataDir, year), SegmentationSchema);
  if (doc.survey.year !== year) {
    throw new Error(`${segmentationPath(dataDir, year)}: survey.year is ${doc.survey.year}, expected ${year} from the file name`);
  }
  return doc;
}

/** The year's registry, or null when the identity step has not written one yet. */
export function readRegistry(registryDir: string, year: number): Registry | null {
  const file = join(registryDir, `${year}.json`);
  return existsSync(file) ? readValidated(file, RegistrySchema) : null;
}
