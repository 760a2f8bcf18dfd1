/**
 * Which segmentation documents a build publishes. The documents themselves are read through
 * scripts/document/io.ts (here, synchronously, for the MDX checks that run while pages compile) and through
 * the content collections (src/content.config.ts) everywhere else.
 */
import { existsSync, readdirSync } from 'node:fs';
import { readRegistrySync, readSegmentationSync } from '../../scripts/document/io.js';
import { registryFile, SEGMENTATION_FILE, segmentationPath } from '../../scripts/document/paths.js';
import type { Registry } from '../../scripts/document/registry-schema.js';
import type { Segmentation } from '../../scripts/document/segmentation-schema.js';

/** Years that have a segmentation document in `dataDir`, ascending. */
export function listYears(dataDir: string): number[] {
  if (!existsSync(dataDir)) return [];
  return readdirSync(dataDir)
    .map((name) => SEGMENTATION_FILE.exec(name))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => Number(m[1]))
    .sort((a, b) => a - b);
}

/**
 * The years a build publishes: a real build only real surveys, a demo build only the synthetic demo. The
 * others are listed with the reason, so the build can say what it left out.
 */
export function yearsToPublish(
  dataDir: string,
  mode: 'real' | 'demo',
): { years: number[]; skipped: { year: number; reason: string }[] } {
  return publishable(new Map(listYears(dataDir).map((year) => [year, readSegmentation(dataDir, year)])), dataDir, mode);
}

/** `yearsToPublish` over documents already read (the site reads them through its content collection). */
export function publishable(
  docs: Map<number, Pick<Segmentation, 'synthetic'>>,
  dataDir: string,
  mode: 'real' | 'demo',
): { years: number[]; skipped: { year: number; reason: string }[] } {
  const years: number[] = [];
  const skipped: { year: number; reason: string }[] = [];
  for (const year of [...docs.keys()].sort((a, b) => a - b)) {
    const synthetic = docs.get(year)!.synthetic;
    if (synthetic === (mode === 'demo')) years.push(year);
    else if (synthetic)
      skipped.push({
        year,
        reason: `${segmentationPath(dataDir, year)} is the synthetic demo; a real build never shows it (npm run demo builds the demo on its own)`,
      });
    else
      skipped.push({
        year,
        reason: `${segmentationPath(dataDir, year)} is a real survey; the demo build shows only the synthetic demo`,
      });
  }
  return { years, skipped };
}

export function readSegmentation(dataDir: string, year: number): Segmentation {
  return readSegmentationSync(segmentationPath(dataDir, year), year);
}

/** The year's registry, or null when the identity step has not written one yet. */
export function readRegistry(registryDir: string, year: number): Registry | null {
  const file = registryFile(registryDir, year);
  return existsSync(file) ? readRegistrySync(file) : null;
}
