import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ACROSS_YEARS_THRESHOLD,
  compareAcrossYears,
  crossYearAnswerText,
  matchAcrossYears,
  sharedAnswerKeys,
  transitionOf,
} from '../../../scripts/identity/across-years.js';
import { answerAliases, loadAnswerAliases } from '../../../scripts/identity/answer-map.js';
import { similarity } from '../../../scripts/identity/similarity.js';
import { distinctProfiles, makeSegmentation, type SyntheticQuestion } from '../../helpers/synthetic-segmentation.js';

const prevQuestions: SyntheticQuestion[] = [
  { code: 'Q7', label: 'languages', topic: 'languages', answers: ['Python', 'R', 'SQL', 'C++', 'Julia', 'Bash'] },
  {
    code: 'Q16',
    label: 'frameworks',
    topic: 'ml-frameworks',
    answers: ['Scikit-learn', 'TensorFlow', 'Keras', 'PyTorch', 'Xgboost', 'JAX'],
  },
  {
    code: 'Q27',
    label: 'cloud',
    topic: 'cloud',
    answers: ['Amazon Web Services (AWS)', 'Microsoft Azure', 'Google Cloud Platform (GCP)', 'None'],
  },
];
// Next year renumbers the questions, rewrites some answer texts, and has no cloud topic.
const nextQuestions = (cloudTopic: string | null): SyntheticQuestion[] => [
  {
    code: 'Q8',
    label: 'languages',
    topic: 'languages',
    answers: ['  python', 'R', 'SQL', 'C++ (any standard)', 'Julia', 'Bash'],
  },
  {
    code: 'Q18',
    label: 'frameworks',
    topic: 'ml-frameworks',
    answers: ['Scikit-learn', 'TensorFlow', 'Keras', 'PyTorch', 'Xgboost', 'JAX'],
  },
  {
    code: 'Q30',
    label: 'cloud',
    topic: cloudTopic,
    answers: ['Amazon Web Services (AWS)', 'Microsoft Azure', 'Google Cloud Platform (GCP)', 'None'],
  },
];

// Five profiles over the 12 shared answers; the 4 cloud answers get their own values.
const shared = distinctProfiles(5, 21, 12);
const withCloud = (profile: number[], cloud: number[]) => [...profile, ...cloud];
// Cloud lifts that set segments apart (they alternate in sign from one segment to the next).
const cloudA = (p: number) => [0.1, -0.1, 0.1, -0.1].map((l) => (p % 2 === 0 ? l : -l));
const cloudB = (p: number) => cloudA(p).map((l) => -l);

const prev = makeSegmentation(
  [0, 1, 2, 3].map((p) => ({ lift: withCloud(shared[p], cloudA(p)), size: 100 })),
  { year: 2020, questions: prevQuestions },
);
// next index -> profile: 0 <- P2 (grows), 1 <- P0 (persists), 2 <- P4 (appears), 3 <- P1 (shrinks); P3 disappears.
// The cloud lifts are reversed: if cloud answers took part, similarities would drop.
const nextDoc = (cloudTopic: string | null) =>
  makeSegmentation(
    [
      { lift: withCloud(shared[2], cloudB(2)), size: 150 },
      { lift: withCloud(shared[0], cloudB(0)), size: 100 },
      { lift: withCloud(shared[4], cloudB(4)), size: 100 },
      { lift: withCloud(shared[1], cloudB(1)), size: 50 },
    ],
    { year: 2021, questions: nextQuestions(cloudTopic) },
  );

describe('crossYearAnswerText', () => {
  it('lowercases, trims, collapses whitespace and drops parenthetical remarks', () => {
    expect(crossYearAnswerText('  Google Cloud   Platform (GCP) ')).toBe('google cloud platform');
    expect(crossYearAnswerText('Jupyter (JupyterLab, (classic) Notebooks)\tIDE')).toBe('jupyter ide');
  });
});

const byNextSimilarity = (rows: ReturnType<typeof matchAcrossYears>, nextIndex: number) =>
  rows.find((r) => r.nextIndex === nextIndex)!.similarity!;

