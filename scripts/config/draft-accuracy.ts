/**
 * How many topics of a reviewed config a draft got right: same question code, same topic. Used to measure
 * the draft on years that already have a reviewed config (drafted with that config left out of the
 * references) and by `config:draft --compare`.
 */

import type { Draft } from './draft-build.js';
import type { SurveyConfig } from './schema.js';

export interface TopicAgreement {
  /** Topics of the reviewed config. */
  total: number;
  correct: number;
  /** Reviewed topic -> the draft's topic for that code (null: left unmatched). */
  wrong: { code: string; expected: string; drafted: string | null }[];
  /** Codes the draft configured with a topic that the reviewed config leaves unmatched. */
  extra: { code: string; drafted: string }[];
}

export function topicAgreement(draft: Draft, reviewed: SurveyConfig): TopicAgreement {
  const drafted = new Map(draft.questions.map((q) => [q.survey.code, q.topic]));
  const reviewedTopics = reviewed.questions.filter((q) => q.topic);
  const wrong = reviewedTopics
    .filter((q) => drafted.get(q.code) !== q.topic)
    .map((q) => ({ code: q.code, expected: q.topic!, drafted: drafted.get(q.code) ?? null }));
  const configured = new Set(reviewed.questions.map((q) => q.code));
  const extra = draft.questions
    .filter((q) => q.topic && !configured.has(q.survey.code))
    .map((q) => ({ code: q.survey.code, drafted: q.topic! }));
  return { total: reviewedTopics.length, correct: reviewedTopics.length - wrong.length, wrong, extra };
}

export function formatAgreement(agreement: TopicAgreement, year: number): string {
  const share = agreement.total === 0 ? 0 : agreement.correct / agreement.total;
  const lines = [
    `topics guessed right: ${agreement.correct} of ${agreement.total} (${(share * 100).toFixed(0)}%) of the reviewed ${year} config`,
  ];
  for (const w of agreement.wrong)
    lines.push(`  ${w.code}: reviewed ${w.expected}, drafted ${w.drafted ?? '(unmatched)'}`);
  for (const e of agreement.extra) lines.push(`  ${e.code}: drafted ${e.drafted}, reviewed config leaves it unmatched`);
  return lines.join('\n');
}
