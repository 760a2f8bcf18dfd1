/**
 * One angular random-projection tree over binary rows, as pynndescent builds for Jaccard (it uses its
 * angular trees for set metrics): each node picks two of its rows p, q at random and sends every row x
 * to the side of the hyperplane between them, by the sign of
 *
 *   x · (p/|p| - q/|q|) = |x∩p| / √|p| - |x∩q| / √|q|.
 *
 * The hyperplane's weights live on the columns of p and q only, so a row's side needs only its overlaps with
 * p and q. Rows on the hyperplane (often: rows sharing nothing with p or q) go to a random side, as
 * pynndescent does. A node's rows are classified first (HyperplaneSides: by popcounts in the neighbour
 * kernel, by the rows' set columns in JavaScript; the same integers either way), then partitioned in order,
 * so the coin flips for ties are drawn in the same order whichever classified them.
 */

import { type Random, randomInt } from '../../infra/random.js';
import type { PackedRows } from './bitset.js';

export interface TreeLeaves {
  /** All rows, grouped leaf by leaf. */
  order: Int32Array;
  /** Leaf l holds order[bounds[l] .. bounds[l + 1]). */
  bounds: Int32Array;
}

/**
 * Which side of a node's hyperplane each of its rows lies on. The sign compares |x∩p|/√|p| with |x∩q|/√|q|
 * exactly, in integers, as |x∩p|²·|q| against |x∩q|²·|p|.
 */
export interface HyperplaneSides {
  /** The tree's row order, which the tree partitions in place and `classify` reads. */
  readonly order: Int32Array;
  /** Per row: 1 on p's side, -1 on q's, 0 on the hyperplane; `classify` sets the rows of order[start, end). */
  readonly sides: Int8Array;
  classify(start: number, end: number, p: number, q: number): void;
}

export function buildTreeLeaves(
  packed: PackedRows,
  leafSize: number,
  random: Random,
  hyperplanes: HyperplaneSides = javascriptSides(packed),
): TreeLeaves {
  if (packed.cols >= 1 << 16) throw new RangeError(`rp-tree: at most 65,535 columns, got ${packed.cols}`);
  const { order } = hyperplanes;
  for (let r = 0; r < order.length; r++) order[r] = r;
  const bounds: number[] = [0];
  const coin = new CoinFlips(random);
  // Depth-first, left before right, so leaves come out in order and `bounds` stays sorted.
  const stack: number[] = [0, order.length];
  while (stack.length > 0) {
    const end = stack.pop()!;
    const start = stack.pop()!;
    if (end - start <= leafSize) {
      bounds.push(end);
      continue;
    }
    const middle = splitNode(hyperplanes, start, end, coin);
    stack.push(middle, end, start, middle);
  }
  return { order: order.slice(), bounds: Int32Array.from(bounds) };
}

/** Partitions order[start, end) by the hyperplane; returns the first index of the right part. */
function splitNode(hyperplanes: HyperplaneSides, start: number, end: number, coin: CoinFlips): number {
  const { order, sides } = hyperplanes;
  const length = end - start;
  const p = order[start + coin.below(length)];
  let q = order[start + coin.below(length - 1)];
  if (q === p) q = order[end - 1];
  hyperplanes.classify(start, end, p, q);
  let low = start;
  let high = end - 1;
  while (low <= high) {
    const row = order[low];
    const side = sides[row];
    if (side > 0 || (side === 0 && coin.flip())) {
      low++;
    } else {
      order[low] = order[high];
      order[high] = row;
      high--;
    }
  }
  // A split leaving (almost) nothing on one side would recurse without progress; halve instead.
  const smallest = Math.max(1, Math.floor(length / 20));
  if (low - start < smallest || end - low < smallest) return start + (length >> 1);
  return low;
}

/** HyperplaneSides in JavaScript: each row's overlaps counted over its own ~45 set columns. */
export function javascriptSides(packed: PackedRows): HyperplaneSides {
  const order = new Int32Array(packed.rows);
  const sides = new Int8Array(packed.rows);
  const marks = new Int32Array(packed.cols);
  const { setColumns, rowStart, counts } = packed;
  return {
    order,
    sides,
    classify(start, end, p, q) {
      // One integer pass gives both overlaps: p's columns count 1, q's count 1 << 16.
      markColumns(packed, p, marks, 1);
      markColumns(packed, q, marks, 1 << 16);
      const sizeP = counts[p];
      const sizeQ = counts[q];
      for (let i = start; i < end; i++) {
        const row = order[i];
        let overlaps = 0;
        for (let s = rowStart[row]; s < rowStart[row + 1]; s++) overlaps += marks[setColumns[s]];
        const withP = overlaps & 0xffff;
        const withQ = overlaps >>> 16;
        sides[row] = Math.sign(withP * withP * sizeQ - withQ * withQ * sizeP);
      }
      markColumns(packed, p, marks, 0);
      markColumns(packed, q, marks, 0);
    },
  };
}

/** Adds `value` on the row's columns; value 0 clears them. */
function markColumns(packed: PackedRows, row: number, marks: Int32Array, value: number): void {
  for (let s = packed.rowStart[row]; s < packed.rowStart[row + 1]; s++) {
    const column = packed.setColumns[s];
    marks[column] = value === 0 ? 0 : marks[column] + value;
  }
}

/**
 * Random bits for tie-breaks, 32 per draw from `random`: ties are the common case (rows sharing no column
 * with either pivot), and a call to the project's Random per tie cost more than the split itself.
 */
class CoinFlips {
  private bits = 0;
  private left = 0;

  constructor(private readonly random: Random) {}

  flip(): boolean {
    if (this.left === 0) {
      this.bits = Math.floor(this.random() * 4294967296) | 0;
      this.left = 32;
    }
    const bit = this.bits & 1;
    this.bits >>>= 1;
    this.left--;
    return bit === 1;
  }

  /** Integer in [0, n). */
  below(n: number): number {
    return randomInt(this.random, n);
  }
}
