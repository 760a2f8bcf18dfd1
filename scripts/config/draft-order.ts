/**
 * A drafted answer order for a single-choice question: the matched reference question's order when it has
 * one (answers reworded since then placed by their number or beside the answer they resemble), else, for
 * questions that ask for an amount, the answers sorted by the number they contain.
 */

import type { SurveyQuestion } from '../survey/questions.js';
import type { ReferenceQuestion } from './references.js';
import { contentWords, jaccard, looksOrdinal, normalizeAnswer, numericReading } from './text-similarity.js';

export interface DraftOrder {
  answers: string[];
  /** How the order was drafted, for the `# TODO check` comment. */
  how: string;
  /** Answers placed by resemblance or number rather than found in the reference order. */
  placed: string[];
}

const RESEMBLANCE = 0.3;

export function draftOrder(question: SurveyQuestion, reference: ReferenceQuestion | null): DraftOrder | null {
  const found = question.answers.map((a) => a.answer);
  if (found.length < 2) return null;
  const referenceOrder = reference?.entry?.order;
  if (referenceOrder) return followReference(found, referenceOrder, `${reference!.year} ${reference!.code}`);
  if (!looksOrdinal(question.text, found)) return null;
  return {
    answers: byNumber(found),
    how: 'answers sorted by the number in them (answers without one first)',
    placed: [],
  };
}

function followReference(found: string[], order: string[], from: string): DraftOrder {
  const position = new Map(order.map((a, i) => [normalizeAnswer(a), i]));
  const placed: string[] = [];
  const keyed = found.map((answer, index) => {
    const exact = position.get(normalizeAnswer(answer));
    if (exact !== undefined) return { answer, key: exact, index };
    placed.push(answer);
    return { answer, key: placeBeside(answer, order), index };
  });
  keyed.sort((a, b) => a.key - b.key || a.index - b.index);
  const how =
    placed.length === 0
      ? `the order of ${from}`
      : `the order of ${from}; not in it, placed by their number or wording: ${placed.map((a) => JSON.stringify(a)).join(', ')}`;
  return { answers: keyed.map((k) => k.answer), how, placed };
}

/**
 * After the last reference answer whose number is not larger (for answers with a number), else just after
 * the reference answer it resembles most ("Professional doctorate" after "Professional degree"), else first
 * on a numeric scale and last on another.
 */
function placeBeside(answer: string, order: string[]): number {
  const value = numericReading(answer);
  if (value !== null && order.some((candidate) => numericReading(candidate) !== null)) {
    let after = -1;
    order.forEach((candidate, i) => {
      const v = numericReading(candidate);
      if (v === null || v <= value) after = i;
    });
    return after + 0.5;
  }
  const words = contentWords(answer);
  let best = -1;
  let bestScore = RESEMBLANCE;
  order.forEach((candidate, i) => {
    const score = jaccard(words, contentWords(candidate));
    if (score >= bestScore) [best, bestScore] = [i, score];
  });
  if (best >= 0) return best + 0.5;
  // On a scale of numbers, an answer without one is a "never" or "none": it goes first.
  const numeric = order.filter((candidate) => numericReading(candidate) !== null).length;
  return numeric >= order.length / 2 ? -0.5 : order.length;
}

/** Answers without a number first (in frequency order), then by the number they contain. */
export function byNumber(answers: string[]): string[] {
  return answers
    .map((answer, index) => ({ answer, index, value: numericReading(answer) }))
    .sort((a, b) => (a.value ?? -Infinity) - (b.value ?? -Infinity) || a.index - b.index)
    .map((k) => k.answer);
}
