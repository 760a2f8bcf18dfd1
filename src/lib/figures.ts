/**
 * Figures quoted in text: the share of a segment choosing an answer and its lift over all professionals.
 * Answers are either clustered 0/1 features (`Q7_Part_1`, `Q6:3`) or profile answers (`Q4:2`), which are
 * read from the breakdown counts. A profile answer's share is of members who answered the question, as in
 * the breakdown charts, so the text and the chart beside it quote the same number.
 */
import type { Segmentation, Breakdown } from '../../scripts/document/segmentation-schema.js';
import { findAnswer, type AnswerRef } from '../../scripts/identity/answer-ref.js';

export { findAnswer, type AnswerRef };


export interface AnswerFigure {
  id: string;
  label: string;
  /** Short label of the question, e.g. "languages regular". */
  questionLabel: string;
  share: number;
  overall: number;
  lift: number;
}


function breakdownShare(b: Breakdown | undefined, answer: number): number {
  if (!b) return NaN;
  const total = b.counts.reduce((a, c) => a + c, 0);
  return total === 0 ? NaN : b.counts[answer] / total;
}

export function answerFigure(doc: Segmentation, position: number, ref: AnswerRef): AnswerFigure {
  const segment = doc.segments[position];
  const questionLabel = doc.questions.find((q) => q.code === ref.question)?.label ?? ref.question;
  if (ref.kind === 'feature') {
    return { id: ref.id, label: ref.label, questionLabel, share: segment.rates[ref.feature], overall: doc.overall.rates[ref.feature], lift: segment.lift[ref.feature] };
  }
  const share = breakdownShare(segment.breakdowns[ref.question], ref.answer);
  const overall = breakdownShare(doc.overall.breakdowns[ref.question], ref.answer);
  return { id: ref.id, label: ref.label, questionLabel, share, overall, lift: share - overall };
}

/** The `n` clustered answers with the highest lift in the segment (ties keep column order). */
export function topAnswers(doc: Segmentation, position: number, n: number): AnswerFigure[] {
  const segment = doc.segments[position];
  return doc.features
    .map((_f, i) => ({ i, lift: segment.lift[i] }))
    .sort((a, b) => b.lift - a.lift || a.i - b.i)
    .slice(0, n)
    .map(({ i }) => answerFigure(doc, position, { kind: 'feature', id: doc.features[i].id, label: doc.features[i].label, question: doc.features[i].question, feature: i }));
}