describe('matchAcrossYears', () => {
  const next = nextDoc(null);

  it('compares only answers whose topic both years have', () => {
    const keys = sharedAnswerKeys(prev, next);
    expect(keys).toHaveLength(12);
    expect(keys).toContain('languages|python');
    expect(keys).toContain('languages|c++');
    expect(keys.some((k) => k.startsWith('cloud|'))).toBe(false);
  });

  it('matches segments on the shared answers and classifies the changes', () => {
    const rows = matchAcrossYears(prev, next);
    const byNext = new Map(rows.filter((r) => r.nextIndex !== null).map((r) => [r.nextIndex, r]));
    expect(byNext.get(0)).toMatchObject({
      prevIndex: 2,
      status: 'grows',
      prevShare: 0.25,
      nextShare: 0.375,
      prevSize: 100,
      nextSize: 150,
    });
    expect(byNext.get(1)).toMatchObject({ prevIndex: 0, status: 'persists' });
    expect(byNext.get(2)).toMatchObject({ prevIndex: null, status: 'appears', similarity: null });
    expect(byNext.get(3)).toMatchObject({ prevIndex: 1, status: 'shrinks', nextShare: 0.125 });
    expect(rows.filter((r) => r.status === 'disappears')).toEqual([
      {
        prevIndex: 3,
        nextIndex: null,
        similarity: null,
        prevSize: 100,
        nextSize: null,
        prevShare: 0.25,
        nextShare: null,
        status: 'disappears',
        continues: false,
        evidence: [],
      },
    ]);
    // Identical shared profiles (read in each year's units of spread, which differ a little): the reversed
    // cloud answers took no part.
    expect(byNext.get(0)!.similarity).toBeGreaterThan(0.95);
  });

  it('would see the cloud answers if both years had the topic', () => {
    const cloudy = matchAcrossYears(prev, nextDoc('cloud'));
    const row = cloudy.find((r) => r.nextIndex === 0)!;
    expect(row.similarity!).toBeLessThan(byNextSimilarity(matchAcrossYears(prev, next), 0));
  });

  it('counts a share change of exactly 2 points as persisting', () => {
    const a = makeSegmentation(
      [
        { lift: shared[0], size: 25 },
        { lift: shared[1], size: 75 },
      ],
      { year: 2020, questions: prevQuestions.slice(0, 2) },
    );
    const b = makeSegmentation(
      [
        { lift: shared[0], size: 27 },
        { lift: shared[1], size: 73 },
      ],
      { year: 2021, questions: prevQuestions.slice(0, 2) },
    );
    expect(matchAcrossYears(a, b).map((r) => r.status)).toEqual(['persists', 'persists']);
  });

  it('explains when the years share no topic', () => {
    const other = makeSegmentation([{ lift: [0.1, 0.2, 0.3, 0.1], size: 5 }], {
      year: 2021,
      questions: [{ ...prevQuestions[2], topic: null }],
    });
    expect(() => matchAcrossYears(prev, other)).toThrow(/2020 and 2021 share no answer on a common topic/);
  });
});

// Answers: Python, R, SQL | TensorFlow, Keras, PyTorch | AWS, None.
const smallQuestions = (noneText: string, codes = ['Q7', 'Q16', 'Q27']): SyntheticQuestion[] => [
  { code: codes[0], label: 'languages', topic: 'languages', answers: ['Python', 'R', 'SQL'] },
  { code: codes[1], label: 'frameworks', topic: 'ml-frameworks', answers: ['TensorFlow', 'Keras', 'PyTorch'] },
  {
    code: codes[2],
    label: 'cloud platforms',
    topic: 'cloud-platforms',
    answers: ['Amazon Web Services (AWS)', noneText],
  },
];
const negate = (lift: number[]) => lift.map((l) => -l);

