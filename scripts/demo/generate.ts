/**
 * The synthetic demo survey: a deterministic responses file in the exact layout of Kaggle's 2020 file,
 * with professional segments planted in it so that the pipeline's result can be checked against a known
 * answer (`truth`). It lets the project build out of the box without Kaggle's data.
 */
import { deriveRandom, type Random, standardNormal } from '../infra/random.js';
import { largestRemainder, shuffle } from '../infra/sampling.js';
import { STREAMS } from '../infra/streams.js';
import { QUESTIONNAIRE_2020, surveyColumns, TIME_COLUMN, TIME_COLUMN_TEXT } from '../survey/questionnaire-2020.js';
import {
  COUNTRY_WEIGHTS,
  NON_PROFESSIONAL_BASE,
  NON_PROFESSIONAL_KINDS,
  type NonProfessionalKind,
  PROFESSIONAL_BASE,
  PROFESSIONAL_PROFILE,
} from './population.js';
import { assertKnownAnswers, compileRates } from './rates.js';
import { type Answers, pickWeighted, type RespondentPlan, sampleNearEmpty, sampleRespondent } from './respondent.js';
import { PLANTED_SEGMENTS, type PlantedSegment } from './segments.js';

export interface DemoSurveyOptions {
  seed: number;
  respondents: number;
}

export interface DemoSurvey {
  /** The responses file: row 1 column codes, row 2 question texts, then one row per respondent. */
  csv: string;
  /** Planted segment (index into PLANTED_SEGMENTS) per respondent row; -1 for non-professionals and near-empty rows. */
  truth: Int32Array;
}

export const DEMO_DEFAULTS: DemoSurveyOptions = { seed: 0, respondents: 6000 };
const PROFESSIONAL_SHARE = 2 / 3;
const NEAR_EMPTY_SHARE = 0.017;

export interface GroupSizes {
  /** Members of each planted segment, in PLANTED_SEGMENTS order. */
  segments: number[];
  /** Members of each non-professional kind, in NON_PROFESSIONAL_KINDS order. */
  nonProfessionals: number[];
  nearEmpty: number;
}

export function plannedGroupSizes(respondents: number): GroupSizes {
  const nearEmpty = Math.round(respondents * NEAR_EMPTY_SHARE);
  const professionals = Math.round(respondents * PROFESSIONAL_SHARE);
  return {
    segments: largestRemainder(
      professionals,
      PLANTED_SEGMENTS.map((s) => s.share),
    ),
    nonProfessionals: largestRemainder(
      respondents - professionals - nearEmpty,
      NON_PROFESSIONAL_KINDS.map((k) => k.share),
    ),
    nearEmpty,
  };
}

const SPECIAL = new Set(['Q1', 'Q24', 'Q30', 'Q32']);
const codesFor = (variant: 'A' | 'B') =>
  QUESTIONNAIRE_2020.map((q) => q.code).filter((c) => !SPECIAL.has(c) && !c.endsWith(variant === 'A' ? '_B' : '_A'));

function professionalPlan(segment: PlantedSegment): RespondentPlan {
  const rates = compileRates(codesFor('A'), [
    { rates: PROFESSIONAL_BASE },
    { rates: PROFESSIONAL_PROFILE },
    { rates: { Q3: COUNTRY_WEIGHTS } },
    { rates: segment.answers },
    { rates: segment.profile, whole: true },
  ]);
  return { professional: true, employed: true, rates };
}

/** A learner leans towards one segment's tools, and hopes to learn that segment's cloud products. */
function nonProfessionalPlan(kind: NonProfessionalKind, leaning: PlantedSegment): RespondentPlan {
  const rates = compileRates(codesFor('B'), [
    { rates: NON_PROFESSIONAL_BASE },
    { rates: PROFESSIONAL_PROFILE },
    { rates: { Q3: COUNTRY_WEIGHTS } },
    { rates: kind.profile, whole: true },
    { rates: leaning.answers, scale: 0.45, mode: 'max' },
    {
      rates: leaning.answers,
      scale: 0.5,
      mode: 'max',
      from: (code) => (code.endsWith('_B') ? code.replace(/_B$/, '_A') : ''),
    },
  ]);
  return { professional: false, employed: kind.employed, rates };
}

