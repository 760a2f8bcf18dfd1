/**
 * Errors that users see. An InputError names where the problem is (file, line, column, question) and what
 * was expected; the CLI prints its message alone, without a stack trace, and exits non-zero.
 */
export interface InputLocation {
  /** The file as the user named it (plus the entry inside a zip, `archive.zip:inner.csv`). */
  file: string;
  /** 1-based line in the file. */
  line?: number;
  /** Column code, e.g. `Q6`, or a 1-based column number. */
  column?: string | number;
  /** Question code the problem is about. */
  question?: string;
}

export class InputError extends Error {
  readonly location: InputLocation;

  constructor(location: InputLocation, problem: string) {
    super(`${formatLocation(location)}: ${problem}`);
    this.name = 'InputError';
    this.location = location;
  }
}

/** A bad command-line option: names the option and the value. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export function formatLocation({ file, line, column, question }: InputLocation): string {
  let where = file;
  if (line !== undefined) where += `:${line}`;
  if (column !== undefined) where += `, column ${column}`;
  if (question !== undefined && question !== column) where += `, question ${question}`;
  return where;
}

/** The longest quoted value a message shows; longer ones are cut, so that one bad cell cannot drown the message. */
export const QUOTE_LIMIT = 60;

/** A value in quotes for a message, cut to QUOTE_LIMIT characters with its full length said. */
export function quoted(value: string, limit = QUOTE_LIMIT): string {
  if (value.length <= limit) return JSON.stringify(value);
  return `${JSON.stringify(value.slice(0, limit))}… (${value.length.toLocaleString('en')} characters)`;
}
