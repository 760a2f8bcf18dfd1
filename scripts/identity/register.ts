/**
 * Updates a year's registry from its segmentation document and prints the match table. The segment CLI can
 * call `updateRegistry` after writing the document; this file also runs on its own:
 *
 *   tsx scripts/identity/register.ts --year 2021 [--content content] [--data data] [--threshold 0.5] [--dry-run]
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readRegistry, readSegmentation, writeRegistry } from '../document/io.js';
import { registryPath, segmentationPath } from '../document/paths.js';
import type { Registry } from '../document/registry-schema.js';
import type { Segmentation } from '../document/segmentation-schema.js';
import { type MatchRow, matchSegments, REGISTRY_THRESHOLD } from './match.js';
import { formatMatchTable } from './match-table.js';

export interface UpdateRegistryOptions {
  contentDir: string;
  /** Default: the existing registry's threshold, else REGISTRY_THRESHOLD. */
  threshold?: number;
  /** Compute and return the result without writing the file. */
  dryRun?: boolean;
}

/** Reads content/registry/<year>.json if it exists, matches `doc` against it, writes the result. */
export async function updateRegistry(
  doc: Segmentation,
  { contentDir, threshold, dryRun = false }: UpdateRegistryOptions,
): Promise<{ path: string; registry: Registry; table: MatchRow[] }> {
  const path = registryPath(contentDir, doc.survey.year);
  const previous = existsSync(path) ? await readRegistry(path) : null;
  // Without an explicit threshold, keep the one the registry was built with.
  const { registry, table } = matchSegments(previous, doc, {
    threshold: threshold ?? previous?.threshold ?? REGISTRY_THRESHOLD,
  });
  if (!dryRun && registry !== previous) await writeRegistry(path, registry);
  return { path, registry, table };
}

const USAGE = `Usage: npm run registry:update -- --year YEAR [--content DIR] [--data DIR] [--threshold X] [--dry-run]

Matches the segments of DIR/segmentation-YEAR.json to the registry DIR/registry/YEAR.json and writes it:
matched segments keep their slug, new ones get one, unmatched ones are retired. Prints the match table.
\`npm run segment\` does this after every run; use this command after editing a registry by hand, or to preview.

  --year YEAR       the survey year
  --content DIR     editors' content, whose registry/YEAR.json is updated (default: content)
  --data DIR        where segmentation-YEAR.json is (default: data)
  --threshold X     similarity a match needs (default: the registry's own, else 0.5)
  --dry-run         print the match table, write nothing
  --help            show this text`;

export async function main(
  argv: string[],
  out: (line: string) => void = console.log,
  err: (line: string) => void = console.error,
): Promise<number> {
  if (argv.includes('--help')) {
    out(USAGE);
    return 0;
  }
  let year: number | undefined;
  let contentDir = 'content';
  let dataDir = 'data';
  let threshold: number | undefined;
  let dryRun = false;
  for (let i = 0; i < argv.length; i++) {
    const [name, value] = [argv[i], argv[i + 1]];
    if (name === '--dry-run') {
      dryRun = true;
      continue;
    }
    if (name === '--year' && /^\d{4}$/.test(value ?? '')) year = Number(value);
    else if (name === '--content' && value) contentDir = value;
    else if (name === '--data' && value) dataDir = value;
    else if (name === '--threshold' && Number.isFinite(Number(value))) threshold = Number(value);
    else {
      err(
        `register: unknown option or bad value: ${name} ${value ?? ''} (expected --year <yyyy>, --content <dir>, --data <dir>, --threshold <number>, --dry-run)`,
      );
      return 2;
    }
    i++; // past the option's value
  }
  if (year === undefined) {
    err('register: --year <yyyy> is required');
    return 2;
  }
  try {
    const doc = await readSegmentation(segmentationPath(dataDir, year));
    const { path, registry, table } = await updateRegistry(doc, { contentDir, threshold, dryRun });
    out(formatMatchTable(table, registry));
    out(dryRun ? `(dry run: ${path} not written)` : `wrote ${path}`);
    return 0;
  } catch (error) {
    err(`register: ${(error as Error).message}`);
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = await main(process.argv.slice(2));
}
