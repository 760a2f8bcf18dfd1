/**
 * The method's parameters, as the notebook (umap-learn and scikit-learn at its settings) has them. The
 * document records them (metadata.parameters); the stages and the sub-segment step read them from here.
 */
import { SEGMENT_DEFAULTS } from '../document/segment-command.js';

/** Re-runs of the clustering space and the mixture behind the stability report and the consensus (`--stability`'s default). */
export const DEFAULT_STABILITY_RUNS = SEGMENT_DEFAULTS.stability;

export const MAP_PARAMS = { nComponents: 2, nNeighbors: 15, minDist: 0.1 } as const;
/** The professionals' own 2-D map (the site's segment map): the clustering space's neighbours, drawn as the map of everyone is. */
export const PROFESSIONAL_MAP_PARAMS = { nComponents: 2, nNeighbors: 15, minDist: 0.1 } as const;
export const CLUSTER_EMBED_PARAMS = { nComponents: 4, nNeighbors: 15, minDist: 0 } as const;
export const MIXTURE_PARAMS = { regCovar: 1e-6, tol: 1e-3, maxIter: 100, nInit: 1 } as const;
export const SELECT_K_RANGE = Array.from({ length: 14 }, (_, i) => i + 2);
