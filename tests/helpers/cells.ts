import type { Column } from '../../scripts/survey/read.js';

/** A column's cells as strings, to compare with what the CSV said. */
export function cellsOf(column: Column): string[] {
  return Array.from(column.codes, (code) => column.texts[code]);
}
