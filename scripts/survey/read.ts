/**
 * Stage 1, read: the survey as Kaggle ships it (a CSV, or the zip around it), streamed through csv-parse.
 * Row 1 holds column codes, row 2 the question texts (kept as labels), then one row per respondent.
 * Only the columns the caller asks for are kept, column by column, to keep memory small. A file of 8 to
 * 64 MiB is parsed in two halves at once, the second in a worker thread (SecondPart), into the same table.
 */
import { isUtf8 } from 'node:buffer';
import { createReadStream, promises as fs } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { Worker } from 'node:worker_threads';
import { crc32 } from 'node:zlib';
import { CsvError, parse } from 'csv-parse';
import yauzl from 'yauzl';
import { InputError, quoted } from '../infra/errors.js';
import { sha256File } from '../infra/hash.js';
import { virtualFileSystemOf } from '../infra/output-paths.js';
import type { Column } from './csv-rows.js';
import { appendRows, csvOptions, type RowLayout, RowReader, type RowsRead, slicesOf } from './csv-rows.js';
import type { CsvWorkerReply, CsvWorkerRequest } from './csv-worker-main.js';

export { type Column, MAX_ANSWER_LENGTH } from './csv-rows.js';

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
  /** How many parts the file was read in at once (ReadOptions.parallelFrom); the rest is the same either way. */
  parts?: 2;
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
  /**
   * A file of at least this many bytes is read in two parts at once: its second half in a worker thread,
   * joined to the first in file order, so the table is the one a single reading gives (PARALLEL_READ_FROM
   * when omitted; Infinity reads every file in one part).
   */
  parallelFrom?: number;
}

/**
 * 8 MiB: a 2021-sized survey (35 MB) is read in two parts, a test's tiny file in one. Below a few MB the
 * worker's start-up (about 0.1 s) would cost more than the half it reads.
 */
export const PARALLEL_READ_FROM = 8 * 1024 * 1024;

/**
 * 64 MiB: a file read in two parts is held in memory whole first, with a copy of its second half for the
 * worker, and both threads' parsers make garbage at once. Every real year is below (2018's 41 MB is the
 * largest); the benchmark's 250,000 respondents (265 MiB) read in two parts peaked at 1,755 MB against
 * 614 MB as one stream, and took longer (16.3 s against 14.7 s), so larger files are read as one stream
 * (and a broken one stops at its first bad row, before the rest is read).
 */
const PARALLEL_READ_TO = 64 * 1024 * 1024;

/** A schema file naming each column's question text (the config's `questionTexts`). */
export interface QuestionTextsSource {
  schemaFile: string;
  /** The schema file's header naming the column code, and the one holding its question text. */
  codeColumn: string;
  textColumn: string;
}

const ZIP_MAGIC = 0x04034b50;

export async function readSurvey(path: string, options: ReadOptions = {}): Promise<SurveyTable> {
  const stat = await checkSurveyFile(path);
  const sha256 = options.sha256 ?? (await sha256File(path));
  const isZip = await startsWithZipMagic(path);
  const { stream, entry, companions, bytes } = isZip
    ? await openZipEntry(path, options.responsesFile)
    : { stream: createReadStream(path), entry: null, companions: [], bytes: stat.size };
  const source: SurveySource = {
    path,
    entry,
    displayName: entry ? `${path}:${entry}` : path,
    sha256,
    bytes: stat.size,
    companions,
  };
  const encoding = options.encoding ?? 'utf-8';
  const inParts = bytes >= (options.parallelFrom ?? PARALLEL_READ_FROM) && bytes <= PARALLEL_READ_TO;
  const second = inParts && availableParallelism() > 1 ? new SecondPart() : null;
  try {
    const textOf = options.questionTexts ? await readQuestionTexts(path, isZip, options.questionTexts, encoding) : null;
    const decoded = decodedAsUtf8(stream, encoding, source.displayName);
    const parse = (input: Readable, withSecond: SecondPart | null) =>
      parseSurveyCsv(input, source, options.keepColumn ?? (() => true), options.blankCells ?? [], textOf, withSecond);
    if (!second) return (await parse(decoded, null))!;
    const whole = await allBytes(decoded);
    const cut = whole ? recordBoundaryAfter(whole, whole.length >> 1) : -1;
    if (cut !== -1) {
      second.read(whole!.subarray(cut));
      const table = await parse(Readable.from(slicesOf(whole!.subarray(0, cut))), second);
      if (table) return table;
    } else if (whole) return (await parse(Readable.from(slicesOf(whole)), null))!;
    // The file's bytes could not all be read (a damaged zip, a byte that is not UTF-8), or its second part
    // could not: one reading of the whole file gives the error message one reading meets first.
    return await readSurvey(path, { ...options, sha256, parallelFrom: Number.POSITIVE_INFINITY });
  } finally {
    second?.close();
  }
}

/** The stream's bytes, or null when it fails (the caller then reads the file again, as one stream). */
async function allBytes(stream: Readable): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of stream) chunks.push(chunk as Buffer);
  } catch {
    return null;
  }
  return Buffer.concat(chunks);
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
): Promise<{ stream: Readable; entry: string; companions: string[]; bytes: number }> {
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
          resolvePromise({
            stream: stream.pipe(checked),
            entry: entry.fileName,
            companions,
            bytes: entry.uncompressedSize,
          });
        });
      });
      zip.readEntry();
    });
  });
}

