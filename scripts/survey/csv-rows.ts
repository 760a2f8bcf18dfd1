/**
 * The respondent rows of a survey CSV into dictionary-coded columns, shared by the reader's main thread and
 * its worker (csv-worker-main.ts), which reads the second part of a large file beside it. Both parts give
 * the columns that one reading of the whole file gives: `appendRows` joins them in file order.
 */
import type { Options } from 'csv-parse';
import { InputError, quoted } from '../infra/errors.js';

/**
 * csv-parse's options for a survey. The first part of a file strips a BOM and detects the line endings; a
 * later part starts mid-file and is given the ones the first part found.
 */
export function csvOptions(recordDelimiters?: string[]): Options {
  return {
    bom: !recordDelimiters,
    info: true,
    skip_empty_lines: true,
    relax_column_count: true,
    ...(recordDelimiters && recordDelimiters.length > 0 ? { record_delimiter: recordDelimiters } : {}),
  };
}

/**
 * The bytes in 1 MiB slices, to write to csv-parse one at a time: given one large chunk, it queues every
 * record of the chunk before it yields the first.
 */
export function* slicesOf(bytes: Uint8Array): Generator<Uint8Array> {
  const slice = 1 << 20;
  for (let at = 0; at < bytes.length; at += slice) yield bytes.subarray(at, at + slice);
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

/**
 * The longest answer a kept column may hold. Kaggle's longest answer text is a few hundred characters; a
 * longer cell is free text or a broken file, and as a category it would become a feature of its own.
 */
export const MAX_ANSWER_LENGTH = 1000;

/** At most this many distinct texts in one column: its codes are 16-bit. */
const MAX_DISTINCT = 0xffff;

class ColumnBuilder {
  readonly texts = [''];
  private readonly index = new Map<string, number>([['', 0]]);
  private codes = new Uint16Array(1024);
  private length = 0;

  push(cell: string): void {
    let code = cell === '' ? 0 : this.index.get(cell);
    if (code === undefined) {
      code = this.texts.length;
      if (code > MAX_DISTINCT) throw new RangeError('more than 65,535 distinct answers in one column');
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

/** What the rows need from the header: every column's code, which of them to keep, the texts read as blank. */
export interface RowLayout {
  file: string;
  codes: string[];
  /** Indices into codes of the kept columns, in file order. */
  kept: number[];
  blankCells: string[];
}

/** Rows read: the kept columns (RowLayout.kept's order) and, per row, the 1-based line where it ends. */
export interface RowsRead {
  columns: Column[];
  lines: Int32Array;
}

/** Takes respondent records one at a time and keeps their kept cells, checking each as the survey expects. */
export class RowReader {
  private readonly builders: ColumnBuilder[];
  private readonly blank: Set<string>;
  private lines = new Int32Array(1024);
  private rows = 0;

  constructor(private readonly layout: RowLayout) {
    this.builders = layout.kept.map(() => new ColumnBuilder());
    this.blank = new Set(layout.blankCells);
  }

  /** A record of another length than the header row is a broken file. */
  checkFields(record: string[], line: number): void {
    const { file, codes } = this.layout;
    if (record.length !== codes.length) {
      throw new InputError(
        { file, line },
        `row has ${record.length} fields; expected ${codes.length} as in the header row`,
      );
    }
  }

  /** One respondent's record, ending on `line` of the file. */
  add(record: string[], line: number): void {
    const { file, codes, kept } = this.layout;
    this.checkFields(record, line);
    for (let k = 0; k < kept.length; k++) {
      const raw = record[kept[k]];
      const cell = raw === '' ? raw : raw.trim();
      if (cell.length > MAX_ANSWER_LENGTH) {
        throw new InputError(
          { file, line, column: codes[kept[k]] },
          `an answer of ${cell.length.toLocaleString('en')} characters (${quoted(cell)}); expected at most ${MAX_ANSWER_LENGTH}, as answers of a configured question are: is this a free-text column, or a broken row?`,
        );
      }
      this.builders[k].push(this.blank.size > 0 && this.blank.has(cell) ? '' : cell);
    }
    if (this.rows === this.lines.length) {
      const grown = new Int32Array(this.lines.length * 2);
      grown.set(this.lines);
      this.lines = grown;
    }
    this.lines[this.rows++] = line;
  }

  result(): RowsRead {
    return { columns: this.builders.map((b) => b.build()), lines: this.lines.slice(0, this.rows) };
  }
}

/**
 * The rows of `first` then those of `second` (read from the file after `first`'s last line, its lines
 * counted from 1 there), as one reading of both would give them: each column's texts stay in first-seen
 * order. Null when a column would hold more distinct texts than its codes can name.
 */
export function appendRows(first: RowsRead, second: RowsRead, linesBefore: number): RowsRead | null {
  const columns: Column[] = [];
  for (let k = 0; k < first.columns.length; k++) {
    const head = first.columns[k];
    const tail = second.columns[k];
    const texts = head.texts.slice();
    const index = new Map(texts.map((text, code) => [text, code]));
    const renumber = new Uint16Array(tail.texts.length);
    for (let code = 1; code < tail.texts.length; code++) {
      const text = tail.texts[code];
      let merged = index.get(text);
      if (merged === undefined) {
        merged = texts.length;
        if (merged > MAX_DISTINCT) return null;
        texts.push(text);
        index.set(text, merged);
      }
      renumber[code] = merged;
    }
    const codes = new Uint16Array(head.codes.length + tail.codes.length);
    codes.set(head.codes);
    for (let row = 0; row < tail.codes.length; row++) codes[head.codes.length + row] = renumber[tail.codes[row]];
    columns.push({ texts, codes });
  }
  const lines = new Int32Array(first.lines.length + second.lines.length);
  lines.set(first.lines);
  for (let row = 0; row < second.lines.length; row++) lines[first.lines.length + row] = linesBefore + second.lines[row];
  return { columns, lines };
}
