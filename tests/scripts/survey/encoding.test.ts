import { createWriteStream, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import yazl from 'yazl';
import { SurveyConfigSchema } from '../../../scripts/config/schema.js';
import { InputError } from '../../../scripts/infra/errors.js';
import { firstInvalidUtf8, readSurvey } from '../../../scripts/survey/read.js';
import { cellsOf } from '../../helpers/cells.js';
import { tempDir, tinyConfig, tinyCsv } from '../../helpers/tiny-survey.js';

const people = [
  { role: 'Data Scientist', languages: ['Python' as const], mlYears: '1-2 years' },
  { role: 'Analyst', languages: ['R' as const], mlYears: 'Under 1 year' },
];

async function failure(promise: Promise<unknown>): Promise<InputError> {
  const error = await promise.then(
    () => null,
    (e) => e,
  );
  expect(error).toBeInstanceOf(InputError);
  return error as InputError;
}

/** The tiny survey with its second respondent's role replaced by these bytes. */
function withRole(role: Buffer): Buffer {
  const [before, after] = tinyCsv(people).split('Analyst');
  return Buffer.concat([Buffer.from(before), role, Buffer.from(after)]);
}

describe('survey encoding', () => {
  it('stops at bytes that are not UTF-8, naming the file, the line and the column', async () => {
    const path = join(tempDir(), 'survey.csv');
    // Line 4 is the second respondent: "100," then "Caf" then Latin-1's é (0xE9), at character 8.
    writeFileSync(path, withRole(Buffer.from('Caf\xe9 owner', 'latin1')));
    const error = await failure(readSurvey(path));
    expect(error.location).toEqual({ file: path, line: 4, column: 8 });
    expect(error.message).toBe(
      `${path}:4, column 8: is not valid UTF-8: byte 0xE9 does not start a valid UTF-8 character; the config's "encoding" says utf-8 (a Latin-1 file needs \`encoding: latin1\`)`,
    );
  });

  it('counts the column in characters, so multi-byte characters before the bad byte count once', async () => {
    const path = join(tempDir(), 'survey.csv');
    writeFileSync(path, withRole(Buffer.concat([Buffer.from('Ünïcode ', 'utf8'), Buffer.from([0xc3, 0x28])])));
    const error = await failure(readSurvey(path));
    expect(error.location).toMatchObject({ line: 4, column: 13 });
  });

  it('reads a Latin-1 file declared as such, and the same bytes as windows-1252 where they differ', async () => {
    const path = join(tempDir(), 'survey.csv');
    writeFileSync(path, withRole(Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x80])));
    const latin1 = await readSurvey(path, { encoding: 'latin1' });
    expect(cellsOf(latin1.columns.get('Q1')!)).toEqual(['Data Scientist', 'Café \u0080']);
    const windows = await readSurvey(path, { encoding: 'windows-1252' });
    expect(cellsOf(windows.columns.get('Q1')!)).toEqual(['Data Scientist', 'Café €']);
  });

  it('keeps multi-byte characters whole across read chunks, and finds a bad byte far into the file', async () => {
    const path = join(tempDir(), 'survey.csv');
    // 40,000 rows of a three-byte character cross every 64 KiB chunk boundary at some offset.
    const many = Array.from({ length: 40_000 }, () => ({
      role: '€ engineer',
      languages: ['SQL' as const],
      mlYears: '3+ years',
    }));
    writeFileSync(path, tinyCsv(many));
    const table = await readSurvey(path, { keepColumn: (c) => c === 'Q1' });
    expect(new Set(cellsOf(table.columns.get('Q1')!))).toEqual(new Set(['€ engineer']));
    writeFileSync(path, Buffer.concat([Buffer.from(tinyCsv(many)), Buffer.from('100,\xff', 'latin1')]));
    const error = await failure(readSurvey(path));
    expect(error.location).toMatchObject({ line: 40_003, column: 5 });
  });

  it('reports a file that ends inside a multi-byte character', async () => {
    const path = join(tempDir(), 'survey.csv');
    writeFileSync(
      path,
      Buffer.concat([Buffer.from(tinyCsv(people)), Buffer.from('100,Caf'), Buffer.from([0xe2, 0x82])]),
    );
    const error = await failure(readSurvey(path));
    expect(error.location).toMatchObject({ line: 5, column: 8 });
    expect(error.message).toContain('the file ends inside a multi-byte character');
  });

  it('checks the CSV inside a zip too, naming the entry', async () => {
    const path = join(tempDir(), 'survey.zip');
    await new Promise<void>((resolve, reject) => {
      const zip = new yazl.ZipFile();
      zip.addBuffer(withRole(Buffer.from([0x41, 0xa0])), 'tiny_responses.csv');
      zip.outputStream
        .pipe(createWriteStream(path))
        .on('close', () => resolve())
        .on('error', reject);
      zip.end();
    });
    const error = await failure(readSurvey(path));
    expect(error.location).toEqual({ file: `${path}:tiny_responses.csv`, line: 4, column: 6 });
  });

  it('finds the first ill-formed sequence: overlong, surrogate, above U+10FFFF, stray continuation', () => {
    const at = (...bytes: number[]) => firstInvalidUtf8(Uint8Array.from(bytes));
    expect(at(0x41, 0xc3, 0xa9, 0x42)).toBe(4);
    expect(at(0x41, 0xc0, 0x80)).toBe(1);
    expect(at(0xe0, 0x80, 0x80)).toBe(0);
    expect(at(0x41, 0xed, 0xa0, 0x80)).toBe(1);
    expect(at(0xf4, 0x90, 0x80, 0x80)).toBe(0);
    expect(at(0x41, 0x42, 0x80)).toBe(2);
    expect(at(0xf0, 0x9f, 0x98, 0x80, 0xe2, 0x82)).toBe(4);
  });
});

describe("the config's encoding", () => {
  it('is optional, writes no default (configs without it keep their hash), and names a known encoding', () => {
    expect(SurveyConfigSchema.parse(tinyConfig())).not.toHaveProperty('encoding');
    expect(SurveyConfigSchema.parse(tinyConfig({ encoding: 'latin1' })).encoding).toBe('latin1');
    const wrong = SurveyConfigSchema.safeParse(tinyConfig({ encoding: 'ebcdic' as 'latin1' }));
    expect(wrong.success).toBe(false);
    expect(JSON.stringify(wrong.error?.issues[0].path)).toBe('["encoding"]');
  });
});
