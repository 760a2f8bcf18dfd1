/**
 * config:validate lists every problem at once, each at its line: a config with deliberate schema, data and
 * TODO problems against a small survey written here, and the reviewed 2021 config against the real 2021 zip.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main, type ValidationReport, validateConfigFile } from '../../../scripts/cli/config-validate.js';
import { builtInConfigPath } from '../../../scripts/config/load.js';

const CODES = ['Q1', 'Q2_Part_1', 'Q2_Part_2', 'Q3', 'Q4_A_Part_1', 'Q4_B_Part_1', 'Q5'];
const TEXTS = [
  'Select the title most similar to your current role - Selected Choice',
  'What programming languages do you use? - Selected Choice - Python',
  'What programming languages do you use? - Selected Choice - R',
  'For how many years have you used machine learning methods?',
  'Which cloud platforms do you use? - Selected Choice - AWS',
  'Which cloud platforms do you hope to use? - Selected Choice - AWS',
  'Which pets do you keep?',
];
// Line 3 is the first respondent. "3-5 years" is first given on line 5 (the third respondent).
const ROWS = [
  ['Data Scientist', 'Python', '', 'Under 1 year', 'AWS', '', 'Cat'],
  ['Student', 'Python', 'R', '1-2 years', '', 'AWS', 'Dog'],
  ['Data Scientist', '', 'R', '3-5 years', 'AWS', '', ''],
  ['Data Scientist', 'Python', '', '3-5 years', '', '', 'Cat'],
];

const CONFIG = `year: 2031
title: Test survey
source: "TODO: where the data comes from"
responsesFile: survey.csv
professional:
  rule: variants
  questions: [Q1, Q4]
  description: professionals answered the A forms
profile:
  role: Q1
  mlYears: Q3
newToML:
  - Never
workActivities: Q2
questions:
  - { code: Q1, label: role, group: valid, type: single }
  - { code: Q2, label: languages, group: program, type: single }
  - code: Q3
    label: years ML
    group: valid
    type: single
    order:
      - Under 1 year
      - 1-2 years
      - 99 years
  - { code: Q4, label: cloud, group: bogus, type: multi }
  - { code: Q9, label: missing, group: tools, type: multi }
`;

function lineOf(text: string, fragment: string): number {
  const index = text.split('\n').findIndex((line) => line.includes(fragment));
  if (index < 0) throw new Error(`no line with ${fragment}`);
  return index + 1;
}

describe('config:validate on deliberate problems', () => {
  let dir: string;
  let report: ValidationReport;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'config-validate-'));
    writeFileSync(join(dir, 'survey.csv'), [CODES, TEXTS, ...ROWS].map((row) => row.join(',')).join('\n') + '\n');
    writeFileSync(join(dir, 'config.yaml'), CONFIG);
    report = await validateConfigFile(join(dir, 'config.yaml'), join(dir, 'survey.csv'));
  });

  const find = (severity: 'error' | 'warning', pattern: RegExp) =>
    report.findings.filter((f) => f.severity === severity && pattern.test(f.message));

  it('lists schema, TODO and data problems together, each at its line', () => {
    const expected: [RegExp, string][] = [
      [/questions\.3\.group: should be one of "cloud", "ML", .*, not "bogus"$/, 'code: Q4, label: cloud'],
      [/source is still a TODO/, 'source:'],
      [/Q9 \(missing\) has no column/, 'code: Q9'],
      [/Q2 \(languages\) is configured as single-choice but has 2 answer columns/, 'code: Q2'],
      [/Q3 \(years ML\): answer "3-5 years" is not in order \(2 respondents, first at .*survey\.csv:5\)/, 'order:'],
      [/newToML answer "Never" is not an answer of Q3/, '- Never'],
      [/professional rule lists Q1, but .* has no Q1_A \/ Q1_B columns/, 'questions: [Q1, Q4]'],
    ];
    for (const [pattern, fragment] of expected) {
      const found = find('error', pattern);
      expect(found, String(pattern)).toHaveLength(1);
      expect(found[0].line, String(pattern)).toBe(lineOf(CONFIG, fragment));
    }
    expect(report.findings.filter((f) => f.severity === 'error')).toHaveLength(expected.length);
    expect(report.summary).toBeNull();
  });

  it('warns about order entries nobody chose and questions the config does not mention', () => {
    expect(find('warning', /nobody chose order entry "99 years"/)[0]?.line).toBe(lineOf(CONFIG, '- 99 years'));
    expect(
      find('warning', /Q5 \("Which pets do you keep\?"\) is in .* but neither in questions nor in unmatchedQuestions/),
    ).toHaveLength(1);
  });

  it('exits 1 when there are problems and 2 for bad usage', async () => {
    expect(await main([join(dir, 'config.yaml'), '--input', join(dir, 'survey.csv')])).toBe(1);
    expect(await main([])).toBe(2);
    expect(await main([join(dir, 'config.yaml'), '--bogus'])).toBe(2);
  });
});

describe('config:validate: one message per mistake, at its line, in words about the file', () => {
  let dir: string;
  const survey = () => join(dir, 'survey.csv');
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'config-validate-mistakes-'));
    writeFileSync(survey(), [CODES, TEXTS, ...ROWS].map((row) => row.join(',')).join('\n') + '\n');
  });
  const validate = async (name: string, text: string, input?: string) => {
    writeFileSync(join(dir, name), text);
    return (await validateConfigFile(join(dir, name), input)).findings.filter((f) => f.severity === 'error');
  };
  // The deliberate config without its schema and TODO problems, so that each case makes one mistake.
  const CLEAN = CONFIG.replace('source: "TODO: where the data comes from"', 'source: a test').replace(
    'group: bogus',
    'group: cloud',
  );
  // Raw zod or YAML-parser wording that says nothing about the file.
  const RAW = /Invalid input|received undefined|Nested mappings|compact mapping|implicit key|Unrecognized key/i;

  it.each([
    // A key of a block indented one space too far (the parser blames the line above it).
    ['a key indented too far', CLEAN.replace('  mlYears: Q3', '   mlYears: Q3'), '   mlYears: Q3'],
    // A key of a list item dedented to the list's column (the parser gives a dozen errors for the lines after it).
    ['a list item key dedented', CLEAN.replace('    label: years ML', '  label: years ML'), '  label: years ML'],
    // A block whose first key is at 1 space, the next at the usual 2 (the parser blames the second).
    [
      'the first key of a block at an odd column',
      CLEAN.replace('  rule: variants', ' rule: variants'),
      ' rule: variants',
    ],
  ])('%s: one YAML message, at the mis-indented line', async (_name, text, fragment) => {
    const errors = await validate('indent.yaml', text);
    expect(errors).toHaveLength(1);
    expect(errors[0].line).toBe(lineOf(text, fragment));
    expect(errors[0].message).toMatch(
      /^not valid YAML: the line is indented \d+ spaces?; at that point a line starts at/,
    );
    expect(errors[0].message).not.toMatch(RAW);
  });

  it('a newToML answer outside the mlYears order is one message, at the answer, naming the closest answer in the file', async () => {
    const text = CLEAN.replace('  - Never\n', '  - Under 1 year\n  - 1-2 yeras\n');
    const errors = await validate('newtoml.yaml', text, survey());
    const about = errors.filter((e) => /1-2 yeras/.test(e.message));
    expect(about).toHaveLength(1);
    expect(about[0].line).toBe(lineOf(text, '- 1-2 yeras'));
    expect(about[0].message).toMatch(/did you mean "1-2 years"\?$/);
    // Without the survey, the schema's own check says it, once, at the same line.
    const alone = (await validate('newtoml.yaml', text)).filter((e) => /1-2 yeras/.test(e.message));
    expect(alone.map((e) => [e.line, e.message])).toEqual([
      [lineOf(text, '- 1-2 yeras'), 'newToML.1: "1-2 yeras" is not an answer of Q3 (mlYears)'],
    ]);
  });

  it('a key in the wrong block is one message at the key, saying where it belongs, with no schema text', async () => {
    const text = CLEAN.replace('newToML:\n  - Never\n', '').replace(
      '  mlYears: Q3\n',
      '  mlYears: Q3\n  newToML:\n    - Under 1 year\n',
    );
    const errors = await validate('misplaced.yaml', text);
    expect(errors.filter((e) => /newToML/.test(e.message)).map((e) => [e.line, e.message])).toEqual([
      [lineOf(text, '  newToML:'), '"newToML" is under profile, but belongs at the top level (check its indentation)'],
    ]);
    expect(errors.some((e) => RAW.test(e.message))).toBe(false);
  });

  it('a missing key and an unknown key are said in words, at their lines', async () => {
    const text = CLEAN.replace('workActivities: Q2\n', 'workActivity: Q2\n');
    const errors = await validate('renamed.yaml', text);
    expect(errors.map((e) => e.message)).toEqual(
      expect.arrayContaining([
        'workActivities: is missing (expected a text)',
        'workActivity: unknown top-level key "workActivity"',
      ]),
    );
    expect(errors.find((e) => /unknown top-level key/.test(e.message))!.line).toBe(lineOf(text, 'workActivity: Q2'));
    expect(errors.some((e) => RAW.test(e.message))).toBe(false);
  });
});

describe('config:validate on the answers rule', () => {
  const ANSWERS_CONFIG = CONFIG.replace(
    'professional:\n  rule: variants\n  questions: [Q1, Q4]\n',
    'professional:\n  rule: answers\n  conditions:\n    - { question: Q1, noneOf: [Students] }\n    - { question: Q5, anyOf: [Cat, Dgo] }\n    - { question: Q8, anyOf: [Yes] }\n    - { question: Q5, noneOf: [Dog] }\n  complete: { questions: [Q3, Q7], minAnswered: 1 }\n',
  );
  let report: ValidationReport;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'config-validate-answers-'));
    writeFileSync(join(dir, 'survey.csv'), [CODES, TEXTS, ...ROWS].map((row) => row.join(',')).join('\n') + '\n');
    writeFileSync(join(dir, 'config.yaml'), ANSWERS_CONFIG);
    report = await validateConfigFile(join(dir, 'config.yaml'), join(dir, 'survey.csv'));
  });

  it('names each answer nobody gave, at its line, with the answers that exist', () => {
    const errors = report.findings.filter(
      (f) => f.severity === 'error' && /professional rule's condition/.test(f.message),
    );
    expect(errors.map((e) => e.message)).toEqual([
      expect.stringMatching(/condition on Q1: nobody in .*survey\.csv answered "Students"; did you mean "Student"\?$/),
      // No close spelling: the answers that exist, most given first.
      expect.stringMatching(
        /condition on Q5: nobody in .*survey\.csv answered "Dgo"; its answers in the file: "Cat", "Dog"$/,
      ),
      expect.stringMatching(/condition on Q8 names a question with no column in .*survey\.csv/),
    ]);
    expect(errors.map((e) => e.line)).toEqual([
      lineOf(ANSWERS_CONFIG, '{ question: Q1'),
      lineOf(ANSWERS_CONFIG, 'Cat, Dgo'),
      lineOf(ANSWERS_CONFIG, '{ question: Q8'),
    ]);
    expect(
      report.findings.filter((f) => /completeness names Q7, which has no column/.test(f.message)).map((f) => f.line),
    ).toEqual([lineOf(ANSWERS_CONFIG, 'complete:')]);
    // Q5 is read for the rule, so it no longer counts as a question the config does not mention.
    expect(report.findings.some((f) => /Q5 \("Which pets/.test(f.message))).toBe(false);
  });
});

const ZIP_2021 = new URL('../../../../shared/data/kaggle/2021/kaggle-survey-2021.zip', import.meta.url).pathname;

describe('config:validate on the reviewed 2021 config and the real 2021 zip', () => {
  it('finds no problems and summarises questions, features and respondents', async () => {
    const report = await validateConfigFile(builtInConfigPath(2021), ZIP_2021);
    expect(report.findings).toEqual([]);
    expect(report.summary).toMatch(/^2021: 36 questions \(27 clustered, 9 profile\), \d+ features; 25,973 respondents/);
    expect(await main([builtInConfigPath(2021)])).toBe(0);
  }, 120_000);
});
