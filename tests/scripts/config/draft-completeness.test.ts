/**
 * The completeness rule config:draft proposes: measured among the rule's professionals, half their
 * median of answered clustered questions, and only when some of them answered almost none.
 */
import { describe, expect, it } from 'vitest';
import { proposeCompleteness, ruleRows } from '../../../scripts/config/draft-completeness.js';
import type { SurveyTable } from '../../../scripts/survey/read.js';

/** A table from rows of cells by column code ('' = blank). */
function tableOf(codes: string[], rows: string[][]): SurveyTable {
  const columns = new Map(
    codes.map((code, c) => {
      const texts = [''];
      const cells = Uint16Array.from(rows, (row) => {
        const cell = row[c];
        if (cell === '') return 0;
        if (!texts.includes(cell)) texts.push(cell);
        return texts.indexOf(cell);
      });
      return [code, { texts, codes: cells }];
    }),
  );
  const source = { path: 'x.csv', entry: null, displayName: 'x.csv', sha256: '', bytes: 0 };
  return { source, codes, texts: codes, rows: rows.length, columns, lineOfRow: Int32Array.from(rows, (_, i) => i + 3) };
}

const CLUSTERED = ['Q2', 'Q3', 'Q4', 'Q5', 'Q6', 'Q7', 'Q8', 'Q9'];
const CODES = ['Q1', ...CLUSTERED];
const all = (role: string) => [role, 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
const noML = (role: string) => [role, 'a', 'b', '', '', 'e', 'f', 'g', 'h'];
const quit = (role: string) => [role, 'a', '', '', '', '', '', '', ''];
const rule = { rule: 'answers' as const, conditions: [{ question: 'Q1', noneOf: ['Student'] }] };

describe('proposeCompleteness', () => {
  it('sets aside professionals who answered almost nothing, not those who skipped one block', () => {
    const rows = [
      ...Array(6).fill(all('Engineer')),
      ...Array(3).fill(noML('Analyst')),
      quit('Engineer'),
      ...Array(5).fill(quit('Student')),
    ];
    const proposal = proposeCompleteness(tableOf(CODES, rows), CLUSTERED, rule);
    // Professionals answered 8, 8, 8, 8, 8, 8, 6, 6, 6 and 1: median 8, so at least 4 of 8 (half); the no-ML ones answered 6.
    expect(proposal).toEqual({ questions: CLUSTERED, minAnswered: 4, median: 8, below: 1, answering: 10 });
  });

  it('proposes nothing when no professional answered almost nothing (students may have)', () => {
    const rows = [...Array(6).fill(all('Engineer')), ...Array(5).fill(quit('Student'))];
    expect(proposeCompleteness(tableOf(CODES, rows), CLUSTERED, rule)).toBeNull();
  });

  it('tells professionals by the variants rule: an _A answer and no _B one', () => {
    const table = tableOf(
      ['Q1_A_Part_1', 'Q1_B_Part_1'],
      [
        ['x', ''],
        ['', 'y'],
        ['x', 'y'],
        ['', ''],
      ],
    );
    expect(Array.from(ruleRows(table, { rule: 'variants', questions: ['Q1'] }))).toEqual([1, 0, 0, 0]);
  });
});
