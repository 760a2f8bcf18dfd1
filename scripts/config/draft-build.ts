/**
 * The decisions of a drafted config, before it is written as YAML: which questions are configured with which
 * topic, label and group, the answer orders, the professional rule, profile roles, newToML and the missing
 * topics. Every decision carries the reason the analyst will read in the `# TODO check` comment.
 */

import type { SurveyQuestion } from '../survey/questions.js';
import type { CompletenessProposal } from './draft-completeness.js';
import { type DraftOrder, draftOrder } from './draft-order.js';
import { assignQuestions, type Candidate, DEFAULT_THRESHOLD } from './match-questions.js';
import type { Reference } from './references.js';
import type { ProfileRole, QuestionGroup, SurveyConfig } from './schema.js';
import { PROFILE_ROLES } from './schema.js';
import { contentWords, jaccard, normalizeAnswer } from './text-similarity.js';

export interface DraftQuestion {
  survey: SurveyQuestion;
  /** The configured reference question this one was matched to (null: unmatched). */
  match: Candidate | null;
  /** The most similar reference question, for the comment of an unmatched one. */
  best: Candidate | null;
  label: string;
  group: QuestionGroup;
  topic: string | null;
  order: DraftOrder | null;
}

export type DraftProfessional =
  | { rule: 'variants'; questions: string[]; unconfigured: string[] }
  | { rule: 'answers'; conditions: { question: string; noneOf: string[]; from: string }[] }
  | { rule: 'map-split'; markers: { question: string; answers: string[]; from: string }[] };

export interface Draft {
  year: number;
  title: string;
  responsesFile: string;
  respondents: number;
  blankCells: string[];
  professional: DraftProfessional;
  profile: { role: ProfileRole; code: string | null; topic: string | null }[];
  newToML: { answers: string[]; how: string };
  workActivities: string | null;
  questions: DraftQuestion[];
  unmatched: DraftQuestion[];
  /** Topics of the 2020 table (the notebook's questions) that no question of this file matched. */
  missingTopics: { topic: string; note: string }[];
  /** The reference year missing topics are counted against: 2020 when it is among the references. */
  baselineReference: number | null;
  /** The latest reference year before this one (the title is taken from it). */
  latestReference: number | null;
  references: Reference[];
  /** The completeness rule proposed for the professional rule (set by the draft command, which has the table). */
  completeness?: CompletenessProposal | null;
}

export interface DraftInput {
  year: number;
  responsesFile: string;
  respondents: number;
  blankCells: string[];
  questions: SurveyQuestion[];
  references: Reference[];
  threshold?: number;
}

export function buildDraft(input: DraftInput): Draft {
  const references = [...input.references].sort((a, b) => a.year - b.year);
  const matchable = input.questions.map((survey) => ({
    code: survey.code,
    text: survey.text,
    type: survey.type,
    answers: survey.answers.map((a) => a.answer),
    survey,
  }));
  const assignments = assignQuestions(
    matchable,
    references.flatMap((r) => r.questions),
    input.threshold ?? DEFAULT_THRESHOLD,
  );
  const drafted: DraftQuestion[] = assignments.map(({ question: { survey: question }, match, best }) => {
    const entry = match?.reference.entry;
    return {
      survey: question,
      match,
      best,
      label: entry?.label ?? question.code,
      group: entry?.group ?? 'valid',
      topic: entry?.topic ?? null,
      order: match && question.type === 'single' ? draftOrder(question, match.reference) : null,
    };
  });
  const configured = drafted.filter((q) => q.match !== null);
  const latest =
    [...references].reverse().find((r) => r.year < input.year) ?? references[references.length - 1] ?? null;
  // missingTopics means one thing in every config: topics of the 2020 table, the notebook's questions, that
  // the year does not ask. Without 2020 among the references, the latest one stands in.
  const baseline = references.find((r) => r.year === 2020) ?? latest;
  const byTopic = new Map(configured.filter((q) => q.topic).map((q) => [q.topic!, q]));
  const mlYears = codeOfRole(references, byTopic, 'mlYears');
  return {
    year: input.year,
    title: latest
      ? latest.config.title.replace(String(latest.year), String(input.year))
      : `Kaggle Machine Learning & Data Science Survey ${input.year}`,
    responsesFile: input.responsesFile,
    respondents: input.respondents,
    blankCells: input.blankCells,
    professional: draftProfessional(input.questions, configured, drafted, references),
    profile: PROFILE_ROLES.map((role) => ({ role, ...codeOfRole(references, byTopic, role) })),
    newToML: draftNewToML(
      references,
      mlYears.code ? configured.find((q) => q.survey.code === mlYears.code) : undefined,
    ),
    workActivities: codeOfTopic(references, byTopic, (c) => c.workActivities),
    questions: configured,
    unmatched: drafted.filter((q) => q.match === null),
    missingTopics: baseline ? missingTopics(baseline, byTopic) : [],
    baselineReference: baseline?.year ?? null,
    latestReference: latest?.year ?? null,
    references,
  };
}

