/**
 * The corpus of odd and broken inputs, one row per case: how to make the input, the arguments, and what must
 * happen. A case passes when it is a clear error (its exit code, words naming the file, line or flag, no
 * stack trace, a short message) that leaves every earlier output and the registry byte for byte as they
 * were, or a correct run that changes only what it says it changes. No case may leave a temporary file or a
 * lock behind.
 *
 * Each case runs in a copy of one baseline: a good run of the tiny survey (its document, run log, labels and
 * registry), and, for the real-data cases, an earlier 2021 output and the project's real 2021 registry.
 * Inputs are tiny generated files or small samples of the real surveys. The command runs in-process
 * (`main(argv)`), except the signal cases, which need a process to signal.
 *
 * CORPUS_REPORT=FILE writes every case with its outcome and message, one line each.
 */
import { execFileSync, spawn } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  createWriteStream,
  mkdirSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import yazl from 'yazl';
import { main } from '../../scripts/cli/segment.js';
import { OutputUnit } from '../../scripts/infra/output-unit.js';
import { captureStderr } from '../helpers/capture-stderr.js';
import { realRecords, realZip } from '../helpers/real-sample.js';
import { tinyPopulation } from '../helpers/tiny-population.js';
import {
  ML_YEARS,
  TINY_CODES,
  TINY_TEXTS,
  type TinyRespondent,
  tempDir,
  tinyConfig,
  tinyCsv,
  tinyRow,
  toCsv,
} from '../helpers/tiny-survey.js';

const stderr = captureStderr();
const ROOT = new URL('../..', import.meta.url).pathname;
const IS_ROOT = process.getuid?.() === 0;

/** Where one case runs: a copy of the baseline. */
interface Context {
  dir: string;
  out: string;
  content: string;
  yaml: string;
  csv: string;
  labels: string;
  /** The tiny survey's document, run log, labels and registry of the baseline run. */
  document: string;
  registry: string;
  /** A file in the case's directory. */
  file(name: string, data?: string | Buffer): string;
  /** Another run's hold on outputs, let go once the case's run has ended. */
  whileRunning(unit: OutputUnit): void;
}

type Change = 'nothing' | 'outputs' | 'outputs and registry';

interface Case {
  name: string;
  /** Makes the input and returns the command's arguments. */
  args: (ctx: Context) => string[] | Promise<string[]>;
  code: number;
  /** Words the message must contain; `{dir}` stands for the case's directory. */
  words: (string | RegExp)[];
  /** What a run may change; failures change nothing. */
  changes?: Change;
}

// ---------------------------------------------------------------------------------------------------------
// Inputs

const POPULATION = tinyPopulation();

function tinyArgs(ctx: Context, input: string, ...extra: string[]): string[] {
  return [
    '--config',
    ctx.yaml,
    '--input',
    input,
    '--out',
    ctx.out,
    '--content',
    ctx.content,
    '--clusters',
    '2',
    '--stability',
    '0',
    '--labels-csv',
    ctx.labels,
    ...extra,
  ];
}

/** The tiny survey with one cell replaced (row 0-based among respondents, column by code). */
function tinyWith(row: number, code: string, value: string): string {
  const rows = [TINY_CODES, TINY_TEXTS, ...POPULATION.map(tinyRow)];
  rows[2 + row][TINY_CODES.indexOf(code)] = value;
  return toCsv(rows);
}

function zipOf(path: string, entries: Record<string, string | Buffer>, compress = true): Promise<string> {
  return new Promise((resolve, reject) => {
    const zip = new yazl.ZipFile();
    for (const [name, data] of Object.entries(entries))
      zip.addBuffer(Buffer.isBuffer(data) ? data : Buffer.from(data), name, { compress });
    zip.outputStream
      .pipe(createWriteStream(path))
      .on('close', () => resolve(path))
      .on('error', reject);
    zip.end();
  });
}

/** A zip whose entry is stored (not deflated) with one byte of its data changed: only the CRC can tell. */
async function crcDamagedZip(path: string, name: string, csv: string): Promise<string> {
  await zipOf(path, { [name]: csv }, false);
  const bytes = readFileSync(path);
  const at = bytes.indexOf(Buffer.from(csv.slice(200, 240))) + 5;
  bytes[at] = bytes[at] === 0x41 ? 0x42 : 0x41;
  writeFileSync(path, bytes);
  return path;
}

const real2021 = (rows: number) => realRecords(2021, 'kaggle_survey_2021_responses.csv', rows + 2);
const realCsv = async (year: number, entry: string, rows: number) => toCsv(await realRecords(year, entry, rows + 2));

function real2021Args(ctx: Context, input: string, ...extra: string[]): string[] {
  return [
    '--survey',
    '2021',
    '--input',
    input,
    '--out',
    join(ctx.dir, 'out2021'),
    '--content',
    join(ctx.dir, 'content2021'),
    '--stability',
    '0',
    ...extra,
  ];
}

async function real2021With(rows: number, edit: (records: string[][]) => void): Promise<string> {
  const records = (await real2021(rows)).map((r) => [...r]);
  edit(records);
  return toCsv(records);
}

function column(records: string[][], code: string): number {
  const index = records[0].indexOf(code);
  if (index < 0) throw new Error(`no column ${code}`);
  return index;
}

const identical = (n: number, r: TinyRespondent) => Array.from({ length: n }, () => r);
const SCIENTIST: TinyRespondent = {
  role: 'Data Scientist',
  languages: ['Python'],
  cloudA: ['AWS'],
  mlYears: '3+ years',
};
const STUDENT: TinyRespondent = { role: 'Student', languages: ['R'], cloudB: ['GCP'], mlYears: 'Under 1 year' };
const huge = (n: number) => 'x'.repeat(n);

// ---------------------------------------------------------------------------------------------------------
// The corpus

