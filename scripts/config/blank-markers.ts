/**
 * Texts a survey file writes where a cell is really empty. 2022 writes pandas' "nan" in every unticked cell
 * of 19 multi-select columns; read as an answer, "nan" would count everyone as having ticked them.
 */

import { questionOfColumn } from '../survey/columns.js';
import { tally } from '../survey/questions.js';
import type { Column, SurveyTable } from '../survey/read.js';

const BLANK_LIKE = new Set(['nan', 'NaN', 'NA', 'N/A', 'null', 'NULL']);

/**
 * Blank-like texts found in multi-select columns (a question with several columns), where each column
 * should hold one answer text or nothing.
 */
export function blankMarkers(table: SurveyTable): string[] {
  const columnsPerQuestion = new Map<string, number>();
  for (const code of table.columns.keys())
    columnsPerQuestion.set(questionOfColumn(code), (columnsPerQuestion.get(questionOfColumn(code)) ?? 0) + 1);
  const found = new Set<string>();
  for (const [code, column] of table.columns) {
    if ((columnsPerQuestion.get(questionOfColumn(code)) ?? 0) < 2) continue;
    const counts = tally(column);
    const distinct = column.texts.filter((_text, i) => i > 0 && counts[i] > 0);
    if (distinct.length !== 2) continue;
    for (const text of distinct) if (BLANK_LIKE.has(text)) found.add(text);
  }
  return [...found].sort();
}

/** The table with cells holding these texts read as blank, as the reader does for a config's blankCells. */
export function withBlankCells(table: SurveyTable, texts: readonly string[]): SurveyTable {
  if (texts.length === 0) return table;
  const blank = new Set(texts);
  const columns = new Map<string, Column>();
  for (const [code, column] of table.columns) {
    if (!column.texts.some((text) => blank.has(text))) {
      columns.set(code, column);
      continue;
    }
    const kept = column.texts.map((text, i) => i === 0 || !blank.has(text));
    const renumber = new Uint16Array(column.texts.length);
    const keptTexts: string[] = [];
    column.texts.forEach((text, i) => {
      if (kept[i]) {
        renumber[i] = keptTexts.length;
        keptTexts.push(text);
      }
    });
    columns.set(code, { texts: keptTexts, codes: Uint16Array.from(column.codes, (c) => renumber[c]) });
  }
  return { ...table, columns };
}
