/**
 * Stage 1, read: the survey as Kaggle ships it (a CSV, or the zip around it), streamed through csv-parse.
 * Row 1 holds column codes, row 2 the question texts (kept as labels), then one row per respondent.
 * Only the columns the caller asks for are kept, column by column, to keep memory small.
 */
import { isUtf8 } from 'node:buffer';
import { createReadStream, promises as fs } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { type Readable, Transform, type TransformCallback } from 'node:stream';
import { crc32 } from 'node:zlib';
import { CsvError, parse } from 'csv-parse';
import yauzl from 'yauzl';
import { InputError, quoted } from '../infra/errors.js';
import { sha256File } from '../infra/hash.js';
import { virtualFileSystemOf } from '../infra/output-paths.js';

export interface SurveySource {
  /** The path the user gave. */
  path: string;
  /** The CSV entry inside the zip, when the input is a zip. */
  entry: string | null;
  /** Name for messages: `file.zip:entry.csv` or `file.csv`. */
  displayName: string;
  sha256: string;
  bytes: number;
  /** The zip's other files (Kaggle's PDFs, schema CSVs), which a config is checked against; none for a CSV. */
  companions?: string[];
}

export interface SurveyTable {
  source: SurveySource;
  /** Every column code of row 1, in file order. */
  codes: string[];
  /** Every question text of row 2, aligned with codes. */
  texts: string[];
  /** Number of respondent rows. */
  rows: number;
  /** Kept columns by code, one cell per respondent in file order. */
  columns: Map<string, Column>;
  /** 1-based line in the file where each respondent's row ends, for messages. */
  lineOfRow: Int32Array;
}

/**
 * A column stored by dictionary: each respondent's cell is an index into the column's distinct texts, in
 * first-seen order, with 0 for a blank cell. Most survey cells are blank or repeat a few answers, so this
 * keeps memory and garbage collection small.
 */
export interface Column {
  /** Distinct cell texts; texts[0] is '' (blank). */
  readonly texts: string[];
  /** Per respondent, an index into texts. */
  readonly codes: Uint16Array;
}

class ColumnBuilder {
  readonly texts = [''];
  private readonly index = new Map<string, number>([['', 0]]);
  private codes = new Uint16Array(1024);
  private length = 0;

  push(cell: string): void {
    let code = cell === '' ? 0 : this.index.get(cell);
    if (code === undefined) {
      code = this.texts.length;
      if (code > 0xffff) throw new RangeError('more than 65,535 distinct answers in one column');
      this.texts.push(cell);
      this.index.set(cell, code);
    }
    if (this.length === this.codes.length) {
      const grown = new Uint16Array(this.codes.length * 2);
      grown.set(this.codes);
      this.codes = grown;
    }
    this.codes[this.length++] = code;
  }

  build(): Column {
    return { texts: this.texts, codes: this.codes.slice(0, this.length) };
  }
}

/** Text encodings a survey file may declare (the config's `encoding`); adding one is a decoder in Reencode. */
export type SurveyEncoding = 'utf-8' | 'latin1' | 'windows-1252';

export interface ReadOptions {
  /** The file's sha256 when the caller has it already (the segment command hashes the input once, for its cache key). */
  sha256?: string;
  /** Name or suffix of the responses CSV to pick inside a zip (the config's `responsesFile`). */
  responsesFile?: string;
  /** Which columns to keep; all when omitted. */
  keepColumn?: (code: string) => boolean;
  /** Cell texts that mean "no answer" and are read as empty (2022 writes "nan"). */
  blankCells?: readonly string[];
  /** The file's text encoding (the config's `encoding`); UTF-8 when omitted. */
  encoding?: SurveyEncoding;
  /**
   * The question texts come from this schema file (in the same zip, or beside the CSV), one row per column,
   * and the responses file has one header row only (Kaggle 2017). Row 2 of the responses file when omitted.
   */
  questionTexts?: QuestionTextsSource;
}

/** A schema file naming each column's question text (the config's `questionTexts`). */
export interface QuestionTextsSource {
  schemaFile: string;
  /** The schema file's header naming the column code, and the one holding its question text. */
  codeColumn: string;
  textColumn: string;
}

const ZIP_MAGIC = 0x04034b50;

