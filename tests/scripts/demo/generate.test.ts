import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { SurveyConfigSchema } from '../../../scripts/config/schema.js';
import { generateDemoSurvey, plannedGroupSizes } from '../../../scripts/demo/generate.js';
import { NON_PROFESSIONAL_KINDS } from '../../../scripts/demo/population.js';
import { PLANTED_SEGMENTS } from '../../../scripts/demo/segments.js';
import { encodeSurvey } from '../../../scripts/segment/encode.js';
import { questionByCode } from '../../../scripts/survey/questionnaire-2020.js';
import { readSurvey } from '../../../scripts/survey/read.js';

const config = SurveyConfigSchema.parse(
  parseYaml(readFileSync(new URL('../../../configs/2020.yaml', import.meta.url), 'utf8')),
);
const RESPONDENTS = 1500;
const demo = generateDemoSurvey({ seed: 7, respondents: RESPONDENTS });
const rows: string[][] = parseCsv(demo.csv, { relax_column_count: false });
const [codes, texts] = rows;
const body = rows.slice(2);

/**
 * The 2020 file's layout, written out independently of the generator: single-choice columns, and for each
 * multi-select question the number of `_Part_N` columns (its PDF choices without "Other", which is `_OTHER`).
 */
const SINGLE = new Set([
  'Q1',
  'Q2',
  'Q3',
  'Q4',
  'Q5',
  'Q6',
  'Q8',
  'Q11',
  'Q13',
  'Q15',
  'Q20',
  'Q21',
  'Q22',
  'Q24',
  'Q25',
  'Q30',
  'Q32',
  'Q38',
]);
const PARTS: Record<string, number> = {
  Q7: 12,
  Q9: 11,
  Q10: 13,
  Q12: 3,
  Q14: 11,
  Q16: 15,
  Q17: 11,
  Q18: 6,
  Q19: 5,
  Q23: 7,
  Q26_A: 11,
  Q27_A: 11,
  Q28_A: 10,
  Q29_A: 17,
  Q31_A: 14,
  Q33_A: 7,
  Q34_A: 11,
  Q35_A: 10,
  Q36: 9,
  Q37: 11,
  Q39: 11,
  Q26_B: 11,
  Q27_B: 11,
  Q28_B: 10,
  Q29_B: 17,
  Q31_B: 14,
  Q33_B: 7,
  Q34_B: 11,
  Q35_B: 10,
};
const FILE_ORDER = [
  ...Array.from({ length: 25 }, (_, i) => `Q${i + 1}`).map((q) => (PARTS[`${q}_A`] ? `${q}_A` : q)),
  'Q26_A',
  'Q27_A',
  'Q28_A',
  'Q29_A',
  'Q30',
  'Q31_A',
  'Q32',
  'Q33_A',
  'Q34_A',
  'Q35_A',
  'Q36',
  'Q37',
  'Q38',
  'Q39',
  'Q26_B',
  'Q27_B',
  'Q28_B',
  'Q29_B',
  'Q31_B',
  'Q33_B',
  'Q34_B',
  'Q35_B',
];
const expectedCodes = [
  'Time from Start to Finish (seconds)',
  ...FILE_ORDER.flatMap((q) =>
    SINGLE.has(q) ? [q] : [...Array.from({ length: PARTS[q] }, (_, i) => `${q}_Part_${i + 1}`), `${q}_OTHER`],
  ),
];

const column = (code: string) => codes.indexOf(code);
const prefixColumns = new Map(
  Object.keys(PARTS).map((q) => [q, codes.flatMap((c, i) => (c.startsWith(`${q}_`) ? [i] : []))]),
);
const answered = (row: string[], prefix: string) => prefixColumns.get(prefix)!.some((i) => row[i] !== '');
const variantPrefixes = (variant: 'A' | 'B') => Object.keys(PARTS).filter((q) => q.endsWith(`_${variant}`));

