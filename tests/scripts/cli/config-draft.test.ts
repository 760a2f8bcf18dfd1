/**
 * config:draft on a small survey written here in Kaggle's layout (types, column grouping, TODO marks,
 * refusing to overwrite), and on the real 2022 file, whose reviewed config (configs/2022.yaml) it must mostly
 * agree with when that config is left out of the references.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import type { DraftResult } from '../../../scripts/cli/config-draft.js';
import { draftConfig, main } from '../../../scripts/cli/config-draft.js';
import { validateConfigFile } from '../../../scripts/cli/config-validate.js';
import { topicAgreement } from '../../../scripts/config/draft-accuracy.js';
import { yearDocuments } from '../../../scripts/config/draft-yaml.js';
import { BUILT_IN_CONFIG_DIR, loadConfig } from '../../../scripts/config/load.js';
import { parseQuestionComments } from '../../../scripts/config/question-comments.js';

const ML_YEARS = ['I do not use machine learning methods', 'Under 1 year', '1-2 years', '2-3 years', '5-10 years'];
const ROLES = ['Student', 'Data Scientist', 'Software Engineer', 'Currently not employed'];
const LANGUAGES = ['Python', 'R', 'SQL'];
const CLOUDS = ['Amazon Web Services (AWS)', 'Microsoft Azure'];

const CODES = [
  'Time from Start to Finish (seconds)',
  'Q1',
  'Q2',
  'Q3_Part_1',
  'Q3_Part_2',
  'Q3_Part_3',
  'Q3_OTHER',
  'Q4',
  'Q5',
  'Q6_A_Part_1',
  'Q6_A_Part_2',
  'Q6_B_Part_1',
  'Q6_B_Part_2',
  'Q7_1',
  'Q7_2',
];
const TEXTS = [
  'Duration (in seconds)',
  'What is your age (# years)?',
  'What is your gender? - Selected Choice',
  ...LANGUAGES.map(
    (l) => `What programming languages do you use on a regular basis? (Select all that apply) - Selected Choice - ${l}`,
  ),
  'What programming languages do you use on a regular basis? (Select all that apply) - Selected Choice - Other',
  'For how many years have you used machine learning methods?',
  'Select the title most similar to your current role (or most recent title if retired): - Selected Choice',
  ...CLOUDS.map(
    (c) =>
      `Which of the following cloud computing platforms do you use on a regular basis? (Select all that apply) - Selected Choice - ${c}`,
  ),
  ...CLOUDS.map(
    (c) =>
      `Which of the following cloud computing platforms do you hope to become more familiar with in the next 2 years? - Selected Choice - ${c}`,
  ),
  'Which pets do you keep? (Select all that apply) - Selected Choice - Cat',
  'Which pets do you keep? (Select all that apply) - Selected Choice - Dog',
];

/** 24 respondents; every fourth is a student answering the _B forms; pets' unticked cells say "nan" as in 2022. */
function surveyCsv(): string {
  const rows = Array.from({ length: 24 }, (_, i) => {
    const student = i % 4 === 0;
    const pick = <T>(values: T[], k: number) => values[k % values.length];
    return [
      String(300 + i),
      pick(['18-21', '22-24', '25-29', '30-34'], i),
      pick(['Man', 'Woman'], i),
      ...LANGUAGES.map((l, k) => ((i + k) % 2 === 0 ? l : '')),
      i % 5 === 0 ? '3' : '',
      pick(ML_YEARS, i),
      student ? 'Student' : pick(ROLES.slice(1), i),
      ...CLOUDS.map((c, k) => (!student && (i + k) % 2 === 0 ? c : '')),
      ...CLOUDS.map((c, k) => (student && k === 0 ? c : '')),
      i % 3 === 0 ? 'Cat' : 'nan',
      i % 2 === 0 ? 'Dog' : 'nan',
    ];
  });
  return (
    [CODES, TEXTS, ...rows]
      .map((row) => row.map((cell) => (/[",]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell)).join(','))
      .join('\n') + '\n'
  );
}

describe('config:draft on a generated survey', () => {
  let dir: string;
  let input: string;
  let result: DraftResult;
  let draft: Record<string, unknown>;
  const questionsOf = () =>
    draft.questions as { code: string; type: string; topic?: string; label: string; group: string; order?: string[] }[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'config-draft-'));
    input = join(dir, 'kaggle_survey_2030_responses.csv');
    writeFileSync(input, surveyCsv());
    // The built-in configs as references; only 2020 has texts without data files (its questionnaire).
    result = await draftConfig({
      input,
      year: 2030,
      out: join(dir, '2030.yaml'),
      configDir: BUILT_IN_CONFIG_DIR,
      referenceData: new Map(),
      threshold: 0.3,
    });
    draft = parseYaml(result.yaml) as Record<string, unknown>;
  });

  it('configures one entry per question code, typed by its layout, with free-text columns aside', () => {
    const byCode = new Map(questionsOf().map((q) => [q.code, q]));
    expect(byCode.get('Q2')).toMatchObject({ type: 'single', topic: 'gender', group: 'valid' });
    expect(byCode.get('Q3')).toMatchObject({ type: 'multi', topic: 'languages', group: 'program' });
    expect(byCode.get('Q4')).toMatchObject({ type: 'single', topic: 'ml-years' });
    expect(byCode.get('Q5')).toMatchObject({ type: 'single', topic: 'job-role' });
    expect(byCode.get('Q6')).toMatchObject({ type: 'multi', topic: 'cloud-platforms', group: 'cloud' });
    const codes = [
      ...questionsOf().map((q) => q.code),
      ...(draft.unmatchedQuestions as { code: string }[]).map((u) => u.code),
    ];
    expect(codes.sort()).toEqual(['Q1', 'Q2', 'Q3', 'Q4', 'Q5', 'Q6', 'Q7']);
    // Q3's answers are its three choice columns, not the free-text Q3_OTHER.
    const q3 = result.draft.questions.find((q) => q.survey.code === 'Q3')!;
    expect(q3.survey.answers.map((a) => a.answer)).toEqual(LANGUAGES);
    expect(q3.survey.freeTextColumns).toEqual(['Q3_OTHER']);
  });

  it('drafts the answer order from the matched reference, and newToML from its answers', () => {
    const q4 = questionsOf().find((q) => q.code === 'Q4')!;
    expect(q4.order).toEqual(ML_YEARS);
    expect(draft.newToML).toEqual(['I do not use machine learning methods', 'Under 1 year']);
    expect(draft.profile).toMatchObject({ role: 'Q5', mlYears: 'Q4', gender: 'Q2' });
  });

  it('guesses the variants rule from _A/_B columns, and blank-like cells', () => {
    expect(draft.professional).toMatchObject({ rule: 'variants', questions: ['Q6'] });
    expect(draft.blankCells).toEqual(['nan']);
  });

  it('marks every guess for review, and leaves unknowns as TODO values', () => {
    const lines = result.yaml.split('\n');
    const entries = lines.flatMap((line, i) =>
      /^ {2}- code: Q\d+$/.test(line) && i < lines.indexOf('unmatchedQuestions:') ? [i] : [],
    );
    expect(entries).toHaveLength(questionsOf().length);
    for (const i of entries) {
      let start = i;
      while (lines[start - 1].trimStart().startsWith('#')) start--;
      expect(lines.slice(start, i).join(' '), `the comments above "${lines[i]}"`).toContain(
        'TODO check: topic, label and group from',
      );
    }
    expect(result.yaml).toMatch(/# TODO check order:/);
    expect(draft.source).toMatch(/^TODO:/);
    const pets = (draft.unmatchedQuestions as { code: string; note: string }[]).find((u) => u.code === 'Q7')!;
    expect(pets.note).toMatch(/^TODO:/);
  });

  it('counts its problems as config:validate does, and its header is no leftover TODO', async () => {
    const out = join(dir, 'counted.yaml');
    writeFileSync(out, result.yaml);
    const report = await validateConfigFile(out, input);
    expect(result.problems).toBeGreaterThan(0);
    expect(result.problems).toBe(report.findings.filter((f) => f.severity === 'error').length);
    const header = result.yaml.split('\n').findIndex((line) => line.startsWith('# Review every')) + 1;
    expect(header).toBeGreaterThan(0);
    const leftovers = report.findings.find((f) => /comment line\(s\) still say TODO/.test(f.message))!;
    expect(leftovers.message).not.toMatch(new RegExp(`lines ${header}\\b|, ${header}\\b`));
  });

  it('writes each question text as a comment that a later draft can read back', () => {
    const comments = parseQuestionComments(result.yaml);
    expect(comments.get('Q5')?.text).toBe(
      'Select the title most similar to your current role (or most recent title if retired):',
    );
    expect(comments.get('Q3')).toMatchObject({ type: 'multi', answers: LANGUAGES });
  });

  it('refuses to overwrite an existing config without --force', async () => {
    const out = join(dir, 'existing.yaml');
    writeFileSync(out, 'keep me\n');
    const args = ['--input', input, '--year', '2030', '--out', out];
    expect(await main(args)).toBe(1);
    expect(readFileSync(out, 'utf8')).toBe('keep me\n');
    expect(await main([...args, '--force'])).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('year: 2030');
  });

  it('rejects bad usage with exit status 2', async () => {
    expect(await main(['--input', input])).toBe(2);
    expect(await main(['--input', input, '--year', '30'])).toBe(2);
  });
});

const ZIP_2022 = new URL('../../../../shared/data/kaggle/2022/kaggle-survey-2022.zip', import.meta.url).pathname;

describe('config:draft on the real 2022 file', () => {
  /**
   * Measured (draft.ts --compare): 29 of 29 topics of configs/2022.yaml with only the built-in 2020 texts,
   * and 29 of 29 with the 2018 and 2021 files as reference data too. The margin allows small changes in
   * the matching without hiding a real regression.
   */
  const MIN_SHARE = 0.9;

  it(`guesses at least ${MIN_SHARE * 100}% of configs/2022.yaml's topics with 2022 left out of the references`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'config-draft-2022-'));
    const { draft, yaml } = await draftConfig({
      input: ZIP_2022,
      year: 2022,
      out: join(dir, '2022.yaml'),
      configDir: BUILT_IN_CONFIG_DIR,
      referenceData: new Map(),
      threshold: 0.3,
    });
    expect(draft.references.map((r) => r.year)).not.toContain(2022);
    const reviewed = loadConfig(join(BUILT_IN_CONFIG_DIR, '2022.yaml')).config;
    const agreement = topicAgreement(draft, reviewed);
    expect(agreement.total).toBe(reviewed.questions.filter((q) => q.topic).length);
    expect(agreement.correct / agreement.total).toBeGreaterThanOrEqual(MIN_SHARE);
    // 2022's quirk: "nan" in unticked cells of 19 multi-select columns.
    expect(draft.blankCells).toEqual(['nan']);
    // No _A/_B columns: the professional rule is drafted from answers, as the reviewed config has it.
    const drafted = parseYaml(yaml) as { professional: { rule: string; conditions: unknown[] } };
    expect(drafted.professional.rule).toBe('answers');
    expect(drafted.professional.conditions).toEqual(
      reviewed.professional.rule === 'answers' ? reviewed.professional.conditions : null,
    );
    expect(yaml).toMatch(
      /# TODO check: no _A\/_B columns, so professionals are drafted as the 2020\/2021 methodology defines them/,
    );
    // The TODOs name the documents this zip ships, where the analyst finds them.
    const comments = yaml
      .split('\n')
      .filter((l) => l.trimStart().startsWith('#'))
      .map((l) => l.replace(/^\s*#\s*/, ''))
      .join(' ');
    expect(comments).toContain(
      'ships beside the responses: Supplementary Data/kaggle_survey_2022_answer_choices.pdf, Supplementary Data/kaggle_survey_2022_methodology.pdf',
    );
    expect(comments).toContain(
      'Check each answer against the methodology document (Supplementary Data/kaggle_survey_2022_methodology.pdf)',
    );
    expect(drafted).toMatchObject({
      professional: {
        description: expect.stringContaining(
          'quoting the methodology document (Supplementary Data/kaggle_survey_2022_methodology.pdf)',
        ),
      },
    });
  }, 120_000);
});

describe('yearDocuments: what the TODOs send the analyst to, from the files the zip ships', () => {
  it('names the methodology PDF where there is one, else the question lists (2019), else says there is none', () => {
    // The entries of ../shared/data/kaggle/2019/kaggle-survey-2019.zip beside its responses (PROVENANCE.md).
    const docs2019 = yearDocuments(['other_text_responses.csv', 'questions_only.csv', 'survey_schema.csv']);
    expect(docs2019.methodology).toMatch(
      /^the question list it ships \(questions_only\.csv, survey_schema\.csv; it has no methodology document/,
    );
    expect(docs2019.shipped).toBe(
      'beside the responses: other_text_responses.csv, questions_only.csv, survey_schema.csv',
    );
    expect(
      yearDocuments([
        'supplementary_data/kaggle_survey_2021_answer_choices.pdf',
        'supplementary_data/kaggle_survey_2021_methodology.pdf',
      ]).methodology,
    ).toBe('the methodology document (supplementary_data/kaggle_survey_2021_methodology.pdf)');
    expect(yearDocuments([])).toEqual({
      methodology: expect.stringMatching(/the input ships none/),
      shipped: 'nothing beside the responses',
    });
  });
});
