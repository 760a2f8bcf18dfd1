/**
 * The match table the segment CLI prints after a run: which slugs were kept, which are new, which retired.
 */
import type { MatchRow } from './match.js';

const HEADERS = ['slug', 'index', 'previous', 'similarity', 'status', 'size'] as const;
/** Numbers read best right-aligned. */
const RIGHT_ALIGNED = new Set<string>(['index', 'previous', 'similarity', 'size']);

function cells(row: MatchRow): string[] {
  return [
    row.slug,
    row.index === null ? '-' : String(row.index),
    row.previousIndex === null ? '-' : String(row.previousIndex),
    row.similarity === null ? '-' : row.similarity.toFixed(2),
    row.status,
    String(row.size),
  ];
}

/** Aligned text columns, one line per row, similarities to 2 decimals, "-" where there is no value. */
export function formatMatchTable(rows: MatchRow[]): string {
  const table = [[...HEADERS], ...rows.map(cells)];
  const widths = HEADERS.map((_, c) => Math.max(...table.map((r) => r[c].length)));
  const lines = table.map((r) =>
    r
      .map((cell, c) => (RIGHT_ALIGNED.has(HEADERS[c]) ? cell.padStart(widths[c]) : cell.padEnd(widths[c])))
      .join('  ')
      .trimEnd(),
  );
  const counts = ['active', 'new', 'retired'].map((s) => `${rows.filter((r) => r.status === s).length} ${s}`).join(', ');
  return `${lines.join('\n')}\n${counts}`;
}
