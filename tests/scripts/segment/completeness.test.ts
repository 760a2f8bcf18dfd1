/**
 * Respondents who answered nothing are not a segment: the completeness report flags a segment whose members
 * answered under half the professionals' median of clustered questions, and names the blocks they skipped;
 * a segment that skipped one block (no ML) but answered the rest is not flagged.
 */
import { describe, expect, it } from 'vitest';
import { answeredQuestions, completenessReport, completenessWarning } from '../../../scripts/segment/completeness.js';
import type { BinaryMatrix } from '../../../scripts/segment/embedding/types.js';

// Six questions in three blocks; two features for Q1 (a single-choice question, one-hot) count as one question.
const features = [
  { question: 'Q1', group: 'program' },
  { question: 'Q1', group: 'program' },
  { question: 'Q2', group: 'program' },
  { question: 'Q3', group: 'ML' },
  { question: 'Q4', group: 'ML' },
  { question: 'Q5', group: 'cloud' },
  { question: 'Q6', group: 'cloud' },
] as const;
const complete = [1, 0, 1, 1, 1, 1, 1];
const noML = [0, 1, 1, 0, 0, 1, 1];
const quitter = [1, 0, 0, 0, 0, 0, 0];

function matrixOf(rows: number[][]): BinaryMatrix {
  return { rows: rows.length, cols: rows[0].length, data: Uint8Array.from(rows.flat()) };
}

describe('completeness of segments', () => {
  it('counts answered questions, not features', () => {
    expect(Array.from(answeredQuestions(matrixOf([complete, noML, quitter, [1, 1, 0, 0, 0, 0, 0]]), features))).toEqual(
      [6, 4, 1, 1],
    );
  });

  it('flags the segment of quitters, with its size and the blocks it left blank, and keeps the one that skipped ML', () => {
    const rows = [...Array(6).fill(complete), noML, noML, noML, quitter, quitter];
    const segments = [0, 0, 0, 0, 0, 0, 1, 1, 1, 2, 2];
    const report = completenessReport(matrixOf(rows), features, segments, 3);
    expect(report.median).toBe(6);
    expect(report.segments.map((s) => [s.segment, s.size, s.median, s.flagged])).toEqual([
      [0, 6, 6, false],
      [1, 3, 4, false],
      [2, 2, 1, true],
    ]);
    const warning = completenessWarning(report, report.segments[2]);
    expect(warning).toContain(
      'segment 2 (2 members) answered a median of 1 of the 6 clustered questions, professionals 6',
    );
    expect(report.segments[2].leastAnswered.map((b) => b.group)).toEqual(['cloud', 'ML']);
    expect(report.segments[1].leastAnswered.map((b) => b.group)).toEqual(['ML']);
  });
});
