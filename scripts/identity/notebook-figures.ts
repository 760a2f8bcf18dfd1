/**
 * The seed notebook's figures beside a segmentation: each notebook cluster is matched to one segment by
 * optimal assignment, and each figure it quotes is computed from that segment's rates and breakdowns and
 * compared with the quoted value. Used by `notebook:compare` (a document or a labels file) and the site's
 * comparison page, so both say the same.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import {
  type NotebookCluster,
  type NotebookFigure,
  type NotebookFigures,
  NotebookFiguresSchema,
} from '../document/notebook-figures-schema.js';
import type { Breakdown, Segmentation } from '../document/segmentation-schema.js';
import { maximumAssignment } from '../infra/assignment.js';
import { InputError } from '../infra/errors.js';

const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** `root`: the project's root; the site passes its working directory, since its bundled modules live elsewhere. */
export function notebookFiguresPath(year: number, root = PROJECT_ROOT): string {
  return resolve(root, `configs/notebook/${year}.yaml`);
}

export function loadNotebookFigures(path: string): NotebookFigures {
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new InputError({ file: path }, `cannot read the notebook's figures: ${(error as Error).message}`);
  }
  const parsed = NotebookFiguresSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError({ file: path }, `at ${issue.path.join('.') || 'the top'}: ${issue.message}`);
  }
  return parsed.data;
}

/** What the figures are computed from: a segmentation document, or the same built from a labels file. */
export type FigureSource = Pick<Segmentation, 'features' | 'questions' | 'overall'> & {
  segments: Array<Pick<Segmentation['segments'][number], 'index' | 'size' | 'rates' | 'breakdowns'>>;
};

export interface FigureResult {
  figure: NotebookFigure;
  /** The figure's measure in the segment (or overall); null when the segmentation lacks its answer. */
  value: number | null;
  /** Whether the quoted comparison holds (null when the figure quotes only a rank). */
  comparisonHolds: boolean | null;
  /** Whether the rank holds (null when the figure has none). */
  rankHolds: boolean | null;
  holds: boolean;
}

export interface ClusterComparison {
  cluster: NotebookCluster;
  /** The matched segment's index, or null when there are fewer segments than clusters. */
  segment: number | null;
  results: FigureResult[];
  held: number;
}

export interface NotebookComparison {
  overall: FigureResult[];
  clusters: ClusterComparison[];
  held: number;
  total: number;
}

/** A measure over one group (a segment or all professionals); throws naming the figure when it cannot be computed. */
type Group = { size: number; rates: number[]; breakdowns: Record<string, Breakdown> };

/**
 * `lenient`: a figure whose answer the segmentation lacks (a fixture, another questionnaire) is reported as not
 * measured and does not hold, instead of stopping with an error naming it.
 */
export function compareWithNotebook(
  figures: NotebookFigures,
  source: FigureSource,
  options: { file?: string; lenient?: boolean } = {},
): NotebookComparison {
  const strict = measurer(source, options.file ?? 'the notebook figures');
  const measure = (f: NotebookFigure, group: Group, overall: Group): number | null => {
    try {
      return strict(f, group, overall);
    } catch (error) {
      if (options.lenient && error instanceof InputError) return null;
      throw error;
    }
  };
  const total = source.segments.reduce((n, s) => n + s.size, 0);
  const overallGroup: Group = { size: total, rates: source.overall.rates, breakdowns: source.overall.breakdowns };
  const overall = figures.overall.map((f) =>
    evaluate(f, measure(f, overallGroup, overallGroup), null, figures.tolerance),
  );

  // Every figure of every cluster in every segment, then the assignment that maximises figures held (and,
  // between equal counts, closeness to the quoted values).
  const perSegment = (cluster: NotebookCluster) => {
    const values = source.segments.map((s) => cluster.figures.map((f) => measure(f, s, overallGroup)));
    return values.map((mine) =>
      cluster.figures.map((f, i) =>
        evaluate(
          f,
          mine[i],
          values.map((v) => v[i]),
          figures.tolerance,
        ),
      ),
    );
  };
  const table = figures.clusters.map(perSegment);
  const weights = table.map((bySegment) =>
    bySegment.map((results) => results.filter((r) => r.holds).length + 0.01 * closeness(results)),
  );
  const pairs = maximumAssignment(weights);
  const clusters = figures.clusters.map((cluster, c): ClusterComparison => {
    const pair = pairs.find((p) => p.row === c);
    if (!pair) return { cluster, segment: null, results: [], held: 0 };
    const results = table[c][pair.col];
    return { cluster, segment: source.segments[pair.col].index, results, held: results.filter((r) => r.holds).length };
  });
  const held = overall.filter((r) => r.holds).length + clusters.reduce((n, c) => n + c.held, 0);
  return {
    overall,
    clusters,
    held,
    total: figures.overall.length + figures.clusters.reduce((n, c) => n + c.figures.length, 0),
  };
}

