/**
 * UMAP's spectral initialisation, as umap-learn 0.5 does it (umap/spectral.py and simplicial_set_embedding
 * in umap/umap_.py), over the same filtered fuzzy graph the layout samples from:
 *   - a connected graph: the eigenvectors of the normalised Laplacian I - D^-1/2 W D^-1/2 with the smallest
 *     eigenvalues, the trivial one skipped (spectral_layout; eigsh with k = dims + 1, tol 1e-4, v0 = ones;
 *     its ncv = max(2k + 1, sqrt(n)) is replaced by a smaller basis, see LANCZOS_BASIS);
 *   - a disconnected one: each component on its own, placed around a meta-layout of the components
 *     (multi_component_layout): ± unit vectors for up to 2·dims components, else a spectral embedding of
 *     the components' centroids; a component too small for eigenvectors is scattered uniformly;
 *   - then scaled so the largest coordinate is 10, N(0, 1e-4) noise added, and each axis rescaled to [0, 10].
 * When the eigensolver fails, umap-learn warns and starts from random; so does this, through `onNotice`.
 */

import { type Random, standardNormal } from '../../infra/random.js';
import { EigenSolverError, largestEigenpairs, type SparseSymmetric, symmetricEigen } from './eigen.js';
import type { LayoutEdges } from './graph.js';
import type { BinaryMatrix } from './types.js';

export interface SpectralOptions {
  random: Random;
  /** The rows the graph was built from: disconnected components are placed by their centroids. */
  matrix: BinaryMatrix;
  /** Told when a component's eigenvectors did not converge and it started from random instead. */
  onNotice?: (message: string) => void;
}

const EIGSH_TOL = 1e-4;
/**
 * Basis size of the Lanczos solver. eigsh gets ncv = max(2k + 1, sqrt(n)) (161 for real 2021's 25,892 rows);
 * with thick restarts a basis of 32 gave the same eigenvectors (to 1e-6 of their largest entry) on that
 * graph in 0.7 s instead of 4.0 s, since each restart's orthogonalisation grows with the basis squared.
 */
const LANCZOS_BASIS = 32;

/**
 * What of the spectral start draws no random numbers, worked out once per graph and number of dimensions:
 * the eigenvectors (eigsh starts from v0 = ones, here as in umap-learn, so they depend on the graph alone),
 * the meta-layout of disconnected components and the components placed by their own eigenvectors. What
 * does draw is left to `spectralStart`, in the order `spectralLayout` always drew it: the rows of each
 * component scattered uniformly (too small for eigenvectors, or its solver failed), or every row when the
 * solver failed on a connected graph; then the N(0, 1e-4) noise. So embeddings of one graph can share a plan
 * (stage 5's re-runs do, scripts/segment/clustering-space.ts) and each still draws its own start's random
 * part from its own stream, as each umap-learn run draws it from its own random_state.
 */
export interface SpectralPlan {
  readonly rows: number;
  readonly dims: number;
  /** rows × dims, row-major: the coordinates that draw nothing (0 where `scatter` fills in). Never written after planning. */
  readonly layout: Float64Array;
  /** Rows that start from uniform draws instead, in the order they draw. */
  readonly scatter: readonly SpectralScatter[];
  /** Told by every start from this plan (each run reports its own start, as before plans were shared). */
  readonly notices: readonly string[];
}

/** Members drawn uniformly: in [-range, range) around `centre` (a component), or in [-10, 10) when `centre` is null (all rows). */
export interface SpectralScatter {
  readonly members: Int32Array;
  readonly range: number;
  readonly centre: Float64Array | null;
}

/** The initial layout (rows × dims, row-major), ready for the SGD. */
export function spectralEmbedding(
  edges: LayoutEdges,
  rows: number,
  dims: number,
  options: SpectralOptions,
): Float64Array {
  return spectralStart(spectralPlan(edges, rows, dims, options.matrix), options.random, options.onNotice);
}

