/** What the Gaussian-mixture engine gives, and how its EM may start. */
import type { Embedding } from '../embedding/types.js';

export type { Embedding };

export type MixtureInit = 'kmeans' | 'k-means++';

/** Result of fitting a Gaussian mixture. */
export interface MixtureFit {
  k: number;
  /** Hard assignment (argmax responsibility) per row. */
  labels: Int32Array;
  weights: Float64Array;
  /** k * dims. */
  means: Float64Array;
  /** k covariance matrices, each dims * dims, row-major. */
  covariances: Float64Array[];
  /** Mean log-likelihood per sample at convergence (as scikit-learn's lower bound). */
  logLikelihood: number;
  bic: number;
  iterations: number;
  converged: boolean;
}
