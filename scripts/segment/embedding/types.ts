/**
 * What the UMAP engine takes and gives: 0/1 answer matrices in, neighbours, graphs and embeddings out. The
 * engine depends on nothing of the pipeline's; the stages import these types from here (or from
 * ../types.ts, which re-exports them).
 */

/** A dense 0/1 matrix, row-major, one byte per cell. Rows are respondents, columns encoded answers. */
export interface BinaryMatrix {
  readonly rows: number;
  readonly cols: number;
  /** rows * cols bytes, each 0 or 1. */
  readonly data: Uint8Array;
}

/** A dense real matrix, row-major. */
export interface Embedding {
  readonly rows: number;
  readonly dims: number;
  /** rows * dims values. */
  readonly data: Float64Array;
}

/** k nearest neighbours of every row, row-major, each row's neighbours in ascending distance, self first. */
export interface Neighbours {
  readonly rows: number;
  readonly k: number;
  readonly indices: Int32Array;
  readonly distances: Float64Array;
}

/** How a layout starts: umap-learn's spectral layout of the fuzzy graph, or umap-js's uniform random one. */
export type LayoutInit = 'spectral' | 'random';

/** Parameters of one UMAP embedding. */
export interface EmbedParams {
  /** Output dimensions (2 for the map, 4 for the clustering space). */
  nComponents: number;
  /** Neighbours per point, self included, as umap-learn counts them (15). */
  nNeighbors: number;
  /** Minimum distance between embedded points (0.1 for the map, 0 for clustering). */
  minDist: number;
  /** Optimisation epochs; undefined = UMAP's rule (500 up to 10,000 points, 200 above). */
  nEpochs?: number;
  /** The start of the layout; the run's default is resolveParameters' (scripts/segment/parameters.ts). */
  init: LayoutInit;
}

/** Reports progress of a long stage: `done` of `total` steps. */
export type ProgressCallback = (done: number, total: number) => void;
