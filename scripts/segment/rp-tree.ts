/**
 * One angular random-projection tree over binary rows, as pynndescent builds for Jaccard (it uses its
 * angular trees for set metrics): each node picks two of its rows p, q at random and sends every row x
 * to the side of the hyperplane between them, by the sign of
 *
 *   x · (p/|p| - q/|q|) = |x∩p| / √|p| - |x∩q| / √|q|.
 *
 * The hyperplane's weights live on the columns of p and q only, so a row's side is a sum over its own
 * ~45 set columns: no popcount distances are spent on building trees. Rows on the hyperplane (often: rows
 * sharing nothing with p or q) go to a random side, as pynndescent does.
 */
import type { PackedRows } from './bitset.js';
import { randomInt, type Random } from './random.js';

export interface TreeLeaves {
  /** All rows, grouped leaf by leaf. */
  order: Int32Array;
  /** Leaf l holds order[bounds[l] .. bounds[l + 1]). */
  bounds: Int32Array;
}

export function buildTreeLeaves(packed: PackedRows, leafSize: number, random: Random): TreeLeaves {
  const order = new Int32Array(packed.rows);
  for (let r = 0; r < order.length; r++) order[r] = r;
  const bounds: number[] = [0];
  const weights = new Float64Array(packed.cols);
  // Depth-first, left before right, so leaves come out in order and `bounds` stays sorted.
  const stack: number[] = [0, order.length];
  while (stack.length > 0) {
    const end = stack.pop()!;
    const start = stack.pop()!;
    if (end - start <= leafSize) {
      bounds.push(end);
      continue;
    }
    const middle = splitNode(packed, order, start, end, weights, random);
    stack.push(middle, end, start, middle);
  }
  return { order, bounds: Int32Array.from(bounds) };
}

/** Partitions order[start, end) by the hyperplane; returns the first index of the right part. */
function splitNode(
  packed: PackedRows,
  order: Int32Array,
  start: number,
  end: number,
  weights: Float64Array,
  random: Random,
): number {
  const length = end - start;
  const { setColumns, rowStart } = packed;
  const p = order[start + randomInt(random, length)];
  let q = order[start + randomInt(random, length - 1)];
  if (q === p) q = order[end - 1];
  addWeights(packed, p, weights, 1);
  addWeights(packed, q, weights, -1);
  let low = start;
  let high = end - 1;
  while (low <= high) {
    const row = order[low];
    let margin = 0;
    for (let s = rowStart[row]; s < rowStart[row + 1]; s++) margin += weights[setColumns[s]];
    const goesLeft = margin > 1e-8 || (margin >= -1e-8 && random() < 0.5);
    if (goesLeft) {
      low++;
    } else {
      order[low] = order[high];
      order[high] = row;
      high--;
    }
  }
  addWeights(packed, p, weights, 0);
  addWeights(packed, q, weights, 0);
  // A split leaving (almost) nothing on one side would recurse without progress; halve instead.
  const smallest = Math.max(1, Math.floor(length / 20));
  if (low - start < smallest || end - low < smallest) return start + (length >> 1);
  return low;
}

/** Adds sign / √|row| on the row's columns; sign 0 clears them again. */
function addWeights(packed: PackedRows, row: number, weights: Float64Array, sign: number): void {
  const count = packed.counts[row];
  const value = count === 0 ? 0 : sign / Math.sqrt(count);
  for (let s = packed.rowStart[row]; s < packed.rowStart[row + 1]; s++) {
    const column = packed.setColumns[s];
    weights[column] = sign === 0 ? 0 : weights[column] + value;
  }
}
