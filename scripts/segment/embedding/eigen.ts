/**
 * Eigenvectors of large sparse symmetric matrices, for UMAP's spectral initialisation (spectral.ts).
 *
 * umap-learn asks ARPACK's implicitly restarted Lanczos (scipy's eigsh) for the smallest eigenvalues of the
 * normalised Laplacian L = I - D^-1/2 W D^-1/2. Those are the largest of M = D^-1/2 W D^-1/2, so here a
 * thick-restarted Lanczos (Krylov-Schur, Stewart 2001) finds the largest eigenpairs of M:
 *   - the basis is kept fully orthogonal (two passes of classical Gram-Schmidt), so no ghost eigenvalues;
 *   - the projected matrix V'MV is formed explicitly from the stored products, then solved densely;
 *   - a restart keeps the best Ritz vectors plus the newest Lanczos vector, which keeps the space a
 *     Krylov space, as ARPACK's implicit restart does;
 *   - ARPACK's convergence test: ‖r‖ <= tol · max(eps^(2/3), |θ_L|), where θ_L = 1 - θ is the Ritz value
 *     of L itself (eigsh was asked about L, and its tol is relative to L's eigenvalues).
 * Known eigenvectors (the trivial D^1/2·1 of each component) are projected out instead of being found.
 */
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';

/** A symmetric sparse matrix in compressed rows. */
export interface SparseSymmetric {
  readonly size: number;
  readonly rowStart: Int32Array;
  readonly columns: Int32Array;
  readonly values: Float64Array;
}

export interface LanczosOptions {
  /** Eigenpairs wanted (largest algebraic eigenvalues). */
  count: number;
  /** Basis size before a restart (eigsh's ncv). */
  basisSize: number;
  /** ARPACK's relative tolerance, measured against 1 - θ (see above). */
  tol: number;
  /** Restarts before giving up (eigsh's maxiter counts the same thing). */
  maxRestarts: number;
  /** The starting vector (eigsh's v0); it need not be normalised. */
  start: Float64Array;
  /** Orthonormal vectors already known to be eigenvectors; the search runs in their complement. */
  deflate?: Float64Array[];
}

export interface EigenResult {
  /** Eigenvalues, largest first. */
  values: Float64Array;
  /** Unit eigenvectors, in the order of `values`. */
  vectors: Float64Array[];
  restarts: number;
}

/** Thrown when the eigenpairs do not converge; the spectral layout falls back to a random start. */
export class EigenSolverError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EigenSolverError';
  }
}

export function multiply(matrix: SparseSymmetric, x: Float64Array, out: Float64Array): void {
  const { size, rowStart, columns, values } = matrix;
  for (let i = 0; i < size; i++) {
    let sum = 0;
    for (let at = rowStart[i]; at < rowStart[i + 1]; at++) sum += values[at] * x[columns[at]];
    out[i] = sum;
  }
}

export function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i] * b[i];
  return sum;
}

/**
 * Subtracts from `w` its components along `basis[0..count)`, twice (classical Gram-Schmidt, reorthogonalised).
 * Each subtraction also takes the next vector's dot product with the `w` it leaves, in the same pass: the
 * same operations in the same order as a dot product after each subtraction, with one read of `w` fewer.
 */
function orthogonalize(w: Float64Array, basis: Float64Array[], count: number): void {
  if (count === 0) return;
  const n = w.length;
  const steps = 2 * count;
  let c = dot(w, basis[0]);
  for (let step = 0; step < steps; step++) {
    const v = basis[step % count];
    if (step + 1 === steps) {
      for (let i = 0; i < n; i++) w[i] -= c * v[i];
      return;
    }
    const next = basis[(step + 1) % count];
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const left = w[i] - c * v[i];
      w[i] = left;
      sum += left * next[i];
    }
    c = sum;
  }
}

function normalize(w: Float64Array): number {
  const norm = Math.sqrt(dot(w, w));
  if (norm > 0) for (let i = 0; i < w.length; i++) w[i] /= norm;
  return norm;
}