/**
 * The longest answer a kept column may hold. Kaggle's longest answer text is a few hundred characters; a
 * longer cell is free text or a broken file, and as a category it would become a feature of its own.
 */
export const MAX_ANSWER_LENGTH = 1000;

export async function readSurvey(path: string, options: ReadOptions = {}): Promise<SurveyTable> {
  const stat = await checkSurveyFile(path);
  const sha256 = options.sha256 ?? (await sha256File(path));
  const isZip = await startsWithZipMagic(path);
  const { stream, entry, companions } = isZip
    ? await openZipEntry(path, options.responsesFile)
    : { stream: createReadStream(path), entry: null, companions: [] };
  const source: SurveySource = {
    path,
    entry,
    displayName: entry ? `${path}:${entry}` : path,
    sha256,
    bytes: stat.size,
    companions,
  };
  const encoding = options.encoding ?? 'utf-8';
  const textOf = options.questionTexts ? await readQuestionTexts(path, isZip, options.questionTexts, encoding) : null;
  return parseSurveyCsv(
    decodedAsUtf8(stream, encoding, source.displayName),
    source,
    options.keepColumn ?? (() => true),
    new Set(options.blankCells ?? []),
    textOf,
  );
}

/** Column code → question text, from the schema file beside the responses (see ReadOptions.questionTexts). */
async function readQuestionTexts(
  path: string,
  isZip: boolean,
  schema: QuestionTextsSource,
  encoding: SurveyEncoding,
): Promise<Map<string, string>> {
  let stream: Readable;
  let file: string;
  if (isZip) {
    const opened = await openZipEntry(path, schema.schemaFile, (names) =>
      names.find((name) => name === schema.schemaFile || name.endsWith(`/${schema.schemaFile}`)),
    );
    stream = opened.stream;
    file = `${path}:${opened.entry}`;
  } else {
    file = join(dirname(path), schema.schemaFile);
    await checkSurveyFile(file);
    stream = createReadStream(file);
  }
  const parser = parse({ bom: true, columns: true, skip_empty_lines: true, relax_column_count: true });
  const decoded = decodedAsUtf8(stream, encoding, file);
  decoded.on('error', (error) => parser.destroy(error));
  decoded.pipe(parser);
  const texts = new Map<string, string>();
  try {
    for await (const row of parser as AsyncIterable<Record<string, string | undefined>>) {
      const code = row[schema.codeColumn];
      const text = row[schema.textColumn];
      if (code === undefined || text === undefined) {
        throw new InputError(
          { file, line: 1 },
          `has no "${code === undefined ? schema.codeColumn : schema.textColumn}" column; the config's questionTexts names columns "${schema.codeColumn}" and "${schema.textColumn}"`,
        );
      }
      texts.set(code.trim(), text.trim());
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    const line = (error as CsvError & { lines?: number }).lines;
    throw new InputError(
      { file, line },
      `is not a valid schema CSV: ${error instanceof CsvError ? describeCsvError(error) : (error as Error).message}`,
    );
  }
  return texts;
}

/**
 * The input is a regular, readable, non-empty file outside /proc and /sys. Checked before anything opens
 * it: opening a FIFO blocks until a writer comes, and /proc files never end.
 */
export async function checkSurveyFile(path: string) {
  const virtual = virtualFileSystemOf(path);
  if (virtual)
    throw new InputError(
      { file: path },
      `is under ${virtual}, not a survey file; expected the survey CSV or Kaggle's zip`,
    );
  try {
    const stat = await fs.stat(path);
    if (stat.isFIFO())
      throw new InputError(
        { file: path },
        "is a FIFO (named pipe), not a file; expected the survey CSV or Kaggle's zip",
      );
    if (!stat.isFile()) throw new InputError({ file: path }, "is not a file; expected the survey CSV or Kaggle's zip");
    await fs.access(path, fs.constants.R_OK);
    if (stat.size === 0) throw new InputError({ file: path }, "is empty; expected the survey CSV or Kaggle's zip");
    return stat;
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : String(code ?? error);
    throw new InputError({ file: path }, `cannot read the survey (${reason})`);
  }
}

async function startsWithZipMagic(path: string): Promise<boolean> {
  const handle = await fs.open(path, 'r');
  try {
    const buffer = Buffer.alloc(4);
    const { bytesRead } = await handle.read(buffer, 0, 4, 0);
    return bytesRead === 4 && buffer.readUInt32LE(0) === ZIP_MAGIC;
  } finally {
    await handle.close();
  }
}

/** The CSV entry to read: the one named by `responsesFile`, else the only `*responses*.csv`. */
export function pickResponsesEntry(entries: string[], responsesFile: string | undefined): string | undefined {
  const csvs = entries.filter((name) => name.toLowerCase().endsWith('.csv') && !name.startsWith('__MACOSX/'));
  if (responsesFile) {
    const named = csvs.find((name) => name === responsesFile || name.endsWith(`/${responsesFile}`));
    if (named) return named;
  }
  const responses = responsesCandidates(csvs);
  return responses.length === 1 ? responses[0] : undefined;
}

/** The entries that look like a survey's responses: `*responses*.csv`, outside macOS's resource folder. */
function responsesCandidates(entries: string[]): string[] {
  return entries.filter(
    (name) => name.toLowerCase().endsWith('.csv') && !name.startsWith('__MACOSX/') && /responses/i.test(basename(name)),
  );
}

function openZipEntry(
  path: string,
  responsesFile: string | undefined,
  pick: (names: string[]) => string | undefined = (names) => pickResponsesEntry(names, responsesFile),
): Promise<{ stream: Readable; entry: string; companions: string[] }> {
  return new Promise((resolvePromise, reject) => {
    yauzl.open(path, { lazyEntries: true, autoClose: false }, (openError, zip) => {
      if (openError || !zip) {
        reject(
          new InputError({ file: path }, `is not a readable zip archive (${openError?.message ?? 'unknown error'})`),
        );
        return;
      }
      const entries: yauzl.Entry[] = [];
      zip.on('entry', (entry: yauzl.Entry) => {
        entries.push(entry);
        zip.readEntry();
      });
      zip.on('error', (error: Error) =>
        reject(new InputError({ file: path }, `is a damaged zip archive (${error.message})`)),
      );
      zip.on('end', () => {
        const name = pick(entries.map((e) => e.fileName));
        const entry = entries.find((e) => e.fileName === name);
        if (!entry) {
          const listed = entries.map((e) => e.fileName).join(', ') || 'nothing';
          const candidates = responsesCandidates(entries.map((e) => e.fileName));
          zip.close();
          if (candidates.length > 1 && !responsesFile) {
            // Kaggle's 2018 and 2019 zips hold several; guessing would read the wrong one quietly.
            reject(
              new InputError(
                { file: path },
                `holds ${candidates.length} candidate responses CSVs (${candidates.join(', ')}); name the one to read: the config's "responsesFile", or --responses-file NAME for config:draft`,
              ),
            );
            return;
          }
          const wanted = responsesFile ? `"${responsesFile}" or a single *responses*.csv` : 'a single *responses*.csv';
          reject(new InputError({ file: path }, `holds no survey responses CSV (expected ${wanted}; found ${listed})`));
          return;
        }
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) {
            zip.close();
            reject(
              new InputError({ file: `${path}:${entry.fileName}` }, `cannot be extracted (${streamError?.message})`),
            );
            return;
          }
          stream.on('close', () => zip.close());
          const checked = new CrcCheck(`${path}:${entry.fileName}`, entry.crc32);
          stream.on('error', (error) =>
            checked.destroy(
              new InputError({ file: `${path}:${entry.fileName}` }, `is a damaged zip entry (${error.message})`),
            ),
          );
          const companions = entries
            .map((e) => e.fileName)
            .filter((n) => n !== entry.fileName && !n.endsWith('/') && !n.startsWith('__MACOSX/'));
          resolvePromise({ stream: stream.pipe(checked), entry: entry.fileName, companions });
        });
      });
      zip.readEntry();
    });
  });
}

