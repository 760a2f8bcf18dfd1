/**
 * Checks a config against the survey file it is for, listing every mismatch at once: configured questions
 * the file lacks, layouts that contradict `type`, answers missing from an `order` (with how many gave them
 * and the first line), `order` entries nobody chose, newToML answers and professional-rule questions or
 * answers the file does not have, and questions of the file the config does not mention. Works on the raw
 * YAML data, so a config that fails its schema still gets its data checked.
 */

import type { z } from 'zod';
import { isFreeTextColumn, questionOfColumn, variantOfColumn } from '../survey/columns.js';
import { firstRows, surveyQuestions, tally } from '../survey/questions.js';
import type { SurveyTable } from '../survey/read.js';
import type { ConfigPath } from './config-lines.js';
import { accepted, type RawFields, rawFields, rawItems } from './lenient.js';
import {
  AnswerConditionSchema,
  AnswersRuleSchema,
  CompletenessSchema,
  MapSplitRuleSchema,
  type QuestionConfig,
  QuestionSchema,
  type SurveyConfigInput,
  SurveyConfigSchema,
  VariantsRuleSchema,
} from './schema.js';
import { contentWords, jaccard } from './text-similarity.js';

export interface DataProblem {
  severity: 'error' | 'warning';
  /** Where in the config (null: about the file as a whole). */
  path: ConfigPath | null;
  message: string;
}

interface LooseQuestion {
  index: number;
  code: string;
  label: string;
  type: QuestionConfig['type'] | null;
  order: string[] | null;
  allowUnlisted: boolean;
}

/** The parts of a config the data checks read, taken from raw YAML data without trusting its shape. */
export interface LooseConfig {
  questions: LooseQuestion[];
  unmatched: string[];
  mlYears: string | null;
  newToML: string[];
  variants: string[] | null;
  markers: { question: string; answers: string[] }[];
  /** The `answers` rule's conditions: which list (anyOf or noneOf) names which answers of which question. */
  conditions: { question: string; list: 'anyOf' | 'noneOf'; answers: string[] }[];
  /** The professional rule's completeness questions. */
  completeQuestions: string[];
  responsesFile: string | undefined;
  blankCells: string[];
}

const CONFIG = SurveyConfigSchema.shape;
const QUESTION = QuestionSchema.shape;
const UNMATCHED = CONFIG.unmatchedQuestions.unwrap().element.shape;
const MARKER = MapSplitRuleSchema.shape.nonProfessional.element.shape;
const CONDITION = AnswerConditionSchema.shape;
/** Any of the professional rules' fields: which ones count depends on `rule`. */
type RawRule = RawFields<z.input<typeof VariantsRuleSchema>> &
  RawFields<z.input<typeof MapSplitRuleSchema>> &
  RawFields<z.input<typeof AnswersRuleSchema>>;

/** Each field as its schema piece reads it, so a field the schema rejects is left out and the others are still checked. */
export function looseConfig(data: unknown): LooseConfig {
  const config = rawFields<SurveyConfigInput>(data);
  const professional: RawRule = rawFields(config.professional);
  return {
    questions: rawItems(config.questions).flatMap((item, index) => {
      const entry = rawFields<z.input<typeof QuestionSchema>>(item);
      const code = accepted(QUESTION.code, entry.code);
      if (code === undefined) return [];
      return [
        {
          index,
          code,
          label: accepted(QUESTION.label, entry.label) ?? code,
          type: accepted(QUESTION.type, entry.type) ?? null,
          order: accepted(QUESTION.order, entry.order) ?? null,
          allowUnlisted: accepted(QUESTION.allowUnlisted, entry.allowUnlisted) ?? false,
        },
      ];
    }),
    unmatched: rawItems(config.unmatchedQuestions).flatMap(
      (item) =>
        accepted(UNMATCHED.code, rawFields<NonNullable<SurveyConfigInput['unmatchedQuestions']>[number]>(item).code) ??
        [],
    ),
    mlYears:
      accepted(CONFIG.profile.shape.mlYears, rawFields<SurveyConfigInput['profile']>(config.profile).mlYears) ?? null,
    newToML: accepted(CONFIG.newToML, config.newToML) ?? [],
    variants:
      professional.rule === VariantsRuleSchema.shape.rule.value
        ? (accepted(VariantsRuleSchema.shape.questions, professional.questions) ?? [])
        : null,
    markers:
      professional.rule === MapSplitRuleSchema.shape.rule.value
        ? rawItems(professional.nonProfessional).map((item) => {
            const marker = rawFields<z.input<typeof MapSplitRuleSchema>['nonProfessional'][number]>(item);
            return {
              question: accepted(MARKER.question, marker.question) ?? '',
              answers: accepted(MARKER.answers, marker.answers) ?? [],
            };
          })
        : [],
    conditions:
      professional.rule === AnswersRuleSchema.shape.rule.value
        ? rawItems(professional.conditions).map((item) => {
            const condition = rawFields<z.input<typeof AnswerConditionSchema>>(item);
            const list = condition.anyOf !== undefined ? 'anyOf' : 'noneOf';
            return {
              question: accepted(CONDITION.question, condition.question) ?? '',
              list,
              answers: accepted(CONDITION[list], condition[list]) ?? [],
            };
          })
        : [],
    completeQuestions:
      accepted(
        CompletenessSchema.shape.questions,
        rawFields<z.input<typeof CompletenessSchema>>(professional.complete).questions,
      ) ?? [],
    responsesFile: accepted(CONFIG.responsesFile, config.responsesFile),
    blankCells: accepted(CONFIG.blankCells, config.blankCells) ?? [],
  };
}

