/**
 * `npm run config:validate -- CONFIG [--input FILE]`
 *
 * Lists every problem of a survey configuration at once, each with its line: schema problems, values the
 * draft command left as "TODO: ...", and, with --input, mismatches with the survey file (data-checks.ts).
 * Exit 0 when there are no errors (warnings are printed but do not fail), 1 when there are, 2 for bad usage.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { configLines } from '../config/config-lines.js';
import { checkAgainstSurvey, checkedQuestions, looseConfig } from '../config/data-checks.js';
import { formatProblem, validateConfigText } from '../config/load.js';
import { looseLayout, readConfiguredSurvey } from '../config/read-configured.js';
import type { SurveyConfig } from '../config/schema.js';
import { printedHelp, reportError, runIfEntryPoint } from '../infra/command.js';
import { InputError, UsageError } from '../infra/errors.js';
import { encodeSurvey } from '../segment/encode.js';
import { isFreeTextColumn, questionOfColumn } from '../survey/columns.js';
import type { SurveyTable } from '../survey/read.js';

const USAGE = `Usage: npm run config:validate -- CONFIG [--input FILE]

  CONFIG        the survey configuration to check (YAML or JSON), e.g. configs/2023.yaml
  --input FILE  also check it against the survey: Kaggle's responses CSV or its zip

Exit status: 0 no problems (warnings allowed), 1 problems found, 2 bad usage.
`;

export interface Finding {
  severity: 'error' | 'warning';
  line: number | undefined;
  message: string;
  /** Dotted path of the value it is about, when it is about one. */
  path?: string;
}

export interface ValidationReport {
  file: string;
  findings: Finding[];
  /** A one-paragraph summary when there are no errors. */
  summary: string | null;
}

export async function validateConfigFile(file: string, input?: string): Promise<ValidationReport> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new InputError(
      { file },
      `cannot read the survey configuration (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    );
  }
  return validateConfigSource(text, file, input);
}

/** The same checks on a config's text (config:draft counts its draft's problems with it, as validate will). */
export async function validateConfigSource(text: string, file: string, input?: string): Promise<ValidationReport> {
  const lines = configLines(text);
  const findings: Finding[] = [];
  const schema = validateConfigText(text);
  if ('problems' in schema) {
    for (const p of schema.problems)
      findings.push({ severity: 'error', line: p.line, message: formatProblem(p), path: p.path });
  }
  // A TODO value the schema already rejects (a code written as "TODO: ...") is reported once.
  const schemaPaths = new Set('problems' in schema ? schema.problems.map((p) => p.path) : []);
  for (const todo of lines.todoValues().filter((t) => !schemaPaths.has(t.path)))
    findings.push({
      severity: 'error',
      line: todo.line,
      message: `${todo.path} is still a TODO: ${shorten(todo.value)}`,
    });
  const todoComments = lines.todoCommentLines();
  if (todoComments.length > 0) {
    findings.push({
      severity: 'warning',
      line: todoComments[0],
      message: `${todoComments.length} comment line(s) still say TODO (lines ${listLines(todoComments)}); delete each once checked`,
    });
  }

  let table: SurveyTable | null = null;
  if (input && lines.data !== undefined) {
    const loose = looseConfig(lines.data);
    const wanted = checkedQuestions(loose);
    try {
      table = await readConfiguredSurvey(input, looseLayout(lines.data), {
        keepColumn: (c) => wanted.has(questionOfColumn(c)) && !isFreeTextColumn(c),
      });
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      findings.push({ severity: 'error', line: undefined, message: error.message });
    }
    if (table) {
      for (const p of checkAgainstSurvey(loose, table)) {
        // The file-level check of a value the schema also rejects (a newToML answer outside mlYears' order)
        // says more (the file, the closest answer): it replaces the schema's message, so the mistake is told once.
        const path = p.path?.map(String).join('.');
        const duplicate = path === undefined ? -1 : findings.findIndex((f) => f.path === path);
        if (duplicate >= 0) findings.splice(duplicate, 1);
        findings.push({
          severity: p.severity,
          line: p.path ? lines.lineOf(p.path) : undefined,
          message: p.message,
          path,
        });
      }
    }
  }

  const errors = findings.filter((f) => f.severity === 'error').length;
  const config = 'config' in schema ? schema.config : null;
  return { file, findings, summary: errors === 0 && config ? summarize(config, table) : null };
}

function summarize(config: SurveyConfig, table: SurveyTable | null): string {
  const profile = config.questions.filter((q) => q.group === 'valid').length;
  const questions = `${config.questions.length} questions (${config.questions.length - profile} clustered, ${profile} profile)`;
  if (!table) return `${config.year}: ${questions}; pass --input to check it against the survey file`;
  try {
    const { counts } = encodeSurvey(table, config);
    return `${config.year}: ${questions}, ${counts.features} features; ${counts.respondents.toLocaleString('en-US')} respondents, ${counts.kept.toLocaleString('en-US')} kept after dropping ${counts.droppedNearlyEmpty.toLocaleString('en-US')} nearly empty rows`;
  } catch (error) {
    if (error instanceof InputError)
      return `${config.year}: ${questions}; the encoder still refuses the file: ${error.message}`;
    throw error;
  }
}

export function formatReport(report: ValidationReport): string {
  const sorted = [...report.findings].sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity));
  const out = sorted.map(
    (f) => `${report.file}${f.line !== undefined ? `:${f.line}` : ''}: ${f.severity}: ${f.message}`,
  );
  const errors = report.findings.filter((f) => f.severity === 'error').length;
  const warnings = report.findings.length - errors;
  out.push(
    errors === 0
      ? `${report.file}: no problems${warnings > 0 ? ` (${warnings} warning${warnings === 1 ? '' : 's'})` : ''}. ${report.summary ?? ''}`.trimEnd()
      : `${report.file}: ${errors} problem${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`,
  );
  return out.join('\n');
}

function listLines(lines: number[]): string {
  return lines.length > 12 ? `${lines.slice(0, 12).join(', ')}, ...` : lines.join(', ');
}

function shorten(value: string): string {
  return value.length > 100 ? `${value.slice(0, 97)}...` : value;
}

export async function main(argv: string[]): Promise<number> {
  if (printedHelp(argv, USAGE)) return 0;
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { input: { type: 'string' }, help: { type: 'boolean', default: false } },
      allowPositionals: true,
      strict: true,
    });
    if (values.help) throw new UsageError(USAGE);
    if (positionals.length !== 1)
      throw new UsageError(
        `expected one CONFIG file, got ${positionals.length === 0 ? 'none' : positionals.join(' ')}\n\n${USAGE}`,
      );
    const report = await validateConfigFile(positionals[0], values.input);
    const failed = report.findings.some((f) => f.severity === 'error');
    (failed ? process.stderr : process.stdout).write(formatReport(report) + '\n');
    return failed ? 1 : 0;
  } catch (error) {
    return reportError(error, USAGE);
  }
}

runIfEntryPoint(import.meta.url, main);