/** `textOf` given: one header row, question texts from the schema file; otherwise row 2 holds them. */
async function parseSurveyCsv(
  stream: Readable,
  source: SurveySource,
  keepColumn: (code: string) => boolean,
  blankCells: Set<string>,
  textOf: Map<string, string> | null,
): Promise<SurveyTable> {
  const parser = parse({ bom: true, info: true, skip_empty_lines: true, relax_column_count: true });
  let codes: string[] | undefined;
  let texts: string[] | undefined;
  let kept: { index: number; column: ColumnBuilder }[] = [];
  let rows = 0;
  const lines: number[] = [];
  const file = source.displayName;

  stream.on('error', (error) => parser.destroy(error));
  stream.pipe(parser);
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (!codes) {
        codes = record.map((code) => code.trim());
        checkUniqueCodes(codes, file);
        kept = codes.flatMap((code, index) => (keepColumn(code) ? [{ index, column: new ColumnBuilder() }] : []));
        if (textOf) texts = codes.map((code) => textOf.get(code) ?? '');
        continue;
      }
      if (record.length !== codes.length) {
        throw new InputError(
          { file, line: info.lines },
          `row has ${record.length} fields; expected ${codes.length} as in the header row`,
        );
      }
      if (!texts) {
        texts = record;
        continue;
      }
      for (const { index, column } of kept) {
        const raw = record[index];
        const cell = raw === '' ? raw : raw.trim();
        if (cell.length > MAX_ANSWER_LENGTH) {
          throw new InputError(
            { file, line: info.lines, column: codes[index] },
            `an answer of ${cell.length.toLocaleString('en')} characters (${quoted(cell)}); expected at most ${MAX_ANSWER_LENGTH}, as answers of a configured question are: is this a free-text column, or a broken row?`,
          );
        }
        column.push(blankCells.size > 0 && blankCells.has(cell) ? '' : cell);
      }
      lines.push(info.lines);
      rows++;
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines;
      throw new InputError({ file, line }, `is not a valid CSV: ${describeCsvError(error)}`);
    }
    throw new InputError({ file }, `cannot be read (${(error as Error).message})`);
  }
  if (!codes)
    throw new InputError(
      { file },
      'is empty; expected a header row of column codes, a row of question texts and respondent rows',
    );
  if (!texts)
    throw new InputError(
      { file, line: 2 },
      'ends after the header row; expected a row of question texts and respondent rows',
    );
  if (rows === 0)
    throw new InputError(
      { file, line: textOf ? 2 : 3 },
      `holds no respondent rows after the ${textOf ? 'header row' : 'two header rows'}`,
    );
  return {
    source,
    codes,
    texts,
    rows,
    columns: new Map(kept.map(({ index, column }) => [codes![index], column.build()])),
    lineOfRow: Int32Array.from(lines),
  };
}