/** The question codes whose columns the checks read. */
export function checkedQuestions(config: LooseConfig): Set<string> {
  return new Set([
    ...config.questions.map((q) => q.code),
    ...config.markers.map((m) => m.question),
    ...config.conditions.map((c) => c.question),
    ...config.completeQuestions,
  ]);
}

export function checkAgainstSurvey(config: LooseConfig, table: SurveyTable): DataProblem[] {
  const file = table.source.displayName;
  const problems: DataProblem[] = [];
  const columnsOf = new Map<string, string[]>();
  for (const column of table.codes) {
    if (isFreeTextColumn(column)) continue;
    const code = questionOfColumn(column);
    columnsOf.set(code, [...(columnsOf.get(code) ?? []), column]);
  }
  const where = (row: number) => `${file}:${table.lineOfRow[row]}`;

  for (const q of config.questions) {
    const path = ['questions', q.index];
    const columns = columnsOf.get(q.code) ?? [];
    if (columns.length === 0) {
      problems.push({
        severity: 'error',
        path: [...path, 'code'],
        message: `${q.code} (${q.label}) has no column in ${file} (expected ${q.code} or ${q.code}_...)`,
      });
      continue;
    }
    if (q.type === 'single' && columns.length > 1 && !columns.every((c) => variantOfColumn(c))) {
      problems.push({
        severity: 'error',
        path: [...path, 'type'],
        message: `${q.code} (${q.label}) is configured as single-choice but has ${columns.length} answer columns (${preview(columns)}); expected type: multi`,
      });
      continue;
    }
    if (q.type === 'multi') problems.push(...checkMultiColumns(q, columns, table, path));
    if (q.order) problems.push(...checkOrder(q, columns, table, path, where));
  }

  const ml = config.questions.find((q) => q.code === config.mlYears);
  if (ml) {
    const found = new Set(answersOf(table, columnsOf.get(ml.code) ?? []).map((a) => a.answer));
    config.newToML.forEach((answer, i) => {
      if (found.size > 0 && !found.has(answer))
        problems.push({
          severity: 'error',
          path: ['newToML', i],
          message: `newToML answer "${answer}" is not an answer of ${ml.code} (mlYears) in ${file}${closest(answer, [...found])}`,
        });
    });
  }

  config.variants?.forEach((code, i) => {
    const columns = columnsOf.get(code) ?? [];
    if (columns.length === 0)
      problems.push({
        severity: 'error',
        path: ['professional', 'questions', i],
        message: `the professional rule lists ${code}, which has no column in ${file}`,
      });
    else if (!columns.some((c) => variantOfColumn(c)))
      problems.push({
        severity: 'error',
        path: ['professional', 'questions', i],
        message: `the professional rule lists ${code}, but ${file} has no ${code}_A / ${code}_B columns (only ${preview(columns)})`,
      });
  });
  config.markers.forEach((marker, i) => {
    const columns = columnsOf.get(marker.question) ?? [];
    if (columns.length === 0) {
      problems.push({
        severity: 'error',
        path: ['professional', 'nonProfessional', i, 'question'],
        message: `the professional rule's marker question ${marker.question || '(none)'} has no column in ${file}`,
      });
      return;
    }
    const found = new Set(answersOf(table, columns).map((a) => a.answer));
    marker.answers.forEach((answer, j) => {
      if (!found.has(answer))
        problems.push({
          severity: 'error',
          path: ['professional', 'nonProfessional', i, 'answers', j],
          message: `nobody in ${file} answered "${answer}" to ${marker.question}${closest(answer, [...found])}`,
        });
    });
  });

  // The `answers` rule: a misspelt answer or a question the file lacks would silently change who counts as
  // a professional, so each is an error naming the answers that do exist.
  config.conditions.forEach((condition, i) => {
    const columns = columnsOf.get(condition.question) ?? [];
    if (columns.length === 0) {
      problems.push({
        severity: 'error',
        path: ['professional', 'conditions', i, 'question'],
        message: `the professional rule's condition on ${condition.question || '(no question)'} names a question with no column in ${file}`,
      });
      return;
    }
    const found = answersOf(table, columns);
    const names = found.map((a) => a.answer);
    condition.answers.forEach((answer, j) => {
      if (names.includes(answer)) return;
      const hint =
        closest(answer, names) ||
        `; its answers in the file: ${names
          .slice(0, 8)
          .map((a) => `"${a}"`)
          .join(', ')}${names.length > 8 ? ', ...' : ''}`;
      problems.push({
        severity: 'error',
        path: ['professional', 'conditions', i, condition.list, j],
        message: `the professional rule's condition on ${condition.question}: nobody in ${file} answered "${answer}"${hint}`,
      });
    });
  });

  config.completeQuestions.forEach((code, i) => {
    if (!columnsOf.has(code))
      problems.push({
        severity: 'error',
        path: ['professional', 'complete', 'questions', i],
        message: `the professional rule's completeness names ${code}, which has no column in ${file}`,
      });
  });

  const mentioned = new Set([
    ...config.questions.map((q) => q.code),
    ...config.unmatched,
    ...config.markers.map((m) => m.question),
    ...config.conditions.map((c) => c.question),
  ]);
  for (const question of surveyQuestions(table)) {
    if (!mentioned.has(question.code))
      problems.push({
        severity: 'warning',
        path: null,
        message: `${question.code} ("${shorten(question.text)}") is in ${file} but neither in questions nor in unmatchedQuestions`,
      });
  }
  config.unmatched.forEach((code, i) => {
    if (!columnsOf.has(code))
      problems.push({
        severity: 'warning',
        path: ['unmatchedQuestions', i, 'code'],
        message: `unmatchedQuestions lists ${code}, which has no column in ${file}`,
      });
  });
  return problems;
}