const CASES: Case[] = [
  // The input file itself.
  {
    name: 'missing input file',
    args: (c) => tinyArgs(c, join(c.dir, 'nope.csv')),
    code: 1,
    words: ['nope.csv', 'no such file'],
  },
  {
    name: 'empty input file',
    args: (c) => tinyArgs(c, c.file('empty.csv', '')),
    code: 1,
    words: ['empty.csv', 'is empty'],
  },
  { name: 'directory as input', args: (c) => tinyArgs(c, c.dir), code: 1, words: ['{dir}', 'is not a file'] },
  {
    name: 'FIFO as input',
    args: (c) => {
      execFileSync('mkfifo', [join(c.dir, 'pipe.csv')]);
      return tinyArgs(c, join(c.dir, 'pipe.csv'));
    },
    code: 1,
    words: ['pipe.csv', 'FIFO'],
  },
  {
    name: '/proc file as input',
    args: (c) => tinyArgs(c, '/proc/self/status'),
    code: 1,
    words: ['/proc/self/status', 'under /proc'],
  },
  {
    name: '/proc/self/environ as input',
    args: (c) => tinyArgs(c, '/proc/self/environ'),
    code: 1,
    words: ['/proc/self/environ', 'under /proc'],
  },
  {
    name: '/sys file as input',
    args: (c) => tinyArgs(c, '/sys/kernel/mm/transparent_hugepage/enabled'),
    code: 1,
    words: ['/sys/kernel', 'under /sys'],
  },
  { name: '/dev/zero as input', args: (c) => tinyArgs(c, '/dev/zero'), code: 1, words: ['/dev/zero', 'under /dev'] },
  {
    name: 'symbolic link into /proc as input',
    args: (c) => {
      symlinkSync('/proc/self/status', join(c.dir, 'link.csv'));
      return tinyArgs(c, join(c.dir, 'link.csv'));
    },
    code: 1,
    words: ['link.csv', 'under /proc'],
  },
  {
    name: 'dangling symbolic link as input',
    args: (c) => {
      symlinkSync(join(c.dir, 'gone.csv'), join(c.dir, 'dangling.csv'));
      return tinyArgs(c, join(c.dir, 'dangling.csv'));
    },
    code: 1,
    words: ['dangling.csv', 'no such file'],
  },
  {
    name: 'header row only',
    args: (c) => tinyArgs(c, c.file('h.csv', TINY_CODES.join(',') + '\n')),
    code: 1,
    words: ['h.csv', 'ends after the header row'],
  },
  {
    name: 'two header rows, no respondents',
    args: (c) => tinyArgs(c, c.file('h2.csv', toCsv([TINY_CODES, TINY_TEXTS]))),
    code: 1,
    words: ['h2.csv', 'no respondent rows'],
  },
  {
    name: 'only blank lines',
    args: (c) => tinyArgs(c, c.file('blank.csv', '\n\n\n')),
    code: 1,
    words: ['blank.csv', 'is empty'],
  },
  {
    name: 'truncated in the middle of a row',
    args: (c) => {
      const t = tinyCsv(POPULATION);
      return tinyArgs(c, c.file('cut.csv', t.slice(0, Math.floor(t.length / 2))));
    },
    code: 1,
    words: [/cut\.csv:\d+, column Q\d/],
  },
  {
    name: 'truncated inside a quoted field',
    args: (c) => tinyArgs(c, c.file('cutq.csv', tinyCsv(POPULATION) + '100,"Data Sci')),
    code: 1,
    words: ['cutq.csv', 'not a valid CSV', 'quote'],
  },
  {
    name: 'stray quote inside a field',
    args: (c) => tinyArgs(c, c.file('stray.csv', tinyWith(3, 'Q1', 'x').replace(',x,', ',Data "Scientist,'))),
    code: 1,
    words: ['stray.csv', ':6', 'not a valid CSV'],
  },
  {
    name: 'quote closed in the middle of a field',
    args: (c) => tinyArgs(c, c.file('mid.csv', tinyWith(4, 'Q1', 'x').replace(',x,', ',"Data" Scientist,'))),
    code: 1,
    words: ['mid.csv', ':7', 'not a valid CSV'],
  },
  {
    name: 'row with too few fields',
    args: (c) => tinyArgs(c, c.file('few.csv', tinyCsv(POPULATION) + '100,Analyst\n')),
    code: 1,
    words: ['few.csv', ':93', 'row has 2 fields; expected 11'],
  },
  {
    name: 'row with too many fields',
    args: (c) => tinyArgs(c, c.file('many.csv', tinyCsv(POPULATION) + '100,Analyst,,,,,,,,,,,,\n')),
    code: 1,
    words: ['many.csv', ':93', 'row has 14 fields; expected 11'],
  },
  {
    name: 'question-text row with a field missing',
    args: (c) => tinyArgs(c, c.file('texts.csv', toCsv([TINY_CODES, TINY_TEXTS.slice(1), ...POPULATION.map(tinyRow)]))),
    code: 1,
    words: ['texts.csv', ':2', 'expected 11'],
  },
  {
    name: 'random bytes',
    args: (c) =>
      tinyArgs(c, c.file('noise.csv', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 2654435761) >>> 24)))),
    code: 1,
    words: ['noise.csv', 'not valid UTF-8', /:\d+, column \d+/],
  },

  // Column codes.
  {
    name: 'duplicated multi-select column code',
    args: (c) => tinyArgs(c, c.file('dup.csv', tinyCsv(POPULATION).replace('Q2_Part_2', 'Q2_Part_1'))),
    code: 1,
    words: ['dup.csv:1, column 4', '"Q2_Part_1" appears twice', 'columns 3 and 4'],
  },
  {
    name: 'duplicated single-choice column code',
    args: (c) => tinyArgs(c, c.file('dup1.csv', tinyCsv(POPULATION).replace(',Q4', ',Q1'))),
    code: 1,
    words: ['dup1.csv:1, column 11', '"Q1" appears twice'],
  },
  {
    name: 'codes equal once trimmed',
    args: (c) => tinyArgs(c, c.file('dupt.csv', tinyCsv(POPULATION).replace(',Q2_Part_2,', ', Q2_Part_1 ,'))),
    code: 1,
    words: ['dupt.csv:1, column 4', 'appears twice'],
  },
  {
    name: 'duplicated unconfigured column code',
    args: (c) => tinyArgs(c, c.file('dupt2.csv', tinyCsv(POPULATION).replace('Time,', 'Q2_OTHER,'))),
    code: 1,
    words: ['dupt2.csv:1, column 6', '"Q2_OTHER" appears twice'],
  },

  // Encoding.
  {
    name: 'Latin-1 byte in an unordered answer',
    args: (c) => tinyArgs(c, c.file('latin1.csv', Buffer.from(tinyWith(5, 'Q1', 'Caf\u00e9 owner'), 'latin1'))),
    code: 1,
    words: ['latin1.csv:8, column 8', 'not valid UTF-8', 'byte 0xE9', 'encoding: latin1'],
  },
  {
    name: 'Latin-1 byte in the header row',
    args: (c) =>
      tinyArgs(c, c.file('latin1h.csv', Buffer.from(tinyCsv(POPULATION).replace('Time', 'T\u00eeme'), 'latin1'))),
    code: 1,
    words: ['latin1h.csv:1, column 2', 'not valid UTF-8'],
  },
  {
    name: 'Latin-1 byte in a question text',
    args: (c) =>
      tinyArgs(c, c.file('latin1t.csv', Buffer.from(tinyCsv(POPULATION).replace('Duration', 'Dur\u00e9e'), 'latin1'))),
    code: 1,
    words: ['latin1t.csv:2, column 4', 'not valid UTF-8'],
  },
  {
    name: 'file ends inside a multi-byte character',
    args: (c) =>
      tinyArgs(
        c,
        c.file('cututf.csv', Buffer.concat([Buffer.from(tinyCsv(POPULATION) + '100,'), Buffer.from([0xe2, 0x82])])),
      ),
    code: 1,
    words: ['cututf.csv:93, column 5', 'ends inside a multi-byte character'],
  },
  {
    name: 'overlong UTF-8 encoding',
    args: (c) =>
      tinyArgs(
        c,
        c.file('overlong.csv', Buffer.concat([Buffer.from(tinyCsv(POPULATION) + '100,'), Buffer.from([0xc0, 0xaf])])),
      ),
    code: 1,
    words: ['overlong.csv:93, column 5', 'byte 0xC0'],
  },
  {
    name: 'UTF-16 file',
    args: (c) =>
      tinyArgs(
        c,
        c.file('utf16.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(tinyCsv(POPULATION), 'utf16le')])),
      ),
    code: 1,
    words: ['utf16.csv:1, column 1', 'byte 0xFF'],
  },
  {
    name: 'UTF-8 surrogate code point',
    args: (c) =>
      tinyArgs(
        c,
        c.file(
          'surrogate.csv',
          Buffer.concat([Buffer.from(tinyCsv(POPULATION) + '100,'), Buffer.from([0xed, 0xa0, 0x80])]),
        ),
      ),
    code: 1,
    words: ['surrogate.csv:93, column 5', 'byte 0xED'],
  },
  {
    name: 'UTF-8 BOM and multi-byte answers (a correct run)',
    args: (c) =>
      tinyArgs(
        c,
        c.file(
          'bom.csv',
          '\ufeff' + tinyCsv(POPULATION.map((r) => (r.role === 'Analyst' ? { ...r, role: 'Analyste financière' } : r))),
        ),
      ),
    code: 0,
    words: ['wrote', 'registry: updating'],
    changes: 'outputs and registry',
  },
  {
    name: 'Latin-1 file declared latin1 (a correct run)',
    args: (c) => {
      writeFileSync(c.yaml, stringify(tinyConfig({ respondents: 90, encoding: 'latin1' })));
      return tinyArgs(
        c,
        c.file(
          'declared.csv',
          Buffer.from(
            tinyCsv(POPULATION.map((r) => (r.role === 'Analyst' ? { ...r, role: 'Analyste financière' } : r))),
            'latin1',
          ),
        ),
      );
    },
    code: 0,
    words: ['wrote', '90 respondents'],
    changes: 'outputs and registry',
  },

  // Over-long answers.
  {
    name: '50 MB answer in an unordered question',
    args: (c) => tinyArgs(c, c.file('huge.csv', tinyWith(7, 'Q1', huge(50_000_000)))),
    code: 1,
    words: ['huge.csv:10, column Q1', '50,000,000 characters', 'expected at most 1000'],
  },
  {
    name: '50 MB answer in an ordered question',
    args: (c) => tinyArgs(c, c.file('hugeo.csv', tinyWith(8, 'Q4', huge(50_000_000)))),
    code: 1,
    words: ['hugeo.csv:11, column Q4', '50,000,000 characters'],
  },
  {
    name: '2,000-character answer in a multi-select column',
    args: (c) => tinyArgs(c, c.file('longm.csv', tinyWith(2, 'Q2_Part_1', huge(2000)))),
    code: 1,
    words: ['longm.csv:5, column Q2_Part_1', '2,000 characters'],
  },
  {
    name: 'long answer in a column nobody configured is ignored (a correct run)',
    args: (c) => tinyArgs(c, c.file('longother.csv', tinyWith(2, 'Time', huge(5000)))),
    code: 0,
    words: ['wrote'],
    changes: 'outputs and registry',
  },
  {
    name: 'answer outside an ordered list',
    args: (c) => tinyArgs(c, c.file('unlisted.csv', tinyWith(0, 'Q4', '7 years'))),
    code: 1,
    words: ['unlisted.csv:3, column Q4', '"7 years" is not in the configured order'],
  },
  {
    name: '900-character answer outside an ordered list: quoted value cut',
    args: (c) => tinyArgs(c, c.file('unlistedlong.csv', tinyWith(0, 'Q4', huge(900)))),
    code: 1,
    words: ['unlistedlong.csv:3, column Q4', '… (900 characters)'],
  },

  // Zips.
  {
    name: 'zip entry failing its CRC check',
    args: async (c) =>
      tinyArgs(c, await crcDamagedZip(join(c.dir, 'crc.zip'), 'tiny_responses.csv', tinyCsv(POPULATION))),
    code: 1,
    words: ['crc.zip:tiny_responses.csv', 'fails its CRC-32 check'],
  },
  {
    name: 'zip with damaged deflate data',
    args: async (c) => {
      const p = await zipOf(join(c.dir, 'deflate.zip'), { 'tiny_responses.csv': tinyCsv(POPULATION) });
      const b = readFileSync(p);
      for (let i = 60; i < 90; i++) b[i] ^= 0x5a;
      writeFileSync(p, b);
      return tinyArgs(c, p);
    },
    code: 1,
    words: ['deflate.zip'],
  },
  {
    name: 'zip cut in half',
    args: async (c) => {
      const p = await zipOf(join(c.dir, 'half.zip'), { 'tiny_responses.csv': tinyCsv(POPULATION) });
      const b = readFileSync(p);
      writeFileSync(p, b.subarray(0, b.length >> 1));
      return tinyArgs(c, p);
    },
    code: 1,
    words: ['half.zip', 'not a readable zip archive'],
  },
  {
    name: 'zip magic then garbage',
    args: (c) =>
      tinyArgs(c, c.file('magic.zip', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100, 7)]))),
    code: 1,
    words: ['magic.zip', 'not a readable zip archive'],
  },
  {
    name: 'zip without a responses CSV',
    args: async (c) =>
      tinyArgs(c, await zipOf(join(c.dir, 'other.zip'), { 'readme.txt': 'hello', 'schema.csv': 'a,b\n' })),
    code: 1,
    words: ['other.zip', 'holds no survey responses CSV', 'readme.txt'],
  },
  {
    name: 'zip with two candidate responses CSVs',
    args: async (c) =>
      tinyArgs(
        c,
        await zipOf(join(c.dir, 'two.zip'), {
          'a_responses.csv': tinyCsv(POPULATION),
          'b_responses.csv': tinyCsv(POPULATION),
        }),
      ),
    code: 1,
    words: ['two.zip', 'holds no survey responses CSV', 'found a_responses.csv, b_responses.csv'],
  },
  {
    name: 'zip with an empty responses CSV',
    args: async (c) => tinyArgs(c, await zipOf(join(c.dir, 'emptyentry.zip'), { 'tiny_responses.csv': '' })),
    code: 1,
    words: ['emptyentry.zip:tiny_responses.csv', 'is empty'],
  },
  {
    name: 'empty zip',
    args: async (c) => tinyArgs(c, await zipOf(join(c.dir, 'nothing.zip'), {})),
    code: 1,
    words: ['nothing.zip'],
  },
  {
    name: 'zip with the CSV under __MACOSX only',
    args: async (c) =>
      tinyArgs(c, await zipOf(join(c.dir, 'mac.zip'), { '__MACOSX/tiny_responses.csv': tinyCsv(POPULATION) })),
    code: 1,
    words: ['mac.zip', 'holds no survey responses CSV'],
  },
  {
    name: 'zip holding the survey (a correct run)',
    args: async (c) => tinyArgs(c, await zipOf(join(c.dir, 'good.zip'), { 'tiny_responses.csv': tinyCsv(POPULATION) })),
    code: 0,
    words: ['wrote', '90 respondents'],
    changes: 'outputs and registry',
  },
  {
    name: 'Latin-1 byte inside a zip entry',
    args: async (c) =>
      tinyArgs(
        c,
        await zipOf(join(c.dir, 'latin.zip'), {
          'tiny_responses.csv': Buffer.from(tinyWith(1, 'Q1', 'Caf\u00e9'), 'latin1'),
        }),
      ),
    code: 1,
    words: ['latin.zip:tiny_responses.csv:4, column 8', 'not valid UTF-8'],
  },

  // What cannot be segmented.
  {
    name: 'nobody answered anything',
    args: (c) => tinyArgs(c, c.file('nobody.csv', tinyCsv(identical(90, {})))),
    code: 1,
    words: ['nobody.csv', 'no respondent answered the clustered questions'],
  },
  {
    name: '3,000 identical respondents',
    args: (c) => tinyArgs(c, c.file('same.csv', tinyCsv(identical(3000, SCIENTIST)))),
    code: 1,
    words: ['same.csv', 'all 3000 kept respondents gave identical answers'],
  },
  {
    name: 'professionals all identical, --clusters 2',
    args: (c) => tinyArgs(c, c.file('sameprof.csv', tinyCsv([...identical(40, SCIENTIST), ...identical(40, STUDENT)]))),
    code: 1,
    words: ['sameprof.csv', 'only 1 distinct answer pattern', '--clusters 2'],
  },
  {
    name: 'two distinct professionals, --clusters 3',
    args: (c) =>
      tinyArgs(
        c,
        c.file(
          'twoprof.csv',
          tinyCsv([
            ...identical(20, SCIENTIST),
            ...identical(20, { ...SCIENTIST, languages: ['R'] }),
            ...identical(20, STUDENT),
          ]),
        ),
        '--clusters',
        '3',
      ),
    code: 1,
    words: ['twoprof.csv', 'only 2 distinct answer patterns', '--clusters 3'],
  },
  {
    name: 'nobody is a professional',
    args: (c) =>
      tinyArgs(
        c,
        c.file(
          'students.csv',
          tinyCsv(POPULATION.map((_, i) => ({ ...STUDENT, languages: i % 2 ? ['R'] : ['Python'] }))),
        ),
      ),
    code: 1,
    words: ['students.csv', 'no respondent is a professional'],
  },
  {
    name: 'one respondent',
    args: (c) => tinyArgs(c, c.file('one.csv', tinyCsv([SCIENTIST]))),
    code: 1,
    words: ['one.csv', 'all 1 kept respondents gave identical answers'],
  },
  {
    name: 'more clusters than professionals',
    args: (c) => tinyArgs(c, c.file('few-prof.csv', tinyCsv([...POPULATION.slice(0, 6), STUDENT])), '--clusters', '5'),
    code: 2,
    words: ['--clusters 5', 'larger than the number of professionals found (4)'],
  },
  {
    name: 'every answer blank but the time column',
    args: (c) =>
      tinyArgs(
        c,
        c.file(
          'timeonly.csv',
          toCsv([
            TINY_CODES,
            TINY_TEXTS,
            ...POPULATION.map((_, i) => [String(i), '', '', '', '', '', '', '', '', '', '']),
          ]),
        ),
      ),
    code: 1,
    words: ['timeonly.csv', 'no respondent answered'],
  },

  // Another year's file.
  {
    name: '2021 sample read with the tiny config',
    args: async (c) => tinyArgs(c, c.file('y2021.csv', await realCsv(2021, 'kaggle_survey_2021_responses.csv', 30))),
    code: 1,
    words: ['y2021.csv:3, column Q4', 'is not in the configured order of Q4'],
  },
  {
    name: '2022 sample read as 2021',
    args: async (c) =>
      real2021Args(c, c.file('y2022.csv', await realCsv(2022, 'kaggle_survey_2022_responses.csv', 30))),
    code: 1,
    words: ['y2022.csv:4, column Q4', '"India" is not in the configured order'],
  },
  {
    name: '2020 sample read as 2021',
    args: async (c) =>
      real2021Args(c, c.file('y2020.csv', await realCsv(2020, 'kaggle_survey_2020_responses.csv', 30))),
    code: 1,
    words: ['y2020.csv', 'does not look like the 2021 survey'],
  },
  {
    name: '2018 sample read as 2021',
    args: async (c) => real2021Args(c, c.file('y2018.csv', await realCsv(2018, 'multipleChoiceResponses.csv', 30))),
    code: 1,
    words: ['y2018.csv', 'is not in the configured order'],
  },
  {
    name: '2019 zip read as 2021',
    args: (c) => real2021Args(c, realZip(2019)),
    code: 1,
    words: ['kaggle-survey-2019.zip', 'holds no survey responses CSV'],
  },
  {
    name: '2017 zip read as 2021 (Latin-1)',
    args: (c) => real2021Args(c, realZip(2017)),
    code: 1,
    words: ['kaggle-survey-2017.zip', 'holds no survey responses CSV'],
  },
  {
    name: '2017 responses CSV read as 2021 (Latin-1, declared UTF-8)',
    args: async (c) =>
      real2021Args(
        c,
        c.file('y2017.csv', Buffer.from(await realCsv(2017, 'multipleChoiceResponses.csv', 200), 'latin1')),
      ),
    code: 1,
    words: ['y2017.csv', /not valid UTF-8|does not look like the 2021 survey/],
  },
  {
    name: '2021 sample read as 2022',
    args: async (c) => [
      '--survey',
      '2022',
      '--input',
      c.file('as2022.csv', await realCsv(2021, 'kaggle_survey_2021_responses.csv', 30)),
      '--out',
      join(c.dir, 'o22'),
      '--content',
      join(c.dir, 'c22'),
      '--stability',
      '0',
    ],
    code: 1,
    words: ['as2022.csv', 'does not look like the 2022 survey'],
  },

  // Real 2021 samples, against the project's real registry.
  {
    name: 'real 2021: 20 respondents, --clusters 2',
    args: async (c) => real2021Args(c, c.file('r20.csv', toCsv(await real2021(20))), '--clusters', '2'),
    code: 0,
    words: ['wrote', 'left unchanged: the input holds 20 respondents'],
    changes: 'outputs',
  },
  {
    name: 'real 2021: 1 respondent, --clusters 1',
    args: async (c) => real2021Args(c, c.file('r1.csv', toCsv(await real2021(1))), '--clusters', '1'),
    code: 2,
    words: ['--clusters 1', 'at least 2'],
  },
  {
    name: 'real 2021: 1 respondent, --clusters 2',
    args: async (c) => real2021Args(c, c.file('r1b.csv', toCsv(await real2021(1))), '--clusters', '2'),
    code: 1,
    words: ['r1b.csv'],
  },
  {
    name: 'real 2021: 400 respondents, --clusters 3: a run that leaves the real registry alone',
    args: async (c) => real2021Args(c, c.file('r400.csv', toCsv(await real2021(400))), '--clusters', '3'),
    code: 0,
    words: ['wrote', 'left unchanged', "400 respondents, not the full 2021 file's 25,973"],
    changes: 'outputs',
  },
  {
    name: 'real 2021: duplicated column code',
    args: async (c) =>
      real2021Args(c, c.file('rdup.csv', await real2021With(30, (r) => (r[0][column(r, 'Q7_Part_2')] = 'Q7_Part_1')))),
    code: 1,
    words: ['rdup.csv:1', '"Q7_Part_1" appears twice'],
  },
  {
    name: 'real 2021: Latin-1 byte in the country answer',
    args: async (c) =>
      real2021Args(
        c,
        c.file(
          'rlatin.csv',
          Buffer.from(await real2021With(30, (r) => (r[7][column(r, 'Q3')] = 'Cura\u00e7ao')), 'latin1'),
        ),
      ),
    code: 1,
    words: ['rlatin.csv:8', 'not valid UTF-8', 'byte 0xE7'],
  },
  {
    name: 'real 2021: 50 MB gender answer',
    args: async (c) =>
      real2021Args(
        c,
        c.file('rhuge.csv', await real2021With(30, (r) => (r[9][column(r, 'Q2')] = huge(50_000_000)))),
        '--clusters',
        '2',
      ),
    code: 1,
    words: ['rhuge.csv:10, column Q2', '50,000,000 characters'],
  },
  {
    name: 'real 2021: answer outside the ordered coding-years list',
    args: async (c) =>
      real2021Args(
        c,
        c.file('rage.csv', await real2021With(30, (r) => (r[4][column(r, 'Q6')] = '12-14'))),
        '--clusters',
        '2',
      ),
    code: 1,
    words: ['rage.csv:5, column Q6', '"12-14" is not in the configured order'],
  },
  {
    name: 'real 2021: truncated mid-row',
    args: async (c) => {
      const t = toCsv(await real2021(30));
      return real2021Args(c, c.file('rcut.csv', t.slice(0, t.length - 200)));
    },
    code: 1,
    words: ['rcut.csv:32', 'fields'],
  },
  {
    name: 'real 2021: zip entry failing its CRC check',
    args: async (c) =>
      real2021Args(
        c,
        await crcDamagedZip(join(c.dir, 'rcrc.zip'), 'kaggle_survey_2021_responses.csv', toCsv(await real2021(30))),
      ),
    code: 1,
    words: ['rcrc.zip:kaggle_survey_2021_responses.csv', 'CRC-32'],
  },
  {
    name: 'real 2021: every answer of 300 respondents the same',
    args: async (c) =>
      real2021Args(
        c,
        c.file(
          'rsame.csv',
          await real2021With(300, (r) => r.splice(3, r.length, ...Array.from({ length: 300 }, () => r[2]))),
        ),
      ),
    code: 1,
    words: ['rsame.csv', 'identical answers'],
  },

  // The registry changes only on purpose.
  {
    name: 'full tiny file: the registry is updated (a correct run)',
    args: (c) => tinyArgs(c, c.csv, '--seed', '3'),
    code: 0,
    words: ['registry: updating', 'the input is the full 2099 file: 90 respondents'],
    changes: 'outputs and registry',
  },
  {
    name: 'sample of 60 respondents: the registry is left alone (a correct run)',
    args: (c) => tinyArgs(c, c.file('sample.csv', tinyCsv(POPULATION.slice(0, 60)))),
    code: 0,
    words: ['left unchanged', "holds 60 respondents, not the full 2099 file's 90", '--update-registry'],
    changes: 'outputs',
  },
  {
    name: 'sample of 60 with --update-registry (a correct run)',
    args: (c) => tinyArgs(c, c.file('sample2.csv', tinyCsv(POPULATION.slice(0, 60))), '--update-registry'),
    code: 0,
    words: ['registry: updating', 'as asked (--update-registry)'],
    changes: 'outputs and registry',
  },
  {
    name: 'config without a full-file size: every input counts as full (a correct run)',
    args: (c) => {
      writeFileSync(c.yaml, stringify(tinyConfig()));
      return tinyArgs(c, c.file('nosize.csv', tinyCsv(POPULATION.slice(0, 60))));
    },
    code: 0,
    words: ['registry: updating', 'names no full-file size'],
    changes: 'outputs and registry',
  },
  {
    name: 'cached sample run: still leaves the registry alone',
    args: (c) => {
      writeFileSync(c.yaml, stringify(tinyConfig({ respondents: 1000 })));
      return [
        '--config',
        c.yaml,
        '--input',
        c.csv,
        '--out',
        c.out,
        '--content',
        c.content,
        '--clusters',
        '2',
        '--stability',
        '0',
      ];
    },
    code: 0,
    words: ['is up to date', 'left unchanged', 'holds 90 respondents'],
  },

  // Output paths.
  {
    name: '--out pointing at a file',
    args: (c) => ['--config', c.yaml, '--input', c.csv, '--out', c.yaml],
    code: 1,
    words: ['(--out)', 'tiny.yaml', 'is not a directory'],
  },
  {
    name: '--out /proc/self',
    args: (c) => tinyArgs(c, c.csv, '--out', '/proc/self'),
    code: 1,
    words: ['/proc/self (--out)', 'under /proc'],
  },
  {
    name: '--out under /proc that does not exist',
    args: (c) => tinyArgs(c, c.csv, '--out', '/proc/new-dir/out'),
    code: 1,
    words: ['/proc/new-dir/out (--out)', 'under /proc'],
  },
  {
    name: '--out /sys/kernel',
    args: (c) => tinyArgs(c, c.csv, '--out', '/sys/kernel'),
    code: 1,
    words: ['/sys/kernel (--out)', 'under /sys'],
  },
  {
    name: '--out /dev/null',
    args: (c) => tinyArgs(c, c.csv, '--out', '/dev/null'),
    code: 1,
    words: ['/dev/null (--out)', 'under /dev'],
  },
  {
    name: '--out below a file',
    args: (c) => tinyArgs(c, c.csv, '--out', join(c.yaml, 'sub')),
    code: 1,
    words: ['(--out)', 'tiny.yaml is not a directory'],
  },
  {
    name: '--out a FIFO',
    args: (c) => {
      execFileSync('mkfifo', [join(c.dir, 'outpipe')]);
      return tinyArgs(c, c.csv, '--out', join(c.dir, 'outpipe'));
    },
    code: 1,
    words: ['outpipe (--out)', 'is not a directory'],
  },
  {
    name: '--out whose document path is a directory',
    args: (c) => {
      mkdirSync(join(c.dir, 'o', 'segmentation-2099.json'), { recursive: true });
      return tinyArgs(c, c.csv, '--out', join(c.dir, 'o'));
    },
    code: 1,
    words: ['segmentation-2099.json (--out)', 'is a directory'],
  },
  {
    name: '--out read-only directory',
    args: (c) => {
      mkdirSync(join(c.dir, 'ro'));
      chmodSync(join(c.dir, 'ro'), 0o555);
      return tinyArgs(c, c.csv, '--out', join(c.dir, 'ro'));
    },
    code: IS_ROOT ? 0 : 1,
    words: IS_ROOT ? ['wrote', 'ro/segmentation-2099.json'] : ['ro (--out)', 'not writable'],
    changes: IS_ROOT ? 'outputs' : 'nothing',
  },
  {
    name: '--out new nested directory (a correct run)',
    args: (c) => tinyArgs(c, c.csv, '--out', join(c.dir, 'new', 'deep', 'out')),
    code: 0,
    words: ['wrote', 'new/deep/out/segmentation-2099.json'],
    changes: 'outputs',
  },
  {
    name: '--labels-csv pointing at a directory',
    args: (c) => tinyArgs(c, c.csv, '--labels-csv', c.dir),
    code: 1,
    words: ['(--labels-csv)', 'is a directory'],
  },
  {
    name: '--labels-csv under /proc',
    args: (c) => tinyArgs(c, c.csv, '--labels-csv', '/proc/self/labels.csv'),
    code: 1,
    words: ['/proc/self/labels.csv (--labels-csv)', 'under /proc'],
  },
  {
    name: '--labels-csv /proc/self/status',
    args: (c) => tinyArgs(c, c.csv, '--labels-csv', '/proc/self/status'),
    code: 1,
    words: ['/proc/self/status (--labels-csv)', 'under /proc'],
  },
  {
    name: '--labels-csv under /sys',
    args: (c) => tinyArgs(c, c.csv, '--labels-csv', '/sys/labels.csv'),
    code: 1,
    words: ['/sys/labels.csv (--labels-csv)', 'under /sys'],
  },
  {
    name: '--labels-csv below a file',
    args: (c) => tinyArgs(c, c.csv, '--labels-csv', join(c.yaml, 'labels.csv')),
    code: 1,
    words: ['(--labels-csv)', 'tiny.yaml is not a directory'],
  },
  {
    name: '--labels-csv a FIFO',
    args: (c) => {
      execFileSync('mkfifo', [join(c.dir, 'labelpipe')]);
      return tinyArgs(c, c.csv, '--labels-csv', join(c.dir, 'labelpipe'));
    },
    code: 1,
    words: ['labelpipe (--labels-csv)', 'is a FIFO'],
  },
  {
    name: '--labels-csv /dev/stdout',
    args: (c) => tinyArgs(c, c.csv, '--labels-csv', '/dev/stdout'),
    code: 1,
    words: ['/dev/stdout (--labels-csv)', 'under /'],
  },
  {
    name: '--content pointing at a file',
    args: (c) => tinyArgs(c, c.csv, '--content', c.yaml),
    code: 1,
    words: ['(--content)', 'is not a directory'],
  },
  {
    name: '--content under /proc',
    args: (c) => tinyArgs(c, c.csv, '--content', '/proc/content'),
    code: 1,
    words: ['/proc/content (--content)', 'under /proc'],
  },
  {
    name: '--content /sys',
    args: (c) => tinyArgs(c, c.csv, '--content', '/sys'),
    code: 1,
    words: ['/sys (--content)', 'under /sys'],
  },
  {
    name: '--content whose registry path is a directory',
    args: (c) => {
      mkdirSync(join(c.dir, 'ct', 'registry', '2099.json'), { recursive: true });
      return tinyArgs(c, c.csv, '--content', join(c.dir, 'ct'));
    },
    code: 1,
    words: ['2099.json (--content)', 'is a directory'],
  },
  {
    name: 'output paths checked before a broken survey is read',
    args: (c) => tinyArgs(c, c.file('broken-late.csv', tinyCsv(POPULATION) + '100,Analyst\n'), '--out', '/proc/self'),
    code: 1,
    words: ['/proc/self (--out)'],
  },

  // One unit of output: locks.
  {
    name: 'another run holds the document',
    args: async (c) => {
      c.whileRunning(await OutputUnit.acquire([c.document]));
      return tinyArgs(c, c.csv, '--force');
    },
    code: 1,
    words: ['segmentation-2099.json: is being written by another run'],
  },
  {
    name: 'another run holds the registry',
    args: async (c) => {
      c.whileRunning(await OutputUnit.acquire([c.registry]));
      return tinyArgs(c, c.csv, '--force');
    },
    code: 1,
    words: ['registry/2099.json: is being written by another run'],
  },
  {
    name: 'another run holds the labels',
    args: async (c) => {
      c.whileRunning(await OutputUnit.acquire([c.labels]));
      return tinyArgs(c, c.csv, '--force');
    },
    code: 1,
    words: ['labels.csv: is being written by another run'],
  },
  {
    name: 'another run on other outputs does not block (a correct run)',
    args: async (c) => {
      c.whileRunning(await OutputUnit.acquire([join(c.dir, 'elsewhere', 'segmentation-2099.json')]));
      return tinyArgs(c, c.csv, '--seed', '5');
    },
    code: 0,
    words: ['wrote'],
    changes: 'outputs and registry',
  },
  {
    name: 'temporary files of a run killed during its commit are removed (a correct run)',
    args: (c) => {
      const dead = deadPid();
      writeFileSync(join(c.out, `.segmentation-2099.json.${dead}.1.tmp`), 'half');
      writeFileSync(join(c.content, 'registry', `.2099.json.${dead}.1.tmp`), 'half');
      return tinyArgs(c, c.csv, '--seed', '4');
    },
    code: 0,
    words: ['wrote'],
    changes: 'outputs and registry',
  },

  // Options.
  ...(['1', '0', '-3', 'abc', '2.5', '', '1e3', '0x10'] as const).map(
    (value): Case => ({
      name: `--clusters ${JSON.stringify(value)}`,
      args: (c) => tinyArgs(c, c.csv, '--clusters', value),
      code: 2,
      words: value.startsWith('-') ? ['--clusters', 'ambiguous'] : [`--clusters ${value}`, 'at least 2'],
    }),
  ),
  ...(['-1', 'abc', '1.5', ''] as const).map(
    (value): Case => ({
      name: `--seed ${JSON.stringify(value)}`,
      args: (c) => tinyArgs(c, c.csv, '--seed', value),
      code: 2,
      words: value.startsWith('-') ? ['--seed', 'ambiguous'] : [`--seed ${value}`, 'at least 0'],
    }),
  ),
  ...(['-1', 'many'] as const).map(
    (value): Case => ({
      name: `--stability ${JSON.stringify(value)}`,
      args: (c) => tinyArgs(c, c.csv, '--stability', value),
      code: 2,
      words: value.startsWith('-') ? ['--stability', 'ambiguous'] : [`--stability ${value}`, 'at least 0'],
    }),
  ),
  ...(['0', 'all'] as const).map(
    (value): Case => ({
      name: `--threads ${JSON.stringify(value)}`,
      args: (c) => tinyArgs(c, c.csv, '--threads', value),
      code: 2,
      words: [`--threads ${value}`, 'at least 1'],
    }),
  ),
  {
    name: '--init pca',
    args: (c) => tinyArgs(c, c.csv, '--init', 'pca'),
    code: 2,
    words: ['--init pca', 'spectral, random'],
  },
  {
    name: '--mixture-init em',
    args: (c) => tinyArgs(c, c.csv, '--mixture-init', 'em'),
    code: 2,
    words: ['--mixture-init em', 'kmeans, k-means++'],
  },
  { name: 'unknown option', args: (c) => tinyArgs(c, c.csv, '--bogus'), code: 2, words: ['--bogus'] },
  { name: 'option without its value', args: (c) => ['--config', c.yaml, '--input'], code: 2, words: ['--input'] },
  { name: 'no --input', args: (c) => ['--config', c.yaml], code: 2, words: ['--input is required'] },
  {
    name: 'both --survey and --config',
    args: (c) => ['--survey', '2021', '--config', c.yaml, '--input', c.csv],
    code: 2,
    words: ['exactly one of --survey YEAR or --config FILE'],
  },
  {
    name: 'neither --survey nor --config',
    args: (c) => ['--input', c.csv],
    code: 2,
    words: ['exactly one of --survey YEAR or --config FILE'],
  },
  {
    name: '--survey 21',
    args: (c) => ['--survey', '21', '--input', c.csv],
    code: 2,
    words: ['--survey 21', 'four-digit year'],
  },
  {
    name: '--survey 1999 (no built-in config)',
    args: (c) => ['--survey', '1999', '--input', c.csv],
    code: 2,
    words: ['--survey 1999', 'no built-in configuration'],
  },
  { name: 'stray positional argument', args: (c) => [...tinyArgs(c, c.csv), 'extra'], code: 2, words: ['extra'] },

  // Configs.
  {
    name: '--config that does not exist',
    args: (c) => tinyArgs(c, c.csv, '--config', join(c.dir, 'none.yaml')),
    code: 1,
    words: ['none.yaml', 'cannot read the survey configuration'],
  },
  {
    name: '--config that is not YAML',
    args: (c) => tinyArgs(c, c.csv, '--config', c.file('bad.yaml', 'year: [2099\n')),
    code: 1,
    words: ['bad.yaml', 'not valid YAML'],
  },
  {
    name: '--config failing its schema',
    args: (c) => tinyArgs(c, c.csv, '--config', c.file('schema.yaml', stringify({ ...tinyConfig(), year: 'soon' }))),
    code: 1,
    words: ['schema.yaml', 'does not match its schema', 'year'],
  },
  {
    name: '--config with an unknown encoding',
    args: (c) => tinyArgs(c, c.csv, '--config', c.file('enc.yaml', stringify({ ...tinyConfig(), encoding: 'ebcdic' }))),
    code: 1,
    words: ['enc.yaml', 'encoding'],
  },
  {
    name: '--config that is a directory',
    args: (c) => tinyArgs(c, c.csv, '--config', c.dir),
    code: 1,
    words: ['{dir}', 'cannot read the survey configuration'],
  },
  {
    name: '--config with an ordered answer list of one',
    args: (c) =>
      tinyArgs(
        c,
        c.csv,
        '--config',
        c.file(
          'order.yaml',
          stringify({
            ...tinyConfig(),
            questions: tinyConfig().questions!.map((q) => (q.code === 'Q4' ? { ...q, order: [ML_YEARS[0]] } : q)),
          }),
        ),
      ),
    code: 1,
    words: ['order.yaml', 'questions.3.order'],
  },
];