/** A start from `plan`, its random part drawn from `random`: the same numbers as spectralEmbedding of the plan's graph. */
export function spectralStart(plan: SpectralPlan, random: Random, onNotice?: (message: string) => void): Float64Array {
  const { rows, dims } = plan;
  const layout = realise(plan, random, onNotice);
  let maxAbs = 0;
  for (const v of layout) maxAbs = Math.max(maxAbs, Math.abs(v));
  const expansion = maxAbs > 0 ? 10 / maxAbs : 1;
  const embedding = new Float64Array(rows * dims);
  for (let i = 0; i < embedding.length; i++) embedding[i] = layout[i] * expansion + 1e-4 * standardNormal(random);
  rescaleAxes(embedding, dims, 10);
  return embedding;
}

/** umap-learn's last step before the SGD: each axis to [0, scale]. */
function rescaleAxes(embedding: Float64Array, dims: number, scale: number): void {
  for (let d = 0; d < dims; d++) {
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = d; i < embedding.length; i += dims) {
      lo = Math.min(lo, embedding[i]);
      hi = Math.max(hi, embedding[i]);
    }
    const span = hi - lo;
    for (let i = d; i < embedding.length; i += dims) embedding[i] = span > 0 ? (scale * (embedding[i] - lo)) / span : 0;
  }
}

/** The spectral layout before scaling: one connected graph, or its components around a meta-layout. */
export function spectralLayout(edges: LayoutEdges, rows: number, dims: number, options: SpectralOptions): Float64Array {
  return realise(spectralPlan(edges, rows, dims, options.matrix), options.random, options.onNotice);
}

/** The plan's layout with its scattered rows drawn: a copy, so the plan serves the next start unchanged. */
function realise(plan: SpectralPlan, random: Random, onNotice?: (message: string) => void): Float64Array {
  const { dims } = plan;
  for (const message of plan.notices) onNotice?.(message);
  const layout = plan.layout.slice();
  for (const { members, range, centre } of plan.scatter) {
    if (centre === null) {
      for (let i = 0; i < members.length; i++)
        for (let d = 0; d < dims; d++) layout[members[i] * dims + d] = random() * 20 - 10;
      continue;
    }
    for (let i = 0; i < members.length; i++)
      for (let d = 0; d < dims; d++) layout[members[i] * dims + d] = random() * 2 * range - range + centre[d];
  }
  return layout;
}

/** The part of the spectral start that draws nothing (SpectralPlan), for the filtered fuzzy graph `edges`. */
export function spectralPlan(edges: LayoutEdges, rows: number, dims: number, matrix: BinaryMatrix): SpectralPlan {
  const graph = toSparse(edges, rows);
  const { count, labels } = connectedComponents(graph);
  if (count === 1) {
    const vectors = laplacianEigenvectors(graph, dims);
    if (vectors) return { rows, dims, layout: interleave(vectors, rows, dims), scatter: [], notices: [] };
    return {
      rows,
      dims,
      layout: new Float64Array(rows * dims),
      scatter: [{ members: Int32Array.from({ length: rows }, (_, i) => i), range: 10, centre: null }],
      notices: [
        `spectral initialisation failed (the eigensolver did not converge on ${rows} points); fell back to a random start`,
      ],
    };
  }
  return multiComponentPlan(graph, count, labels, dims, matrix);
}

/** The filtered fuzzy graph as compressed rows (its edges are already in row, then column, order). */
export function toSparse(edges: LayoutEdges, rows: number): SparseSymmetric {
  const rowStart = new Int32Array(rows + 1);
  for (let e = 0; e < edges.tail.length; e++) rowStart[edges.tail[e] + 1]++;
  for (let r = 0; r < rows; r++) rowStart[r + 1] += rowStart[r];
  return { size: rows, rowStart, columns: edges.head, values: edges.weights };
}

/** Components of an undirected graph, numbered in order of their first vertex (as scipy's). */
export function connectedComponents(graph: SparseSymmetric): { count: number; labels: Int32Array } {
  const labels = new Int32Array(graph.size).fill(-1);
  const stack: number[] = [];
  let count = 0;
  for (let seed = 0; seed < graph.size; seed++) {
    if (labels[seed] >= 0) continue;
    labels[seed] = count;
    stack.push(seed);
    while (stack.length > 0) {
      const v = stack.pop()!;
      for (let at = graph.rowStart[v]; at < graph.rowStart[v + 1]; at++) {
        const u = graph.columns[at];
        if (labels[u] < 0) {
          labels[u] = count;
          stack.push(u);
        }
      }
    }
    count++;
  }
  return { count, labels };
}

