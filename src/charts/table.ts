/**
 * Plain data tables behind each chart: the page shows them as an HTML table (text alternative) and offers
 * them as CSV and JSON downloads. Every chart module has a `...Table` function returning one.
 */

export type Cell = string | number | null;

export interface ChartTable {
  /** One sentence describing the chart (alt text / aria-label / SVG <title>). */
  alt: string;
  /** Column headers, in order. */
  columns: string[];
  /** Rows of cells aligned with `columns`; rates are fractions (0.25 = 25%). */
  rows: Cell[][];
}

function csvCell(cell: Cell): string {
  if (cell === null) return '';
  const text = String(cell);
  // RFC 4180: quote cells holding a separator, a quote or a line break; double the quotes inside.
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 CSV with a header row and CRLF line ends. */
export function toCsv(table: Pick<ChartTable, 'columns' | 'rows'>): string {
  const lines = [table.columns, ...table.rows].map((row) => row.map(csvCell).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** Rows as objects keyed by column header, for the JSON download. */
export function toRecords(table: Pick<ChartTable, 'columns' | 'rows'>): Record<string, Cell>[] {
  return table.rows.map((row) => Object.fromEntries(table.columns.map((column, i) => [column, row[i] ?? null])));
}
