/** The seed notebook's figures beside a year's published segments, for the comparison page. */
import { existsSync } from 'node:fs';
import type { NotebookFigures } from '../../scripts/document/notebook-figures-schema.js';
import {
  compareWithNotebook,
  loadNotebookFigures,
  type NotebookComparison,
  notebookFiguresPath,
} from '../../scripts/identity/notebook-figures.js';
import type { PublishedSegment, YearModel } from './model.js';

/** The site is built from the project's root, where its configs are. */
const figuresFile = (year: number) => notebookFiguresPath(year, process.cwd());

export function hasNotebookFigures(year: number): boolean {
  return existsSync(figuresFile(year));
}

export interface NotebookPage {
  figures: NotebookFigures;
  comparison: NotebookComparison;
  /** The published segment (page) of each cluster's matched segment, in cluster order. */
  pages: Array<PublishedSegment | null>;
}

export function notebookPage(model: YearModel): NotebookPage {
  const figures = loadNotebookFigures(figuresFile(model.year));
  // The figures are checked against the document's own segments, before editors' merges: the notebook's
  // clusters are matched one to one with the method's output.
  const comparison = compareWithNotebook(figures, model.doc, { file: figuresFile(model.year), lenient: true });
  const pages = comparison.clusters.map((c) =>
    c.segment === null ? null : (model.segments.find((s) => s.indices.includes(c.segment!)) ?? null),
  );
  return { figures, comparison, pages };
}
