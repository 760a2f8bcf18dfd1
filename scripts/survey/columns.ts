/**
 * How Kaggle names its columns: `Q7_Part_3` / `Q12_3` (one answer of a multi-select question), `Q5` or
 * `Q12_MULTIPLE_CHOICE` (a single-choice question), `Q27_A_Part_1` / `Q27_B_Part_1` (the professional and
 * non-professional variants), `Q7_OTHER`, `Q7_OTHER_TEXT`, `Q12_Part_1_TEXT` (free text or its codes).
 */

/** The question a column belongs to: the code before the first underscore, as the notebook's col_to_q. */
export function questionOfColumn(column: string): string {
  const underscore = column.indexOf('_');
  return underscore < 0 ? column : column.slice(0, underscore);
}

/** Free-text columns (and their numeric codes) say nothing a segment can share, so they are dropped. */
export function isFreeTextColumn(column: string): boolean {
  return column.includes('OTHER') || column.endsWith('_TEXT');
}

/** `A` or `B` for the variant columns of a question asked in two forms, else null. */
export function variantOfColumn(column: string): 'A' | 'B' | null {
  const match = /^Q\d+_([AB])(?:_|$)/.exec(column);
  return match ? (match[1] as 'A' | 'B') : null;
}