function describeCsvError(error: CsvError): string {
  if (error.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH')
    return 'a row has a different number of fields than the header row';
  return error.message.replace(/^Invalid[^:]*: /, '');
}

/**
 * The survey's bytes as UTF-8 for csv-parse. UTF-8 input passes through unchanged but is checked: csv-parse
 * would turn bytes that are not UTF-8 into U+FFFD quietly, and a misdeclared file would then look like good
 * answers. Other encodings are decoded. The config's `encoding` names one of SURVEY_ENCODINGS.
 */
function decodedAsUtf8(raw: Readable, encoding: SurveyEncoding, file: string): Readable {
  const decoded = encoding === 'utf-8' ? new Utf8Check(file) : new Reencode(encoding);
  raw.on('error', (error) => decoded.destroy(error));
  return raw.pipe(decoded);
}

/** Re-encodes a single-byte (or any TextDecoder) encoding as UTF-8; such text has no invalid bytes to report. */
class Reencode extends Transform {
  private readonly decode: (chunk: Buffer, last: boolean) => string;

  constructor(encoding: Exclude<SurveyEncoding, 'utf-8'>) {
    super();
    if (encoding === 'latin1') {
      // ISO-8859-1 proper (byte = code point); TextDecoder's "latin1" label means windows-1252.
      this.decode = (chunk) => chunk.toString('latin1');
    } else {
      const decoder = new TextDecoder(encoding);
      this.decode = (chunk, last) => decoder.decode(chunk, { stream: !last });
    }
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    done(null, Buffer.from(this.decode(chunk, false), 'utf8'));
  }

  override _flush(done: TransformCallback): void {
    done(null, Buffer.from(this.decode(Buffer.alloc(0), true), 'utf8'));
  }
}

/**
 * Passes UTF-8 through and stops at the first byte sequence that is not UTF-8, naming its line and column
 * (1-based; the column counts characters). A sequence cut by a chunk boundary is carried to the next chunk.
 */
class Utf8Check extends Transform {
  private line = 1;
  private column = 1;
  private carry: Buffer = Buffer.alloc(0);

  constructor(private readonly file: string) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    const bytes = this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk;
    const whole = bytes.subarray(0, completeSequencesLength(bytes));
    if (!isUtf8(whole)) {
      const offset = firstInvalidUtf8(whole);
      this.advance(whole.subarray(0, offset));
      done(this.error(whole[offset]));
      return;
    }
    this.advance(whole);
    this.carry = Buffer.from(bytes.subarray(whole.length));
    done(null, whole);
  }

  override _flush(done: TransformCallback): void {
    done(this.carry.length > 0 ? this.error(this.carry[0], 'the file ends inside a multi-byte character') : null);
  }

  private advance(bytes: Buffer): void {
    let newline = bytes.indexOf(0x0a);
    if (newline === -1) {
      this.column += characterCount(bytes);
      return;
    }
    let last = newline;
    while (newline !== -1) {
      this.line++;
      last = newline;
      newline = bytes.indexOf(0x0a, newline + 1);
    }
    this.column = 1 + characterCount(bytes.subarray(last + 1));
  }

  private error(
    byte: number,
    why = `byte 0x${byte.toString(16).toUpperCase().padStart(2, '0')} does not start a valid UTF-8 character`,
  ): InputError {
    return new InputError(
      { file: this.file, line: this.line, column: this.column },
      `is not valid UTF-8: ${why}; the config's "encoding" says utf-8 (a Latin-1 file needs \`encoding: latin1\`)`,
    );
  }
}

