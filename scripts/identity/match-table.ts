/**
 * The match table the segment CLI prints after a run: which slugs were kept, which are new, which retired.
 */

import type { Registry } from '../document/registry-schema.js';
import type { MatchRow } from './match.js';

/** What the table's numbers mean: the registry's measure and threshold, and where "previous" comes from. */
export function describeMatch({ measure, threshold }: Pick<Registry, 'measure' | 'threshold'>): string {
  const similarity =
    measure === 'members'
      ? 'Jaccard overlap of members with the registered segment (same respondents: a re-run)'
      : 'cosine of lift profiles with the registered segment (other respondents: members cannot be compared)';
  return [
    `similarity: ${similarity}; a segment keeps its slug at ${threshold} or more`,
    'index: in this segmentation; previous: in the registry before this run ("-": new, or retired earlier)',
  ].join('\n');
}

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
export function formatMatchTable(rows: MatchRow[], registry?: Pick<Registry, 'measure' | 'threshold'>): string {
  const table = [[...HEADERS], ...rows.map(cells)];
  const widths = HEADERS.map((_, c) => Math.max(...table.map((r) => r[c].length)));
  const lines = table.map((r) =>
    r
      .map((cell, c) => (RIGHT_ALIGNED.has(HEADERS[c]) ? cell.padStart(widths[c]) : cell.padEnd(widths[c])))
      .join('  ')
      .trimEnd(),
  );
  const counts = ['active', 'new', 'retired']
    .map((s) => `${rows.filter((r) => r.status === s).length} ${s}`)
    .join(', ');
  return `${registry ? describeMatch(registry) + '\n' : ''}${lines.join('\n')}\n${counts}`;
}