describe('generateDemoSurvey', () => {
  it('gives byte-identical output for the same seed and different output for another', () => {
    const again = generateDemoSurvey({ seed: 7, respondents: RESPONDENTS });
    expect(again.csv).toBe(demo.csv);
    expect(Array.from(again.truth)).toEqual(Array.from(demo.truth));
    expect(generateDemoSurvey({ seed: 8, respondents: RESPONDENTS }).csv).not.toBe(demo.csv);
  });

  it('writes the 2020 column codes in the 2020 order, 355 columns, every row complete', () => {
    expect(codes).toEqual(expectedCodes);
    expect(codes).toHaveLength(355);
    expect(body).toHaveLength(RESPONDENTS);
    expect(body.every((row) => row.length === codes.length)).toBe(true);
  });

  it('writes the question texts of row 2 as Kaggle does, multi-select ones ending in their choice', () => {
    expect(texts[0]).toBe('Duration (in seconds)');
    expect(texts[column('Q7_Part_1')]).toBe(
      'What programming languages do you use on a regular basis? (Select all that apply) - Selected Choice - Python',
    );
    expect(texts[column('Q7_OTHER')]).toBe(
      'What programming languages do you use on a regular basis? (Select all that apply) - Selected Choice - Other',
    );
    expect(texts[column('Q5')]).toBe(
      'Select the title most similar to your current role (or most recent title if retired): - Selected Choice',
    );
    expect(texts[column('Q26_B_Part_1')]).toMatch(
      /hope to become more familiar with in the next 2 years\? - Selected Choice - Amazon Web Services \(AWS\)$/,
    );
  });

  it('fills a multi-select cell with its choice text or nothing, and a single-choice cell with one of its answers', () => {
    codes.forEach((code, i) => {
      if (i === 0) return;
      const values = new Set(body.map((row) => row[i]).filter((v) => v !== ''));
      if (SINGLE.has(code)) {
        const choices = questionByCode(code).choices;
        for (const v of values) expect(choices, code).toContain(v);
      } else {
        const choice = texts[i].split(' - Selected Choice - ')[1];
        expect(
          [...values].every((v) => v === choice),
          code,
        ).toBe(true);
      }
    });
  });

  it('answers the ordered questions only with answers of the config order lists, which are the PDF answers', () => {
    for (const q of config.questions.filter((q) => q.order)) {
      expect([...q.order!].sort(), q.code).toEqual([...questionByCode(q.code).choices].sort());
      const seen = new Set(body.map((row) => row[column(q.code)]).filter((v) => v !== ''));
      expect(seen.size, q.code).toBeGreaterThan(1);
      for (const v of seen) expect(q.order, q.code).toContain(v);
    }
  });

  it('plants the planned group sizes: about two thirds professionals, segments by their shares', () => {
    const sizes = plannedGroupSizes(RESPONDENTS);
    const counts = PLANTED_SEGMENTS.map((_, s) => demo.truth.filter((t) => t === s).length);
    expect(counts).toEqual(sizes.segments);
    expect(demo.truth.filter((t) => t === -1).length).toBe(
      sizes.nearEmpty + sizes.nonProfessionals.reduce((a, b) => a + b, 0),
    );
    expect(sizes.segments.reduce((a, b) => a + b, 0)).toBe(1000);
    expect(plannedGroupSizes(6000).segments.reduce((a, b) => a + b, 0)).toBe(4000);
    expect(Math.min(...counts)).toBeGreaterThan(50);
    expect(NON_PROFESSIONAL_KINDS.length).toBe(sizes.nonProfessionals.length);
  });

  it('has professionals answer only _A variants and everyone else no _A variant', () => {
    body.forEach((row, r) => {
      const a = variantPrefixes('A').some((q) => answered(row, q));
      const b = variantPrefixes('B').some((q) => answered(row, q));
      if (demo.truth[r] >= 0) expect([a, b], `row ${r}`).toEqual([true, false]);
      else expect(a, `row ${r}`).toBe(false);
    });
    const learnersOnB = body.filter(
      (row, r) => demo.truth[r] < 0 && variantPrefixes('B').some((q) => answered(row, q)),
    );
    expect(learnersOnB.length).toBeGreaterThan(
      0.8 * plannedGroupSizes(RESPONDENTS).nonProfessionals.reduce((a, b) => a + b, 0),
    );
  });

  it('asks students and the unemployed no employer questions, and non-professionals spent nothing on the cloud', () => {
    body.forEach((row) => {
      const role = row[column('Q5')];
      if (role === 'Student' || role === 'Currently not employed') {
        for (const q of ['Q20', 'Q21', 'Q22', 'Q24', 'Q25']) expect(row[column(q)]).toBe('');
      }
    });
    body.forEach((row, r) => {
      const spend = row[column('Q25')];
      if (spend !== '') expect(spend === '$0 ($USD)', `row ${r}`).toBe(demo.truth[r] < 0);
    });
  });

  it('is read by configs/2020.yaml, with the near-empty respondents dropped', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'demo-survey-'));
    const file = join(dir, 'kaggle_survey_2020_responses.csv');
    writeFileSync(file, demo.csv);
    const table = await readSurvey(file);
    const encoded = encodeSurvey(table, config);
    expect(encoded.counts.respondents).toBe(RESPONDENTS);
    expect(encoded.counts.droppedNearlyEmpty).toBeGreaterThanOrEqual(0.8 * plannedGroupSizes(RESPONDENTS).nearEmpty);
    expect(encoded.counts.droppedNearlyEmpty).toBeLessThan(3 * plannedGroupSizes(RESPONDENTS).nearEmpty);
    const kept = new Set(encoded.keptRows);
    expect(demo.truth.every((t, r) => t < 0 || kept.has(r))).toBe(true);
  });

  it('rejects a respondent count that is not a positive whole number', () => {
    expect(() => generateDemoSurvey({ seed: 0, respondents: 0 })).toThrow(/respondents/);
    expect(() => generateDemoSurvey({ seed: 0, respondents: 2.5 })).toThrow(/respondents/);
  });
});
