/**
 * A segmentation is reused while nothing that shapes it has changed: the input's bytes, the normalized
 * config, the parameters and the code (the pipeline's sources and the numeric packages' versions). The key
 * is recorded in the run log beside the document; a run whose key matches, with the document unchanged since,
 * is fresh. `--force` ignores it.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { sha256FileSync, sourceFilesUnder } from './hash.js';
import { numericPackageVersions, PROJECT_ROOT } from './versions.js';

/**
 * Sources whose change can change a document (the segmentation, its sub-segments, the quiz model): the
 * stages and their engines, the sub-segment step, the survey reader, the config, the document schemas and
 * the infrastructure they use (randomness and its streams, rounding). Read recursively, so a module moved
 * into a subfolder still counts; tests/scripts/infra/cache.test.ts checks that every module those
 * documents' code imports is hashed.
 */
export const CODE_DIRS = [
  'scripts/segment',
  'scripts/survey',
  'scripts/config',
  'scripts/document',
  'scripts/infra',
].map((dir) => join(PROJECT_ROOT, dir));

export interface CacheInputs {
  inputSha256: string;
  configHash: string;
  /** The run's resolved parameters, but those that cannot change the document (scripts/segment/parameters.ts `cachedParameters`). */
  parameters: object;
}

/** Every source file the code version hashes, as paths from the project root, sorted within each folder. */
export function hashedSourceFiles(): string[] {
  return CODE_DIRS.flatMap((dir) => sourceFilesUnder(dir).map((name) => relative(PROJECT_ROOT, join(dir, name))));
}

let cachedCodeVersion: string | undefined;

/** sha256 over the pipeline's source files (`hashedSourceFiles`) and the numeric packages' versions. */
export function codeVersion(): string {
  if (cachedCodeVersion) return cachedCodeVersion;
  const hash = createHash('sha256');
  for (const file of hashedSourceFiles()) hash.update(file).update(readFileSync(join(PROJECT_ROOT, file)));
  for (const [name, version] of Object.entries(numericPackageVersions())) hash.update(name).update(version);
  cachedCodeVersion = hash.digest('hex');
  return cachedCodeVersion;
}

export function cacheKey(inputs: CacheInputs): string {
  return createHash('sha256')
    .update(JSON.stringify([inputs.inputSha256, inputs.configHash, inputs.parameters, codeVersion()]))
    .digest('hex');
}

/** True when the run log beside `documentPath` records `key` and the document is the one it wrote. */
export function isFresh(documentPath: string, runLogPath: string, key: string): boolean {
  if (!existsSync(documentPath) || !existsSync(runLogPath)) return false;
  try {
    const log = JSON.parse(readFileSync(runLogPath, 'utf8')) as { cacheKey?: string; documentSha256?: string };
    return log.cacheKey === key && log.documentSha256 === sha256FileSync(documentPath);
  } catch {
    return false;
  }
}