// ---------------------------------------------------------------------------------------------------------
// The signal cases: a process to signal, part-way.

interface SignalCase {
  name: string;
  signal: NodeJS.Signals;
  /** The stderr text after which the signal is sent. */
  after: string;
  /** Respondents of the survey: many, for a signal part-way through a stage; the baseline's 90, for one timed for the writes. */
  respondents: number;
  /** Outcomes that are correct: ended by the signal (its name), exited with a code (130 after a handled SIGINT), or finished before it landed (0). */
  codes: (number | string)[];
}

const SIGNAL_CASES: SignalCase[] = [
  {
    name: 'Ctrl-C (SIGINT) while reading the survey',
    signal: 'SIGINT',
    after: 'read survey...',
    respondents: 3000,
    codes: ['SIGINT'],
  },
  { name: 'SIGTERM while embedding', signal: 'SIGTERM', after: 'map everyone', respondents: 3000, codes: ['SIGTERM'] },
  {
    name: 'Ctrl-C (SIGINT) timed for the writes (as the last stage ends)',
    signal: 'SIGINT',
    after: '✓ profile segments',
    respondents: 90,
    codes: ['SIGINT', 130, 0],
  },
  {
    name: 'SIGHUP timed for the writes (as the last stage ends)',
    signal: 'SIGHUP',
    after: '✓ profile segments',
    respondents: 90,
    codes: ['SIGHUP', 129, 0],
  },
  {
    name: 'SIGKILL while embedding: no lock stays, the next run proceeds',
    signal: 'SIGKILL',
    after: 'map everyone',
    respondents: 3000,
    codes: ['SIGKILL'],
  },
];