/**
 * The `dims` eigenvectors of the normalised Laplacian after the trivial one, in ascending eigenvalue order,
 * or null when the solver does not converge. The graph must be connected.
 */
export function laplacianEigenvectors(graph: SparseSymmetric, dims: number): Float64Array[] | null {
  const n = graph.size;
  const degrees = new Float64Array(n);
  for (let i = 0; i < n; i++)
    for (let at = graph.rowStart[i]; at < graph.rowStart[i + 1]; at++) degrees[i] += graph.values[at];
  const inverseRoot = degrees.map((d) => 1 / Math.sqrt(d));
  const values = new Float64Array(graph.values.length);
  for (let i = 0; i < n; i++) {
    for (let at = graph.rowStart[i]; at < graph.rowStart[i + 1]; at++)
      values[at] = inverseRoot[i] * graph.values[at] * inverseRoot[graph.columns[at]];
  }
  // The trivial eigenvector of L (eigenvalue 0) is D^1/2·1; it is known, so it is projected out.
  const trivial = degrees.map((d) => Math.sqrt(d));
  const norm = Math.sqrt(trivial.reduce((s, v) => s + v * v, 0));
  for (let i = 0; i < n; i++) trivial[i] /= norm;
  const k = dims + 1;
  try {
    const result = largestEigenpairs(
      { size: n, rowStart: graph.rowStart, columns: graph.columns, values },
      {
        count: dims,
        basisSize: Math.max(2 * k + 1, LANCZOS_BASIS),
        tol: EIGSH_TOL,
        maxRestarts: Math.max(100, 5 * n),
        start: new Float64Array(n).fill(1),
        deflate: [trivial],
      },
    );
    return result.vectors.map(orientSign);
  } catch (error) {
    if (error instanceof EigenSolverError) return null;
    throw error;
  }
}

/** An eigenvector's sign is arbitrary; fix it (largest absolute entry positive) so runs are reproducible. */
function orientSign(vector: Float64Array): Float64Array {
  let at = 0;
  for (let i = 1; i < vector.length; i++) if (Math.abs(vector[i]) > Math.abs(vector[at])) at = i;
  if (vector[at] < 0) for (let i = 0; i < vector.length; i++) vector[i] = -vector[i];
  return vector;
}

function interleave(vectors: Float64Array[], rows: number, dims: number): Float64Array {
  const out = new Float64Array(rows * dims);
  for (let d = 0; d < dims; d++) for (let i = 0; i < rows; i++) out[i * dims + d] = vectors[d][i];
  return out;
}

function multiComponentPlan(
  graph: SparseSymmetric,
  count: number,
  labels: Int32Array,
  dims: number,
  matrix: BinaryMatrix,
): SpectralPlan {
  const meta = count > 2 * dims ? componentLayout(matrix, count, labels, dims) : unitVectorLayout(count, dims);
  const layout = new Float64Array(graph.size * dims);
  const scatter: SpectralScatter[] = [];
  const notices: string[] = [];
  for (let c = 0; c < count; c++) {
    const members: number[] = [];
    labels.forEach((label, i) => {
      if (label === c) members.push(i);
    });
    const range = nearestOtherDistance(meta, c, count, dims) / 2;
    const centre = meta.slice(c * dims, (c + 1) * dims);
    const scattered = () => scatter.push({ members: Int32Array.from(members), range, centre });
    if (members.length < 2 * dims || members.length <= dims + 1) {
      scattered();
      continue;
    }
    const vectors = laplacianEigenvectors(subgraph(graph, members, labels, c), dims);
    if (!vectors) {
      notices.push(`spectral initialisation failed on a component of ${members.length} points; it starts from random`);
      scattered();
      continue;
    }
    let maxAbs = 0;
    for (const v of vectors) for (const x of v) maxAbs = Math.max(maxAbs, Math.abs(x));
    const expansion = range / maxAbs;
    members.forEach((row, m) => {
      for (let d = 0; d < dims; d++) layout[row * dims + d] = vectors[d][m] * expansion + meta[c * dims + d];
    });
  }
  return { rows: graph.size, dims, layout, scatter, notices };
}