function measurer(source: FigureSource, file: string) {
  const featureIndex = new Map(source.features.map((f, i) => [f.id, i]));
  const questions = new Map(source.questions.map((q) => [q.code, q]));
  const answerIndices = (f: NotebookFigure): number[] => {
    const question = questions.get(f.question!);
    if (!question)
      throw new InputError(
        { file, question: f.question },
        `figure "${f.says}": the segmentation has no profile question ${f.question}`,
      );
    return f.answers!.map((label) => {
      const i = question.answers.findIndex((a) => a.label === label);
      if (i < 0)
        throw new InputError(
          { file, question: f.question },
          `figure "${f.says}": ${f.question} has no answer "${label}" (it has: ${question.answers.map((a) => a.label).join('; ')})`,
        );
      return i;
    });
  };
  return (f: NotebookFigure, group: Group, overall: Group): number => {
    if (f.size) return group.size / overall.size;
    if (f.feature !== undefined) {
      const i = featureIndex.get(f.feature);
      if (i === undefined)
        throw new InputError({ file }, `figure "${f.says}": the segmentation has no feature ${f.feature}`);
      return group.rates[i];
    }
    const indices = answerIndices(f);
    const chosen = (b: Breakdown | undefined) => (b ? indices.reduce((n, i) => n + b.counts[i], 0) : 0);
    const breakdown = group.breakdowns[f.question!];
    if (f.ofAll) {
      const all = chosen(overall.breakdowns[f.question!]);
      return all ? chosen(breakdown) / all : 0;
    }
    const answered = breakdown ? breakdown.counts.reduce((n, c) => n + c, 0) : 0;
    return answered ? chosen(breakdown) / answered : 0;
  };
}

/** `among`: the same measure in every segment, for the rank; null for overall figures. */
export function evaluate(
  figure: NotebookFigure,
  value: number | null,
  among: Array<number | null> | null,
  tolerance: number,
): FigureResult {
  if (value === null) return { figure, value, comparisonHolds: null, rankHolds: null, holds: false };
  const others = among?.filter((v): v is number => v !== null) ?? null;
  const comparisonHolds =
    figure.quoted === undefined ? null : compares(figure.compare!, value, figure.quoted, tolerance);
  const rankHolds =
    figure.rank === undefined || others === null
      ? null
      : figure.rank === 'highest'
        ? value >= Math.max(...others)
        : value <= Math.min(...others);
  return { figure, value, comparisonHolds, rankHolds, holds: comparisonHolds !== false && rankHolds !== false };
}

function compares(
  comparison: NonNullable<NotebookFigure['compare']>,
  value: number,
  quoted: number,
  tolerance: number,
): boolean {
  switch (comparison) {
    case 'about':
      // A hair of slack so that a value exactly at the tolerance's edge holds despite floating point.
      return Math.abs(value - quoted) <= tolerance + 1e-9;
    case 'more-than':
      return value > quoted;
    case 'at-least':
      return value >= quoted;
    case 'less-than':
      return value < quoted;
  }
}

/** 0..1: how near a segment's values come to the quoted ones, to break ties between equal counts held. */
function closeness(results: FigureResult[]): number {
  const quoted = results.filter((r) => r.figure.quoted !== undefined && r.value !== null);
  if (quoted.length === 0) return 0;
  return (
    quoted.reduce((sum, r) => sum + Math.max(0, 1 - Math.abs(r.value! - r.figure.quoted!) / 0.5), 0) / quoted.length
  );
}

/** How a figure's claim reads: "about 25%", "more than 90%", "the highest". */
export function describeClaim(figure: NotebookFigure): string {
  const parts: string[] = [];
  if (figure.quoted !== undefined) {
    const words = { about: 'about', 'more-than': 'more than', 'at-least': 'at least', 'less-than': 'less than' }[
      figure.compare!
    ];
    parts.push(`${words} ${Math.round(figure.quoted * 100)}%`);
  }
  if (figure.rank) parts.push(`the ${figure.rank} of all segments`);
  return parts.join(', ');
}
