import { determinant, inverse, Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { createRandom, type Random } from '../../../../scripts/infra/random.js';
import { ClusterCountError, fitMixture, selectK } from '../../../../scripts/segment/mixture/fit.js';
import {
  squaredMahalanobis4,
  squaredMahalanobisGeneric,
  weightedMoments4,
  weightedMomentsGeneric,
} from '../../../../scripts/segment/mixture/kernels.js';
import { kmeans, kmeansPlusPlus } from '../../../../scripts/segment/mixture/kmeans-init.js';
import { resolveParameters } from '../../../../scripts/segment/parameters.js';
import { adjustedRandIndex } from '../../../../scripts/segment/partition-agreement.js';
import type { Embedding, MixtureFit } from '../../../../scripts/segment/types.js';

/** The run's mixture settings (scikit-learn's defaults), which the engine takes in full. */
const SKLEARN = resolveParameters({}).mixture;

/** A planted component: weight, mean and the lower Cholesky factor L of its covariance (Σ = L Lᵀ). */
interface Planted {
  weight: number;
  mean: number[];
  factor: number[][];
}

function covarianceOf(factor: number[][]): number[][] {
  const d = factor.length;
  return Array.from({ length: d }, (_, a) =>
    Array.from({ length: d }, (_, b) => factor[a].reduce((sum, value, c) => sum + value * factor[b][c], 0)),
  );
}

function standardNormal(random: Random): number {
  // Box–Muller; 1 − u keeps the logarithm's argument in (0, 1].
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** n points drawn from the planted mixture with a seeded generator, and the true component of each. */
function sampleMixture(components: Planted[], n: number, seed: number): { points: Embedding; truth: Int32Array } {
  const random = createRandom(seed);
  const d = components[0].mean.length;
  const data = new Float64Array(n * d);
  const truth = new Int32Array(n);
  const z = new Array<number>(d);
  for (let i = 0; i < n; i++) {
    let u = random();
    let j = 0;
    while (j < components.length - 1 && u >= components[j].weight) u -= components[j++].weight;
    truth[i] = j;
    for (let c = 0; c < d; c++) z[c] = standardNormal(random);
    const { mean, factor } = components[j];
    for (let a = 0; a < d; a++) {
      let value = mean[a];
      for (let c = 0; c <= a; c++) value += factor[a][c] * z[c];
      data[i * d + a] = value;
    }
  }
  return { points: { rows: n, dims: d, data }, truth };
}

/** For each planted component, the fitted component with the nearest mean; must be a permutation. */
function matchComponents(fit: MixtureFit, planted: Planted[]): number[] {
  const d = planted[0].mean.length;
  const match = planted.map(({ mean }) => {
    let best = -1;
    let bestDistance = Infinity;
    for (let j = 0; j < fit.k; j++) {
      let distance = 0;
      for (let c = 0; c < d; c++) distance += (fit.means[j * d + c] - mean[c]) ** 2;
      if (distance < bestDistance) [best, bestDistance] = [j, distance];
    }
    return best;
  });
  expect(new Set(match).size).toBe(planted.length);
  return match;
}

const PLANTED_2D: Planted[] = [
  // Σ = [[1, 0.6], [0.6, 1]]: correlation 0.6.
  {
    weight: 0.45,
    mean: [0, 0],
    factor: [
      [1, 0],
      [0.6, 0.8],
    ],
  },
  // Σ = [[0.49, −0.28], [−0.28, 0.32]]: negative correlation.
  {
    weight: 0.3,
    mean: [7, 1],
    factor: [
      [0.7, 0],
      [-0.4, 0.4],
    ],
  },
  // Σ = [[0.81, 0], [0, 0.25]]: axis-aligned.
  {
    weight: 0.25,
    mean: [2, 7],
    factor: [
      [0.9, 0],
      [0, 0.5],
    ],
  },
];

const PLANTED_4D: Planted[] = [
  {
    weight: 0.4,
    mean: [0, 0, 0, 0],
    factor: [
      [1, 0, 0, 0],
      [0.5, 0.7, 0, 0],
      [0, 0.3, 0.6, 0],
      [-0.2, 0, 0.2, 0.5],
    ],
  },
  {
    weight: 0.35,
    mean: [6, -2, 3, 1],
    factor: [
      [0.6, 0, 0, 0],
      [0, 0.9, 0, 0],
      [-0.3, 0.2, 0.5, 0],
      [0, 0, 0.4, 0.8],
    ],
  },
  {
    weight: 0.25,
    mean: [-3, 5, -4, 6],
    factor: [
      [0.8, 0, 0, 0],
      [-0.4, 0.5, 0, 0],
      [0, 0, 1, 0],
      [0.3, 0.3, 0, 0.4],
    ],
  },
];

/** Mean and covariance (divided by n, the maximum-likelihood estimate) of the rows labelled `label`. */
function sampleMoments(
  points: Embedding,
  labels: Int32Array,
  label: number,
): { mean: number[]; covariance: number[][] } {
  const d = points.dims;
  const rows: number[] = [];
  for (const [i, value] of labels.entries()) if (value === label) rows.push(i);
  const mean = Array.from(
    { length: d },
    (_, c) => rows.reduce((sum, i) => sum + points.data[i * d + c], 0) / rows.length,
  );
  const covariance = Array.from({ length: d }, (_, a) =>
    Array.from(
      { length: d },
      (_, b) =>
        rows.reduce((sum, i) => sum + (points.data[i * d + a] - mean[a]) * (points.data[i * d + b] - mean[b]), 0) /
        rows.length,
    ),
  );
  return { mean, covariance };
}

function expectRecovers(fit: MixtureFit, planted: Planted[], points: Embedding, truth: Int32Array): void {
  const d = planted[0].mean.length;
  const match = matchComponents(fit, planted);
  planted.forEach((component, t) => {
    const j = match[t];
    // Against the planted cluster's own sample moments the fit is near exact (responsibilities are ~0/1):
    // this checks the algorithm; the looser checks against the planted values below also allow for sampling.
    const sample = sampleMoments(points, truth, t);
    for (let c = 0; c < d; c++) expect(Math.abs(fit.means[j * d + c] - sample.mean[c])).toBeLessThan(1e-3);
    for (let a = 0; a < d; a++) {
      for (let b = 0; b < d; b++) {
        expect(Math.abs(fit.covariances[j][a * d + b] - sample.covariance[a][b])).toBeLessThan(1e-3);
      }
    }
    expect(Math.abs(fit.weights[j] - component.weight)).toBeLessThan(0.03);
    for (let c = 0; c < d; c++) expect(Math.abs(fit.means[j * d + c] - component.mean[c])).toBeLessThan(0.1);
    // Each covariance entry within 10% of its scale √(Σaa·Σbb), so off-diagonal entries near 0 are judged fairly.
    const covariance = covarianceOf(component.factor);
    for (let a = 0; a < d; a++) {
      for (let b = 0; b < d; b++) {
        const scale = Math.sqrt(covariance[a][a] * covariance[b][b]);
        expect(Math.abs(fit.covariances[j][a * d + b] - covariance[a][b])).toBeLessThan(0.1 * scale);
      }
    }
  });
  expect(adjustedRandIndex(fit.labels, truth)).toBeGreaterThan(0.95);
}

describe('fitMixture', () => {
  it('recovers weights, means and correlated covariances of three 2-D Gaussians', () => {
    const { points, truth } = sampleMixture(PLANTED_2D, 16000, 1);
    const fit = fitMixture(points, 3, { ...SKLEARN, random: createRandom(0) });
    expect(fit.converged).toBe(true);
    expectRecovers(fit, PLANTED_2D, points, truth);
  });

  it('recovers three 4-D Gaussians', () => {
    const { points, truth } = sampleMixture(PLANTED_4D, 16000, 2);
    const fit = fitMixture(points, 3, { ...SKLEARN, random: createRandom(0) });
    expect(fit.converged).toBe(true);
    expectRecovers(fit, PLANTED_4D, points, truth);
  });

  it('never lowers the log-likelihood from one EM iteration to the next', () => {
    const { points } = sampleMixture(PLANTED_4D, 2000, 3);
    // Five components for three clusters, so EM has real work to do for many iterations.
    const history: number[] = [];
    fitMixture(points, 5, {
      ...SKLEARN,
      random: createRandom(4),
      tol: 0,
      maxIter: 60,
      onIteration: (_, ll) => history.push(ll),
    });
    expect(history.length).toBe(60);
    // EM is monotone; reg_covar makes the M-step a hair off the exact maximiser, hence 1e-9 slack.
    for (let i = 1; i < history.length; i++) expect(history[i]).toBeGreaterThanOrEqual(history[i - 1] - 1e-9);
    expect(history[history.length - 1]).toBeGreaterThan(history[0]);
  });

  it('reports BIC from the fitted likelihood with sklearn’s parameter count', () => {
    const { points } = sampleMixture(PLANTED_2D, 500, 5);
    const fit = fitMixture(points, 3, { ...SKLEARN, random: createRandom(0) });
    // p = k·d(d+1)/2 + k·d + k − 1 = 9 + 6 + 2 = 17 for k = 3, d = 2.
    expect(fit.bic).toBeCloseTo(-2 * 500 * fit.logLikelihood + 17 * Math.log(500), 8);
    expect(fit.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it('reports the likelihood that the textbook density formula gives for its parameters', () => {
    const { points } = sampleMixture(PLANTED_4D, 400, 12);
    const fit = fitMixture(points, 3, { ...SKLEARN, random: createRandom(0) });
    const d = 4;
    // ln Σⱼ wⱼ (2π)^(−d/2) |Σⱼ|^(−½) exp(−½ (x − μⱼ)ᵀ Σⱼ⁻¹ (x − μⱼ)), with ml-matrix's inverse and determinant.
    const inverses = fit.covariances.map((c) => inverse(Matrix.from1DArray(d, d, c)));
    const determinants = fit.covariances.map((c) => determinant(Matrix.from1DArray(d, d, c)));
    let total = 0;
    for (let i = 0; i < points.rows; i++) {
      let density = 0;
      for (let j = 0; j < fit.k; j++) {
        const diff = Matrix.columnVector(
          Array.from({ length: d }, (_, c) => points.data[i * d + c] - fit.means[j * d + c]),
        );
        const quadratic = diff.transpose().mmul(inverses[j]).mmul(diff).get(0, 0);
        density += (fit.weights[j] * Math.exp(-0.5 * quadratic)) / Math.sqrt((2 * Math.PI) ** d * determinants[j]);
      }
      total += Math.log(density);
    }
    expect(fit.logLikelihood).toBeCloseTo(total / points.rows, 9);
  });

  it('keeps a cluster of identical points finite through regularisation', () => {
    const { points: spread } = sampleMixture(PLANTED_2D.slice(0, 2), 400, 6);
    const data = new Float64Array((400 + 50) * 2);
    data.set(spread.data);
    for (let i = 400; i < 450; i++) data.set([-5, 10], i * 2);
    const points = { rows: 450, dims: 2, data };

    const fit = fitMixture(points, 3, { ...SKLEARN, random: createRandom(0) });
    expect(Number.isFinite(fit.logLikelihood)).toBe(true);
    expect(Number.isFinite(fit.bic)).toBe(true);
    const degenerate = fit.labels[400];
    for (let i = 400; i < 450; i++) expect(fit.labels[i]).toBe(degenerate);
    // Its covariance is reg_covar·I: zero spread plus the default 1e-6 on the diagonal.
    const covariance = fit.covariances[degenerate];
    expect(covariance[0]).toBeCloseTo(1e-6, 9);
    expect(covariance[3]).toBeCloseTo(1e-6, 9);
    expect(covariance[1]).toBeCloseTo(0, 9);

    // The same data without regularisation cannot be fitted: the message says why.
    expect(() => fitMixture(points, 3, { ...SKLEARN, random: createRandom(0), regCovar: 0 })).toThrow(
      /not positive definite/,
    );
  });

  it('fits data that are all one point, even with more components than distinct points', () => {
    const points = { rows: 20, dims: 3, data: new Float64Array(60).fill(2.5) };
    // From k-means++ seeds, equal distances split the responsibility evenly.
    const fromSeeds = fitMixture(points, 2, { ...SKLEARN, random: createRandom(0), init: 'k-means++' });
    expect(Number.isFinite(fromSeeds.logLikelihood)).toBe(true);
    expect(Array.from(fromSeeds.weights)).toEqual([0.5, 0.5]);
    // k-means gives every point to the first of equal centres, as scikit-learn's; the other stays empty.
    const fromKMeans = fitMixture(points, 2, { ...SKLEARN, random: createRandom(0) });
    expect(Number.isFinite(fromKMeans.logLikelihood)).toBe(true);
    expect(fromKMeans.weights[0]).toBeCloseTo(1, 12);
    expect(fromKMeans.weights[1]).toBeCloseTo(0, 12);
  });

  it('is deterministic for a given seed and leaves its input untouched', () => {
    const { points } = sampleMixture(PLANTED_4D, 1500, 7);
    const before = points.data.slice();
    const first = fitMixture(points, 4, { ...SKLEARN, random: createRandom(9), nInit: 2 });
    const second = fitMixture(points, 4, { ...SKLEARN, random: createRandom(9), nInit: 2 });
    expect(second).toEqual(first);
    expect(points.data).toEqual(before);
  });

  it('keeps the best of several initialisations', () => {
    const { points } = sampleMixture(PLANTED_4D, 1500, 8);
    const finalBounds: number[] = [];
    const multi = fitMixture(points, 6, {
      ...SKLEARN,
      random: createRandom(1),
      nInit: 4,
      onIteration: (_, bound, init) => (finalBounds[init] = bound),
    });
    // Six components for three clusters: the initialisations end in different optima, so the choice matters.
    expect(new Set(finalBounds.map((bound) => bound.toFixed(6))).size).toBeGreaterThan(1);
    // EM only climbs, so the kept run's final likelihood is at least the best run's last bound.
    expect(multi.logLikelihood).toBeGreaterThanOrEqual(Math.max(...finalBounds));
    const single = fitMixture(points, 6, { ...SKLEARN, random: createRandom(1) });
    expect(multi.logLikelihood).toBeGreaterThanOrEqual(single.logLikelihood);
  });

  it('rejects a cluster count outside 1..n and non-finite values', () => {
    const points = { rows: 3, dims: 2, data: new Float64Array([0, 0, 1, 1, 2, 2]) };
    const random = createRandom(0);
    expect(() => fitMixture(points, 4, { ...SKLEARN, random })).toThrow(ClusterCountError);
    expect(() => fitMixture(points, 4, { ...SKLEARN, random })).toThrow(/4 clusters to 3 points/);
    expect(() => fitMixture(points, 0, { ...SKLEARN, random })).toThrow(ClusterCountError);
    expect(() => fitMixture(points, 1.5, { ...SKLEARN, random })).toThrow(ClusterCountError);
    const bad = { rows: 3, dims: 2, data: new Float64Array([0, 0, 1, Number.NaN, 2, 2]) };
    expect(() => fitMixture(bad, 2, { ...SKLEARN, random })).toThrow(/point 2, dimension 2 is NaN/);
    expect(() => fitMixture({ rows: 3, dims: 2, data: new Float64Array(5) }, 2, { ...SKLEARN, random })).toThrow(
      /got 5/,
    );
  });
});

describe('selectK', () => {
  it('finds the lowest BIC at the planted number of clusters', () => {
    const { points } = sampleMixture(PLANTED_2D, 3000, 10);
    const progress: number[] = [];
    const report = selectK(points, [1, 2, 3, 4, 5, 6], {
      ...SKLEARN,
      random: createRandom(0),
      onProgress: (done) => progress.push(done),
    });
    expect(report.map((row) => row.k)).toEqual([1, 2, 3, 4, 5, 6]);
    const best = report.reduce((a, b) => (b.bic < a.bic ? b : a));
    expect(best.k).toBe(3);
    expect(progress).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('gives each k the same fit whichever other ks are listed', () => {
    const { points } = sampleMixture(PLANTED_2D, 600, 11);
    const together = selectK(points, [2, 3, 4], { ...SKLEARN, random: createRandom(5) });
    const alone = selectK(points, [4], { ...SKLEARN, random: createRandom(5) });
    expect(alone[0]).toEqual(together[2]);
  });
});

describe('4-D kernels', () => {
  it('agree with the generic loops they replace', () => {
    const random = createRandom(21);
    const n = 300;
    const data = Float64Array.from({ length: n * 4 }, () => random() * 10 - 5);
    const means = Float64Array.from({ length: 8 }, () => random() * 4 - 2);
    // An upper-triangular factor with a positive diagonal, for the second of two components.
    const precisionCholesky = new Float64Array(32);
    for (let a = 0; a < 4; a++)
      for (let b = a; b < 4; b++) precisionCholesky[16 + a * 4 + b] = a === b ? 0.5 + random() : random() - 0.5;
    const view = { means, meanOffset: 4, precisionCholesky, factorOffset: 16 };
    const generic = new Float64Array(n);
    const unrolled = new Float64Array(n);
    squaredMahalanobisGeneric(data, n, 4, view, generic);
    squaredMahalanobis4(data, n, view, unrolled);
    expect(unrolled).toEqual(generic);
    expect(generic.every((value) => value > 0)).toBe(true);

    const resp = Float64Array.from({ length: 2 * n }, () => random());
    const targets = [0, 1].map(() => ({
      meanOut: new Float64Array(8),
      meanOffset: 4,
      scatterOut: new Float64Array(32),
      scatterOffset: 16,
    }));
    const massGeneric = weightedMomentsGeneric(data, n, 4, resp, n, 1e-9, targets[0]);
    const massUnrolled = weightedMoments4(data, n, resp, n, 1e-9, targets[1]);
    expect(massUnrolled).toBe(massGeneric);
    expect(targets[1].meanOut).toEqual(targets[0].meanOut);
    expect(targets[1].scatterOut).toEqual(targets[0].scatterOut);
    expect(targets[0].scatterOut[16]).toBeGreaterThan(0);
  });
});

describe('kmeans (the mixture’s default initialisation)', () => {
  const blobs: Planted[] = [
    {
      weight: 0.3,
      mean: [0, 0],
      factor: [
        [0.5, 0],
        [0, 0.5],
      ],
    },
    {
      weight: 0.3,
      mean: [8, 0],
      factor: [
        [0.5, 0],
        [0, 0.5],
      ],
    },
    {
      weight: 0.4,
      mean: [4, 7],
      factor: [
        [0.5, 0],
        [0, 0.5],
      ],
    },
  ];

  it('finds well-separated blobs and stops at a fixed point of Lloyd’s iteration', () => {
    const { points, truth } = sampleMixture(blobs, 600, 21);
    const { labels, centers, iterations } = kmeans(points, 3, createRandom(2));
    expect(adjustedRandIndex(labels, truth)).toBe(1);
    expect(iterations).toBeLessThan(300);
    // Each centre is the mean of its points, and each point is nearest its own centre.
    for (let j = 0; j < 3; j++) {
      const members = Array.from(labels.keys()).filter((i) => labels[i] === j);
      for (let c = 0; c < 2; c++) {
        const mean = members.reduce((sum, i) => sum + points.data[i * 2 + c], 0) / members.length;
        expect(centers[j * 2 + c]).toBeCloseTo(mean, 9);
      }
    }
    for (let i = 0; i < points.rows; i++) {
      const distance = (j: number) =>
        (points.data[i * 2] - centers[j * 2]) ** 2 + (points.data[i * 2 + 1] - centers[j * 2 + 1]) ** 2;
      for (let j = 0; j < 3; j++) expect(distance(labels[i])).toBeLessThanOrEqual(distance(j));
    }
  });

  it('lowers the inertia of the k-means++ seeds it starts from', () => {
    const overlapping: Planted[] = blobs.map((b) => ({
      ...b,
      factor: [
        [2.5, 0],
        [0, 2.5],
      ],
    }));
    const { points } = sampleMixture(overlapping, 800, 4);
    const inertia = (centers: ArrayLike<number>) => {
      let total = 0;
      for (let i = 0; i < points.rows; i++) {
        let best = Infinity;
        for (let j = 0; j < 3; j++)
          best = Math.min(
            best,
            (points.data[i * 2] - centers[j * 2]) ** 2 + (points.data[i * 2 + 1] - centers[j * 2 + 1]) ** 2,
          );
        total += best;
      }
      return total;
    };
    const seeds = Array.from(kmeansPlusPlus(points, 3, createRandom(9))).flatMap((row) => [
      points.data[row * 2],
      points.data[row * 2 + 1],
    ]);
    const { centers } = kmeans(points, 3, createRandom(9));
    expect(inertia(centers)).toBeLessThan(inertia(seeds));
  });

  it('is deterministic for a seed, and EM starts from it rather than from the seeds alone', () => {
    const { points } = sampleMixture(
      blobs.map((b) => ({
        ...b,
        factor: [
          [2.5, 0],
          [0, 2.5],
        ],
      })),
      500,
      8,
    );
    expect(Array.from(kmeans(points, 3, createRandom(1)).labels)).toEqual(
      Array.from(kmeans(points, 3, createRandom(1)).labels),
    );
    const firstBound = (init: 'kmeans' | 'k-means++') => {
      const bounds: number[] = [];
      fitMixture(points, 3, {
        ...SKLEARN,
        random: createRandom(1),
        init,
        onIteration: (_, bound) => bounds.push(bound),
      });
      return bounds[0];
    };
    // Lloyd's iterations leave a better start than the raw seeds' nearest-centre split.
    expect(firstBound('kmeans')).toBeGreaterThan(firstBound('k-means++'));
  });
});