// ---------------------------------------------------------------------------------------------------------
// Running them

let baseline: string;
const outcomes: string[] = [];

/** The pid of a process that has ended (and been reaped): what a killed run's lock holds. */
function deadPid(): number {
  return Number(
    execFileSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }),
  );
}

function contextIn(dir: string, held: OutputUnit[] = []): Context {
  const out = join(dir, 'out');
  const content = join(dir, 'content');
  return {
    dir,
    out,
    content,
    yaml: join(dir, 'tiny.yaml'),
    csv: join(dir, 'tiny_responses.csv'),
    labels: join(out, 'labels.csv'),
    document: join(out, 'segmentation-2099.json'),
    registry: join(content, 'registry', '2099.json'),
    whileRunning: (unit) => held.push(unit),
    file: (name, data) => {
      const path = join(dir, name);
      if (data !== undefined) writeFileSync(path, data);
      return path;
    },
  };
}

/** Every regular file under the directory, with its bytes (FIFOs and the like are listed, not read). */
function snapshot(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) walk(path);
      else
        files.set(
          relative(dir, path),
          entry.isFile() ? readFileSync(path).toString('base64') : entry.isFIFO() ? 'fifo' : 'other',
        );
    }
  };
  walk(dir);
  return files;
}

function leftovers(dir: string): string[] {
  return [...snapshot(dir).keys()].filter((f) => /\.tmp$|\.lock$/.test(f));
}

