/**
 * Stage 2, encode: the configured questions become 0/1 features. A multi-select column is one feature (chosen
 * or not); a single-choice column is one-hot encoded, ordered answers in their configured order. Free-text
 * columns are dropped, and so are respondents who chose almost nothing (the notebook's row mean <= 0.01).
 * Profile (`valid`) questions are kept aside as answer indices, for the breakdowns.
 */
import type { QuestionConfig, SurveyConfig } from '../config/schema.js';
import type { Feature, QuestionInfo } from '../document/segmentation-schema.js';
import { InputError, quoted } from '../infra/errors.js';
import { isFreeTextColumn, questionOfColumn, variantOfColumn } from '../survey/columns.js';
import type { Column, SurveyTable } from '../survey/read.js';
import { readRuleAnswers, ruleQuestions } from './rule-answers.js';
import type { BinaryMatrix, EncodedSurvey, ProfileAnswers } from './types.js';

/** A column about to be encoded: its cells and the feature ids/labels it produces. */
interface ColumnPlan {
  column: string;
  question: QuestionConfig;
  /** Multi-select: one feature; single-choice: one feature per answer. */
  kind: 'multi' | 'single';
  answers: string[];
  /** Answer index per respondent (single) or 0/1 (multi); -1 = blank. */
  values: Int16Array;
}

/** The columns a config needs from the file, so the reader can keep only those. */
export function neededColumn(config: SurveyConfig): (column: string) => boolean {
  const codes = new Set(config.questions.map((q) => q.code));
  for (const question of ruleQuestions(config.professional)) codes.add(question);
  return (column) => codes.has(questionOfColumn(column));
}

export function encodeSurvey(table: SurveyTable, config: SurveyConfig): EncodedSurvey {
  const file = table.source.displayName;
  checkColumnsPresent(table, config);
  const plans: ColumnPlan[] = [];
  const questions: QuestionInfo[] = [];
  const profile = new Map<string, ProfileAnswers>();
  let columnsDroppedFreeText = 0;

  for (const question of config.questions) {
    const columns = table.codes.filter((c) => questionOfColumn(c) === question.code);
    const used = columns.filter((c) => !isFreeTextColumn(c));
    columnsDroppedFreeText += columns.length - used.length;
    if (question.type === 'single' && used.length > 1 && !used.every((c) => variantOfColumn(c))) {
      throw new InputError(
        { file, question: question.code },
        `question ${question.code} is configured as single-choice but has ${used.length} answer columns (${used.slice(0, 4).join(', ')}${used.length > 4 ? ', ...' : ''}); expected one (type: multi?)`,
      );
    }
    const questionPlans = used.map((column) => planColumn(table, question, column));
    const text = questionText(table, used);
    if (question.group === 'valid') {
      if (question.type === 'single') {
        const plan = questionPlans[0];
        profile.set(question.code, { code: question.code, answers: plan.answers, values: plan.values });
      }
    } else {
      plans.push(...questionPlans);
    }
    questions.push({
      code: question.code,
      label: question.label,
      text,
      group: question.group,
      type: question.type,
      topic: question.topic ?? null,
      ordered: question.order !== undefined,
      answers: questionPlans.flatMap((plan) =>
        plan.kind === 'multi'
          ? [{ id: plan.column, label: plan.answers[0] }]
          : plan.answers.map((label, i) => ({ id: `${plan.column}:${i}`, label })),
      ),
    });
  }

  const { features, featureColumns, featuresDroppedEmpty } = buildFeatures(plans);
  const { matrix, keptRows } = buildMatrix(featureColumns, table.rows, config.dropRowMeanAtMost);
  for (const answers of profile.values()) answers.values = pick(answers.values, keptRows);
  const { variantAnswers, nonProfessionalMarks, meetsConditions, questionsAnswered } = readRuleAnswers(
    table,
    config.professional,
    keptRows,
  );

  return {
    matrix,
    features,
    questions,
    keptRows,
    profile,
    variantAnswers,
    nonProfessionalMarks,
    meetsConditions,
    questionsAnswered,
    counts: {
      respondents: table.rows,
      droppedNearlyEmpty: table.rows - keptRows.length,
      kept: keptRows.length,
      columnsRead: table.codes.length,
      columnsUsed: plans.length + profile.size,
      columnsDroppedFreeText,
      features: features.length,
      featuresDroppedEmpty,
    },
  };
}

/** A file of another survey year lacks the configured questions: list them all at once. */
function checkColumnsPresent(table: SurveyTable, config: SurveyConfig): void {
  const present = new Set(table.codes.filter((c) => !isFreeTextColumn(c)).map(questionOfColumn));
  const missing = config.questions.filter((q) => !present.has(q.code));
  if (missing.length > 0) {
    const list = missing.map((q) => `${q.code} (${q.label})`).join(', ');
    throw new InputError(
      { file: table.source.displayName },
      `does not look like the ${config.year} survey: ${missing.length} configured question${missing.length === 1 ? ' has' : 's have'} no column in it: ${list}`,
    );
  }
}