/** The largest eigenpairs of a symmetric matrix, by thick-restarted Lanczos. */
export function largestEigenpairs(matrix: SparseSymmetric, options: LanczosOptions): EigenResult {
  const n = matrix.size;
  const deflate = options.deflate ?? [];
  const free = n - deflate.length;
  const count = options.count;
  if (count < 1 || count > free)
    throw new RangeError(`largestEigenpairs: cannot find ${count} eigenpairs in a space of dimension ${free}`);
  const m = Math.min(Math.max(options.basisSize, count + 2), free);
  if (m === free) return denseEigenpairs(matrix, count, deflate);

  const basis: Float64Array[] = Array.from({ length: m + 1 }, () => new Float64Array(n));
  const products: Float64Array[] = Array.from({ length: m }, () => new Float64Array(n));
  const start = basis[0];
  start.set(options.start);
  orthogonalize(start, deflate, deflate.length);
  if (!(normalize(start) > 0)) throw new EigenSolverError('the starting vector lies in the deflated space');

  const projected = new Float64Array(m * m);
  const eps23 = Math.pow(Number.EPSILON, 2 / 3);
  let kept = 0; // basis vectors whose projected rows are already known (the Ritz vectors kept at a restart)
  for (let restart = 0; restart <= options.maxRestarts; restart++) {
    // Expand the basis to m vectors; basis[m] becomes the next Lanczos direction.
    for (let j = kept; j < m; j++) {
      multiply(matrix, basis[j], products[j]);
      const w = basis[j + 1];
      w.set(products[j]);
      orthogonalize(w, deflate, deflate.length);
      orthogonalize(w, basis, j + 1);
      if (!(normalize(w) > 1e-12)) {
        // An invariant subspace: any new direction orthogonal to it continues the search.
        for (let i = 0; i < n; i++) w[i] = Math.sin(i * 12.9898 + j * 78.233);
        orthogonalize(w, deflate, deflate.length);
        orthogonalize(w, basis, j + 1);
        if (!(normalize(w) > 0)) throw new EigenSolverError('the Krylov space cannot be extended');
      }
      projectedColumn(basis, products[j], j, m, projected);
    }

    const { values, vectors } = symmetricEigen(projected, m);
    // The Ritz vectors that are tested or kept, and their products, largest first.
    const keep = Math.min(m - 1, Math.max(count + 2, Math.floor((m + count) / 2)));
    const ritz = combine(basis, vectors, m, keep, n);
    const ritzProducts = combine(products, vectors, m, keep, n);
    let converged = 0;
    const residual = new Float64Array(n);
    for (let r = 0; r < count; r++) {
      for (let i = 0; i < n; i++) residual[i] = ritzProducts[r][i] - values[r] * ritz[r][i];
      const norm = Math.sqrt(dot(residual, residual));
      if (norm <= options.tol * Math.max(eps23, Math.abs(1 - values[r]))) converged++;
      else break;
    }
    if (converged === count)
      return { values: values.slice(0, count), vectors: ritz.slice(0, count), restarts: restart };

    // Thick restart: keep about half the basis (at least the wanted pairs and two more), then the newest
    // Lanczos vector, which stays orthogonal to every Ritz vector of the old basis.
    kept = keep;
    const next = basis[m];
    for (let r = 0; r < kept; r++) {
      basis[r].set(ritz[r]);
      products[r].set(ritzProducts[r]);
    }
    basis[kept].set(next);
    projected.fill(0);
    for (let r = 0; r < kept; r++) projected[r * m + r] = values[r];
  }
  throw new EigenSolverError(
    `no convergence of ${count} eigenpairs after ${options.maxRestarts} restarts (tol ${options.tol})`,
  );
}

/**
 * Column j of V'MV: dot(basis[a], product) for a <= j, mirrored into row j. Four dot products per read of
 * `product`, each summed in index order as dot() does, so the same bits.
 */
