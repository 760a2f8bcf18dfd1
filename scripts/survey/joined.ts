/**
 * Multi-select answers joined in one cell (Kaggle 2017 writes `Python,R,SQL` in `WorkToolsSelect`; the Stack
 * Overflow survey joins with `;`), laid out as the later Kaggle files are: one column per choice,
 * `CODE_Part_N` (N = the choice's 1-based place in the config's list), holding the choice's text when chosen.
 * Everything after reading (encoding, drafts, checks) then sees an ordinary multi-select question.
 */
import { InputError } from '../infra/errors.js';
import type { Column, SurveyTable } from './read.js';

export interface JoinedQuestion {
  code: string;
  delimiter: string;
  /** The known choices, spelt as in the file. */
  choices: readonly string[];
}

/** The column of choice `index` (0-based) of a joined question. */
export function joinedChoiceColumn(code: string, index: number): string {
  return `${code}_Part_${index + 1}`;
}

/**
 * Splits a cell into the choices it joins. At each position the longest known choice that ends at the end of
 * the cell or at a delimiter wins, so a choice that contains the delimiter is not cut. Returns the choices'
 * indices, or the first fragment that matches no choice.
 */
export function splitJoinedCell(
  cell: string,
  delimiter: string,
  choicesLongestFirst: readonly { text: string; index: number }[],
): { indices: number[] } | { unknown: string } {
  const indices: number[] = [];
  let at = 0;
  while (at < cell.length) {
    const match = choicesLongestFirst.find(
      ({ text }) =>
        cell.startsWith(text, at) && (at + text.length === cell.length || cell.startsWith(delimiter, at + text.length)),
    );
    if (!match) {
      const next = cell.indexOf(delimiter, at);
      return { unknown: cell.slice(at, next < 0 ? cell.length : next) };
    }
    indices.push(match.index);
    at += match.text.length + delimiter.length;
  }
  return { indices };
}

/**
 * The table with each joined question's column replaced by one column per choice. A cell holding a fragment
 * that is no known choice stops with its line and column, and the choices it was matched against.
 */
export function expandJoinedColumns(table: SurveyTable, questions: readonly JoinedQuestion[]): SurveyTable {
  if (questions.length === 0) return table;
  const codes = [...table.codes];
  const texts = [...table.texts];
  const columns = new Map(table.columns);
  for (const question of questions) {
    const position = codes.indexOf(question.code);
    const cells = table.columns.get(question.code);
    if (position < 0 || !cells) continue; // a missing question is reported where questions are checked
    const parts = splitColumn(table, question, cells);
    const questionText = texts[position] ?? '';
    const prefix = questionText.includes(' - Selected Choice') ? questionText : `${questionText} - Selected Choice`;
    const partCodes = question.choices.map((_, i) => joinedChoiceColumn(question.code, i));
    codes.splice(position, 1, ...partCodes);
    texts.splice(position, 1, ...question.choices.map((choice) => `${prefix} - ${choice}`));
    columns.delete(question.code);
    for (const [i, code] of partCodes.entries()) columns.set(code, parts[i]);
  }
  return { ...table, codes, texts, columns };
}

function splitColumn(table: SurveyTable, question: JoinedQuestion, cells: Column): Column[] {
  const longestFirst = question.choices
    .map((text, index) => ({ text, index }))
    .sort((a, b) => b.text.length - a.text.length || a.index - b.index);
  // Split each distinct cell text once; respondents share a few hundred combinations.
  const chosenByText = cells.texts.map((text, code) => {
    if (code === 0) return [];
    const split = splitJoinedCell(text, question.delimiter, longestFirst);
    if ('indices' in split) return split.indices;
    const row = cells.codes.indexOf(code);
    throw new InputError(
      { file: table.source.displayName, line: table.lineOfRow[row], column: question.code, question: question.code },
      `"${split.unknown}" in "${text}" is not one of the ${question.choices.length} choices of ${question.code} (joined by "${question.delimiter}"); add it to the question's joined.choices, spelt as in the file`,
    );
  });
  return question.choices.map((choice, index) => {
    const codes = new Uint16Array(cells.codes.length);
    const chosen = chosenByText.map((indices) => indices.includes(index));
    for (let row = 0; row < codes.length; row++) if (chosen[cells.codes[row]]) codes[row] = 1;
    return { texts: ['', choice], codes };
  });
}