describe('compareAcrossYears: refusals, evidence, splits and merges', () => {
  // 2018's R segment and 2021's TensorFlow segment share their many negatives (little Python, no cloud),
  // so their lift cosine is high; but R defines the one and the other barely uses it. 2021's own R users
  // also use the cloud, so they are not 2018's either.
  const rSegment = [-0.3, 0.45, -0.2, -0.05, 0, -0.1, -0.3, 0.3];
  const tfSegment = [-0.3, 0.05, -0.2, 0.3, 0.2, -0.1, -0.3, 0.3];
  const rCloud = [-0.2, 0.4, 0.1, -0.2, -0.2, -0.1, 0.4, -0.4];
  const prev = makeSegmentation(
    [
      { lift: rSegment, size: 100 },
      { lift: negate(rSegment), size: 100 },
    ],
    { year: 2018, questions: smallQuestions('None') },
  );
  const next = makeSegmentation(
    [
      { lift: tfSegment, size: 100 },
      { lift: negate(tfSegment), size: 100 },
      { lift: rCloud, size: 100 },
    ],
    { year: 2021, questions: smallQuestions('None', ['Q8', 'Q17', 'Q28']) },
  );

  it('refuses to continue an R segment with a TensorFlow one, though their lift cosine passes the threshold', () => {
    const toProfile = (lift: number[]) => Object.fromEntries(lift.map((l, i) => [String(i), l]));
    expect(similarity(toProfile(rSegment), toProfile(tfSegment))).toBeGreaterThan(ACROSS_YEARS_THRESHOLD);
    const { rows, refused } = compareAcrossYears(prev, next);
    expect(refused).toContainEqual(
      expect.objectContaining({
        prevIndex: 0,
        nextIndex: 0,
        definedBy: 'prev',
        contradiction: expect.objectContaining({ key: 'languages|r', prevLift: 0.45, nextLift: 0.05 }),
      }),
    );
    expect(rows.find((r) => r.prevIndex === 0)).toMatchObject({ status: 'disappears', nextIndex: null });
    expect(rows.find((r) => r.nextIndex === 0)).toMatchObject({ status: 'appears', prevIndex: null });
  });

  it('pairs the same R segment when the next year has it, with the shared defining answers as evidence', () => {
    const again = makeSegmentation(
      [
        { lift: negate(rSegment), size: 120 },
        { lift: rSegment.map((l) => l * 0.8), size: 80 },
      ],
      { year: 2021, questions: smallQuestions('None') },
    );
    const { rows, refused } = compareAcrossYears(prev, again);
    expect(refused).toEqual([]);
    const r = rows.find((row) => row.prevIndex === 0)!;
    expect(r).toMatchObject({ nextIndex: 1, status: 'shrinks' });
    // Defining answers: R (+45, +36) and None (+30, +24); rates are 0.5 + lift in these documents.
    expect(r.evidence.map((e) => [e.key, e.prevRate, Number(e.nextRate.toFixed(4))])).toEqual([
      ['languages|r', 0.95, 0.86],
      ['cloud-platforms|none', 0.8, 0.74],
    ]);
    expect(r.evidence[0]).toMatchObject({ label: 'R', question: 'languages' });
  });

  it('carries a "None" answer across years only through the answer map', () => {
    const reworded = makeSegmentation(
      [
        { lift: rSegment, size: 100 },
        { lift: negate(rSegment), size: 100 },
      ],
      { year: 2021, questions: smallQuestions('I have not used any cloud providers') },
    );
    expect(sharedAnswerKeys(prev, reworded)).not.toContain('cloud-platforms|none');
    const aliases = answerAliases({ 'cloud-platforms': { none: ['i have not used any cloud providers'] } });
    expect(sharedAnswerKeys(prev, reworded, aliases)).toContain('cloud-platforms|none');
    const row = matchAcrossYears(prev, reworded, { aliases }).find((r) => r.prevIndex === 0)!;
    expect(row.evidence.map((e) => e.key)).toContain('cloud-platforms|none');
  });

  it('weights an answer by how much it sets segments apart in both years', () => {
    // SQL separates the segments strongly in 2018 only; in 2021 it is flat. Reversing SQL's sign in 2021
    // then hardly moves the similarity, while reversing R, which separates them in both, breaks the pairing.
    const flatSql = (lift: number[]) => lift.map((l, i) => (i === 2 ? 0.001 * Math.sign(l) : l));
    const sql = makeSegmentation(
      [
        { lift: flatSql(rSegment), size: 100 },
        { lift: flatSql(negate(rSegment)), size: 100 },
      ],
      { year: 2021, questions: smallQuestions('None') },
    );
    const flipped = (k: number) => (lift: number[]) => lift.map((l, i) => (i === k ? -l : l));
    const sqlFlipped = makeSegmentation(
      [
        { lift: flipped(2)(flatSql(rSegment)), size: 100 },
        { lift: flipped(2)(flatSql(negate(rSegment))), size: 100 },
      ],
      { year: 2021, questions: smallQuestions('None') },
    );
    expect(byNextSimilarity(matchAcrossYears(prev, sqlFlipped), 0)).toBeCloseTo(
      byNextSimilarity(matchAcrossYears(prev, sql), 0),
      2,
    );
    const rFlipped = makeSegmentation(
      [
        { lift: flipped(1)(rSegment), size: 100 },
        { lift: flipped(1)(negate(rSegment)), size: 100 },
      ],
      { year: 2021, questions: smallQuestions('None') },
    );
    expect(compareAcrossYears(prev, rFlipped).rows.find((r) => r.prevIndex === 0)!.nextIndex).not.toBe(0);
  });

  it('tells splits and merges from survivals', () => {
    // 2018: A (Python+TensorFlow) and B (R). 2021: A continues as two segments, one with more PyTorch.
    const a = [0.3, -0.2, 0, 0.3, 0.2, 0, 0, -0.1];
    const b = negate(a);
    const before = makeSegmentation(
      [
        { lift: a, size: 100 },
        { lift: b, size: 100 },
      ],
      { year: 2018, questions: smallQuestions('None') },
    );
    const a1 = a.map((l, i) => (i === 5 ? 0.2 : l));
    const a2 = a.map((l, i) => (i === 5 ? -0.1 : l));
    const after = makeSegmentation(
      [
        { lift: a1, size: 60 },
        { lift: a2, size: 60 },
        { lift: b, size: 80 },
      ],
      { year: 2021, questions: smallQuestions('None') },
    );
    const split = compareAcrossYears(before, after).rows;
    expect(
      split
        .filter((r) => r.status === 'splits')
        .map((r) => [r.prevIndex, r.nextIndex])
        .sort(),
    ).toEqual([
      [0, 0],
      [0, 1],
    ]);
    expect(split.find((r) => r.prevIndex === 1)).toMatchObject({ nextIndex: 2, status: 'shrinks' });
    expect(transitionOf('shrinks')).toBe('survives');
    // The same two years read backwards: two segments merge into one.
    const merged = compareAcrossYears(
      { ...after, survey: { ...after.survey, year: 2017 } },
      { ...before, survey: { ...before.survey, year: 2022 } },
    ).rows;
    expect(
      merged
        .filter((r) => r.status === 'merges')
        .map((r) => [r.prevIndex, r.nextIndex])
        .sort(),
    ).toEqual([
      [0, 0],
      [1, 0],
    ]);
  });
});

describe('the answer map', () => {
  it('loads configs/answers.yaml: 2018\'s "I have not used any cloud providers" is "None"', () => {
    const aliases = loadAnswerAliases();
    expect(aliases.get('cloud-platforms|i have not used any cloud providers')).toBe('cloud-platforms|none');
    expect(aliases.get('visualization|ggplot2')).toBe('visualization|ggplot / ggplot2');
    expect(aliases.get('cloud-compute|no / none')).toBe('cloud-compute|none');
  });

  it('names the file and line of a text that is not written as compared, and a text listed twice', () => {
    const dir = mkdtempSync(join(tmpdir(), 'answers-'));
    const file = join(dir, 'answers.yaml');
    writeFileSync(file, 'visualization:\n  ggplot / ggplot2:\n    - Ggplot2\n');
    expect(() => loadAnswerAliases(file)).toThrow(
      new RegExp(`${file}:3: visualization\\.ggplot / ggplot2\\.0: write the answer text as it is compared`),
    );
    expect(() =>
      answerAliases({ ides: { jupyter: ['jupyterlab'], 'jupyter notebook': ['jupyterlab'] } }, file),
    ).toThrow(/ides: "jupyterlab" is listed under both "jupyter" and "jupyter notebook"/);
  });
});