/**
 * `textOf` given: one header row, question texts from the schema file; otherwise row 2 holds them. With
 * `second` (the file's rows after `stream`'s, read by a worker), the table joins both parts; null when that
 * part could not be read (the caller reads the file again whole). A bad row of this part is reported as one
 * reading reports it: this part is where that reading starts.
 */
async function parseSurveyCsv(
  stream: Readable,
  source: SurveySource,
  keepColumn: (code: string) => boolean,
  blankCells: readonly string[],
  textOf: Map<string, string> | null,
  second: SecondPart | null,
): Promise<SurveyTable | null> {
  const parser = parse(csvOptions());
  let codes: string[] | undefined;
  let texts: string[] | undefined;
  let kept: number[] = [];
  let reader: RowReader | undefined;
  const file = source.displayName;

  stream.on('error', (error) => parser.destroy(error));
  stream.pipe(parser);
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (!codes) {
        codes = record.map((code) => code.trim());
        checkUniqueCodes(codes, file);
        kept = codes.flatMap((code, index) => (keepColumn(code) ? [index] : []));
        reader = new RowReader({ file, codes, kept, blankCells: [...blankCells] });
        if (textOf) {
          texts = codes.map((code) => textOf.get(code) ?? '');
          second?.setLayout({ file, codes, kept, blankCells: [...blankCells] }, recordDelimiters(parser));
        }
        continue;
      }
      if (!texts) {
        reader!.checkFields(record, info.lines);
        texts = record;
        second?.setLayout({ file, codes, kept, blankCells: [...blankCells] }, recordDelimiters(parser));
        continue;
      }
      reader!.add(record, info.lines);
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
  let rows: RowsRead = reader!.result();
  if (second) {
    // The header must end before the split for the worker to know it; else the file is read whole.
    if (!texts) return null;
    const rest = await second.rows();
    // csv-parse's count of lines (a carriage return alone in a quoted cell is one), less the empty one after
    // the part's last newline.
    const linesBefore = (parser as unknown as { info: { lines: number } }).info.lines - 1;
    const joined = rest && appendRows(rows, rest, linesBefore);
    if (!joined) return null;
    rows = joined;
  }
  if (!texts)
    throw new InputError(
      { file, line: 2 },
      'ends after the header row; expected a row of question texts and respondent rows',
    );
  if (rows.lines.length === 0)
    throw new InputError(
      { file, line: textOf ? 2 : 3 },
      `holds no respondent rows after the ${textOf ? 'header row' : 'two header rows'}`,
    );
  return {
    source,
    codes,
    texts,
    rows: rows.lines.length,
    columns: new Map(kept.map((index, k) => [codes![index], rows.columns[k]])),
    lineOfRow: rows.lines,
    ...(second ? { parts: 2 as const } : {}),
  };
}

/** The line endings csv-parse detected in the file (its `options.record_delimiter`, once it has seen one). */
function recordDelimiters(parser: ReturnType<typeof parse>): string[] {
  const found = (parser as unknown as { options: { record_delimiter: Buffer[] } }).options.record_delimiter;
  return found.map((delimiter) => delimiter.toString('utf8'));
}

/**
 * The second part of a large survey file, read by a worker thread (csv-worker-main.ts) while the main
 * thread reads the first. The worker holds the bytes until it hears the header's layout, which the main
 * thread reads from the first part.
 */
class SecondPart {
  private readonly worker = new Worker(new URL('./csv-worker.mjs', import.meta.url));
  private readonly reply: Promise<CsvWorkerReply>;

  constructor() {
    this.reply = new Promise((resolve) => {
      this.worker.once('message', resolve);
      this.worker.once('error', (error) => resolve({ type: 'failed', message: String(error) }));
      this.worker.once('exit', (code) => resolve({ type: 'failed', message: `exit code ${code}` }));
    });
  }

  /** Hands the part's bytes (copied into a buffer of their own, then moved to the worker) to the worker. */
  read(bytes: Uint8Array): void {
    const own = new Uint8Array(bytes);
    this.post({ type: 'bytes', bytes: own }, [own.buffer as ArrayBuffer]);
  }

  /** The header's layout, and the record delimiters the first part's parser found (the part's own may mislead). */
  setLayout(layout: RowLayout, recordDelimiters: string[]): void {
    this.post({ type: 'layout', layout, recordDelimiters });
  }

  /** The second part's rows, or null when they could not be read. */
  async rows(): Promise<RowsRead | null> {
    const reply = await this.reply;
    if (reply.type !== 'rows') return null;
    return {
      columns: reply.texts.map((texts, k) => ({ texts, codes: new Uint16Array(reply.codes[k]) })),
      lines: new Int32Array(reply.lines),
    };
  }

  close(): void {
    void this.worker.terminate();
  }

  private post(message: CsvWorkerRequest, transfer: ArrayBuffer[] = []): void {
    this.worker.postMessage(message, transfer);
  }
}

/**
 * The offset just past the first newline at or after `from` that ends a record (one outside quotes: an
 * even number of quote marks before it, as RFC 4180 quoting keeps them); -1 when there is none. In UTF-8
 * no byte of a multi-byte character is a quote or a newline.
 */
export function recordBoundaryAfter(bytes: Uint8Array, from: number): number {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let insideQuotes = false;
  let quote = buffer.indexOf(0x22);
  for (let newline = buffer.indexOf(0x0a, from); newline !== -1; newline = buffer.indexOf(0x0a, newline + 1)) {
    while (quote !== -1 && quote < newline) {
      insideQuotes = !insideQuotes;
      quote = buffer.indexOf(0x22, quote + 1);
    }
    if (!insideQuotes) return newline + 1;
  }
  return -1;
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
