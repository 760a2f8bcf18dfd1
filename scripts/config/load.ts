/**
 * Reads a survey configuration (YAML or JSON), checks it against the schema and reports every problem at
 * once, each with the line it is on.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../infra/canonical-json.js';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LineCounter, parseDocument, isNode } from 'yaml';
import type { z } from 'zod';
import { InputError } from '../infra/errors.js';
import { SurveyConfigSchema, type SurveyConfig } from './schema.js';

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
    throw new InputError({ file }, `cannot read the survey configuration (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  const result = validateConfigText(text, file);
  if ('problems' in result) {
    const list = result.problems.map((p) => `  - ${p.line !== undefined ? `line ${p.line}: ` : ''}${p.path || '(top level)'}: ${p.message}`);
    throw new InputError({ file }, `the survey configuration does not match its schema (${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}):\n${list.join('\n')}`);
  }
  return { config: result.config, hash: hashConfig(result.config), file };
}

/** Parses and validates without throwing: every problem, with its line, or the config. */
export function validateConfigText(text: string, file: string): { config: SurveyConfig } | { problems: ConfigProblem[] } {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false });
  if (document.errors.length > 0) {
    return {
      problems: document.errors.map((e) => ({ path: '', line: lineCounter.linePos(e.pos[0]).line, message: `not valid YAML/JSON: ${e.message.split('\n')[0]}` })),
    };
  }
  const parsed = SurveyConfigSchema.safeParse(document.toJS());
  if (parsed.success) return { config: parsed.data };
  void file;
  return { problems: parsed.error.issues.map((issue) => toProblem(issue, document, lineCounter)) };
}

function toProblem(issue: z.core.$ZodIssue, document: ReturnType<typeof parseDocument>, lineCounter: LineCounter): ConfigProblem {
  const path = issue.path.map(String);
  let line: number | undefined;
  for (let depth = path.length; depth >= 0 && line === undefined; depth--) {
    const node = depth === 0 ? document.contents : document.getIn(issue.path.slice(0, depth) as (string | number)[], true);
    if (isNode(node) && node.range) line = lineCounter.linePos(node.range[0]).line;
  }
  return { path: path.join('.'), line, message: issue.message };
}

/** Key-sorted JSON so that the hash does not depend on the order fields were written in. */
export function hashConfig(config: SurveyConfig): string {
  const { respondents: _fullFileSize, ...shaping } = config;
  return createHash('sha256').update(canonicalJson(shaping)).digest('hex');
}

