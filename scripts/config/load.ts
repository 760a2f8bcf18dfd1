/**
 * Reads a survey configuration (YAML or JSON), checks it against the schema and reports every problem at
 * once, each with the line it is on.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LineCounter, parseDocument, type YAMLError } from 'yaml';
import { canonicalJson } from '../infra/canonical-json.js';
import { InputError } from '../infra/errors.js';
import { type SurveyConfig, SurveyConfigSchema } from './schema.js';
import { schemaProblems } from './schema-messages.js';
import { describeIndentMistake, findIndentMistake } from './yaml-indent.js';

/** Where the built-in configurations live: configs/<year>.yaml at the project root. */
export const BUILT_IN_CONFIG_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../configs');

export function builtInConfigPath(year: number | string): string {
  return join(BUILT_IN_CONFIG_DIR, `${year}.yaml`);
}

export interface ConfigProblem {
  path: string;
  line: number | undefined;
  message: string;
}

export interface LoadedConfig {
  config: SurveyConfig;
  /** sha256 of the normalized configuration (defaults applied), recorded in the output. */
  hash: string;
  file: string;
}

export function loadConfig(file: string): LoadedConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new InputError(
      { file },
      `cannot read the survey configuration (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    );
  }
  const result = validateConfigText(text);
  if ('problems' in result) {
    const list = result.problems.map((p) => `  - ${p.line !== undefined ? `line ${p.line}: ` : ''}${formatProblem(p)}`);
    throw new InputError(
      { file },
      `the survey configuration does not match its schema (${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}):\n${list.join('\n')}`,
    );
  }
  return { config: result.config, hash: hashConfig(result.config), file };
}

/** Parses and validates without throwing: every problem, with its line, or the config (the caller names the file). */
export function validateConfigText(text: string): { config: SurveyConfig } | { problems: ConfigProblem[] } {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false });
  if (document.errors.length > 0) return { problems: [syntaxProblem(text, document.errors, lineCounter)] };
  const parsed = SurveyConfigSchema.safeParse(document.toJS());
  if (parsed.success) return { config: parsed.data };
  return { problems: schemaProblems(parsed.error.issues, document, lineCounter) };
}

/**
 * One problem for a file the YAML parser cannot read: after its first error the parser's reading of the rest
 * is unreliable (one mis-indented line gives a dozen errors), so the first one is the one to fix, at the
 * line of the mistake itself where it is an indentation mistake (the parser's own position is often the
 * line before or after it).
 */
function syntaxProblem(text: string, errors: readonly YAMLError[], lineCounter: LineCounter): ConfigProblem {
  const first = errors[0];
  const line = lineCounter.linePos(first.pos[0]).line;
  const indent = findIndentMistake(text);
  // Only an indentation mistake at or before where the parser's first error ends explains that error.
  const endLine = Math.max(
    ...errors.filter((e) => e.pos[0] === first.pos[0]).map((e) => lineCounter.linePos(e.pos[1]).line),
  );
  if (indent && indent.line <= endLine)
    return { path: '', line: indent.line, message: `not valid YAML: ${describeIndentMistake(indent)}` };
  return { path: '', line, message: `not valid YAML: ${first.message.split('\n')[0]}` };
}

/** "questions.3.group: should be one of ..."; a problem of the whole file is its message alone. */
export function formatProblem(problem: ConfigProblem): string {
  return problem.path ? `${problem.path}: ${problem.message}` : problem.message;
}

/** Key-sorted JSON so that the hash does not depend on the order fields were written in. */
export function hashConfig(config: SurveyConfig): string {
  const { respondents: _fullFileSize, ...shaping } = config;
  return createHash('sha256').update(canonicalJson(shaping)).digest('hex');
}
