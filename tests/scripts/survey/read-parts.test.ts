/**
 * A large survey file is read in two parts at once (read.ts, ReadOptions.parallelFrom): these files are
 * small, so `parallelFrom: 1` makes the reader split them. The table, and every error, must be the ones a
 * single reading gives.
 */
import { createWriteStream, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import yazl from 'yazl';
import { builtInConfigPath, loadConfig } from '../../../scripts/config/load.js';
import { readConfiguredSurvey } from '../../../scripts/config/read-configured.js';
import { createRandom } from '../../../scripts/infra/random.js';
import { neededColumn } from '../../../scripts/segment/encode.js';
import { type ReadOptions, readSurvey, recordBoundaryAfter } from '../../../scripts/survey/read.js';
import { realZip } from '../../helpers/real-sample.js';
import { tempDir } from '../../helpers/tiny-survey.js';

const CODES = ['Time', 'Q1', 'Q2_Part_1', 'Q2_Part_2', 'Q3', 'Q4_OTHER'];
const TEXTS = ['Duration', 'Role', 'Languages - Python', 'Languages - R', 'Years, "coding"', 'Other'];
const ROLES = ['Data Scientist', 'Student', 'Analyst, "senior"', 'Engineer\nof data', ' Padded ', 'nan', ''];

const field = (text: string) => (/[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);

/** Quoted commas, quotes and newlines in cells, blank lines, cells read as blank: what splitting could get wrong. */
function surveyText(rows: number, seed: number, newline = '\n'): string {
  const random = createRandom(seed);
  const pick = <T>(values: T[]) => values[Math.floor(random() * values.length)];
  const lines = [CODES.map(field).join(','), TEXTS.map(field).join(',')];
  for (let r = 0; r < rows; r++) {
    lines.push(
      [
        String(100 + r),
        pick(ROLES),
        pick(['Python', '']),
        pick(['R', '']),
        pick(['1-2 years', '"< 1" year', '']),
        // A carriage return alone in a quoted cell is a line to csv-parse (Kaggle 2017 has them).
        random() < 0.05 ? `free text ${r}, "quoted"\nover\rlines` : '',
      ]
        .map(field)
        .join(','),
    );
    if (random() < 0.02) lines.push('');
  }
  return lines.join(newline) + newline;
}

/** The file read in one part and with a split wherever it can be made; `split`: whether it was, and the table without that mark. */
async function bothWays(path: string, options: ReadOptions = {}) {
  const [whole, inParts] = await Promise.all([
    readSurvey(path, { ...options, parallelFrom: Number.POSITIVE_INFINITY }).catch((error: Error) => error),
    readSurvey(path, { ...options, parallelFrom: 1 }).catch((error: Error) => error),
  ]);
  if (inParts instanceof Error) return { whole, parts: inParts, split: false };
  const { parts: count, ...parts } = inParts;
  return { whole, parts, split: count === 2 };
}

function zipOf(path: string, name: string, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const zip = new yazl.ZipFile();
    zip.addBuffer(Buffer.from(text), name);
    zip.outputStream.pipe(createWriteStream(path)).on('close', resolve).on('error', reject);
    zip.end();
  });
}

