/**
 * The EM steps of a full-covariance Gaussian mixture, following scikit-learn's GaussianMixture.
 *
 * Densities use the precision Cholesky factor P (Σ⁻¹ = P Pᵀ) as sklearn does: no inverse is formed, and
 * ln|Σ|^-½ = Σ ln Pᵢᵢ. Responsibilities are normalised with log-sum-exp so far-away points do not
 * underflow. ml-matrix does the k small factorisations; the per-point work is in kernels.ts.
 *
 * Responsibilities are stored component-major, resp[j·n + i], so each component's column is contiguous.
 */
import { CholeskyDecomposition, Matrix } from 'ml-matrix';
import type { Embedding } from '../embedding/types.js';
import { squaredMahalanobis, weightedMoments } from './kernels.js';

/** Parameters of a mixture, flat: means k·d; covariances and precision factors k·d·d, row-major. */
export interface MixtureParams {
  k: number;
  dims: number;
  weights: Float64Array;
  means: Float64Array;
  covariances: Float64Array;
  /** Upper-triangular P per component with Σ⁻¹ = P Pᵀ. */
  precisionCholesky: Float64Array;
  /** Σ ln Pᵢᵢ per component, i.e. −½ ln|Σ|. */
  logDetPrecisionCholesky: Float64Array;
}

const LOG_2PI = Math.log(2 * Math.PI);
/** scikit-learn adds 10·eps to component masses so an empty component divides by a tiny number, not 0. */
const MASS_FLOOR = 10 * Number.EPSILON;

export function emptyParams(k: number, dims: number): MixtureParams {
  return {
    k,
    dims,
    weights: new Float64Array(k),
    means: new Float64Array(k * dims),
    covariances: new Float64Array(k * dims * dims),
    precisionCholesky: new Float64Array(k * dims * dims),
    logDetPrecisionCholesky: new Float64Array(k),
  };
}

/** E-step: fills `resp` (k·n) and returns the mean log-likelihood per sample under `params`. */
export function expectation(points: Embedding, params: MixtureParams, resp: Float64Array): number {
  const { rows: n, dims: d, data } = points;
  const { k, weights, means, precisionCholesky, logDetPrecisionCholesky } = params;

  // Log of weight × density per component and point, written into resp and exponentiated in place below.
  for (let j = 0; j < k; j++) {
    const column = resp.subarray(j * n, (j + 1) * n);
    squaredMahalanobis(data, n, d, { means, meanOffset: j * d, precisionCholesky, factorOffset: j * d * d }, column);
    const constant = Math.log(weights[j]) - 0.5 * d * LOG_2PI + logDetPrecisionCholesky[j];
    for (let i = 0; i < n; i++) column[i] = constant - 0.5 * column[i];
  }

  let total = 0;
  for (let i = 0; i < n; i++) {
    let maxTerm = -Infinity;
    for (let j = 0; j < k; j++) if (resp[j * n + i] > maxTerm) maxTerm = resp[j * n + i];
    let sumExp = 0;
    for (let j = 0; j < k; j++) {
      const scaled = Math.exp(resp[j * n + i] - maxTerm);
      resp[j * n + i] = scaled;
      sumExp += scaled;
    }
    total += maxTerm + Math.log(sumExp);
    const normaliser = 1 / sumExp;
    for (let j = 0; j < k; j++) resp[j * n + i] *= normaliser;
  }
  return total / n;
}

/**
 * M-step: weights, means and covariances from responsibilities, with `regCovar` added to every
 * covariance's diagonal, then their precision factors. Writes into `params`.
 */
export function maximization(points: Embedding, resp: Float64Array, regCovar: number, params: MixtureParams): void {
  const { rows: n, dims: d, data } = points;
  const { k, weights, means, covariances } = params;
  let totalMass = 0;
  for (let j = 0; j < k; j++) {
    const target = { meanOut: means, meanOffset: j * d, scatterOut: covariances, scatterOffset: j * d * d };
    const mass = weightedMoments(data, n, d, resp, j * n, MASS_FLOOR, target);
    for (let e = j * d * d; e < (j + 1) * d * d; e++) covariances[e] /= mass;
    for (let a = 0; a < d; a++) covariances[j * d * d + a * d + a] += regCovar;
    weights[j] = mass;
    totalMass += mass;
  }
  for (let j = 0; j < k; j++) weights[j] /= totalMass;
  factorCovariances(params);
}

/** Recomputes the precision Cholesky factors P = (L⁻¹)ᵀ, where Σ = L Lᵀ, and their log-determinants. */
export function factorCovariances(params: MixtureParams): void {
  const { k, dims: d, covariances, precisionCholesky: P, logDetPrecisionCholesky } = params;
  for (let j = 0; j < k; j++) {
    const base = j * d * d;
    const covariance = new Matrix(d, d);
    for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) covariance.set(a, b, covariances[base + a * d + b]);
    const cholesky = new CholeskyDecomposition(covariance);
    if (!cholesky.isPositiveDefinite()) {
      throw new Error(
        `Gaussian mixture: the covariance of component ${j + 1} is not positive definite. ` +
          'Some components have too few distinct points; use fewer clusters or a larger regCovar.',
      );
    }
    const L = cholesky.lowerTriangularMatrix;
    // Column c of L⁻¹ by forward substitution on the unit vector e_c, stored transposed as row c of P.
    P.fill(0, base, base + d * d);
    let logDet = 0;
    for (let c = 0; c < d; c++) {
      for (let r = c; r < d; r++) {
        let value = r === c ? 1 : 0;
        for (let m = c; m < r; m++) value -= L.get(r, m) * P[base + c * d + m];
        P[base + c * d + r] = value / L.get(r, r);
      }
      logDet += Math.log(P[base + c * d + c]);
    }
    logDetPrecisionCholesky[j] = logDet;
  }
}

/**
 * The starting responsibilities of 'k-means++' initialisation: each point wholly to its nearest center.
 * An exact tie is shared equally: that is the limit sklearn's own seeding step (one point per component,
 * covariance reg_covar·I) reaches, and it keeps duplicate centers identical rather than starving one.
 */
export function nearestCenterResponsibilities(points: Embedding, centers: Int32Array, resp: Float64Array): void {
  const { rows: n, dims: d, data } = points;
  const k = centers.length;
  const distances = new Float64Array(k);
  resp.fill(0);
  for (let i = 0; i < n; i++) {
    let nearest = Infinity;
    for (let j = 0; j < k; j++) {
      let sum = 0;
      for (let c = 0; c < d; c++) {
        const diff = data[i * d + c] - data[centers[j] * d + c];
        sum += diff * diff;
      }
      distances[j] = sum;
      if (sum < nearest) nearest = sum;
    }
    let ties = 0;
    for (let j = 0; j < k; j++) if (distances[j] === nearest) ties++;
    for (let j = 0; j < k; j++) if (distances[j] === nearest) resp[j * n + i] = 1 / ties;
  }
}

/** Hard labels: the component of largest responsibility per point, the first on ties (numpy's argmax). */
export function labelsFromResponsibilities(resp: Float64Array, n: number, k: number): Int32Array {
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let j = 1; j < k; j++) if (resp[j * n + i] > resp[best * n + i]) best = j;
    labels[i] = best;
  }
  return labels;
}
