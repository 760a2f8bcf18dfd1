/**
 * One demo respondent: walks the 2020 questionnaire in order and answers it the way the survey's flow
 * allowed (employer questions only for the employed, follow-up questions only after the answers that
 * trigger them, cloud products only of the platforms chosen), with the blanks real respondents leave:
 * skipped questions, "None" answers, and quitting part-way.
 */
import { type Random, randomInt, standardNormal } from '../infra/random.js';
import { QUESTIONNAIRE_2020, type QuestionnaireQuestion, questionByCode } from '../survey/questionnaire-2020.js';
import { HIGH_PAY_COUNTRIES, LOW_PAY_COUNTRIES, NONE_RATE } from './population.js';
import { type CompiledRates, noneIndex } from './rates.js';

/** Chosen answers by question code: a choice index (single) or the chosen indices (multi). */
export type Answers = Map<string, number | number[]>;

export interface RespondentPlan {
  readonly professional: boolean;
  /** Students and the unemployed were not asked about an employer (Q20-Q25). */
  readonly employed: boolean;
  /** Rates of the questions this kind of respondent is asked (variants: `_A` or `_B`). */
  readonly rates: CompiledRates;
}

const EMPLOYER_QUESTIONS = new Set(['Q20', 'Q21', 'Q22', 'Q23', 'Q24', 'Q25']);
/** Questions about writing code, not asked to respondents who never wrote code. */
const CODING_QUESTIONS = new Set(['Q7', 'Q9', 'Q10', 'Q12', 'Q13', 'Q14', 'Q16', 'Q17', 'Q18', 'Q19']);
/** Who-you-are questions that (nearly) everyone answered. */
const ALWAYS_ANSWERED = new Set(['Q1', 'Q2', 'Q3', 'Q4', 'Q5', 'Q6']);
const FOLLOW_UPS: Readonly<Record<string, { source: string; triggers: readonly string[] }>> = {
  Q18: { source: 'Q17', triggers: ['Convolutional Neural Networks', 'Generative Adversarial Networks'] },
  Q19: { source: 'Q17', triggers: ['Recurrent Neural Networks', 'Transformer Networks (BERT, gpt-3, etc)'] },
  Q27_A: { source: 'Q26_A', triggers: ['Amazon Web Services (AWS)', 'Microsoft Azure', 'Google Cloud Platform (GCP)'] },
  Q28_A: { source: 'Q26_A', triggers: ['Amazon Web Services (AWS)', 'Microsoft Azure', 'Google Cloud Platform (GCP)'] },
};
/** "Most often" questions, asked after more than one pick in their source question. */
const MOST_OFTEN: Readonly<Record<string, string>> = { Q30: 'Q29_A', Q32: 'Q31_A' };
const PAY_BANDS = questionByCode('Q24').choices.length;
const position = (code: string) => QUESTIONNAIRE_2020.findIndex((q) => q.code === code);
const PRO_QUIT_FROM = position('Q36');
const PRO_QUIT_TO = position('Q39') + 1;
const LEARNER_QUIT_FROM = position('Q16');

/** The cloud platform (Q26 answer) a cloud product belongs to. */
function platformOf(product: string): string {
  if (/^(Amazon|AWS)/.test(product)) return 'Amazon Web Services (AWS)';
  if (/Azure/.test(product)) return 'Microsoft Azure';
  return 'Google Cloud Platform (GCP)';
}

export function pickWeighted(random: Random, weights: ArrayLike<number>, what: string): number {
  let total = 0;
  for (let i = 0; i < weights.length; i++) total += weights[i];
  if (!(total > 0)) throw new Error(`demo: ${what} has no answer with a positive weight`);
  let r = random() * total;
  for (let i = 0; i < weights.length; i++) {
    r -= weights[i];
    if (r < 0 && weights[i] > 0) return i;
  }
  return weights.length - 1;
}

function chosenTexts(question: QuestionnaireQuestion, answers: Answers): string[] {
  const picks = answers.get(question.code);
  return Array.isArray(picks) ? picks.map((i) => question.choices[i]) : [];
}

/** Who uses a cloud platform uses some of its products: the least chance of each product of a chosen platform. */
const PRODUCT_FLOOR: Readonly<Record<string, number>> = { Q27_A: 0.35, Q28_A: 0.2 };

function sampleMulti(
  random: Random,
  question: QuestionnaireQuestion,
  rates: Float64Array,
  activity: number,
  allowed?: (answer: string) => boolean,
): number[] | undefined {
  const none = noneIndex(question);
  const floor = allowed ? (PRODUCT_FLOOR[question.code] ?? 0) : 0;
  // A segment can make "None" part of its signature (beginners using no cloud); "None" excludes the rest.
  if (rates[none] > 0 && random() < rates[none]) return [none];
  const picks: number[] = [];
  for (let i = 0; i < rates.length; i++) {
    if (i === none || (allowed && !allowed(question.choices[i]))) continue;
    if (random() < Math.min(0.97, Math.max(rates[i], i === rates.length - 1 ? 0 : floor) * activity)) picks.push(i);
  }
  if (picks.length > 0) return picks;
  return random() < (NONE_RATE[question.code] ?? 0.5) ? [none] : undefined;
}

/** Age band from coding experience: the longer someone has coded, the older they tend to be. */
function sampleAge(random: Random, codingYears: number, learner: boolean): number {
  const mean = learner ? 0.6 + 0.5 * codingYears : 1.2 + 0.75 * codingYears;
  return Math.max(0, Math.min(10, Math.round(mean + 1.3 * standardNormal(random))));
}

