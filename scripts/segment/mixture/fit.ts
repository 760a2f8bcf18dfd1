/**
 * Clustering stage: a full-covariance Gaussian mixture fitted by EM, behaving as scikit-learn's
 * GaussianMixture(covariance_type='full', init_params='kmeans', tol=1e-3, reg_covar=1e-6, max_iter=100,
 * n_init=1) — the notebook's defaults — plus the BIC sweep behind the `--select-k` report.
 * `init: 'k-means++'` starts EM from the k-means++ seeds alone (sklearn's init_params='k-means++').
 */

import { deriveRandom, type Random } from '../../infra/random.js';
import { STREAMS } from '../../infra/streams.js';
import type { Embedding, ProgressCallback } from '../embedding/types.js';
import {
  emptyParams,
  expectation,
  labelsFromResponsibilities,
  type MixtureParams,
  maximization,
  nearestCenterResponsibilities,
} from './em.js';
import { kmeans, kmeansPlusPlus } from './kmeans-init.js';
import type { MixtureFit, MixtureInit, MixtureParameters } from './types.js';

export type { MixtureFit, MixtureInit, MixtureParameters };

/** The run's full mixture settings (resolveParameters: scikit-learn's defaults unless chosen) and where its randomness comes from. */
export interface MixtureOptions extends MixtureParameters {
  random: Random;
  /** Called after every EM iteration with the mean log-likelihood of the E-step; a test and progress hook. */
  onIteration?: (iteration: number, meanLogLikelihood: number, init: number) => void;
}

/** Thrown when the number of clusters does not fit the data; the CLI rewords it for `--clusters`. */
export class ClusterCountError extends RangeError {
  constructor(
    readonly clusters: number,
    readonly points: number,
  ) {
    super(
      `Cannot fit ${clusters} clusters to ${points} points: the number of clusters must be a whole number ` +
        `from 1 to the number of points (${points}).`,
    );
    this.name = 'ClusterCountError';
  }
}

/** scikit-learn's free-parameter count for a full-covariance mixture. */
export function mixtureParameterCount(k: number, dims: number): number {
  return (k * dims * (dims + 1)) / 2 + k * dims + k - 1;
}

/**
 * Fits a k-component mixture to the rows of `points` (inputs are not modified). Differences from sklearn
 * that do not change the result: the seeding step is done as its exact limit (hard nearest-center
 * responsibilities, then an M-step) instead of one EM pass from covariances reg_covar·I, so `iterations`
 * is sklearn's n_iter_ − 1; `logLikelihood` is the mean log-likelihood under the returned parameters
 * (sklearn's score(X), which BIC uses), at most `tol` above sklearn's lower_bound_.
 */
export function fitMixture(points: Embedding, k: number, options: MixtureOptions): MixtureFit {
  const { tol, maxIter, regCovar, nInit, init: start, random, onIteration } = options;
  validatePoints(points);
  if (!Number.isInteger(k) || k < 1 || k > points.rows) throw new ClusterCountError(k, points.rows);
  requireNumber('tol', tol, 0);
  requireNumber('regCovar', regCovar, 0);
  requireCount('maxIter', maxIter);
  requireCount('nInit', nInit);

  const n = points.rows;
  const resp = new Float64Array(n * k);
  let best: { params: MixtureParams; lowerBound: number; iterations: number; converged: boolean } | null = null;

  for (let init = 0; init < nInit; init++) {
    const params = emptyParams(k, points.dims);
    if (start === 'kmeans') hardResponsibilities(kmeans(points, k, random).labels, k, resp);
    else nearestCenterResponsibilities(points, kmeansPlusPlus(points, k, random), resp);
    maximization(points, resp, regCovar, params);

    let lowerBound = -Infinity;
    let converged = false;
    let iterations = 0;
    while (iterations < maxIter) {
      iterations++;
      const previous = lowerBound;
      lowerBound = expectation(points, params, resp);
      maximization(points, resp, regCovar, params);
      onIteration?.(iterations, lowerBound, init);
      if (Math.abs(lowerBound - previous) < tol) {
        converged = true;
        break;
      }
    }
    // As sklearn: the first run is kept even if its bound is -Infinity, later ones only if strictly better.
    if (best === null || lowerBound > best.lowerBound) best = { params, lowerBound, iterations, converged };
  }

  // A last E-step so the labels and the likelihood belong to the returned parameters (sklearn does the same).
  const { params, iterations, converged } = best!;
  const logLikelihood = expectation(points, params, resp);
  return {
    k,
    labels: labelsFromResponsibilities(resp, n, k),
    weights: params.weights,
    means: params.means,
    covariances: splitMatrices(params.covariances, k, points.dims),
    logLikelihood,
    bic: -2 * n * logLikelihood + mixtureParameterCount(k, points.dims) * Math.log(n),
    iterations,
    converged,
  };
}

export interface SelectKOptions extends Omit<MixtureOptions, 'onIteration'> {
  onProgress?: ProgressCallback;
}

/**
 * Fits one mixture per k and reports its BIC. Each k draws from its own stream derived from `random`,
 * so a k's result does not depend on which other ks are in the list.
 */
export function selectK(
  points: Embedding,
  ks: number[],
  options: SelectKOptions,
): { k: number; bic: number; logLikelihood: number }[] {
  const { onProgress, random, ...fitOptions } = options;
  const baseSeed = Math.floor(random() * 4294967296);
  return ks.map((k, index) => {
    const fit = fitMixture(points, k, { ...fitOptions, random: deriveRandom(baseSeed, STREAMS.selectKFit(k)) });
    onProgress?.(index + 1, ks.length);
    return { k, bic: fit.bic, logLikelihood: fit.logLikelihood };
  });
}

function hardResponsibilities(labels: Int32Array, _k: number, resp: Float64Array): void {
  const n = labels.length;
  resp.fill(0);
  labels.forEach((label, i) => {
    resp[label * n + i] = 1;
  });
}

function splitMatrices(flat: Float64Array, k: number, dims: number): Float64Array[] {
  return Array.from({ length: k }, (_, j) => flat.slice(j * dims * dims, (j + 1) * dims * dims));
}

function validatePoints(points: Embedding): void {
  const { rows, dims, data } = points;
  if (!Number.isInteger(rows) || rows < 1 || !Number.isInteger(dims) || dims < 1) {
    throw new RangeError(
      `Gaussian mixture: expected at least one point of at least one dimension, got ${rows}×${dims}.`,
    );
  }
  if (data.length !== rows * dims) {
    throw new RangeError(`Gaussian mixture: expected ${rows}×${dims} = ${rows * dims} values, got ${data.length}.`);
  }
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i])) {
      throw new RangeError(
        `Gaussian mixture: point ${Math.floor(i / dims) + 1}, dimension ${(i % dims) + 1} is ${data[i]}; expected a finite number.`,
      );
    }
  }
}

function requireNumber(name: string, value: number, minimum: number): void {
  if (!Number.isFinite(value) || value < minimum) {
    throw new RangeError(`Gaussian mixture: ${name} must be a finite number ≥ ${minimum}, got ${value}.`);
  }
}

function requireCount(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 1) {
    throw new RangeError(`Gaussian mixture: ${name} must be a whole number ≥ 1, got ${value}.`);
  }
}
