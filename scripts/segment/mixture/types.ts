/** What the Gaussian-mixture engine gives, and how its EM may start. */
import type { Embedding } from '../embedding/types.js';

export type { Embedding };

export type MixtureInit = 'kmeans' | 'k-means++';

/** The mixture's settings as a run fixes and its document records them (scikit-learn's names in camelCase). */
export interface MixtureParameters {
  /** Added to every covariance's diagonal so degenerate clusters stay invertible. */
  regCovar: number;
  /** Stop when the mean log-likelihood per sample changes by less than this. */
  tol: number;
  /** EM iterations per initialisation. */
  maxIter: number;
  /** Initialisations; the one with the best final lower bound is kept. */
  nInit: number;
  /** How EM starts: from a full k-means' labels (scikit-learn's default) or from the k-means++ seeds. */
  init: MixtureInit;
}

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