function samplePay(random: Random, country: string, codingYears: number, professional: boolean): number {
  const level = HIGH_PAY_COUNTRIES.has(country) ? 12 : LOW_PAY_COUNTRIES.has(country) ? 3 : 7;
  const mean = level + 1.1 * codingYears + (professional ? 1 : -1);
  return Math.max(0, Math.min(PAY_BANDS - 1, Math.round(mean + 2.2 * standardNormal(random))));
}

function picksOf(answers: Answers, code: string): string[] {
  return chosenTexts(questionByCode(code), answers);
}

function isAsked(
  question: QuestionnaireQuestion,
  plan: RespondentPlan,
  answers: Answers,
  neverCoded: boolean,
): boolean {
  const { code } = question;
  if (EMPLOYER_QUESTIONS.has(code) && !plan.employed) return false;
  if (neverCoded && CODING_QUESTIONS.has(code)) return false;
  if (MOST_OFTEN[code])
    return plan.professional && picksOf(answers, MOST_OFTEN[code]).filter((a) => a !== 'None').length > 1;
  if (code === 'Q34_A') return picksOf(answers, 'Q33_A').some((a) => a !== 'No / None');
  const followUp = FOLLOW_UPS[code];
  if (followUp && !picksOf(answers, followUp.source).some((a) => followUp.triggers.includes(a))) return false;
  return code === 'Q1' || code === 'Q24' || plan.rates.has(code);
}

/** Per-respondent traits that shape every answer. */
interface Habits {
  /** Scales signature rates: some tick more boxes than others. */
  activity: number;
  codingYears: number;
}

function answer(
  random: Random,
  question: QuestionnaireQuestion,
  plan: RespondentPlan,
  answers: Answers,
  habits: Habits,
): number | number[] | undefined {
  const { code } = question;
  if (code === 'Q1') return sampleAge(random, habits.codingYears, !plan.employed);
  if (code === 'Q6') return habits.codingYears;
  if (code === 'Q24') {
    const country = questionByCode('Q3').choices[answers.get('Q3') as number];
    return samplePay(random, country, habits.codingYears, plan.professional);
  }
  if (MOST_OFTEN[code]) {
    // The product used most often is one of those ticked, likelier the more typical of the segment.
    const source = questionByCode(MOST_OFTEN[code]);
    const picks = (answers.get(source.code) as number[]).filter((i) => i !== noneIndex(source));
    const weights = picks.map((i) => plan.rates.get(source.code)![i] + 0.05);
    return question.choices.indexOf(source.choices[picks[pickWeighted(random, weights, code)]]);
  }
  if (question.kind === 'single') return pickWeighted(random, plan.rates.get(code)!, code);
  const platforms = code === 'Q27_A' || code === 'Q28_A' ? picksOf(answers, 'Q26_A') : undefined;
  const allowed = platforms && ((text: string) => text === 'Other' || platforms.includes(platformOf(text)));
  return sampleMulti(random, question, plan.rates.get(code)!, habits.activity, allowed);
}

export function sampleRespondent(random: Random, plan: RespondentPlan): Answers {
  const answers: Answers = new Map();
  const activity = 0.85 + 0.3 * random();
  const draw = random();
  const skipRate = draw < 0.6 ? 0.02 : draw < 0.9 ? 0.08 : 0.18;
  const quits = random() < (plan.professional ? 0.08 : 0.1);
  const [quitFrom, quitTo] = plan.professional
    ? [PRO_QUIT_FROM, PRO_QUIT_TO]
    : [LEARNER_QUIT_FROM, QUESTIONNAIRE_2020.length];
  const quitAt = quits ? quitFrom + randomInt(random, quitTo - quitFrom) : Infinity;
  const habits: Habits = { activity, codingYears: pickWeighted(random, plan.rates.get('Q6')!, 'Q6') };
  const neverCoded = habits.codingYears === 0;
  for (let qi = 0; qi < QUESTIONNAIRE_2020.length && qi < quitAt; qi++) {
    const question = QUESTIONNAIRE_2020[qi];
    if (!isAsked(question, plan, answers, neverCoded)) continue;
    const forced = ALWAYS_ANSWERED.has(question.code) || (plan.professional && question.code === 'Q26_A');
    // Someone who just ticked the answers a follow-up asks about rarely skips the follow-up.
    if (!forced && random() < (FOLLOW_UPS[question.code] ? skipRate / 3 : skipRate)) continue;
    const value = answer(random, question, plan, answers, habits);
    if (value !== undefined) answers.set(question.code, value);
  }
  return answers;
}

/** Someone who opened the survey, gave a few facts about themselves and left: the drop rule's work. */
export function sampleNearEmpty(random: Random, plan: RespondentPlan): Answers {
  const answers: Answers = new Map();
  ['Q1', 'Q2', 'Q3', 'Q4', 'Q5', 'Q6'].forEach((code, i) => {
    // Age, gender and country come first and are all but always given; later facts less so.
    if (i >= 3 && random() < 0.45) return;
    const weights = code === 'Q1' ? [3, 4, 5, 4, 3, 2, 1, 1, 1, 1, 0.5] : plan.rates.get(code)!;
    answers.set(code, pickWeighted(random, weights, code));
  });
  const extras: [string, string][] = [
    ['Q7', 'Python'],
    ['Q8', 'Python'],
    ['Q11', 'A personal computer or laptop'],
  ];
  for (const [code, answer] of extras) {
    if (random() >= 0.3) continue;
    const i = questionByCode(code).choices.indexOf(answer);
    answers.set(code, code === 'Q7' ? [i] : i);
  }
  return answers;
}
