/**
 * Multi-select answers joined in one cell (Kaggle 2017, the Stack Overflow survey): choices that contain
 * the delimiter stay whole, and a fragment that is no known choice is reported with its line and column.
 */
import { createWriteStream, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import yazl from 'yazl';
import { readConfiguredSurvey } from '../../../scripts/config/read-configured.js';
import { InputError } from '../../../scripts/infra/errors.js';
import { splitJoinedCell } from '../../../scripts/survey/joined.js';
import { surveyQuestions } from '../../../scripts/survey/questions.js';
import { cellsOf } from '../../helpers/cells.js';
import { tempDir } from '../../helpers/tiny-survey.js';

const EMPLOYMENT = [
  'Employed full-time',
  'Independent contractor, freelancer, or self-employed',
  'Independent contractor',
  'Retired',
];
const longestFirst = (choices: string[]) =>
  choices.map((text, index) => ({ text, index })).sort((a, b) => b.text.length - a.text.length);

describe('splitJoinedCell', () => {
  it('keeps a choice that contains the delimiter whole, even beside a shorter choice it starts with', () => {
    expect(
      splitJoinedCell('Independent contractor, freelancer, or self-employed,Retired', ',', longestFirst(EMPLOYMENT)),
    ).toEqual({ indices: [1, 3] });
    expect(splitJoinedCell('Independent contractor,Employed full-time', ',', longestFirst(EMPLOYMENT))).toEqual({
      indices: [2, 0],
    });
  });

  it('splits on another delimiter (the Stack Overflow survey joins with ";")', () => {
    expect(splitJoinedCell('C;C++;C#', ';', longestFirst(['C', 'C#', 'C++']))).toEqual({ indices: [0, 2, 1] });
  });

  it('returns the first fragment that matches no choice', () => {
    expect(splitJoinedCell('Retired,Astronaut,Employed full-time', ',', longestFirst(EMPLOYMENT))).toEqual({
      unknown: 'Astronaut',
    });
    // A known choice followed by text that is not the delimiter is not a match.
    expect(splitJoinedCell('Retired early', ',', longestFirst(EMPLOYMENT))).toEqual({ unknown: 'Retired early' });
  });
});

/** A 2017-style file: one header row, Latin-1, multi-select answers joined by commas, texts in schema.csv. */
const RESPONSES = [
  'GenderSelect,WorkToolsSelect',
  'Female,"Python,R"',
  'Male,"Laptop + Cloud (AWS, Azure),Python"',
  'Männlich,',
  '',
].join('\r\n');
const SCHEMA = [
  'Column,Question,Asked',
  'GenderSelect,Select your gender identity. - Selected Choice,All',
  'WorkToolsSelect,"Which tools have you used at work? (Select all that apply) - Selected Choice",CodingWorker',
  '',
].join('\n');
const layout = {
  responsesFile: 'multipleChoiceResponses.csv',
  encoding: 'latin1' as const,
  questionTexts: { schemaFile: 'schema.csv', codeColumn: 'Column', textColumn: 'Question' },
  questions: [
    { code: 'GenderSelect' },
    { code: 'WorkToolsSelect', joined: { delimiter: ',', choices: ['Python', 'R', 'Laptop + Cloud (AWS, Azure)'] } },
  ],
};

function zipOf(path: string, entries: Record<string, Buffer>): Promise<void> {
  return new Promise((resolve, reject) => {
    const zip = new yazl.ZipFile();
    for (const [name, bytes] of Object.entries(entries)) zip.addBuffer(bytes, name);
    zip.outputStream.pipe(createWriteStream(path)).on('close', resolve).on('error', reject);
    zip.end();
  });
}

async function failure(promise: Promise<unknown>): Promise<InputError> {
  const error = await promise.then(
    () => null,
    (e) => e,
  );
  expect(error).toBeInstanceOf(InputError);
  return error as InputError;
}

describe('a survey laid out as Kaggle 2017', () => {
  it('reads a zip: one header row, question texts from the schema file, Latin-1, one column per joined choice', async () => {
    const path = join(tempDir(), 'kaggle-survey-2017.zip');
    await zipOf(path, {
      'multipleChoiceResponses.csv': Buffer.from(RESPONSES, 'latin1'),
      'schema.csv': Buffer.from(SCHEMA, 'latin1'),
    });
    const table = await readConfiguredSurvey(path, layout);
    expect(table.rows).toBe(3);
    expect(table.codes).toEqual([
      'GenderSelect',
      'WorkToolsSelect_Part_1',
      'WorkToolsSelect_Part_2',
      'WorkToolsSelect_Part_3',
    ]);
    expect(cellsOf(table.columns.get('GenderSelect')!)).toEqual(['Female', 'Male', 'Männlich']);
    expect(cellsOf(table.columns.get('WorkToolsSelect_Part_1')!)).toEqual(['Python', 'Python', '']);
    expect(cellsOf(table.columns.get('WorkToolsSelect_Part_3')!)).toEqual(['', 'Laptop + Cloud (AWS, Azure)', '']);
    // The question texts are the schema file's, and a draft sees an ordinary multi-select question.
    const questions = surveyQuestions(table);
    expect(questions.map((q) => [q.code, q.type, q.text])).toEqual([
      ['GenderSelect', 'single', 'Select your gender identity.'],
      ['WorkToolsSelect', 'multi', 'Which tools have you used at work? (Select all that apply)'],
    ]);
    expect(questions[1].answers.map((a) => [a.answer, a.count])).toEqual([
      ['Python', 2],
      ['R', 1],
      ['Laptop + Cloud (AWS, Azure)', 1],
    ]);
  });

  it('reads the schema file beside a CSV given alone', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'multipleChoiceResponses.csv'), Buffer.from(RESPONSES, 'latin1'));
    writeFileSync(join(dir, 'schema.csv'), Buffer.from(SCHEMA, 'latin1'));
    const table = await readConfiguredSurvey(join(dir, 'multipleChoiceResponses.csv'), layout);
    expect(table.texts[0]).toBe('Select your gender identity. - Selected Choice');
    expect(table.texts[3]).toBe(
      'Which tools have you used at work? (Select all that apply) - Selected Choice - Laptop + Cloud (AWS, Azure)',
    );
  });

  it('reports a fragment that is no known choice with its line and column', async () => {
    const dir = tempDir();
    const path = join(dir, 'multipleChoiceResponses.csv');
    writeFileSync(path, Buffer.from(RESPONSES.replace('"Python,R"', '"Python,Fortran,R"'), 'latin1'));
    writeFileSync(join(dir, 'schema.csv'), SCHEMA);
    const error = await failure(readConfiguredSurvey(path, layout));
    expect(error.location).toEqual({ file: path, line: 2, column: 'WorkToolsSelect', question: 'WorkToolsSelect' });
    expect(error.message).toBe(
      `${path}:2, column WorkToolsSelect: "Fortran" in "Python,Fortran,R" is not one of the 3 choices of WorkToolsSelect (joined by ","); add it to the question's joined.choices, spelt as in the file`,
    );
  });

  it('names the schema file when it is missing, or lacks the named columns', async () => {
    const dir = tempDir();
    const path = join(dir, 'multipleChoiceResponses.csv');
    writeFileSync(path, Buffer.from(RESPONSES, 'latin1'));
    expect((await failure(readConfiguredSurvey(path, layout))).message).toBe(
      `${join(dir, 'schema.csv')}: cannot read the survey (no such file)`,
    );
    writeFileSync(join(dir, 'schema.csv'), 'Name,Text\nGenderSelect,Gender\n');
    const error = await failure(readConfiguredSurvey(path, layout));
    expect(error.message).toBe(
      `${join(dir, 'schema.csv')}:1: has no "Column" column; the config's questionTexts names columns "Column" and "Question"`,
    );
  });

  it('stops on the Latin-1 file read as UTF-8, naming its line and column', async () => {
    const dir = tempDir();
    const path = join(dir, 'multipleChoiceResponses.csv');
    writeFileSync(path, Buffer.from(RESPONSES, 'latin1'));
    writeFileSync(join(dir, 'schema.csv'), SCHEMA);
    const error = await failure(readConfiguredSurvey(path, { ...layout, encoding: 'utf-8' }));
    expect(error.location).toEqual({ file: path, line: 4, column: 2 });
  });
});