/** Each column of a multi-select question holds one answer text or nothing. */
function checkMultiColumns(q: LooseQuestion, columns: string[], table: SurveyTable, path: ConfigPath): DataProblem[] {
  const mixed = columns.flatMap((column) => {
    const answers = answersOf(table, [column]);
    return answers.length > 1 ? [{ column, answers }] : [];
  });
  if (mixed.length === 0) return [];
  const [first] = mixed;
  const texts = first.answers
    .slice(0, 3)
    .map((a) => `"${a.answer}" ${a.count.toLocaleString('en-US')}`)
    .join(', ');
  const hint =
    columns.length === 1
      ? '; a single column holding several answers is a single-choice question (type: single?)'
      : '; texts that mean "no answer" (such as "nan") belong in blankCells';
  return [
    {
      severity: 'error',
      path: [...path, 'type'],
      message: `${q.code} (${q.label}) is multi-select, but ${mixed.length} of its columns hold several different answers (${first.column}: ${texts}${first.answers.length > 3 ? ', ...' : ''})${hint}`,
    },
  ];
}

function checkOrder(
  q: LooseQuestion,
  columns: string[],
  table: SurveyTable,
  path: ConfigPath,
  where: (row: number) => string,
): DataProblem[] {
  const problems: DataProblem[] = [];
  const order = q.order!;
  const answers = answersOf(table, columns);
  const chosen = new Set(answers.map((a) => a.answer));
  if (!q.allowUnlisted) {
    for (const a of answers) {
      if (order.includes(a.answer)) continue;
      problems.push({
        severity: 'error',
        path: [...path, 'order'],
        message: `${q.code} (${q.label}): answer "${a.answer}" is not in order (${a.count.toLocaleString('en-US')} respondent${a.count === 1 ? '' : 's'}, first at ${where(a.firstRow)})${closest(a.answer, order)}`,
      });
    }
  }
  order.forEach((answer, i) => {
    if (!chosen.has(answer))
      problems.push({
        severity: 'warning',
        path: [...path, 'order', i],
        message: `${q.code} (${q.label}): nobody chose order entry "${answer}"`,
      });
  });
  return problems;
}

/** Distinct answers over columns, summed, most frequent first. */
function answersOf(table: SurveyTable, columns: string[]): { answer: string; count: number; firstRow: number }[] {
  const byAnswer = new Map<string, { answer: string; count: number; firstRow: number }>();
  for (const column of columns) {
    const cells = table.columns.get(column);
    if (!cells) continue;
    const counts = tally(cells);
    const first = firstRows(cells);
    cells.texts.forEach((answer, i) => {
      if (i === 0 || counts[i] === 0) return;
      const entry = byAnswer.get(answer) ?? { answer, count: 0, firstRow: first[i] };
      entry.count += counts[i];
      entry.firstRow = Math.min(entry.firstRow, first[i]);
      byAnswer.set(answer, entry);
    });
  }
  return [...byAnswer.values()].sort((a, b) => b.count - a.count);
}

/** A hint for a misspelt answer; answers with numbers only suggest one with the same numbers. */
function closest(answer: string, candidates: string[]): string {
  const words = contentWords(answer);
  const numbers = (value: string) => (value.match(/\d+/g) ?? []).join(',');
  const best = candidates
    .filter((c) => numbers(answer) === '' || numbers(c) === numbers(answer))
    .map((c) => ({ c, s: jaccard(words, contentWords(c)) }))
    .sort((a, b) => b.s - a.s)[0];
  return best && best.s >= 0.3 ? `; did you mean "${best.c}"?` : '';
}

function preview(columns: string[]): string {
  return columns.slice(0, 4).join(', ') + (columns.length > 4 ? ', ...' : '');
}

function shorten(value: string): string {
  return value.length > 90 ? `${value.slice(0, 87)}...` : value;
}