/** Seconds from start to finish: log-normal, with the odd respondent who left the tab open for days. */
function duration(random: Random, median: number): number {
  const seconds = median * Math.exp(0.6 * standardNormal(random));
  return Math.round(random() < 0.01 ? seconds * (20 + 180 * random()) : seconds);
}

function csvCell(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function generateDemoSurvey(options: DemoSurveyOptions = DEMO_DEFAULTS): DemoSurvey {
  const lines: string[] = [];
  const truth = writeDemoSurvey(options, (line) => lines.push(line));
  return { csv: lines.join('\n') + '\n', truth };
}

/**
 * The same survey line by line (each without its newline) to `onLine`, for files too large to hold as one
 * string: at 250,000 respondents the whole text and its lines took ~1.9 GB (npm run bench -- --scale).
 * Returns the planted truth.
 */
export function writeDemoSurvey({ seed, respondents }: DemoSurveyOptions, onLine: (line: string) => void): Int32Array {
  if (!Number.isInteger(respondents) || respondents < 1) {
    throw new Error(`demo survey: respondents must be a positive whole number, got ${respondents}`);
  }
  for (const table of [
    PROFESSIONAL_BASE,
    PROFESSIONAL_PROFILE,
    NON_PROFESSIONAL_BASE,
    ...PLANTED_SEGMENTS.flatMap((s) => [s.answers, s.profile]),
  ]) {
    assertKnownAnswers(table);
  }
  const random = deriveRandom(seed, STREAMS.demoSurvey);
  const sizes = plannedGroupSizes(respondents);
  const nSegments = PLANTED_SEGMENTS.length;
  // Group ids: 0..7 planted segments, then the non-professional kinds, then near-empty rows.
  const nearEmptyGroup = nSegments + NON_PROFESSIONAL_KINDS.length;
  const groups: number[] = [];
  [...sizes.segments, ...sizes.nonProfessionals, sizes.nearEmpty].forEach((n, g) => {
    for (let i = 0; i < n; i++) groups.push(g);
  });
  shuffle(random, groups);

  const proPlans = PLANTED_SEGMENTS.map(professionalPlan);
  const learnerPlans = NON_PROFESSIONAL_KINDS.map((kind) => PLANTED_SEGMENTS.map((s) => nonProfessionalPlan(kind, s)));
  const segmentShares = PLANTED_SEGMENTS.map((s) => s.share);

  const columns = surveyColumns();
  const start = new Map<string, number>();
  columns.forEach((c, i) => {
    if (!start.has(c.question.code)) start.set(c.question.code, i);
  });
  // Cells hold answer texts, escaped once per choice rather than once per cell.
  const cellTexts = new Map(QUESTIONNAIRE_2020.map((q) => [q.code, q.choices.map(csvCell)]));
  for (const row of [
    [TIME_COLUMN, ...columns.map((c) => c.code)],
    [TIME_COLUMN_TEXT, ...columns.map((c) => c.text)],
  ])
    onLine(row.map(csvCell).join(','));
  const truth = new Int32Array(respondents).fill(-1);

  groups.forEach((group, row) => {
    let answers: Answers;
    let median: number;
    if (group < nSegments) {
      truth[row] = group;
      answers = sampleRespondent(random, proPlans[group]);
      median = 700;
    } else if (group < nearEmptyGroup) {
      const leaning = pickWeighted(random, segmentShares, 'segment leaning');
      answers = sampleRespondent(random, learnerPlans[group - nSegments][leaning]);
      median = 450;
    } else {
      answers = sampleNearEmpty(random, proPlans[pickWeighted(random, segmentShares, 'segment')]);
      median = 90;
    }
    const cells = new Array<string>(columns.length + 1).fill('');
    cells[0] = String(duration(random, median));
    for (const [code, value] of answers) {
      const first = start.get(code)! + 1;
      const texts = cellTexts.get(code)!;
      if (typeof value === 'number') cells[first] = texts[value];
      else for (const i of value) cells[first + i] = texts[i];
    }
    onLine(cells.join(','));
  });
  return truth;
}