function projectedColumn(
  basis: Float64Array[],
  product: Float64Array,
  j: number,
  m: number,
  projected: Float64Array,
): void {
  const n = product.length;
  let a = 0;
  for (; a + 3 <= j; a += 4) {
    const v0 = basis[a];
    const v1 = basis[a + 1];
    const v2 = basis[a + 2];
    const v3 = basis[a + 3];
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let i = 0; i < n; i++) {
      const x = product[i];
      s0 += v0[i] * x;
      s1 += v1[i] * x;
      s2 += v2[i] * x;
      s3 += v3[i] * x;
    }
    for (const [offset, value] of [s0, s1, s2, s3].entries()) {
      projected[(a + offset) * m + j] = value;
      projected[j * m + a + offset] = value;
    }
  }
  for (; a <= j; a++) {
    const value = dot(basis[a], product);
    projected[a * m + j] = value;
    projected[j * m + a] = value;
  }
}

/**
 * The first `columns` columns of `vectors` (m x m, column j the j-th eigenvector) applied to the basis.
 * Block by block of coordinates, so that each block of the m basis vectors is read from memory once for all
 * the columns, not once per column; every coordinate still sums over the basis in order, so the same bits.
 */
function combine(basis: Float64Array[], vectors: Float64Array, m: number, columns: number, n: number): Float64Array[] {
  const out = Array.from({ length: columns }, () => new Float64Array(n));
  for (let from = 0; from < n; from += COMBINE_BLOCK) {
    const to = Math.min(n, from + COMBINE_BLOCK);
    for (let j = 0; j < columns; j++) {
      const target = out[j];
      for (let a = 0; a < m; a++) {
        const c = vectors[a * m + j];
        if (c === 0) continue;
        const v = basis[a];
        for (let i = from; i < to; i++) target[i] += c * v[i];
      }
    }
  }
  return out;
}

/** Coordinates per block in combine: 33 basis vectors' blocks of 1,024 float64 stay in the L2 cache. */
const COMBINE_BLOCK = 1024;

/** Dense symmetric eigen-decomposition (m x m, row-major): eigenvalues descending, eigenvectors as columns. */
export function symmetricEigen(matrix: Float64Array, m: number): { values: Float64Array; vectors: Float64Array } {
  const rows = Array.from({ length: m }, (_, i) => Array.from(matrix.subarray(i * m, (i + 1) * m)));
  const decomposition = new EigenvalueDecomposition(new Matrix(rows), { assumeSymmetric: true });
  const ascending = decomposition.realEigenvalues;
  const vectorMatrix = decomposition.eigenvectorMatrix;
  const order = ascending.map((_, i) => i).sort((a, b) => ascending[b] - ascending[a] || a - b);
  const values = Float64Array.from(order, (i) => ascending[i]);
  const vectors = new Float64Array(m * m);
  order.forEach((source, j) => {
    for (let a = 0; a < m; a++) vectors[a * m + j] = vectorMatrix.get(a, source);
  });
  return { values, vectors };
}

/** Small problems: the whole matrix, densely (the Krylov space would be the whole space anyway). */
function denseEigenpairs(matrix: SparseSymmetric, count: number, deflate: Float64Array[]): EigenResult {
  const n = matrix.size;
  const dense = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let at = matrix.rowStart[i]; at < matrix.rowStart[i + 1]; at++)
      dense[i * n + matrix.columns[at]] += matrix.values[at];
  // Deflated directions get an eigenvalue far below the spectrum so they are never among the largest.
  for (const v of deflate)
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) dense[i * n + j] -= 1e6 * v[i] * v[j];
  const { values, vectors } = symmetricEigen(dense, n);
  return {
    values: values.slice(0, count),
    vectors: Array.from({ length: count }, (_, j) => Float64Array.from({ length: n }, (_, a) => vectors[a * n + j])),
    restarts: 0,
  };
}
