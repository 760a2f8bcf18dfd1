/**
 * Where the project's documents live, named once: the segmentation of a year and its run log and
 * sub-segments (in the data folder), its registry and its editors' summaries (in the content folder).
 */
import { join } from 'node:path';

/** `segmentation-2021.json`: the file name that carries a year's segmentation document. */
export const SEGMENTATION_FILE = /^segmentation-(\d{4})\.json$/;

/** Where the Kaggle surveys are, one folder per year (`segment:years`' default, and the default input of messages). */
export const DEFAULT_SURVEYS_DIR = '../shared/data/kaggle';

export function segmentationPath(dataDir: string, year: number): string {
  return join(dataDir, `segmentation-${year}.json`);
}

/** The run log beside a segmentation document (timings and cache key, kept out of the document). */
export function runLogPath(documentPath: string): string {
  return documentPath.replace(/\.json$/, '.run.json');
}

export function subSegmentsPath(dataDir: string, year: number): string {
  return join(dataDir, `subsegments-${year}.json`);
}

/** A year's "Which segment are you?" model, beside its segmentation document. */
export function quizPath(dataDir: string, year: number): string {
  return join(dataDir, `quiz-${year}.json`);
}

/** A year's registry in a folder of registries (the site's REGISTRY_DIR). */
export function registryFile(registryDir: string, year: number): string {
  return join(registryDir, `${year}.json`);
}

/** A year's registry under the editors' content folder (`content/registry/2021.json`). */
export function registryPath(contentDir: string, year: number): string {
  return registryFile(join(contentDir, 'registry'), year);
}

/** The folder of a year's summaries under the editors' content folder (`content/segments/2021`). */
export function summariesDir(contentDir: string, year: number): string {
  return join(contentDir, 'segments', String(year));
}

export function summaryPath(contentDir: string, year: number, slug: string): string {
  return join(summariesDir(contentDir, year), `${slug}.mdx`);
}
