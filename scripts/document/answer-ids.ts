/**
 * The answer ids a summary may name in `<Share answer>` and `<Lift answer>`, with their question, text and
 * share of all professionals: the one list the build's check, its hints and `npm run answers` read.
 */
import type { Segmentation } from './segmentation-schema.js';

export interface AnswerId {
  id: string;
  question: string;
  label: string;
  /** Share of all professionals choosing it (a profile answer: of those who answered the question). */
  share: number;
}

/** Multi-select columns (features) first, then the answers of profile questions, each in the document's order. */
export function answerIds(doc: Segmentation): AnswerId[] {
  return [
    ...doc.features.map((f, i) => ({ id: f.id, question: f.question, label: f.label, share: doc.overall.rates[i] })),
    ...doc.questions
      .filter((q) => doc.overall.breakdowns[q.code])
      .flatMap((q) => {
        const { counts } = doc.overall.breakdowns[q.code];
        const answered = counts.reduce((a, b) => a + b, 0);
        return q.answers.map((a, i) => ({
          id: a.id,
          question: q.code,
          label: a.label,
          share: answered === 0 ? 0 : counts[i] / answered,
        }));
      }),
  ];
}
