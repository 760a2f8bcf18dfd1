/** Versions recorded in each document and folded into the cache key: this project's and the numeric packages'. */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The packages whose versions shape the numbers. */
const NUMERIC_PACKAGES = ['umap-js', 'ml-matrix', 'csv-parse'];

function packageJson(directory: string): { name: string; version: string } {
  return JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8'));
}

/** This project's package name and version. */
export function projectPackage(): { name: string; version: string } {
  const { name, version } = packageJson(PROJECT_ROOT);
  return { name, version };
}

/** Installed version of each numeric package, by name. */
export function numericPackageVersions(): Record<string, string> {
  return Object.fromEntries(
    NUMERIC_PACKAGES.map((name) => [name, packageJson(join(PROJECT_ROOT, 'node_modules', name)).version]),
  );
}
