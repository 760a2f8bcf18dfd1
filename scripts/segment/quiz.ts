/**
 * "Which segment are you?": the questions that best tell a year's published segments apart, and a model
 * that places a reader among them from their answers, trained on the published segments.
 *
 * Questions are ranked by how much their answers say about the segment: the mutual information between a
 * single-choice question's answer and the segment label, and for a multi-select the sum over its answers of
 * each 0/1 answer's mutual information with the label. The model is a multinomial logistic regression
 * (softmax, L2 penalty) on the one-hot answers, fitted by full-batch Adam on sparse rows. Accuracy is
 * measured on held-out professionals (a seeded 20%), with the short questionnaire and with every question;
 * the shipped model is then refitted on everyone.
 */

import type { Feature } from '../document/segmentation-schema.js';
import { deriveRandom } from '../infra/random.js';
import { round } from '../infra/round.js';
import { shuffle } from '../infra/sampling.js';
import { STREAMS } from '../infra/streams.js';
import type { BinaryMatrix } from './types.js';

export const QUIZ_QUESTIONS = 12;
export const HELD_OUT_SHARE = 0.2;
const EPOCHS = 300;
const LEARNING_RATE = 0.05;
const L2 = 1e-4;
const WEIGHT_DECIMALS = 3;

export interface QuizInputs {
  /** Professionals × clustered features. */
  matrix: BinaryMatrix;
  /** Published segment index per row of `matrix`. */
  labels: Int32Array;
  /** Segments (classes) 0..k-1. */
  k: number;
  features: Feature[];
  /** Question codes that are single-choice (their features are mutually exclusive). */
  singleChoice: ReadonlySet<string>;
  seed: number;
  questions?: number;
}

export interface Accuracy {
  top1: number;
  top2: number;
}

export interface QuizModel {
  /** Chosen questions, most informative first, with their mutual information (bits). */
  questions: Array<{ code: string; information: number }>;
  /** Feature ids the model reads, in weight order. */
  features: string[];
  /** k × features, and k biases. */
  weights: number[][];
  bias: number[];
  heldOut: { respondents: number; short: Accuracy; full: Accuracy };
}

/** Sparse rows: the feature indices (within `columns`) each respondent chose. */
function sparseRows(matrix: BinaryMatrix, columns: number[]): Int32Array[] {
  const rows: Int32Array[] = [];
  for (let r = 0; r < matrix.rows; r++) {
    const chosen: number[] = [];
    columns.forEach((f, j) => {
      if (matrix.data[r * matrix.cols + f]) chosen.push(j);
    });
    rows.push(Int32Array.from(chosen));
  }
  return rows;
}

function entropy(counts: ArrayLike<number>, total: number): number {
  let h = 0;
  for (let i = 0; i < counts.length; i++) if (counts[i] > 0) h -= (counts[i] / total) * Math.log2(counts[i] / total);
  return h;
}

/** I(X; Y) in bits for a categorical X with values -1..categories-1 per row (-1, no answer, is a category of its own). */
function mutualInformation(values: Int32Array, categories: number, labels: Int32Array, k: number): number {
  const n = values.length;
  const joint = new Float64Array((categories + 1) * k);
  const xs = new Float64Array(categories + 1);
  const ys = new Float64Array(k);
  values.forEach((v, r) => {
    joint[(v + 1) * k + labels[r]]++;
    xs[v + 1]++;
    ys[labels[r]]++;
  });
  return entropy(xs, n) + entropy(ys, n) - entropy(joint, n);
}

export function questionInformation(
  inputs: QuizInputs,
): Array<{ code: string; information: number; columns: number[] }> {
  const { matrix, labels, k } = inputs;
  // Answers no professional chose (the non-professionals' variant forms of a question) are not offered.
  const chosenBySomeone = new Uint8Array(matrix.cols);
  for (let i = 0; i < matrix.data.length; i++) if (matrix.data[i]) chosenBySomeone[i % matrix.cols] = 1;
  const byQuestion = new Map<string, number[]>();
  inputs.features.forEach((f, i) => {
    if (chosenBySomeone[i]) byQuestion.set(f.question, [...(byQuestion.get(f.question) ?? []), i]);
  });
  const column = (f: number) => Int32Array.from({ length: matrix.rows }, (_, r) => matrix.data[r * matrix.cols + f]);
  return [...byQuestion].map(([code, columns]) => {
    let information: number;
    if (inputs.singleChoice.has(code)) {
      const values = Int32Array.from({ length: matrix.rows }, (_, r) =>
        columns.findIndex((f) => matrix.data[r * matrix.cols + f] === 1),
      );
      information = mutualInformation(values, columns.length, labels, k);
    } else {
      information = columns.reduce((sum, f) => sum + mutualInformation(column(f), 2, labels, k), 0);
    }
    return { code, information, columns };
  });
}

