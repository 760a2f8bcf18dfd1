/** Row selections shared by the stages: the professionals' rows, a segment's members. */
import type { BinaryMatrix, Embedding } from './embedding/types.js';

/** Indices of the rows whose mask is set, ascending. */
export function rowsWhere(mask: Uint8Array): Int32Array {
  const rows: number[] = [];
  mask.forEach((v, i) => {
    if (v) rows.push(i);
  });
  return Int32Array.from(rows);
}

/**
 * The given rows of a 0/1 matrix, in the given order; with `shared`, in a SharedArrayBuffer that worker
 * threads read without a copy of their own (embed-parallel.ts).
 */
export function selectRows(matrix: BinaryMatrix, rows: Int32Array, { shared = false } = {}): BinaryMatrix {
  const bytes = rows.length * matrix.cols;
  const data = new Uint8Array(shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
  rows.forEach((r, i) => {
    data.set(matrix.data.subarray(r * matrix.cols, (r + 1) * matrix.cols), i * matrix.cols);
  });
  return { rows: rows.length, cols: matrix.cols, data };
}

/** The given rows of an embedding, in the given order. */
export function selectEmbeddingRows(embedding: Embedding, rows: Int32Array): Embedding {
  const data = new Float64Array(rows.length * embedding.dims);
  rows.forEach((r, i) => {
    data.set(embedding.data.subarray(r * embedding.dims, (r + 1) * embedding.dims), i * embedding.dims);
  });
  return { rows: rows.length, dims: embedding.dims, data };
}

/** How many different rows the matrix holds (respondents with the very same answers count once). */
export function distinctRows(matrix: BinaryMatrix): number {
  const seen = new Set<string>();
  for (let r = 0; r < matrix.rows; r++)
    seen.add(Buffer.from(matrix.data.buffer, matrix.data.byteOffset + r * matrix.cols, matrix.cols).toString('latin1'));
  return seen.size;
}