/** Up to 2·dims components: the ± unit vectors, in umap-learn's order (e1, e2, …, -e1, -e2, …). */
function unitVectorLayout(count: number, dims: number): Float64Array {
  const half = Math.ceil(count / 2);
  const meta = new Float64Array(count * dims);
  for (let c = 0; c < count; c++) {
    const axis = c % half;
    meta[c * dims + axis] = c < half ? 1 : -1;
  }
  return meta;
}

function nearestOtherDistance(meta: Float64Array, c: number, count: number, dims: number): number {
  let best = Infinity;
  for (let o = 0; o < count; o++) {
    let sum = 0;
    for (let d = 0; d < dims; d++) sum += (meta[c * dims + d] - meta[o * dims + d]) ** 2;
    if (sum > 0) best = Math.min(best, Math.sqrt(sum));
  }
  return best;
}

function subgraph(graph: SparseSymmetric, members: number[], labels: Int32Array, component: number): SparseSymmetric {
  const local = new Int32Array(graph.size).fill(-1);
  members.forEach((row, i) => {
    local[row] = i;
  });
  const rowStart = new Int32Array(members.length + 1);
  const columns: number[] = [];
  const values: number[] = [];
  members.forEach((row, i) => {
    for (let at = graph.rowStart[row]; at < graph.rowStart[row + 1]; at++) {
      if (labels[graph.columns[at]] !== component) continue;
      columns.push(local[graph.columns[at]]);
      values.push(graph.values[at]);
    }
    rowStart[i + 1] = columns.length;
  });
  return { size: members.length, rowStart, columns: Int32Array.from(columns), values: Float64Array.from(values) };
}

/**
 * More than 2·dims components (umap-learn's component_layout): the components' centroids, Jaccard
 * distances between them (scikit-learn reads a centroid as the set of answers any member gave), affinity
 * exp(-d²), and the spectral embedding of that small dense graph (scikit-learn's SpectralEmbedding:
 * normalised Laplacian, trivial vector dropped, divided by sqrt(degree), signs fixed), divided by its max.
 */
function componentLayout(matrix: BinaryMatrix, count: number, labels: Int32Array, dims: number): Float64Array {
  const union = new Uint8Array(count * matrix.cols);
  for (let i = 0; i < matrix.rows; i++) {
    const base = labels[i] * matrix.cols;
    for (let j = 0; j < matrix.cols; j++) if (matrix.data[i * matrix.cols + j]) union[base + j] = 1;
  }
  const affinity = new Float64Array(count * count);
  for (let a = 0; a < count; a++) {
    for (let b = 0; b < count; b++) {
      if (a === b) continue; // the Laplacian ignores the diagonal
      let both = 0;
      let either = 0;
      for (let j = 0; j < matrix.cols; j++) {
        const x = union[a * matrix.cols + j];
        const y = union[b * matrix.cols + j];
        both += x & y;
        either += x | y;
      }
      const distance = either === 0 ? 0 : 1 - both / either;
      affinity[a * count + b] = Math.exp(-(distance * distance));
    }
  }
  const degrees = new Float64Array(count);
  for (let a = 0; a < count; a++) for (let b = 0; b < count; b++) degrees[a] += affinity[a * count + b];
  const normalised = affinity.map((w, at) => w / Math.sqrt(degrees[Math.floor(at / count)] * degrees[at % count]));
  // Largest of D^-1/2 W D^-1/2 = smallest of the normalised Laplacian; skip the trivial first.
  const { vectors } = symmetricEigen(normalised, count);
  const meta = new Float64Array(count * dims);
  for (let d = 0; d < dims; d++) {
    const column = orientSign(
      Float64Array.from({ length: count }, (_, a) => vectors[a * count + d + 1] / Math.sqrt(degrees[a])),
    );
    for (let a = 0; a < count; a++) meta[a * dims + d] = column[a];
  }
  let max = -Infinity;
  for (const v of meta) max = Math.max(max, v);
  return meta.map((v) => v / max);
}
