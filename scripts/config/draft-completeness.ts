/**
 * The completeness rule a draft proposes: where part-way quitters, or the survey's skip logic, leave
 * respondents with almost none of the clustered questions answered, `complete: { questions, minAnswered }`
 * sets them aside before clustering (otherwise they form a segment of their own, alike in their blanks).
 * It counts answered clustered questions, not skipped blocks: a respondent whom the skip logic took past one
 * block (no ML at work, so no ML questions) but who answered the rest keeps well above the threshold.
 */

import { isFreeTextColumn, questionOfColumn, variantOfColumn } from '../survey/columns.js';
import type { SurveyTable } from '../survey/read.js';

/**
 * The threshold is this share of the median answered, among the professionals who answered any: the same
 * half that segment checks a segment against. A quarter left 2019 with a segment of 202 who quit between Q16
 * and Q24 (median 8 of 22); skipping one block of fewer than half the questions still keeps a respondent.
 */
export const MIN_ANSWERED_SHARE_OF_MEDIAN = 0.5;
/** Proposed only when at least this share of the answering respondents fall below the threshold. */
export const PROPOSE_FROM_SHARE = 0.01;

export interface CompletenessProposal {
  questions: string[];
  minAnswered: number;
  /** Median number of `questions` answered, over the rule's professionals who answered at least one. */
  median: number;
  /** The rule's professionals who answered some but fewer than minAnswered, and how many answered any. */
  below: number;
  answering: number;
}

/** Per respondent, how many of `questions` they answered (any answer column non-blank). */
export function countAnswered(table: SurveyTable, questions: readonly string[]): Int32Array {
  const answered = new Int32Array(table.rows);
  for (const question of questions) {
    const cells = table.codes
      .filter((c) => questionOfColumn(c) === question && !isFreeTextColumn(c))
      .flatMap((c) => table.columns.get(c) ?? []);
    for (let row = 0; row < table.rows; row++) if (cells.some((column) => column.codes[row] !== 0)) answered[row]++;
  }
  return answered;
}

/** A professional rule as a draft or a config writes it (map-split has no rows to tell before the map). */
export type RowRule =
  | {
      rule: 'answers';
      conditions: readonly { question: string; anyOf?: readonly string[]; noneOf?: readonly string[] }[];
    }
  | { rule: 'variants'; questions: readonly string[] }
  | { rule: 'map-split' };

/** 1 for the respondents the rule makes professional (every respondent for map-split). */
export function ruleRows(table: SurveyTable, rule: RowRule): Uint8Array {
  const rows = new Uint8Array(table.rows).fill(1);
  if (rule.rule === 'answers') {
    for (const condition of rule.conditions) {
      const column = table.columns.get(condition.question);
      if (!column) continue;
      const meets = column.texts.map(
        (text, code) =>
          code !== 0 && (condition.anyOf ? condition.anyOf.includes(text) : !(condition.noneOf ?? []).includes(text)),
      );
      for (let row = 0; row < table.rows; row++) if (!meets[column.codes[row]]) rows[row] = 0;
    }
  } else if (rule.rule === 'variants') {
    const wanted = new Set(rule.questions);
    const a = new Uint8Array(table.rows);
    for (const code of table.codes) {
      const variant = variantOfColumn(code);
      const column = table.columns.get(code);
      if (!variant || !column || !wanted.has(questionOfColumn(code))) continue;
      for (let row = 0; row < table.rows; row++) {
        if (column.codes[row] === 0) continue;
        if (variant === 'A') a[row] = 1;
        else rows[row] = 0;
      }
    }
    for (let row = 0; row < table.rows; row++) rows[row] &= a[row];
  }
  return rows;
}

/**
 * The proposal for these clustered questions, measured among the rule's professionals (who were asked the
 * clustered questions; students may legitimately have been asked fewer), or null when too few of them
 * answered almost none.
 */
export function proposeCompleteness(
  table: SurveyTable,
  clustered: readonly string[],
  rule: RowRule,
): CompletenessProposal | null {
  if (clustered.length < 4) return null;
  const eligible = ruleRows(table, rule);
  const answered = Array.from(countAnswered(table, clustered))
    .filter((n, row) => n > 0 && eligible[row])
    .sort((a, b) => a - b);
  if (answered.length === 0) return null;
  const median = answered[answered.length >> 1];
  const minAnswered = Math.max(2, Math.ceil(median * MIN_ANSWERED_SHARE_OF_MEDIAN));
  const below = answered.filter((n) => n < minAnswered).length;
  if (below < PROPOSE_FROM_SHARE * answered.length) return null;
  return { questions: [...clustered], minAnswered, median, below, answering: answered.length };
}
