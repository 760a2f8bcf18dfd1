/**
 * How chart tables read as HTML: rates as percentages, lifts as signed percentage points, counts with
 * thousands separators, missing values as an en dash.
 */

import { formatPercent, formatPoints } from '../charts/format.js';
import type { Cell } from '../charts/table.js';

export type ColumnFormat = 'percent' | 'points';

/** Formats by column name: lifts as points, rates and shares as percentages, other columns as they are. */
export function columnFormats(columns: readonly string[], allLift = false): Record<string, ColumnFormat> {
  const out: Record<string, ColumnFormat> = {};
  columns.forEach((c, i) => {
    if ((allLift && i > 0) || /lift/i.test(c)) out[c] = 'points';
    else if (/\b(rate|share)\b/i.test(c)) out[c] = 'percent';
  });
  return out;
}

export interface FormattedCell {
  text: string;
  numeric: boolean;
}

export function formatCell(cell: Cell | undefined, format: ColumnFormat | undefined): FormattedCell {
  if (cell === null || cell === undefined) return { text: '–', numeric: false };
  if (typeof cell !== 'number') return { text: cell, numeric: false };
  if (format === 'percent') return { text: formatPercent(cell), numeric: true };
  if (format === 'points') return { text: formatPoints(cell), numeric: true };
  return { text: Number.isInteger(cell) ? cell.toLocaleString('en-US') : String(cell), numeric: true };
}
