/**
 * What every command shares: the errors users see become a message and an exit code (1 for bad input,
 * 2 for bad usage); anything else is a bug and keeps its stack trace.
 */
import { pathToFileURL } from 'node:url';
import { InputError, UsageError } from './errors.js';

export function reportError(error: unknown, usage: string): number {
  if (error instanceof InputError || error instanceof UsageError) {
    process.stderr.write(`error: ${readable(error.message)}\n`);
    return error instanceof UsageError ? 2 : 1;
  }
  if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
    process.stderr.write(`error: ${error.message}\n\n${usage}`);
    return 2;
  }
  throw error;
}

/** `--help` anywhere: the usage goes to stdout and the command exits 0 without doing its work. */
export function printedHelp(argv: string[], usage: string): boolean {
  if (!argv.includes('--help')) return false;
  process.stdout.write(usage.endsWith('\n') ? usage : `${usage}\n`);
  return true;
}

/** A command's whole-number option (`--seed 3`): digits only, at least `min`; anything else is a usage error naming the option. */
export function integerOption(name: string, value: string, min: number): number {
  const n = Number(value);
  if (!/^-?\d+$/.test(value) || !Number.isSafeInteger(n) || n < min)
    throw new UsageError(`${name} ${value}: expected a whole number of at least ${min}`);
  return n;
}

/** A command's option that takes one of a few words (`--init random`). */
export function choiceOption<T extends string>(name: string, value: string, choices: readonly T[]): T {
  if (!(choices as readonly string[]).includes(value))
    throw new UsageError(`${name} ${value}: expected one of ${choices.join(', ')}`);
  return value as T;
}

/** Runs `main` with the process's arguments when `moduleUrl` is the module node was started with. */
export function runIfEntryPoint(moduleUrl: string, main: (argv: string[]) => Promise<number>): void {
  if (process.argv[1] && moduleUrl === pathToFileURL(process.argv[1]).href) {
    main(process.argv.slice(2)).then((code) => process.exit(code));
  }
}

/** Longest line of a message: a value that slipped through unquoted (a 50 MB cell) must not drown the rest. */
const MESSAGE_LINE_LIMIT = 1000;

function readable(message: string): string {
  return message
    .split('\n')
    .map((line) =>
      line.length <= MESSAGE_LINE_LIMIT
        ? line
        : `${line.slice(0, MESSAGE_LINE_LIMIT)}… (line cut; ${line.length.toLocaleString('en')} characters)`,
    )
    .join('\n');
}
