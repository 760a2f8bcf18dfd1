/**
 * An answer id of a segmentation document, found among the clustered 0/1 features first, then among the
 * profile questions' answers: the one lookup that the site's figures and summaries:check both use.
 */
import type { Segmentation } from '../document/segmentation-schema.js';

export type AnswerRef =
  | { kind: 'feature'; id: string; label: string; question: string; feature: number }
  | { kind: 'profile'; id: string; label: string; question: string; answer: number };

/** Finds an answer id among the clustered features first, then among profile questions' answers. */
export function findAnswer(doc: Segmentation, id: string): AnswerRef | null {
  const feature = doc.features.findIndex((f) => f.id === id);
  if (feature !== -1) {
    const f = doc.features[feature];
    return { kind: 'feature', id, label: f.label, question: f.question, feature };
  }
  for (const q of doc.questions) {
    const answer = q.answers.findIndex((a) => a.id === id);
    if (answer !== -1 && doc.overall.breakdowns[q.code])
      return { kind: 'profile', id, label: q.answers[answer].label, question: q.code, answer };
  }
  return null;
}
