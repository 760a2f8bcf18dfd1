/**
 * The `npm run segment` command that made a year's segmentation, as messages repeat it ("run … again"): an
 * editor who asks for sub-segments, or a site whose sub-segments are stale, is told the command to paste,
 * not "run segment for 2021". The analyst's paths come from the run log beside the document (they are kept
 * out of the document, which must not depend on where it was run from); the parameters that shape the
 * document come from its metadata, so the command reproduces the same segmentation and reuses its cache.
 */
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { DEFAULT_SURVEYS_DIR, runLogPath, segmentationPath } from './paths.js';
import type { Segmentation } from './segmentation-schema.js';

/**
 * `npm run segment`'s defaults, the one table of them: a command names an option only when it differs. The
 * run's parameters take theirs in scripts/segment/parameters.ts (`resolveParameters`), which reads them here
 * (this folder may not import the pipeline's). `reruns` is `--stability N`, the re-runs behind the stability report.
 */
export const SEGMENT_DEFAULTS = {
  out: 'data',
  content: 'content',
  seed: 0,
  clusters: 10,
  reruns: 15,
  init: 'spectral',
  mixtureInit: 'kmeans',
} as const;

/** What the analyst typed, as the run log records it (`invocation`). */
export interface SegmentInvocation {
  /** `--survey YEAR`, or null when the run named its config with `--config`. */
  survey: number | null;
  /** `--config FILE` as given, or null. */
  config: string | null;
  input: string;
  out: string;
  content: string;
  /** `--update-registry`: without it a run on a sample of the year updates neither the registry nor the sub-segments. */
  updateRegistry: boolean;
}

/** Where the site (or a check) found the year's documents, for a command when the run log names none. */
export interface DocumentDirs {
  dataDir: string;
  /** The editors' content folder (holding `registry/` and `segments/`). */
  contentDir: string;
}

/** The invocation recorded in `<dataDir>/segmentation-<year>.run.json`, or null (no log, or one written before it was recorded). */
export function readInvocation(dataDir: string, year: number): SegmentInvocation | null {
  const path = runLogPath(segmentationPath(dataDir, year));
  if (!existsSync(path)) return null;
  try {
    const value = (JSON.parse(readFileSync(path, 'utf8')) as { invocation?: unknown }).invocation;
    if (!value || typeof value !== 'object') return null;
    const v = value as Record<string, unknown>;
    const text = (x: unknown) => (typeof x === 'string' && x.length > 0 ? x : null);
    const input = text(v.input);
    if (!input) return null;
    return {
      survey: typeof v.survey === 'number' ? v.survey : null,
      config: text(v.config),
      input,
      out: text(v.out) ?? SEGMENT_DEFAULTS.out,
      content: text(v.content) ?? SEGMENT_DEFAULTS.content,
      updateRegistry: v.updateRegistry === true,
    };
  } catch {
    return null; // a damaged log only costs the message its recorded paths
  }
}

/**
 * The command that segments `doc`'s year again as it was segmented: the invocation's paths when the run log
 * has them, else the survey under ../shared/data/kaggle/YEAR/ (as `segment:years` finds it) and the folders
 * the documents were read from; `--out`/`--content` and the parameters only when they are not the defaults.
 */
export function segmentCommand(
  doc: Segmentation,
  invocation: SegmentInvocation | null,
  dirs: DocumentDirs | null = null,
  cwd = process.cwd(),
): string {
  const year = doc.survey.year;
  const p = doc.metadata.parameters;
  const shown = (dir: string) => {
    const rel = relative(cwd, dir);
    return rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? dir : rel;
  };
  const out = invocation?.out ?? (dirs ? shown(dirs.dataDir) : SEGMENT_DEFAULTS.out);
  const content = invocation?.content ?? (dirs ? shown(dirs.contentDir) : SEGMENT_DEFAULTS.content);
  // Without a log: a real year's survey as segment:years finds it; the synthetic demo's beside its documents,
  // where demo:data writes it, and with --update-registry, without which a sample updates no sub-segments.
  const surveyFile = doc.metadata.input.file.split(':')[0];
  const input =
    invocation?.input ?? (doc.synthetic ? join(out, surveyFile) : join(DEFAULT_SURVEYS_DIR, String(year), surveyFile));
  const updateRegistry = invocation ? invocation.updateRegistry : doc.synthetic;
  const args = [
    invocation?.config && invocation.survey === null ? ['--config', invocation.config] : ['--survey', String(year)],
    ['--input', input],
  ];
  if (out !== SEGMENT_DEFAULTS.out) args.push(['--out', out]);
  if (content !== SEGMENT_DEFAULTS.content) args.push(['--content', content]);
  if (doc.metadata.seed !== SEGMENT_DEFAULTS.seed) args.push(['--seed', String(doc.metadata.seed)]);
  if (doc.modelSelection) args.push(['--select-k']);
  else if (p.clusters !== SEGMENT_DEFAULTS.clusters) args.push(['--clusters', String(p.clusters)]);
  if (p.stabilityRuns !== SEGMENT_DEFAULTS.reruns) args.push(['--stability', String(p.stabilityRuns)]);
  if (p.published === 'single-run') args.push(['--single-run']);
  if (p.clusterEmbedding.init !== SEGMENT_DEFAULTS.init) args.push(['--init', p.clusterEmbedding.init]);
  if (p.mixture.init !== SEGMENT_DEFAULTS.mixtureInit) args.push(['--mixture-init', p.mixture.init]);
  if (doc.synthetic) args.push(['--synthetic']);
  if (updateRegistry) args.push(['--update-registry']);
  return `npm run segment -- ${args.flat().map(quote).join(' ')}`;
}

/** A shell word: paths with spaces or quotes are single-quoted, so the command can be pasted as printed. */
function quote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