/** A role's topic as the latest reference that fills the role configures it (e.g. mlYears -> ml-years). */
function codeOfRole(
  references: Reference[],
  byTopic: Map<string, DraftQuestion>,
  role: ProfileRole,
): { code: string | null; topic: string | null } {
  const topic = topicOfCode(references, (c) => c.profile[role]);
  const question = topic ? byTopic.get(topic) : undefined;
  const usable = question && question.group === 'valid' && question.survey.type === 'single';
  return { code: usable ? question.survey.code : null, topic };
}

function codeOfTopic(
  references: Reference[],
  byTopic: Map<string, DraftQuestion>,
  pick: (c: SurveyConfig) => string | undefined,
): string | null {
  const topic = topicOfCode(references, pick);
  return (topic && byTopic.get(topic)?.survey.code) ?? null;
}

function topicOfCode(references: Reference[], pick: (c: SurveyConfig) => string | undefined): string | null {
  for (const reference of [...references].reverse()) {
    const code = pick(reference.config);
    const topic = reference.config.questions.find((q) => q.code === code)?.topic;
    if (topic) return topic;
  }
  return null;
}

function draftProfessional(
  questions: SurveyQuestion[],
  configured: DraftQuestion[],
  all: DraftQuestion[],
  references: Reference[],
): DraftProfessional {
  const withVariants = questions.filter((q) => q.variants.length > 0).map((q) => q.code);
  if (withVariants.length > 0) {
    const configuredCodes = new Set(configured.map((q) => q.survey.code));
    return {
      rule: 'variants',
      questions: withVariants.filter((c) => configuredCodes.has(c)),
      unconfigured: withVariants.filter((c) => !configuredCodes.has(c)),
    };
  }
  const conditions = answerConditions(all);
  if (conditions.length > 0) return { rule: 'answers', conditions };
  const markers = new Map<string, { question: string; answers: string[]; from: string }>();
  for (const reference of [...references].reverse()) {
    if (reference.config.professional.rule !== 'map-split') continue;
    for (const marker of reference.config.professional.nonProfessional) {
      const counterpart = counterpartOf(all, reference, marker.question);
      if (!counterpart) continue;
      const answers = counterpart.survey.answers
        .map((a) => a.answer)
        .filter((a) => marker.answers.some((m) => sameAnswer(m, a)));
      if (answers.length === 0) continue;
      const entry = markers.get(counterpart.survey.code) ?? {
        question: counterpart.survey.code,
        answers: [],
        from: '',
      };
      for (const answer of answers) if (!entry.answers.includes(answer)) entry.answers.push(answer);
      entry.from += `${entry.from ? '; ' : ''}${reference.year} ${marker.question} (${marker.answers.map((a) => JSON.stringify(a)).join(', ')})`;
      markers.set(counterpart.survey.code, entry);
    }
  }
  return { rule: 'map-split', markers: [...markers.values()] };
}