const OUTPUT = /^(out|out2021|content|content2021|o22|c22|ro|new)\//;

function changedFiles(before: Map<string, string>, after: Map<string, string>): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names]
    .filter((name) => OUTPUT.test(name) && !/\.(tmp|lock)$/.test(name) && before.get(name) !== after.get(name))
    .sort();
}

function messageOf(text: string): string {
  const lines = text.split('\n').filter((l) => l.startsWith('error:') || /^registry: /.test(l));
  return (lines[0] ?? text.split('\n').filter(Boolean).pop() ?? '')
    .replace(/\/tmp\/bad-input-[A-Za-z0-9]+/g, '{dir}')
    .slice(0, 300);
}

beforeAll(async () => {
  baseline = tempDir('bad-input-baseline-');
  const ctx = contextIn(baseline);
  writeFileSync(ctx.csv, tinyCsv(POPULATION));
  writeFileSync(ctx.yaml, stringify(tinyConfig({ respondents: 90 })));
  expect(await main(tinyArgs(ctx, ctx.csv))).toBe(0);
  // The real-data cases' earlier output and registry: the project's real 2021 registry.
  mkdirSync(join(baseline, 'out2021'));
  writeFileSync(join(baseline, 'out2021', 'segmentation-2021.json'), '{"earlier": "output"}\n');
  mkdirSync(join(baseline, 'content2021', 'registry'), { recursive: true });
  cpSync(join(ROOT, 'content', 'registry', '2021.json'), join(baseline, 'content2021', 'registry', '2021.json'));
  await real2021(400);
}, 300_000);

