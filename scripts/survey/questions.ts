/**
 * The questions of a survey file as a config author sees them: one entry per question code, its text, its
 * layout (single or multi), its `_A`/`_B` variants and the answers found with their counts. The draft
 * command writes configs from these, the validate command checks configs against them.
 */

import { isFreeTextColumn, questionOfColumn, variantOfColumn } from './columns.js';
import type { Column, SurveyTable } from './read.js';

export interface AnswerCount {
  answer: string;
  /** Respondents who gave it. */
  count: number;
  /** 0-based respondent index of the first one, for `table.lineOfRow`. */
  firstRow: number;
  column: string;
}

export interface SurveyQuestion {
  code: string;
  /** The question's own text (row 2 without " - Selected Choice" and the answer). */
  text: string;
  /** From the layout: one column holding answers = single; one column per answer = multi. */
  type: 'single' | 'multi';
  /** Answer columns (free-text columns left out), in file order. */
  columns: string[];
  freeTextColumns: string[];
  /** Variants asked, e.g. ['A', 'B'] for `Q27_A_Part_1` / `Q27_B_Part_1`; empty when there are none. */
  variants: ('A' | 'B')[];
  /**
   * Single: the distinct answers, most frequent first. Multi: one per column, in file order (answers of the
   * `A` form only when the question has variants, so that each choice appears once).
   */
  answers: AnswerCount[];
  /** Respondents who answered at least one of its columns. */
  answered: number;
}

/** `Q7` (2018-2022) or a 2017 column name such as `WorkToolsSelect`; not `Time from Start to Finish (seconds)`. */
const QUESTION_CODE = /^[A-Za-z][A-Za-z0-9]*$/;

/** Every question of the file, in file order; columns whose code is not a plain name (durations) are skipped. */
export function surveyQuestions(table: SurveyTable): SurveyQuestion[] {
  const byCode = new Map<string, { columns: string[]; freeText: string[] }>();
  for (const column of table.codes) {
    const code = questionOfColumn(column);
    if (!QUESTION_CODE.test(code)) continue;
    const entry = byCode.get(code) ?? { columns: [], freeText: [] };
    (isFreeTextColumn(column) ? entry.freeText : entry.columns).push(column);
    byCode.set(code, entry);
  }
  const questions: SurveyQuestion[] = [];
  for (const [code, { columns, freeText }] of byCode) {
    if (columns.length === 0) continue;
    questions.push(describeQuestion(table, code, columns, freeText));
  }
  return questions;
}

function describeQuestion(
  table: SurveyTable,
  code: string,
  columns: string[],
  freeTextColumns: string[],
): SurveyQuestion {
  const variants = [...new Set(columns.map(variantOfColumn).filter((v): v is 'A' | 'B' => v !== null))].sort();
  const firstForm = variants.length > 0 ? columns.filter((c) => variantOfColumn(c) === variants[0]) : columns;
  const type = isSingleChoice(table, code, firstForm) ? 'single' : 'multi';
  const text = questionText(table, firstForm, type);
  const answers = type === 'single' ? distinctAnswers(table, firstForm[0]) : choiceAnswers(table, firstForm);
  return { code, text, type, columns, freeTextColumns, variants, answers, answered: countAnswered(table, columns) };
}

/**
 * One answer column is single-choice when it is named by the question code itself (`Q5`, `Q30_A`) or holds
 * several different answers (2018's `Q12_MULTIPLE_CHOICE`); a lone `Qn_Part_1` holding one answer is a
 * multi-select question with a single choice.
 */
function isSingleChoice(table: SurveyTable, code: string, columns: string[]): boolean {
  if (columns.length !== 1) return false;
  const column = columns[0];
  const variant = variantOfColumn(column);
  if (column === code || (variant && column === `${code}_${variant}`)) return true;
  const cells = table.columns.get(column);
  return cells !== undefined && tally(cells).filter((count, text) => text > 0 && count > 0).length > 1;
}

/** Row 2 of a question's first column, without " - Selected Choice" and, for multi, without the choice. */
export function questionText(table: SurveyTable, columns: string[], type: 'single' | 'multi'): string {
  const texts = columns.map((c) => table.texts[table.codes.indexOf(c)] ?? '');
  const text = texts[0] ?? '';
  if (text.includes(' - Selected Choice')) return cleanText(text.split(' - Selected Choice')[0]);
  if (type === 'single') return cleanText(text);
  // Without the marker, choices follow the last " - " that all columns share (or the last one of a lone column).
  const shared = texts.length > 1 ? texts.reduce(commonPrefix) : text;
  const cut = shared.lastIndexOf(' - ');
  return cleanText(cut >= 0 ? shared.slice(0, cut) : shared);
}

export function cleanText(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function commonPrefix(a: string, b: string): string {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return a.slice(0, i);
}

/** Respondents per distinct text of a column (index 0: blank). */
export function tally(column: Column): Int32Array {
  const counts = new Int32Array(column.texts.length);
  for (const code of column.codes) counts[code]++;
  return counts;
}

/** 0-based row of the first respondent giving each distinct text (-1: nobody). */
export function firstRows(column: Column): Int32Array {
  const first = new Int32Array(column.texts.length).fill(-1);
  column.codes.forEach((code, row) => {
    if (first[code] < 0) first[code] = row;
  });
  return first;
}

function distinctAnswers(table: SurveyTable, column: string): AnswerCount[] {
  const cells = table.columns.get(column);
  if (!cells) return [];
  const counts = tally(cells);
  const first = firstRows(cells);
  return cells.texts
    .map((answer, text) => ({ answer, count: counts[text], firstRow: first[text], column }))
    .filter((a, text) => text > 0 && a.count > 0)
    .sort((a, b) => b.count - a.count || a.firstRow - b.firstRow);
}

/** A multi-select column's answer is the text its ticked cells hold, else the end of its row-2 text. */
function choiceAnswers(table: SurveyTable, columns: string[]): AnswerCount[] {
  return columns.map((column) => {
    const cells = table.columns.get(column);
    const counts = cells ? tally(cells) : new Int32Array(1);
    const first = cells ? firstRows(cells) : new Int32Array(1).fill(-1);
    const ticked = [...counts.keys()].filter((text) => text > 0 && counts[text] > 0);
    const label = ticked.length > 0 ? cells!.texts[ticked[0]] : choiceFromText(table, column);
    const count = ticked.reduce((sum, text) => sum + counts[text], 0);
    const firstRow = ticked.length > 0 ? Math.min(...ticked.map((text) => first[text])) : -1;
    return { answer: cleanText(label), count, firstRow, column };
  });
}

function choiceFromText(table: SurveyTable, column: string): string {
  const parts = cleanText(table.texts[table.codes.indexOf(column)] ?? '').split(' - ');
  return parts[parts.length - 1] || column;
}

function countAnswered(table: SurveyTable, columns: string[]): number {
  const kept = columns.map((c) => table.columns.get(c)).filter((c): c is Column => c !== undefined);
  let answered = 0;
  for (let row = 0; row < table.rows; row++) if (kept.some((column) => column.codes[row] !== 0)) answered++;
  return answered;
}