interface Fitted {
  weights: Float64Array;
  bias: Float64Array;
  d: number;
}

function softmaxScores(row: Int32Array, model: Fitted, k: number): Float64Array {
  const z = new Float64Array(k);
  for (let c = 0; c < k; c++) {
    let s = model.bias[c];
    for (const j of row) s += model.weights[c * model.d + j];
    z[c] = s;
  }
  const max = Math.max(...z);
  let sum = 0;
  for (let c = 0; c < k; c++) sum += z[c] = Math.exp(z[c] - max);
  for (let c = 0; c < k; c++) z[c] /= sum;
  return z;
}

function fit(rows: Int32Array[], labels: Int32Array, k: number, d: number): Fitted {
  const model: Fitted = { weights: new Float64Array(k * d), bias: new Float64Array(k), d };
  const params = k * d + k;
  const m = new Float64Array(params);
  const v = new Float64Array(params);
  const grad = new Float64Array(params);
  const n = rows.length;
  for (let epoch = 1; epoch <= EPOCHS; epoch++) {
    grad.fill(0);
    rows.forEach((row, r) => {
      const p = softmaxScores(row, model, k);
      p[labels[r]] -= 1;
      for (let c = 0; c < k; c++) {
        for (const j of row) grad[c * d + j] += p[c] / n;
        grad[k * d + c] += p[c] / n;
      }
    });
    for (let i = 0; i < k * d; i++) grad[i] += L2 * model.weights[i];
    const b1 = 0.9;
    const b2 = 0.999;
    for (let i = 0; i < params; i++) {
      m[i] = b1 * m[i] + (1 - b1) * grad[i];
      v[i] = b2 * v[i] + (1 - b2) * grad[i] * grad[i];
      const step = (LEARNING_RATE * (m[i] / (1 - b1 ** epoch))) / (Math.sqrt(v[i] / (1 - b2 ** epoch)) + 1e-8);
      if (i < k * d) model.weights[i] -= step;
      else model.bias[i - k * d] -= step;
    }
  }
  return model;
}

function accuracy(rows: Int32Array[], labels: Int32Array, model: Fitted, k: number): Accuracy {
  let top1 = 0;
  let top2 = 0;
  rows.forEach((row, r) => {
    const p = softmaxScores(row, model, k);
    const order = Array.from({ length: k }, (_, c) => c).sort((a, b) => p[b] - p[a] || a - b);
    if (order[0] === labels[r]) top1++;
    if (order[0] === labels[r] || order[1] === labels[r]) top2++;
  });
  return { top1: round(top1 / rows.length, 4), top2: round(top2 / rows.length, 4) };
}

export function trainQuiz(inputs: QuizInputs): QuizModel {
  const { matrix, labels, k } = inputs;
  const ranked = questionInformation(inputs).sort(
    (a, b) => b.information - a.information || (a.code < b.code ? -1 : 1),
  );
  const chosen = ranked.slice(0, inputs.questions ?? QUIZ_QUESTIONS);
  const shortColumns = chosen.flatMap((q) => q.columns);
  const allColumns = inputs.features.map((_, i) => i);

  // A seeded held-out fifth of the professionals.
  const random = deriveRandom(inputs.seed, STREAMS.quizHeldOut);
  const heldOut = new Uint8Array(matrix.rows);
  const order = Array.from({ length: matrix.rows }, (_, r) => r);
  shuffle(random, order);
  for (const r of order.slice(0, Math.round(matrix.rows * HELD_OUT_SHARE))) heldOut[r] = 1;
  const split = (rows: Int32Array[], held: boolean) => rows.filter((_, r) => (heldOut[r] === 1) === held);
  const labelsOf = (held: boolean) => labels.filter((_, r) => (heldOut[r] === 1) === held);

  const measure = (columns: number[]) => {
    const rows = sparseRows(matrix, columns);
    const model = fit(split(rows, false), labelsOf(false), k, columns.length);
    return { rows, accuracy: accuracy(split(rows, true), labelsOf(true), model, k) };
  };
  const full = measure(allColumns);
  const short = measure(shortColumns);
  const shipped = fit(short.rows, labels, k, shortColumns.length);
  return {
    questions: chosen.map((q) => ({ code: q.code, information: round(q.information, 4) })),
    features: shortColumns.map((f) => inputs.features[f].id),
    weights: Array.from({ length: k }, (_, c) =>
      Array.from(shipped.weights.subarray(c * shipped.d, (c + 1) * shipped.d), (w) => round(w, WEIGHT_DECIMALS)),
    ),
    bias: Array.from(shipped.bias, (b) => round(b, WEIGHT_DECIMALS)),
    heldOut: {
      respondents: order.length - split(short.rows, false).length,
      short: short.accuracy,
      full: full.accuracy,
    },
  };
}
