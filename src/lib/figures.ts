/**
 * Figures quoted in text: the share of a segment choosing an answer and its lift over all professionals.
 * Answers are either clustered 0/1 features (`Q7_Part_1`, `Q6:3`) or profile answers (`Q4:2`), which are
 * read from the breakdown counts. A profile answer's share is of members who answered the question, as in
 * the breakdown charts, so the text and the chart beside it quote the same number.
 */
import type { Breakdown, Segmentation } from '../../scripts/document/segmentation-schema.js';
import { type AnswerRef, findAnswer } from '../../scripts/identity/answer-ref.js';
import type { LiftChartInput } from '../charts/specs.js';

export { type AnswerRef, findAnswer };

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

function questionLabelOf(doc: Pick<LiftChartInput, 'questions'>, code: string): string {
  return doc.questions.find((q) => q.code === code)?.label ?? code;
}

/** A clustered answer's figure: it reads what the lift chart reads, so sub-segments have figures too. */
function featureFigure(
  doc: LiftChartInput,
  position: number,
  ref: Extract<AnswerRef, { kind: 'feature' }>,
): AnswerFigure {
  const segment = doc.segments[position];
  const questionLabel = questionLabelOf(doc, ref.question);
  return {
    id: ref.id,
    label: ref.label,
    questionLabel,
    share: segment.rates[ref.feature],
    overall: doc.overall.rates[ref.feature],
    lift: segment.lift[ref.feature],
  };
}

export function answerFigure(doc: Segmentation, position: number, ref: AnswerRef): AnswerFigure {
  if (ref.kind === 'feature') return featureFigure(doc, position, ref);
  const segment = doc.segments[position];
  const questionLabel = questionLabelOf(doc, ref.question);
  const share = breakdownShare(segment.breakdowns[ref.question], ref.answer);
  const overall = breakdownShare(doc.overall.breakdowns[ref.question], ref.answer);
  return { id: ref.id, label: ref.label, questionLabel, share, overall, lift: share - overall };
}

/** The `n` clustered answers with the highest lift in the segment (ties keep column order). */
export function topAnswers(doc: LiftChartInput, position: number, n: number): AnswerFigure[] {
  const segment = doc.segments[position];
  return doc.features
    .map((_f, i) => ({ i, lift: segment.lift[i] }))
    .sort((a, b) => b.lift - a.lift || a.i - b.i)
    .slice(0, n)
    .map(({ i }) =>
      featureFigure(doc, position, {
        kind: 'feature',
        id: doc.features[i].id,
        label: doc.features[i].label,
        question: doc.features[i].question,
        feature: i,
      }),
    );
}
