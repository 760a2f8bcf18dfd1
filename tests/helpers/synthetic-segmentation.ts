/**
 * Small schema-valid segmentation documents whose lifts the identity tests set directly.
 * Overall rates are 0.5 everywhere, so any lift in [-0.5, 0.5] gives valid rates.
 */
import { createHash } from 'node:crypto';
import {
  type QuestionInfo,
  SCHEMA_VERSION,
  type Segmentation,
  SegmentationSchema,
} from '../../scripts/document/segmentation-schema.js';
import { createRandom } from '../../scripts/infra/random.js';

export interface SyntheticQuestion {
  code: string;
  label: string;
  topic: string | null;
  answers: string[];
}

export interface SyntheticSegment {
  /** Aligned with the features (questions' answers in order). */
  lift: number[];
  size: number;
}

export const DEFAULT_QUESTIONS: SyntheticQuestion[] = [
  {
    code: 'Q7',
    label: 'languages regular',
    topic: 'languages',
    answers: ['Python', 'R', 'SQL', 'C++', 'Julia', 'None'],
  },
  {
    code: 'Q16',
    label: 'ML frameworks',
    topic: 'ml-frameworks',
    answers: ['Scikit-learn', 'TensorFlow', 'Keras', 'PyTorch', 'Xgboost', 'Huggingface'],
  },
  {
    code: 'Q17',
    label: 'ML algorithms',
    topic: 'ml-algorithms',
    answers: [
      'Linear or Logistic Regression',
      'Convolutional Neural Networks',
      'Transformer Networks (BERT, gpt-3, etc)',
      'Bayesian Approaches',
    ],
  },
  {
    code: 'Q27',
    label: 'cloud platforms',
    topic: 'cloud',
    answers: ['Amazon Web Services (AWS)', 'Microsoft Azure', 'Google Cloud Platform (GCP)', 'None'],
  },
];

export function featureCount(questions: SyntheticQuestion[] = DEFAULT_QUESTIONS): number {
  return questions.reduce((n, q) => n + q.answers.length, 0);
}

/** A document with the given segments, in the given (published) order; validated against the schema. */
export function makeSegmentation(
  segments: SyntheticSegment[],
  { year = 2021, questions = DEFAULT_QUESTIONS } = {},
): Segmentation {
  const features = questions.flatMap((q) =>
    q.answers.map((label, i) => ({ id: `${q.code}_Part_${i + 1}`, question: q.code, group: 'tools' as const, label })),
  );
  const total = segments.reduce((n, s) => n + s.size, 0);
  const rows = segments.flatMap((s, index) => Array.from({ length: s.size }, () => index));
  const questionInfo: QuestionInfo[] = questions.map((q) => ({
    code: q.code,
    label: q.label,
    text: `${q.label}?`,
    group: 'tools',
    type: 'multi',
    topic: q.topic,
    ordered: false,
    answers: q.answers.map((label, i) => ({ id: `${q.code}_Part_${i + 1}`, label })),
  }));
  const doc: Segmentation = {
    schemaVersion: SCHEMA_VERSION,
    synthetic: true,
    survey: { year, title: `Synthetic ${year}`, source: 'tests' },
    metadata: {
      generator: { name: 'identity-tests', version: '0' },
      // Documents with other segments count as other data, so identity matches them on lifts; the same
      // segments count as a re-run on the same respondents, matched on members (each segment a block of rows).
      input: {
        file: 'synthetic.csv',
        sha256: createHash('sha256').update(JSON.stringify(segments)).digest('hex'),
        bytes: 0,
      },
      configHash: 'b'.repeat(64),
      seed: 0,
      parameters: {
        clusters: segments.length,
        map: { nComponents: 2, nNeighbors: 15, minDist: 0.1, nEpochs: 10, init: 'spectral', metric: 'jaccard' },
        clusterEmbedding: {
          nComponents: 4,
          nNeighbors: 15,
          minDist: 0,
          nEpochs: 10,
          init: 'spectral',
          metric: 'jaccard',
        },
        mixture: { covariance: 'full', regCovar: 1e-6, tol: 1e-3, maxIter: 100, nInit: 1, init: 'kmeans' },
        dropRowMeanAtMost: 0.01,
        stabilityRuns: 0,
        published: 'single-run',
      },
      packages: {},
      notices: [],
    },
    counts: {
      respondents: total,
      droppedNearlyEmpty: 0,
      kept: total,
      professionals: total,
      nonProfessionals: 0,
      columnsRead: features.length,
      columnsUsed: features.length,
      columnsDroppedFreeText: 0,
      features: features.length,
      featuresDroppedEmpty: 0,
    },
    professionalRule: {
      rule: 'variants',
      description: 'synthetic',
      boundary: null,
      nonProfessional: [],
      conditions: [],
      excludedIncomplete: 0,
    },
    profile: {
      role: 'Q5',
      codingYears: 'Q6',
      mlYears: 'Q15',
      companySize: 'Q20',
      employerML: 'Q22',
      education: 'Q4',
      gender: 'Q2',
    },
    workActivities: 'Q23',
    newToML: [],
    questions: questionInfo,
    features,
    map: {
      x: rows.map(() => 0),
      y: rows.map(() => 0),
      role: rows.map(() => -1),
      professional: rows.map(() => 1),
      segment: rows,
      agreement: rows.map(() => -1),
    },
    professionalMap: { x: rows.map(() => 0), y: rows.map(() => 0) },
    overall: { rates: features.map(() => 0.5), breakdowns: {} },
    segments: segments.map((s, index) => {
      if (s.lift.length !== features.length)
        throw new Error(`segment ${index}: ${s.lift.length} lifts for ${features.length} features`);
      return {
        index,
        component: index,
        size: s.size,
        share: s.size / total,
        newToMLShare: 0,
        center: { x: 0, y: 0 },
        rates: s.lift.map((l) => 0.5 + l),
        lift: s.lift,
        breakdowns: {},
        stability: null,
      };
    }),
    stability: null,
    modelSelection: null,
  };
  return SegmentationSchema.parse(doc);
}

/**
 * `count` clearly different lift profiles (seeded): profile c is strong on the features f with f % count == c,
 * plus small noise, so profiles share no strong answer.
 */
export function distinctProfiles(count: number, seed: number, features = featureCount()): number[][] {
  const random = createRandom(seed);
  return Array.from({ length: count }, (_, c) =>
    Array.from(
      { length: features },
      (_, f) => Math.round(((f % count === c ? 0.35 : 0) + (random() - 0.5) * 0.16) * 1e4) / 1e4,
    ),
  );
}

/** A profile slightly perturbed (seeded), as a re-run with another seed would give. */
export function perturb(lift: number[], amount: number, seed: number): number[] {
  const random = createRandom(seed);
  return lift.map((l) => Math.max(-0.5, Math.min(0.5, l + (random() - 0.5) * 2 * amount)));
}
