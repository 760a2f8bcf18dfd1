import { describe, expect, it } from 'vitest';
import { matchAcrossYears, crossYearAnswerText, sharedAnswerKeys } from '../../../scripts/identity/across-years.js';
import { similarity } from '../../../scripts/identity/similarity.js';
import { distinctProfiles, makeSegmentation, type SyntheticQuestion } from '../../helpers/synthetic-segmentation.js';

const prevQuestions: SyntheticQuestion[] = [
  { code: 'Q7', label: 'languages', topic: 'languages', answers: ['Python', 'R', 'SQL', 'C++', 'Julia', 'Bash'] },
  { code: 'Q16', label: 'frameworks', topic: 'ml-frameworks', answers: ['Scikit-learn', 'TensorFlow', 'Keras', 'PyTorch', 'Xgboost', 'JAX'] },
  { code: 'Q27', label: 'cloud', topic: 'cloud', answers: ['Amazon Web Services (AWS)', 'Microsoft Azure', 'Google Cloud Platform (GCP)', 'None'] },
];
// Next year renumbers the questions, rewrites some answer texts, and has no cloud topic.
const nextQuestions = (cloudTopic: string | null): SyntheticQuestion[] => [
  { code: 'Q8', label: 'languages', topic: 'languages', answers: ['  python', 'R', 'SQL', 'C++ (any standard)', 'Julia', 'Bash'] },
  { code: 'Q18', label: 'frameworks', topic: 'ml-frameworks', answers: ['Scikit-learn', 'TensorFlow', 'Keras', 'PyTorch', 'Xgboost', 'JAX'] },
  { code: 'Q30', label: 'cloud', topic: cloudTopic, answers: ['Amazon Web Services (AWS)', 'Microsoft Azure', 'Google Cloud Platform (GCP)', 'None'] },
];

// Five profiles over the 12 shared answers; the 4 cloud answers get their own values.
const shared = distinctProfiles(5, 21, 12);
const withCloud = (profile: number[], cloud: number[]) => [...profile, ...cloud];
const cloudA = [0.1, -0.1, 0.1, -0.1];
const cloudB = cloudA.map((l) => -l);

const prev = makeSegmentation(
  [0, 1, 2, 3].map((p) => ({ lift: withCloud(shared[p], cloudA), size: 100 })),
  { year: 2020, questions: prevQuestions },
);
// next index -> profile: 0 <- P2 (grows), 1 <- P0 (persists), 2 <- P4 (appears), 3 <- P1 (shrinks); P3 disappears.
// The cloud lifts are reversed: if cloud answers took part, similarities would drop.
const nextDoc = (cloudTopic: string | null) =>
  makeSegmentation(
    [
      { lift: withCloud(shared[2], cloudB), size: 150 },
      { lift: withCloud(shared[0], cloudB), size: 100 },
      { lift: withCloud(shared[4], cloudB), size: 100 },
      { lift: withCloud(shared[1], cloudB), size: 50 },
    ],
    { year: 2021, questions: nextQuestions(cloudTopic) },
  );

describe('crossYearAnswerText', () => {
  it('lowercases, trims, collapses whitespace and drops parenthetical remarks', () => {
    expect(crossYearAnswerText('  Google Cloud   Platform (GCP) ')).toBe('google cloud platform');
    expect(crossYearAnswerText('Jupyter (JupyterLab, (classic) Notebooks)\tIDE')).toBe('jupyter ide');
  });
});

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
    expect(byNext.get(0)).toMatchObject({ prevIndex: 2, status: 'grows', prevShare: 0.25, nextShare: 0.375, prevSize: 100, nextSize: 150 });
    expect(byNext.get(1)).toMatchObject({ prevIndex: 0, status: 'persists' });
    expect(byNext.get(2)).toMatchObject({ prevIndex: null, status: 'appears', similarity: null });
    expect(byNext.get(3)).toMatchObject({ prevIndex: 1, status: 'shrinks', nextShare: 0.125 });
    expect(rows.filter((r) => r.status === 'disappears')).toEqual([
      { prevIndex: 3, nextIndex: null, similarity: null, prevSize: 100, nextSize: null, prevShare: 0.25, nextShare: null, status: 'disappears' },
    ]);
    // Identical shared profiles: the reversed cloud answers took no part.
    expect(byNext.get(0)!.similarity).toBeCloseTo(1, 10);
  });

  it('would see the cloud answers if both years had the topic', () => {
    const cloudy = matchAcrossYears(prev, nextDoc('cloud'));
    const row = cloudy.find((r) => r.nextIndex === 0)!;
    const toProfile = (lift: number[]) => Object.fromEntries(lift.map((l, i) => [String(i), l]));
    expect(row.similarity!).toBeCloseTo(similarity(toProfile(withCloud(shared[2], cloudA)), toProfile(withCloud(shared[2], cloudB))), 10);
    expect(row.similarity!).toBeLessThan(0.99);
  });

  it('counts a share change of exactly 2 points as persisting', () => {
    const a = makeSegmentation([{ lift: shared[0], size: 25 }, { lift: shared[1], size: 75 }], { year: 2020, questions: prevQuestions.slice(0, 2) });
    const b = makeSegmentation([{ lift: shared[0], size: 27 }, { lift: shared[1], size: 73 }], { year: 2021, questions: prevQuestions.slice(0, 2) });
    expect(matchAcrossYears(a, b).map((r) => r.status)).toEqual(['persists', 'persists']);
  });

  it('explains when the years share no topic', () => {
    const other = makeSegmentation([{ lift: [0.1, 0.2, 0.3, 0.1], size: 5 }], { year: 2021, questions: [{ ...prevQuestions[2], topic: null }] });
    expect(() => matchAcrossYears(prev, other)).toThrow(/2020 and 2021 share no answer on a common topic/);
  });
});