function planColumn(table: SurveyTable, question: QuestionConfig, column: string): ColumnPlan {
  const cells = table.columns.get(column);
  if (!cells) throw new Error(`column ${column} was not kept by the reader`);
  if (question.type === 'multi') {
    const values = mapCodes(cells.codes, (code) => (code === 0 ? 0 : 1));
    // The first text seen is the answer; Kaggle writes the same text in every chosen cell.
    return { column, question, kind: 'multi', answers: [cells.texts[1] ?? answerFromText(table, column)], values };
  }
  const answers = singleChoiceAnswers(table, question, column, cells);
  const answerOfText = cells.texts.map((text) => (text === '' ? -1 : answers.indexOf(text)));
  const values = mapCodes(cells.codes, (code) => answerOfText[code]);
  return { column, question, kind: 'single', answers, values };
}

/** Int16Array.from(codes, f) with a plain loop: TypedArray.from calls `f` through the iterator protocol, ~4x slower over 9 million cells. */
function mapCodes(codes: ArrayLike<number>, f: (code: number) => number): Int16Array {
  const values = new Int16Array(codes.length);
  for (let i = 0; i < codes.length; i++) values[i] = f(codes[i]);
  return values;
}

/** Ordered questions keep their configured order; other answers sort by text, as pandas' categories do. */
function singleChoiceAnswers(table: SurveyTable, question: QuestionConfig, column: string, cells: Column): string[] {
  const seen = cells.texts.slice(1);
  if (!question.order) return [...seen].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const order = [...question.order];
  for (const answer of seen) {
    if (order.includes(answer)) continue;
    if (!question.allowUnlisted) {
      const row = cells.codes.indexOf(cells.texts.indexOf(answer));
      throw new InputError(
        { file: table.source.displayName, line: table.lineOfRow[row], column, question: question.code },
        `answer ${quoted(answer)} is not in the configured order of ${question.code} (${question.label}); expected one of: ${question.order.map((a) => `"${a}"`).join(', ')} (or set allowUnlisted)`,
      );
    }
    order.push(answer);
  }
  return order;
}

/** "... (Select all that apply) - Selected Choice - Python" → "Python", for answers nobody chose. */
function answerFromText(table: SurveyTable, column: string): string {
  const text = table.texts[table.codes.indexOf(column)] ?? column;
  const parts = text.split(' - ');
  return parts[parts.length - 1].trim() || column;
}

/** The question's own text: its first column's text up to " - Selected Choice". */
function questionText(table: SurveyTable, columns: string[]): string {
  const text = columns.length > 0 ? (table.texts[table.codes.indexOf(columns[0])] ?? '') : '';
  return text.split(' - Selected Choice')[0].trim();
}

function buildFeatures(plans: ColumnPlan[]) {
  const features: Feature[] = [];
  const featureColumns: { values: Int16Array; answer: number }[] = [];
  let featuresDroppedEmpty = 0;
  for (const plan of plans) {
    const group = plan.question.group;
    const chosen = new Int32Array(plan.kind === 'multi' ? 1 : plan.answers.length);
    for (const value of plan.values)
      if (value >= 0) chosen[plan.kind === 'multi' ? 0 : value] += plan.kind === 'multi' ? value : 1;
    const suffix = variantOfColumn(plan.column) === 'B' ? ' (non-professional form)' : '';
    if (plan.kind === 'multi') {
      if (chosen[0] === 0) featuresDroppedEmpty++;
      else {
        features.push({ id: plan.column, question: plan.question.code, group, label: plan.answers[0] + suffix });
        featureColumns.push({ values: plan.values, answer: 1 });
      }
      continue;
    }
    plan.answers.forEach((label, answer) => {
      if (chosen[answer] === 0) {
        featuresDroppedEmpty++;
        return;
      }
      features.push({ id: `${plan.column}:${answer}`, question: plan.question.code, group, label: label + suffix });
      featureColumns.push({ values: plan.values, answer });
    });
  }
  return { features, featureColumns, featuresDroppedEmpty };
}

function buildMatrix(
  featureColumns: { values: Int16Array; answer: number }[],
  rows: number,
  dropRowMeanAtMost: number,
) {
  const cols = featureColumns.length;
  const ones = new Int32Array(rows);
  for (const { values, answer } of featureColumns) for (let r = 0; r < rows; r++) if (values[r] === answer) ones[r]++;
  const keep: number[] = [];
  for (let r = 0; r < rows; r++) if (cols > 0 && ones[r] / cols > dropRowMeanAtMost) keep.push(r);
  const keptRows = Int32Array.from(keep);
  // Shared: the map's worker reads these bytes as they are (embed-parallel.ts).
  const data = new Uint8Array(new SharedArrayBuffer(keptRows.length * cols));
  featureColumns.forEach(({ values, answer }, c) => {
    for (let i = 0; i < keptRows.length; i++) if (values[keptRows[i]] === answer) data[i * cols + c] = 1;
  });
  const matrix: BinaryMatrix = { rows: keptRows.length, cols, data };
  return { matrix, keptRows };
}

function pick(values: Int16Array, rows: Int32Array): Int16Array {
  return Int16Array.from(rows, (r) => values[r]);
}
