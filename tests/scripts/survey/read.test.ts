import { createWriteStream, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import yazl from 'yazl';
import { InputError } from '../../../scripts/infra/errors.js';
import { pickResponsesEntry, readSurvey } from '../../../scripts/survey/read.js';
import { cellsOf } from '../../helpers/cells.js';
import { TINY_CODES, TINY_TEXTS, tempDir, tinyCsv, tinyRow, toCsv } from '../../helpers/tiny-survey.js';

const respondents = [
  { role: 'Data Scientist', languages: ['Python', 'SQL'] as const, cloudA: ['AWS'] as const, mlYears: '1-2 years' },
  { role: 'Student', languages: ['R'] as const, cloudB: ['GCP'] as const, mlYears: 'Under 1 year' },
].map((r) => ({
  ...r,
  languages: [...r.languages],
  cloudA: r.cloudA ? [...r.cloudA] : undefined,
  cloudB: r.cloudB ? [...r.cloudB] : undefined,
}));

function zipOf(path: string, entries: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const zip = new yazl.ZipFile();
    for (const [name, text] of Object.entries(entries)) zip.addBuffer(Buffer.from(text), name);
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

describe('readSurvey', () => {
  it('reads codes, question texts and respondent rows of a CSV, with a BOM', async () => {
    const dir = tempDir();
    const path = join(dir, 'survey.csv');
    writeFileSync(path, '\ufeff' + tinyCsv(respondents));
    const table = await readSurvey(path);
    expect(table.codes).toEqual(TINY_CODES);
    expect(table.texts).toEqual(TINY_TEXTS);
    expect(table.rows).toBe(2);
    expect(cellsOf(table.columns.get('Q1')!)).toEqual(['Data Scientist', 'Student']);
    expect(cellsOf(table.columns.get('Q2_Part_3')!)).toEqual(['SQL', '']);
    expect(table.source.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(Array.from(table.lineOfRow)).toEqual([3, 4]);
  });

  it('keeps only the columns asked for', async () => {
    const dir = tempDir();
    const path = join(dir, 'survey.csv');
    writeFileSync(path, tinyCsv(respondents));
    const table = await readSurvey(path, { keepColumn: (c) => c.startsWith('Q2') });
    expect([...table.columns.keys()]).toEqual(['Q2_Part_1', 'Q2_Part_2', 'Q2_Part_3', 'Q2_OTHER']);
    expect(table.codes).toHaveLength(TINY_CODES.length);
  });

  it('reads the configured blank markers as empty cells', async () => {
    const dir = tempDir();
    const path = join(dir, 'survey.csv');
    writeFileSync(path, tinyCsv(respondents).replace(',SQL,', ',nan,'));
    const table = await readSurvey(path, { blankCells: ['nan'] });
    expect(cellsOf(table.columns.get('Q2_Part_3')!)).toEqual(['', '']);
  });

  it('reads the responses CSV inside a zip as Kaggle ships it', async () => {
    const dir = tempDir();
    const path = join(dir, 'kaggle.zip');
    await zipOf(path, { 'supplementary/answer_choices.csv': 'a,b\n', 'tiny_responses.csv': tinyCsv(respondents) });
    const table = await readSurvey(path, { responsesFile: 'tiny_responses.csv' });
    expect(table.rows).toBe(2);
    expect(table.source.entry).toBe('tiny_responses.csv');
    expect(table.source.displayName).toBe(`${path}:tiny_responses.csv`);
  });

  it('names a missing file', async () => {
    const error = await failure(readSurvey('/nonexistent/survey.csv'));
    expect(error.message).toBe('/nonexistent/survey.csv: cannot read the survey (no such file)');
  });

  it('names a path that cannot be opened', async () => {
    const dir = tempDir();
    const file = join(dir, 'plain.csv');
    writeFileSync(file, tinyCsv(respondents));
    // A file used as a directory: unreadable for anyone, root included.
    expect((await failure(readSurvey(join(file, 'survey.csv')))).message).toBe(
      `${join(file, 'survey.csv')}: cannot read the survey (ENOTDIR)`,
    );
  });

  it('names a directory given as the survey', async () => {
    const dir = tempDir();
    expect((await failure(readSurvey(dir))).message).toContain('is not a file');
  });

  it('rejects an empty file', async () => {
    const dir = tempDir();
    const path = join(dir, 'empty.csv');
    writeFileSync(path, '');
    expect((await failure(readSurvey(path))).message).toBe(
      `${path}: is empty; expected the survey CSV or Kaggle's zip`,
    );
  });

  it('rejects a file with headers but no respondents', async () => {
    const dir = tempDir();
    const path = join(dir, 'headers.csv');
    writeFileSync(path, toCsv([TINY_CODES, TINY_TEXTS]));
    expect((await failure(readSurvey(path))).message).toContain('holds no respondent rows');
  });

  it('rejects a zip without a responses CSV, listing what it holds', async () => {
    const dir = tempDir();
    const path = join(dir, 'other.zip');
    await zipOf(path, { 'notes.txt': 'hello', 'schema.csv': 'a\n' });
    const error = await failure(readSurvey(path, { responsesFile: 'kaggle_survey_2021_responses.csv' }));
    expect(error.message).toContain('holds no survey responses CSV');
    expect(error.message).toContain('notes.txt, schema.csv');
  });

  it('names the candidates when a zip holds several responses CSVs and none is named', async () => {
    const dir = tempDir();
    const path = join(dir, 'two.zip');
    await zipOf(path, {
      'freeFormResponses.csv': 'a\n',
      'multipleChoiceResponses.csv': 'a\n',
      'SurveySchema.csv': 'a\n',
    });
    const error = await failure(readSurvey(path));
    expect(error.message).toContain(
      'holds 2 candidate responses CSVs (freeFormResponses.csv, multipleChoiceResponses.csv)',
    );
    expect(error.message).toContain('--responses-file NAME');
  });

  it('names the line of a row with the wrong number of fields', async () => {
    const dir = tempDir();
    const path = join(dir, 'ragged.csv');
    const rows = [TINY_CODES, TINY_TEXTS, tinyRow(respondents[0]), tinyRow(respondents[1]).slice(0, 5)];
    writeFileSync(path, toCsv(rows));
    const error = await failure(readSurvey(path));
    expect(error.location.line).toBe(4);
    expect(error.message).toBe(`${path}:4: row has 5 fields; expected ${TINY_CODES.length} as in the header row`);
  });

  it('names the line of broken CSV quoting', async () => {
    const dir = tempDir();
    const path = join(dir, 'quotes.csv');
    writeFileSync(path, toCsv([TINY_CODES, TINY_TEXTS]) + '100,"Data Scien"tist,,,,,,,,,\n');
    const error = await failure(readSurvey(path));
    expect(error.message).toMatch(/quotes\.csv:3: is not a valid CSV/);
  });
});

describe('pickResponsesEntry', () => {
  it('prefers the configured name, else the single *responses*.csv', () => {
    expect(
      pickResponsesEntry(['a/kaggle_survey_2021_responses.csv', 'b.pdf'], 'kaggle_survey_2021_responses.csv'),
    ).toBe('a/kaggle_survey_2021_responses.csv');
    expect(pickResponsesEntry(['x_responses.csv', 'y.csv'], undefined)).toBe('x_responses.csv');
    expect(pickResponsesEntry(['x_responses.csv', 'y_responses.csv'], undefined)).toBeUndefined();
    expect(pickResponsesEntry(['__MACOSX/x_responses.csv'], undefined)).toBeUndefined();
  });
});