/** Characters (code points) in valid UTF-8: every byte that is not a continuation byte starts one. */
function characterCount(bytes: Uint8Array): number {
  let count = 0;
  for (let i = 0; i < bytes.length; i++) if ((bytes[i] & 0xc0) !== 0x80) count++;
  return count;
}

/** Length of the prefix that does not end in the middle of a multi-byte sequence. */
function completeSequencesLength(bytes: Uint8Array): number {
  for (let back = 1; back <= Math.min(4, bytes.length); back++) {
    const byte = bytes[bytes.length - back];
    if ((byte & 0xc0) === 0x80) continue;
    const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return length > back ? bytes.length - back : bytes.length;
  }
  return bytes.length;
}

/** Offset of the first ill-formed sequence (the Unicode Standard's table 3-7), or the length when none. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i];
    if (lead < 0x80) {
      i++;
      continue;
    }
    let trailing: number;
    let low = 0x80;
    let high = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) trailing = 1;
    else if (lead >= 0xe0 && lead <= 0xef) {
      trailing = 2;
      if (lead === 0xe0) low = 0xa0;
      if (lead === 0xed) high = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      trailing = 3;
      if (lead === 0xf0) low = 0x90;
      if (lead === 0xf4) high = 0x8f;
    } else return i;
    for (let k = 1; k <= trailing; k++) {
      const next = bytes[i + k];
      if (next === undefined || next < (k === 1 ? low : 0x80) || next > (k === 1 ? high : 0xbf)) return i;
    }
    i += trailing + 1;
  }
  return bytes.length;
}

/** Row 1 names each column once: two columns with one code would be read as one question's answers. */
function checkUniqueCodes(codes: string[], file: string): void {
  const first = new Map<string, number>();
  codes.forEach((code, index) => {
    const earlier = first.get(code);
    if (earlier !== undefined)
      throw new InputError(
        { file, line: 1, column: index + 1 },
        `column code ${quoted(code)} appears twice in the header row (columns ${earlier + 1} and ${index + 1}); expected each code once`,
      );
    first.set(code, index);
  });
}

/**
 * Passes a zip entry's bytes through and compares their CRC-32 with the one the archive records, at the end:
 * yauzl does not check it, and a damaged entry would otherwise be read as answers.
 */
class CrcCheck extends Transform {
  private crc = 0;

  constructor(
    private readonly file: string,
    private readonly expected: number,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.crc = crc32(chunk, this.crc);
    done(null, chunk);
  }

  override _flush(done: TransformCallback): void {
    const hex = (n: number) => (n >>> 0).toString(16).padStart(8, '0');
    done(
      this.crc >>> 0 === this.expected >>> 0
        ? null
        : new InputError(
            { file: this.file },
            `fails its CRC-32 check (the archive records ${hex(this.expected)}, the bytes give ${hex(this.crc)}): the zip is damaged; download it again`,
          ),
    );
  }
}
