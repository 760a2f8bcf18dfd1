/**
 * What the professional rule reads from each kept respondent's answers: how many `_A` and `_B` variant
 * columns they answered (variants rule), whether they gave a non-professional answer (map-split rule), and
 * whether their answers meet every condition (answers rule). Part of encoding, apart because it is about
 * who is clustered, not what.
 */
import type { ProfessionalRule } from '../config/schema.js';
import { InputError } from '../infra/errors.js';
import { isFreeTextColumn, questionOfColumn, variantOfColumn } from '../survey/columns.js';
import type { SurveyTable } from '../survey/read.js';
import type { RuleAnswers } from './types.js';

/** The questions a professional rule reads besides the configured ones. */
export function ruleQuestions(rule: ProfessionalRule): string[] {
  if (rule.rule === 'map-split') return rule.nonProfessional.map((m) => m.question);
  if (rule.rule === 'answers') return [...rule.conditions.map((c) => c.question), ...(rule.complete?.questions ?? [])];
  return rule.complete?.questions ?? [];
}

export function readRuleAnswers(table: SurveyTable, rule: ProfessionalRule, keptRows: Int32Array): RuleAnswers {
  return {
    variantAnswers: countVariantAnswers(table, rule.rule === 'variants' ? rule.questions : [], keptRows),
    nonProfessionalMarks: matchAnyCondition(
      table,
      rule.rule === 'map-split' ? rule.nonProfessional.map((m) => ({ question: m.question, anyOf: m.answers })) : [],
      keptRows,
    ),
    meetsConditions:
      rule.rule === 'answers' ? matchAllConditions(table, rule.conditions, keptRows) : new Uint8Array(keptRows.length),
    questionsAnswered: countQuestionsAnswered(
      table,
      rule.rule === 'map-split' ? [] : (rule.complete?.questions ?? []),
      keptRows,
    ),
  };
}

/** Per kept row, how many of `questions` it answered (any of a question's columns non-blank). */
function countQuestionsAnswered(table: SurveyTable, questions: readonly string[], keptRows: Int32Array): Int32Array {
  const answered = new Int32Array(keptRows.length);
  for (const question of questions) {
    const columns = table.codes.filter((c) => questionOfColumn(c) === question && !isFreeTextColumn(c));
    if (columns.length === 0)
      throw new InputError(
        { file: table.source.displayName, question },
        `the professional rule's completeness names question ${question}, which has no column in this file`,
      );
    const cells = columns.map((c) => table.columns.get(c)!);
    keptRows.forEach((row, i) => {
      if (cells.some((c) => c.codes[row] !== 0)) answered[i]++;
    });
  }
  return answered;
}

function countVariantAnswers(table: SurveyTable, questions: readonly string[], keptRows: Int32Array) {
  const wanted = new Set(questions);
  const a = new Int32Array(keptRows.length);
  const b = new Int32Array(keptRows.length);
  for (const column of table.codes) {
    const variant = variantOfColumn(column);
    if (!variant || !wanted.has(questionOfColumn(column))) continue;
    const cells = table.columns.get(column);
    if (!cells) continue;
    const counts = variant === 'A' ? a : b;
    keptRows.forEach((row, i) => {
      if (cells.codes[row] !== 0) counts[i]++;
    });
  }
  return { a, b };
}

type AnswerCondition = { question: string; anyOf?: string[]; noneOf?: string[] };

/** Per kept row and condition: does the row's answer to the condition's question meet it? */
function conditionMask(table: SurveyTable, condition: AnswerCondition, keptRows: Int32Array): Uint8Array {
  const { question } = condition;
  const column =
    table.codes.find((c) => c === question) ??
    table.codes.find((c) => questionOfColumn(c) === question && !isFreeTextColumn(c));
  const cells = column === undefined ? undefined : table.columns.get(column);
  if (!cells)
    throw new InputError(
      { file: table.source.displayName, question },
      `the professional rule names question ${question}, which has no column in this file`,
    );
  const meets = cells.texts.map(
    (text, code) =>
      code !== 0 && (condition.anyOf ? condition.anyOf.includes(text) : !condition.noneOf!.includes(text)),
  );
  return Uint8Array.from(keptRows, (row) => (meets[cells.codes[row]] ? 1 : 0));
}

function matchAnyCondition(table: SurveyTable, conditions: AnswerCondition[], keptRows: Int32Array): Uint8Array {
  const marks = new Uint8Array(keptRows.length);
  for (const condition of conditions)
    conditionMask(table, condition, keptRows).forEach((m, i) => {
      marks[i] |= m;
    });
  return marks;
}

function matchAllConditions(table: SurveyTable, conditions: AnswerCondition[], keptRows: Int32Array): Uint8Array {
  const marks = new Uint8Array(keptRows.length).fill(1);
  for (const condition of conditions)
    conditionMask(table, condition, keptRows).forEach((m, i) => {
      marks[i] &= m;
    });
  return marks;
}
