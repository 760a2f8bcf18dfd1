/**
 * Turns the readable answer-rate tables (answer text -> rate) into per-question arrays indexed like the
 * questionnaire's choices, layering population-wide rates under a segment's own. A text that the 2020
 * questionnaire does not have is an error, so a typo cannot silently plant nothing.
 */
import { type QuestionnaireQuestion, questionByCode } from '../survey/questionnaire-2020.js';
import { type AnswerRates, NOISE_RATE, OTHER_RATE } from './population.js';

/** How a layer combines with what lies under it: replace the rate, or keep the larger of the two. */
export interface RateLayer {
  readonly rates: AnswerRates;
  /** Multiplies this layer's rates (a faint echo of a segment: 0.45). Default 1. */
  readonly scale?: number;
  readonly mode?: 'replace' | 'max';
  /** Read this layer's rates of another question (`Q26_A` for `Q26_B`), matching answers by text. */
  readonly from?: (code: string) => string;
  /**
   * Questions whose table in this layer is a whole distribution (job roles of a segment), replacing the
   * layers below instead of adjusting some of their answers; `true` for every question of the layer.
   */
  readonly whole?: boolean | readonly string[];
}

/** Per-question rates of one kind of respondent: multi-select chances and single-choice weights. */
export type CompiledRates = ReadonlyMap<string, Float64Array>;

export function choiceIndex(question: QuestionnaireQuestion, answer: string): number {
  const i = question.choices.indexOf(answer);
  if (i < 0) throw new Error(`demo rates: ${question.code} has no answer "${answer}"`);
  return i;
}

/** Index of a multi-select question's "None" answer: the PDF lists it just before "Other". */
export function noneIndex(question: QuestionnaireQuestion): number {
  return question.choices.length - 2;
}

function baseRates(question: QuestionnaireQuestion): Float64Array {
  const rates = new Float64Array(question.choices.length);
  if (question.kind === 'multi') {
    rates.fill(NOISE_RATE);
    rates[noneIndex(question)] = 0;
    rates[question.choices.length - 1] = OTHER_RATE;
  }
  return rates;
}

function applyLayer(question: QuestionnaireQuestion, rates: Float64Array, layer: RateLayer): void {
  const source = layer.from ? layer.from(question.code) : question.code;
  const table = layer.rates[source];
  if (!table) return;
  const scale = layer.scale ?? 1;
  if (layer.whole === true || (Array.isArray(layer.whole) && layer.whole.includes(source))) rates.fill(0);
  for (const [answer, rate] of Object.entries(table)) {
    if (layer.from && !question.choices.includes(answer)) continue;
    const i = choiceIndex(question, answer);
    rates[i] = layer.mode === 'max' ? Math.max(rates[i], rate * scale) : rate * scale;
  }
}

/** Rates for the given questions, bottom layer first. */
export function compileRates(codes: readonly string[], layers: readonly RateLayer[]): CompiledRates {
  const compiled = new Map<string, Float64Array>();
  for (const code of codes) {
    const question = questionByCode(code);
    const rates = baseRates(question);
    for (const layer of layers) applyLayer(question, rates, layer);
    compiled.set(code, rates);
  }
  return compiled;
}

/** Checks every text of a rate table against the questionnaire (compileRates only reads the codes asked). */
export function assertKnownAnswers(rates: AnswerRates): void {
  for (const [code, table] of Object.entries(rates)) {
    const question = questionByCode(code);
    for (const answer of Object.keys(table)) choiceIndex(question, answer);
  }
}
