/**
 * A tiny survey in Kaggle's layout, and a config for it, for stage tests that need exact answers.
 * Columns: Q1 role (single), Q2 languages (multi, with a free-text OTHER column), Q3 cloud (`_A`/`_B`
 * variants), Q4 years of ML (ordered single choice).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { SurveyConfigInput } from '../../scripts/config/schema.js';

export const TINY_CODES = [
  'Time',
  'Q1',
  'Q2_Part_1',
  'Q2_Part_2',
  'Q2_Part_3',
  'Q2_OTHER',
  'Q3_A_Part_1',
  'Q3_A_Part_2',
  'Q3_B_Part_1',
  'Q3_B_Part_2',
  'Q4',
];
export const TINY_TEXTS = [
  'Duration (in seconds)',
  'Select the title most similar to your current role - Selected Choice',
  'What programming languages do you use on a regular basis? (Select all that apply) - Selected Choice - Python',
  'What programming languages do you use on a regular basis? (Select all that apply) - Selected Choice - R',
  'What programming languages do you use on a regular basis? (Select all that apply) - Selected Choice - SQL',
  'What programming languages do you use on a regular basis? (Select all that apply) - Selected Choice - Other',
  'Which cloud platforms do you use? - Selected Choice - AWS',
  'Which cloud platforms do you use? - Selected Choice - GCP',
  'Which cloud platforms do you hope to use? - Selected Choice - AWS',
  'Which cloud platforms do you hope to use? - Selected Choice - GCP',
  'For how many years have you used machine learning methods?',
];

export interface TinyRespondent {
  role?: string;
  languages?: ('Python' | 'R' | 'SQL')[];
  other?: string;
  cloudA?: ('AWS' | 'GCP')[];
  cloudB?: ('AWS' | 'GCP')[];
  mlYears?: string;
}

export function tinyRow(r: TinyRespondent): string[] {
  const has = (list: string[] | undefined, v: string) => (list?.includes(v) ? v : '');
  return [
    '100',
    r.role ?? '',
    has(r.languages, 'Python'),
    has(r.languages, 'R'),
    has(r.languages, 'SQL'),
    r.other ?? '',
    has(r.cloudA, 'AWS'),
    has(r.cloudA, 'GCP'),
    has(r.cloudB, 'AWS'),
    has(r.cloudB, 'GCP'),
    r.mlYears ?? '',
  ];
}

export function toCsv(rows: string[][]): string {
  const cell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return rows.map((row) => row.map(cell).join(',')).join('\n') + '\n';
}

export function tinyCsv(respondents: TinyRespondent[]): string {
  return toCsv([TINY_CODES, TINY_TEXTS, ...respondents.map(tinyRow)]);
}

export const ML_YEARS = ['I do not use machine learning methods', 'Under 1 year', '1-2 years', '3+ years'];

export function tinyConfig(overrides: Partial<SurveyConfigInput> = {}): SurveyConfigInput {
  return {
    year: 2099,
    title: 'Tiny survey',
    source: 'tests',
    responsesFile: 'tiny_responses.csv',
    dropRowMeanAtMost: 0.01,
    professional: { rule: 'variants', questions: ['Q3'], description: 'Professionals answered the A variant.' },
    profile: {
      role: 'Q1',
      codingYears: 'Q4',
      mlYears: 'Q4',
      companySize: 'Q1',
      employerML: 'Q4',
      education: 'Q1',
      gender: 'Q1',
    },
    newToML: ['I do not use machine learning methods', 'Under 1 year'],
    workActivities: 'Q2',
    questions: [
      { code: 'Q1', label: 'role', group: 'valid', type: 'single' },
      { code: 'Q2', label: 'languages', group: 'program', type: 'multi' },
      { code: 'Q3', label: 'cloud', group: 'cloud', type: 'multi' },
      { code: 'Q4', label: 'years ML', group: 'valid', type: 'single', order: ML_YEARS },
    ],
    ...overrides,
  };
}

/** A fresh temporary directory for one test's files. */
export function tempDir(prefix = 'segments-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function writeTiny(dir: string, respondents: TinyRespondent[], config = tinyConfig()) {
  const csv = join(dir, 'tiny_responses.csv');
  const yaml = join(dir, 'tiny.yaml');
  writeFileSync(csv, tinyCsv(respondents));
  writeFileSync(yaml, stringify(config));
  return { csv, yaml };
}