afterAll(() => {
  if (process.env.CORPUS_REPORT)
    writeFileSync(
      process.env.CORPUS_REPORT,
      outcomes.sort((a, b) => Number(a.split('.')[0]) - Number(b.split('.')[0])).join('\n') + '\n',
    );
});

describe('the bad-input corpus', () => {
  it('has at least 100 cases', () => {
    expect(CASES.length + SIGNAL_CASES.length).toBeGreaterThanOrEqual(100);
    expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
  });

  it.each(CASES.map((c, i) => [i + 1, c.name, c] as const))('%i. %s', async (number, _name, testCase) => {
    const dir = tempDir('bad-input-');
    cpSync(baseline, dir, { recursive: true });
    // The baseline's config names its own directory nowhere, so the copy is self-contained.
    const held: OutputUnit[] = [];
    const ctx = contextIn(dir, held);
    const args = await testCase.args(ctx);
    const before = snapshot(dir);
    const code = await main(args).finally(() => {
      for (const unit of held) unit.release();
    });
    const text = stderr.text;
    const after = snapshot(dir);
    const message = messageOf(text);
    outcomes.push(
      `${number}. ${testCase.name}: exit ${code}${testCase.changes && testCase.changes !== 'nothing' ? `, changes ${testCase.changes}` : ', nothing changed'}: ${message}`,
    );

    expect(code, text.slice(0, 2000)).toBe(testCase.code);
    for (const word of testCase.words) {
      if (typeof word === 'string') expect(text).toContain(word.replace('{dir}', dir));
      else expect(text).toMatch(word);
    }
    // Short messages, no stack trace.
    expect(text).not.toMatch(/^\s+at .+\(.+:\d+:\d+\)$/m);
    expect(Math.max(...text.split('\n').map((l) => l.length))).toBeLessThan(1200);
    // Nothing left behind.
    expect(leftovers(dir)).toEqual([]);
    const changed = changedFiles(before, after);
    const change = testCase.changes ?? 'nothing';
    if (change === 'nothing') expect(changed).toEqual([]);
    else {
      expect(changed.length).toBeGreaterThan(0);
      const registryChanged = changed.some((f) => /registry\//.test(f));
      expect(registryChanged).toBe(change === 'outputs and registry');
    }
  });

  it.each(SIGNAL_CASES.map((c, i) => [CASES.length + i + 1, c.name, c] as const))(
    '%i. %s',
    async (number, _name, testCase) => {
      const dir = tempDir('bad-input-');
      cpSync(baseline, dir, { recursive: true });
      const ctx = contextIn(dir);
      const before = snapshot(dir);
      // A larger survey than the baseline's, so that the stages last long enough to be interrupted.
      if (testCase.respondents !== POPULATION.length) {
        writeFileSync(ctx.csv, tinyCsv(tinyPopulation(testCase.respondents, 2)));
        writeFileSync(ctx.yaml, stringify(tinyConfig({ respondents: testCase.respondents })));
      }
      // A new seed, so that a run which finishes changes every file of the unit.
      const { code, text } = await runSignalled(tinyArgs(ctx, ctx.csv, '--seed', '9'), testCase);
      const after = snapshot(dir);
      const changed = changedFiles(before, after).filter((f) => !/tiny\.yaml|tiny_responses/.test(f));
      outcomes.push(
        `${number}. ${testCase.name}: exit ${code}, ${changed.length === 0 ? 'nothing changed' : `changed ${changed.join(', ')}`}: ${messageOf(text) || '(no message)'}`,
      );

      expect(testCase.codes, text.slice(-2000)).toContain(code);
      expect(leftovers(dir)).toEqual([]);
      if (testCase.signal === 'SIGKILL') {
        // Killed outright: the kernel dropped its lock with it, so the next run on the same outputs proceeds.
        expect(changed).toEqual([]);
        expect(await main(tinyArgs(ctx, smallSurvey(ctx)))).toBe(0);
        return;
      }
      // All or nothing: the document, its run log, the labels and the registry changed together, or none did.
      const unit = [
        'out/segmentation-2099.json',
        'out/segmentation-2099.run.json',
        'out/labels.csv',
        'content/registry/2099.json',
      ];
      expect(unit.filter((f) => changed.includes(f)).length % unit.length).toBe(0);
      if (code === 0) expect(changed).toEqual(expect.arrayContaining(unit));
    },
  );
});

/** The baseline's small survey again, for a quick run after a signal case. */
function smallSurvey(ctx: Context): string {
  return ctx.file('small.csv', tinyCsv(POPULATION));
}

function runSignalled(args: string[], testCase: SignalCase): Promise<{ code: number | string; text: string }> {
  return new Promise((resolve) => {
    // One process (tsx's loader inside node, not the tsx wrapper), so that the signal reaches the run itself.
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'cli', 'segment.ts'), ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let text = '';
    let sent = false;
    child.stderr.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (!sent && text.includes(testCase.after)) {
        sent = true;
        child.kill(testCase.signal);
      }
    });
    child.on('exit', (code, signal) => resolve({ code: code ?? signal ?? -1, text }));
  });
}
