/** Test data for the neighbour and embedding tests: binary rows with planted group structure. */
import { createRandom } from '../../scripts/infra/random.js';
import type { BinaryMatrix } from '../../scripts/segment/types.js';

/**
 * `groups` prototypes of `cols` random bits (density `density`); each row copies a prototype and flips
 * every bit with probability `noise`. Row r belongs to group r % groups.
 */
export function plantedRows(
  rows: number,
  cols: number,
  groups: number,
  seed: number,
  density = 0.3,
  noise = 0.1,
): BinaryMatrix {
  const random = createRandom(seed);
  const prototypes = Array.from({ length: groups }, () =>
    Array.from({ length: cols }, () => (random() < density ? 1 : 0)),
  );
  const data = new Uint8Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    const prototype = prototypes[r % groups];
    for (let c = 0; c < cols; c++) data[r * cols + c] = random() < noise ? 1 - prototype[c] : prototype[c];
  }
  return { rows, cols, data };
}

/** Uniform random bits, with some all-zero rows and duplicated rows mixed in (both common in surveys). */
export function randomRowsWithTies(rows: number, cols: number, seed: number): BinaryMatrix {
  const random = createRandom(seed);
  const data = new Uint8Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    const kind = random();
    if (kind < 0.05) continue; // all zero
    if (kind < 0.25 && r > 0) {
      const source = Math.floor(random() * r);
      data.copyWithin(r * cols, source * cols, (source + 1) * cols);
      continue;
    }
    const density = 0.05 + 0.3 * random();
    for (let c = 0; c < cols; c++) data[r * cols + c] = random() < density ? 1 : 0;
  }
  return { rows, cols, data };
}

/** Straightforward Jaccard on the byte matrix, independent of the bitset code under test. */
export function naiveJaccard(matrix: BinaryMatrix, a: number, b: number): number {
  let union = 0;
  let intersection = 0;
  for (let c = 0; c < matrix.cols; c++) {
    const x = matrix.data[a * matrix.cols + c];
    const y = matrix.data[b * matrix.cols + c];
    if (x || y) union++;
    if (x && y) intersection++;
  }
  return union === 0 ? 0 : (union - intersection) / union;
}