/**
 * The 2020/2021 methodology's definition ("Non-professionals were defined as students, unemployed, and
 * respondents that have never spent any money in the cloud") as conditions on this file's answers: a job
 * title that is not a student's or not employed, and, where the year asks it, spending other than $0.
 */
function answerConditions(all: DraftQuestion[]): { question: string; noneOf: string[]; from: string }[] {
  const rules: { topic: string; excluded: RegExp; why: string }[] = [
    { topic: 'job-role', excluded: /^students?$|not employed/i, why: 'job titles of students and the unemployed' },
    { topic: 'cloud-spend', excluded: /^\$0\b/, why: 'no money spent on machine learning or cloud computing' },
  ];
  return rules.flatMap(({ topic, excluded, why }) => {
    const question = all.find((q) => q.topic === topic);
    const answers = question?.survey.answers.map((a) => a.answer).filter((a) => excluded.test(a)) ?? [];
    return question && answers.length > 0
      ? [{ question: question.survey.code, noneOf: answers, from: `${why} (topic ${topic})` }]
      : [];
  });
}

/** The new question matched to a reference's question: by topic when it has one, else by the pairing itself. */
function counterpartOf(all: DraftQuestion[], reference: Reference, code: string): DraftQuestion | undefined {
  const topic = reference.config.questions.find((q) => q.code === code)?.topic;
  if (topic) return all.find((q) => q.topic === topic);
  return all.find(
    (q) =>
      q.best?.reference.year === reference.year && q.best.reference.code === code && q.best.score >= DEFAULT_THRESHOLD,
  );
}

/** The same answer, or reworded with most words kept ("Not employed" / "Currently not employed"). */
function sameAnswer(a: string, b: string): boolean {
  return normalizeAnswer(a) === normalizeAnswer(b) || jaccard(contentWords(a), contentWords(b)) >= 0.6;
}

/**
 * The answers of the mlYears question that earlier years list as newToML, exactly or reworded ("< 1 year"
 * for "Under 1 year"). With an order, the whole low end of the scale up to the last of them is taken, so
 * that new "never" answers are not left out.
 */
function draftNewToML(references: Reference[], mlYears: DraftQuestion | undefined): { answers: string[]; how: string } {
  if (!mlYears)
    return {
      answers: ['TODO: the mlYears answers of people new to machine learning'],
      how: 'no mlYears question was found',
    };
  const code = mlYears.survey.code;
  const found = mlYears.order?.answers ?? mlYears.survey.answers.map((a) => a.answer);
  const wanted = [...new Set(references.flatMap((r) => r.config.newToML))];
  let picked = found.filter((a) => wanted.some((w) => normalizeAnswer(w) === normalizeAnswer(a)));
  let how = `answers of ${code} that earlier years list as newToML`;
  if (picked.length === 0) {
    picked = wanted
      .map((w) => found.map((a) => ({ a, s: jaccard(contentWords(w), contentWords(a)) })).sort((x, y) => y.s - x.s)[0])
      .filter((best) => best && best.s >= 0.5)
      .map((best) => best.a);
    how = `answers of ${code} worded like earlier years' newToML`;
  }
  if (picked.length === 0)
    return { answers: found.slice(0, 2), how: `the first two answers of ${code}${mlYears.order ? "'s order" : ''}` };
  if (!mlYears.order) return { answers: [...new Set(picked)], how };
  const last = Math.max(...picked.map((a) => found.indexOf(a)));
  return { answers: found.slice(0, last + 1), how: `${how}, and the answers before them in its order` };
}

function missingTopics(baseline: Reference, byTopic: Map<string, DraftQuestion>): { topic: string; note: string }[] {
  return baseline.config.questions
    .filter((q) => q.topic && !byTopic.has(q.topic))
    .map((q) => ({
      topic: q.topic!,
      note: `TODO: say why; no question of this file matched ${baseline.year} ${q.code} "${q.label}"`,
    }));
}
