/**
 * The professionals' 2-D layout for the segment map: the clustering space (4-D UMAP of professionals)
 * projected onto its two principal axes. The notebook draws this space two axes at a time (0-1, 2-3); the
 * principal plane shows as much of its spread as any single 2-D view can, and needs no new embedding, so it
 * costs microseconds and places each professional where the mixture saw them. Deterministic: the same space
 * gives the same layout, with each axis's sign fixed (its largest loading positive).
 */
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import type { Embedding } from './embedding/types.js';

export function professionalLayout(space: Embedding): Embedding {
  const { rows, dims, data } = space;
  if (dims < 2) throw new Error(`professionalLayout needs at least 2 dimensions, got ${dims}`);
  const mean = new Float64Array(dims);
  for (let i = 0; i < rows; i++) for (let d = 0; d < dims; d++) mean[d] += data[i * dims + d] / rows;
  const covariance = Matrix.zeros(dims, dims);
  for (let i = 0; i < rows; i++) {
    for (let a = 0; a < dims; a++) {
      const da = data[i * dims + a] - mean[a];
      for (let b = a; b < dims; b++) covariance.set(a, b, covariance.get(a, b) + da * (data[i * dims + b] - mean[b]));
    }
  }
  for (let a = 0; a < dims; a++) for (let b = 0; b < a; b++) covariance.set(a, b, covariance.get(b, a));
  const eig = new EigenvalueDecomposition(covariance, { assumeSymmetric: true });
  const order = eig.realEigenvalues.map((value, index) => ({ value, index })).sort((p, q) => q.value - p.value || p.index - q.index);
  const axes = order.slice(0, 2).map(({ index }) => {
    const axis = eig.eigenvectorMatrix.getColumn(index);
    const largest = axis.reduce((best, v) => (Math.abs(v) > Math.abs(best) ? v : best), 0);
    return largest < 0 ? axis.map((v) => -v) : axis;
  });
  const out = new Float64Array(rows * 2);
  for (let i = 0; i < rows; i++) {
    for (let k = 0; k < 2; k++) {
      let s = 0;
      for (let d = 0; d < dims; d++) s += (data[i * dims + d] - mean[d]) * axes[k][d];
      out[i * 2 + k] = s;
    }
  }
  return { rows, dims: 2, data: out };
}
