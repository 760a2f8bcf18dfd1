/**
 * Optimal one-to-one assignment (Jonker-Volgenant, package `linear-sum-assignment`) between the rows and
 * columns of a weight matrix, maximising the total weight. Shared by run-to-run and year-to-year matching.
 */
import { linearSumAssignment } from 'linear-sum-assignment';

export interface AssignedPair {
  row: number;
  col: number;
}

/**
 * Pairs that maximise the sum of `weights[row][col]`. Every row or every column (whichever are fewer) is
 * paired; callers drop pairs they consider too weak. Pairs come back sorted by column.
 */
export function maximumAssignment(weights: number[][]): AssignedPair[] {
  const rows = weights.length;
  const cols = rows === 0 ? 0 : weights[0].length;
  if (rows === 0 || cols === 0) return []; // the package cannot build an empty matrix
  for (const [r, row] of weights.entries()) {
    if (row.length !== cols) throw new RangeError(`weight matrix row ${r} has ${row.length} columns, expected ${cols}`);
    if (row.some((w) => !Number.isFinite(w))) throw new RangeError(`weight matrix row ${r} holds a non-finite weight`);
  }
  const { rowAssignments } = linearSumAssignment(weights, { maximaze: true });
  const pairs: AssignedPair[] = [];
  rowAssignments.forEach((col, row) => {
    if (col >= 0) pairs.push({ row, col });
  });
  return pairs.sort((a, b) => a.col - b.col);
}
