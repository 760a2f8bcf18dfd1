/**
 * Pairs a new year's questions with the reference years' questions. Similarity is the overlap of content
 * words of the question texts and of the answer texts (Jaccard), lowered when the layout differs (a
 * "most often" single choice beside its "regular basis" multi-select). Each topic goes to one question at
 * most: pairs are taken best first, so "big data regular" and "big data most often" do not both get one.
 */
import type { ReferenceQuestion } from './references.js';
import { answerSet, contentWords, jaccard } from './text-similarity.js';

export interface MatchableQuestion {
  code: string;
  text: string;
  type: 'single' | 'multi';
  answers: readonly string[];
}

export interface Candidate {
  reference: ReferenceQuestion;
  /** Combined similarity, 0..1. */
  score: number;
  text: number;
  /** Null when one side has no answers to compare. */
  answers: number | null;
}

export interface QuestionAssignment<Q extends MatchableQuestion = MatchableQuestion> {
  question: Q;
  /** The configured reference question this one takes its topic, label and group from; null if none. */
  match: Candidate | null;
  /** The most similar reference question of all (configured or not, above the threshold or not). */
  best: Candidate | null;
}

export const TEXT_WEIGHT = 0.6;
export const TYPE_MISMATCH_FACTOR = 0.7;
/** Below this a pairing is more likely chance than the same question; tuned on 2018-2022 (see draft report). */
export const DEFAULT_THRESHOLD = 0.3;

export function similarity(question: MatchableQuestion, reference: ReferenceQuestion): Candidate {
  const text = jaccard(contentWords(question.text), contentWords(reference.text));
  const answers =
    question.answers.length > 0 && reference.answers.length > 0
      ? jaccard(answerSet(question.answers), answerSet(reference.answers))
      : null;
  let score = answers === null ? text : TEXT_WEIGHT * text + (1 - TEXT_WEIGHT) * answers;
  if (question.type !== reference.type) score *= TYPE_MISMATCH_FACTOR;
  return { reference, score, text, answers };
}

/**
 * What a match claims: a topic (or a configured question without topic) is claimed once; a reference
 * question the reference left unmatched can explain any number of new ones.
 */
function claimKey(reference: ReferenceQuestion): { key: string; exclusive: boolean } {
  if (reference.entry?.topic) return { key: `topic:${reference.entry.topic}`, exclusive: true };
  if (reference.entry) return { key: `entry:${reference.year}:${reference.code}`, exclusive: true };
  return { key: `unmatched:${reference.year}:${reference.code}`, exclusive: false };
}

export function assignQuestions<Q extends MatchableQuestion>(
  questions: readonly Q[],
  references: readonly ReferenceQuestion[],
  threshold = DEFAULT_THRESHOLD,
): QuestionAssignment<Q>[] {
  const pairs: { index: number; candidate: Candidate; key: string; exclusive: boolean }[] = [];
  const best: (Candidate | null)[] = questions.map(() => null);
  questions.forEach((question, index) => {
    for (const reference of references) {
      const candidate = similarity(question, reference);
      if (!best[index] || candidate.score > best[index]!.score) best[index] = candidate;
      if (candidate.score >= threshold) pairs.push({ index, candidate, ...claimKey(reference) });
    }
  });
  // Best first; ties go to the later reference year (closer wording), then to file order.
  pairs.sort(
    (a, b) =>
      b.candidate.score - a.candidate.score ||
      b.candidate.reference.year - a.candidate.reference.year ||
      a.index - b.index,
  );
  const claimed = new Set<string>();
  const chosen: (Candidate | null)[] = questions.map(() => null);
  const decided = new Set<number>();
  for (const pair of pairs) {
    if (decided.has(pair.index) || (pair.exclusive && claimed.has(pair.key))) continue;
    decided.add(pair.index);
    if (pair.exclusive) claimed.add(pair.key);
    chosen[pair.index] = pair.candidate;
  }
  return questions.map((question, index) => {
    const candidate = chosen[index];
    return { question, match: candidate?.reference.entry ? candidate : null, best: candidate ?? best[index] };
  });
}
