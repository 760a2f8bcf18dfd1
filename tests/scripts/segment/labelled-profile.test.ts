import { describe, expect, it } from 'vitest';
import type { SurveyConfig } from '../../../scripts/config/schema.js';
import { profileLabels, readLabels } from '../../../scripts/segment/labelled-profile.js';
import type { EncodedSurvey } from '../../../scripts/segment/types.js';

describe('readLabels', () => {
  it("reads the reference's labels.csv and segment --labels-csv, leaving out the unclustered", () => {
    expect([...readLabels('row,professional,cluster\n0,1,3\n1,0,-1\n4,1,0\n', 'ref.csv')]).toEqual([
      [0, 3],
      [4, 0],
    ]);
    expect([...readLabels('row,kept,professional,segment\n2,1,1,1\n3,1,0,-1\n', 'ours.csv')]).toEqual([[2, 1]]);
  });

  it('names the file and line of a bad row, and says what header it expected', () => {
    expect(() => readLabels('row,professional,cluster\n0,1,3\nx,1,2\n', 'ref.csv')).toThrow(
      /ref\.csv:3: expected a row index and an integer cluster, found "x", "2"/,
    );
    expect(() => readLabels('id,label\n0,1\n', 'odd.csv')).toThrow(
      /odd\.csv:1: expected a header with row and cluster/,
    );
  });
});

describe('profileLabels', () => {
  it('profiles the labelled respondents among the kept rows, as the profile stage profiles published segments', () => {
    // Kept rows are respondents 0, 2, 3 and 5 (1 and 4 were dropped); one feature and a yes/no profile question.
    const encoded = {
      matrix: { rows: 4, cols: 1, data: Uint8Array.from([1, 1, 0, 0]) },
      keptRows: Int32Array.from([0, 2, 3, 5]),
      profile: new Map([['QP', { code: 'QP', answers: ['yes', 'no'], values: Int16Array.from([0, 0, 1, -1]) }]]),
    } as unknown as EncodedSurvey;
    const config = { profile: { mlYears: 'QP' }, newToML: ['no'] } as unknown as SurveyConfig;
    // Respondent 1 is labelled but was not kept; respondent 5 is kept but unlabelled.
    const labels = new Map([
      [0, 0],
      [1, 1],
      [2, 0],
      [3, 1],
    ]);
    const p = profileLabels(encoded, labels, config);
    expect(p.notKept).toBe(1);
    expect(p.overall.rates[0]).toBeCloseTo(2 / 3, 6);
    // Published order: fewest new to ML first, so cluster 0 (all "yes") then cluster 1.
    expect(p.segments.map((s) => [s.component, s.size, s.rates[0]])).toEqual([
      [0, 2, 1],
      [1, 1, 0],
    ]);
    expect(p.segments[1].breakdowns.QP).toEqual({ counts: [0, 1], missing: 0 });
  });
});
