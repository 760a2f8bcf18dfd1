import { describe, expect, it } from 'vitest';
import type { Feature } from '../../../scripts/document/segmentation-schema.js';
import { createRandom } from '../../../scripts/infra/random.js';
import { type QuizInputs, questionInformation, trainQuiz } from '../../../scripts/segment/quiz.js';
import { placeReader } from '../../../src/client/quiz.js';

/**
 * Three planted segments of 200. QS (single-choice, 3 answers) names the segment 90% of the time; QM
 * (multi-select, 2 answers) is each segment's own answer 60% of the time; QN's 4 answers are noise.
 */
function planted(): QuizInputs {
  const random = createRandom(7);
  const features: Feature[] = [
    ...[0, 1, 2].map((a) => ({ id: `QS:${a}`, question: 'QS', group: 'ML' as const, label: `s${a}` })),
    ...[1, 2].map((a) => ({ id: `QM_Part_${a}`, question: 'QM', group: 'tools' as const, label: `m${a}` })),
    ...[1, 2, 3, 4].map((a) => ({ id: `QN_Part_${a}`, question: 'QN', group: 'learn' as const, label: `n${a}` })),
  ];
  const rows = 600;
  const data = new Uint8Array(rows * features.length);
  const labels = new Int32Array(rows);
  for (let r = 0; r < rows; r++) {
    const segment = r % 3;
    labels[r] = segment;
    const s = random() < 0.9 ? segment : Math.floor(random() * 3);
    data[r * features.length + s] = 1;
    if (segment > 0 && random() < 0.6) data[r * features.length + 3 + segment - 1] = 1;
    for (let n = 0; n < 4; n++) if (random() < 0.5) data[r * features.length + 5 + n] = 1;
  }
  return {
    matrix: { rows, cols: features.length, data },
    labels,
    k: 3,
    features,
    singleChoice: new Set(['QS']),
    seed: 0,
    questions: 2,
  };
}

describe('the quiz: questions and model', () => {
  it('ranks questions by what they say about the segment, the noise last', () => {
    const ranked = questionInformation(planted())
      .sort((a, b) => b.information - a.information)
      .map((q) => q.code);
    expect(ranked).toEqual(['QS', 'QM', 'QN']);
  });

  it('keeps the most informative questions and places held-out respondents about as well as the planted answers allow', () => {
    const quiz = trainQuiz(planted());
    expect(quiz.questions.map((q) => q.code)).toEqual(['QS', 'QM']);
    expect(quiz.features).toEqual(['QS:0', 'QS:1', 'QS:2', 'QM_Part_1', 'QM_Part_2']);
    expect(quiz.weights).toHaveLength(3);
    expect(quiz.weights[0]).toHaveLength(5);
    expect(quiz.heldOut.respondents).toBe(120);
    // QS alone is right ~93% of the time (90% plus a third of the rest); QM adds a little.
    expect(quiz.heldOut.short.top1).toBeGreaterThan(0.85);
    expect(quiz.heldOut.short.top2).toBeGreaterThanOrEqual(quiz.heldOut.short.top1);
    expect(quiz.heldOut.full.top1).toBeGreaterThan(0.85);
  });

  it('does not offer an answer no professional chose', () => {
    const inputs = planted();
    const cols = inputs.matrix.cols + 1;
    const data = new Uint8Array(inputs.matrix.rows * cols);
    for (let r = 0; r < inputs.matrix.rows; r++)
      data.set(inputs.matrix.data.subarray(r * (cols - 1), (r + 1) * (cols - 1)), r * cols);
    const widened = {
      ...inputs,
      matrix: { rows: inputs.matrix.rows, cols, data },
      features: [
        ...inputs.features,
        { id: 'QM_B_Part_1', question: 'QM', group: 'tools' as const, label: 'm1 (other form)' },
      ],
    };
    expect(trainQuiz(widened).features).not.toContain('QM_B_Part_1');
  });

  it('is the same model for the same seed', () => {
    expect(trainQuiz(planted())).toEqual(trainQuiz(planted()));
  });

  it('in the browser, places a reader by their answers and names the answer that decided it', () => {
    const trained = trainQuiz(planted());
    const quiz = { ...trained, segments: [0, 1, 2].map((c) => ({ name: `S${c}`, href: `/s${c}/` })), answers: {} };
    const placed = placeReader(quiz, new Set(['QS:2', 'QM_Part_2']));
    expect(placed.first.c).toBe(2);
    expect(placed.first.p).toBeGreaterThan(placed.second.p);
    expect(placed.decided.map((d) => d.feature).sort()).toEqual(['QM_Part_2', 'QS:2']);
    expect(placeReader(quiz, new Set(['QS:1'])).first.c).toBe(1);
  });
});