describe('reading a survey in two parts', () => {
  it('gives the table of one reading: codes, texts, dictionaries in first-seen order, lines of rows', async () => {
    const dir = tempDir();
    for (const [seed, newline] of [
      [1, '\n'],
      [2, '\r\n'],
    ] as const) {
      const path = join(dir, `survey-${seed}.csv`);
      writeFileSync(path, `\ufeff${surveyText(400, seed, newline)}`);
      const { whole, parts, split } = await bothWays(path, { blankCells: ['nan'] });
      expect(whole).not.toBeInstanceOf(Error);
      expect(split).toBe(true);
      expect(parts).toEqual(whole);
      const table = whole as Awaited<ReturnType<typeof readSurvey>>;
      expect(table.rows).toBe(400);
      // A row's line is where it ends: multi-line cells push the later rows' lines on.
      expect(table.lineOfRow[399]).toBeGreaterThan(402);
    }
  });

  it('splits at a newline outside quotes', () => {
    const bytes = Buffer.from('a,b\n"x\ny",1\n"q""\n",2\nz,3\n');
    // From offset 6 (inside the first quoted cell) the next record ends after `"x\ny",1\n`.
    expect(recordBoundaryAfter(bytes, 6)).toBe(12);
    // Inside `"q""\n"`, whose quote is escaped, the newline is still in the cell.
    expect(recordBoundaryAfter(bytes, 17)).toBe(21);
    expect(recordBoundaryAfter(bytes, bytes.length)).toBe(-1);
  });

  it('reads a zip in two parts as in one', async () => {
    const dir = tempDir();
    const path = join(dir, 'survey.zip');
    await zipOf(path, 'kaggle_survey_2020_responses.csv', surveyText(300, 3));
    const { whole, parts, split } = await bothWays(path, { keepColumn: (code) => code !== 'Time' });
    expect(whole).not.toBeInstanceOf(Error);
    expect(split).toBe(true);
    expect(parts).toEqual(whole);
  });

  it('reports a bad row in either part as one reading does: file, line and what was expected', async () => {
    const dir = tempDir();
    const good = surveyText(300, 4).split('\n');
    const broken = (at: number, row: string) => [...good.slice(0, at), row, ...good.slice(at)].join('\n');
    const cases = [
      ['first part, too few fields', broken(20, '1,Student')],
      ['second part, too few fields', broken(good.length - 20, '1,Student')],
      ['second part, an answer too long', broken(good.length - 20, `1,${'x'.repeat(1001)},,,,`)],
      ['second part, an open quote', broken(good.length - 20, '1,"Student,,,,')],
      ['second part, a stray quote', broken(good.length - 20, '1,Stu"dent,,,,')],
    ] as const;
    for (const [name, text] of cases) {
      const path = join(dir, `${name.replaceAll(/[ ,]/g, '-')}.csv`);
      writeFileSync(path, text);
      const { whole, parts } = await bothWays(path);
      expect(whole, name).toBeInstanceOf(Error);
      expect((parts as Error).message, name).toBe((whole as Error).message);
      expect((whole as Error).message, name).toMatch(/\.csv(:\d+)?/);
    }
  });

  it('reports a byte that is not UTF-8 in the second part as one reading does', async () => {
    const dir = tempDir();
    const path = join(dir, 'latin.csv');
    const text = surveyText(300, 5);
    const at = text.lastIndexOf('Student');
    writeFileSync(
      path,
      Buffer.concat([Buffer.from(text.slice(0, at)), Buffer.from('Caf\xe9', 'latin1'), Buffer.from(text.slice(at))]),
    );
    const { whole, parts } = await bothWays(path);
    expect((whole as Error).message).toMatch(/is not valid UTF-8/);
    expect((parts as Error).message).toBe((whole as Error).message);
  });

  it('reads a file whose header runs past the middle in one part', async () => {
    const dir = tempDir();
    const path = join(dir, 'short.csv');
    const codes = [`Duration${'_'.repeat(400)}`, ...CODES.slice(1)];
    writeFileSync(path, `${codes.join(',')}\n${TEXTS.map(field).join(',')}\n1,Student,Python,,,\n2,,,R,,\n`);
    const { whole, parts, split } = await bothWays(path);
    expect(split).toBe(false);
    expect(parts).toEqual(whole);
    expect((whole as { rows: number }).rows).toBe(2);
  });

  // 2017: Latin-1, question texts from the schema file, one header row, carriage returns alone in cells;
  // 2021: the default survey. Both are large enough to be read in two parts by default.
  for (const year of [2017, 2021]) {
    it(`reads real ${year} in two parts as in one`, async () => {
      const { config } = loadConfig(builtInConfigPath(year));
      const read = (parallelFrom?: number) =>
        readConfiguredSurvey(realZip(year), config, { keepColumn: neededColumn(config), parallelFrom });
      const whole = await read(Number.POSITIVE_INFINITY);
      const { parts, ...table } = await read();
      expect(parts).toBe(2);
      expect(table.rows).toBe(whole.rows);
      // node's deep equality: vitest's takes half a minute over 9 million cells.
      expect(isDeepStrictEqual(table, whole)).toBe(true);
    }, 60_000);
  }
});
