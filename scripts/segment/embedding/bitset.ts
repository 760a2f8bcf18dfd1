/**
 * Bit-packed rows of a BinaryMatrix and the Jaccard distance on them. Packing 450 one-byte cells into
 * 15 32-bit words turns a distance into 15 AND + popcount steps, which is what makes neighbour search
 * on 26,000 respondents affordable.
 *
 * A class on purpose: hot loops call `rows.distance(a, b)` as a method of one monomorphic class, which
 * V8 inlines; a function imported from another module is reached through the module's export getter
 * (tsx and vitest both compile exports that way) and was measured 30% slower.
 */
import type { BinaryMatrix } from './types.js';

export class PackedRows {
  readonly rows: number;
  /** 32-bit words per row. */
  readonly words: number;
  /**
   * rows * words; bit c of row r is bit (c & 31) of word r * words + (c >>> 5). Int32, not Uint32: V8
   * keeps int32 values as small integers, while uint32 values above 2^31 become heap doubles.
   */
  readonly bits: Int32Array;
  /** Set bits per row, so a distance only has to count the intersection. */
  readonly counts: Int32Array;
  /** The set columns of every row, ascending: row r's are setColumns[rowStart[r] .. rowStart[r + 1]). */
  readonly setColumns: Int32Array;
  readonly rowStart: Int32Array;
  readonly cols: number;

  /** Checks the matrix's shape; any non-zero cell counts as 1. */
  constructor(matrix: BinaryMatrix) {
    const { rows, cols, data } = matrix;
    if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 0 || cols < 0) {
      throw new RangeError(`BinaryMatrix: rows (${rows}) and cols (${cols}) must be non-negative integers`);
    }
    if (data.length !== rows * cols) {
      throw new RangeError(
        `BinaryMatrix: data has ${data.length} cells, expected rows * cols = ${rows} * ${cols} = ${rows * cols}`,
      );
    }
    const words = Math.max(1, Math.ceil(cols / 32));
    const bits = new Int32Array(rows * words);
    const counts = new Int32Array(rows);
    const rowStart = new Int32Array(rows + 1);
    for (let r = 0; r < rows; r++) {
      let count = 0;
      for (let c = 0; c < cols; c++) {
        if (data[r * cols + c] !== 0) {
          bits[r * words + (c >>> 5)] |= 1 << (c & 31);
          count++;
        }
      }
      counts[r] = count;
      rowStart[r + 1] = rowStart[r] + count;
    }
    const setColumns = new Int32Array(rowStart[rows]);
    for (let r = 0, at = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) if (data[r * cols + c] !== 0) setColumns[at++] = c;
    }
    this.setColumns = setColumns;
    this.rowStart = rowStart;
    this.cols = cols;
    this.rows = rows;
    this.words = words;
    this.bits = bits;
    this.counts = counts;
  }

  /**
   * 1 - |a∩b| / |a∪b|, written as (|a∪b| - |a∩b|) / |a∪b| like scipy and pynndescent so the rounding
   * matches theirs. Two empty rows are at distance 0 (the scipy / umap-learn convention): respondents
   * who ticked nothing are indistinguishable, not maximally different.
   */
  distance(a: number, b: number): number {
    const { bits, words } = this;
    const baseA = a * words;
    const baseB = b * words;
    // Per-byte popcounts summed across words, folded once at the end: a byte lane holds at most
    // 8 per word, so up to 31 words (992 columns) fit before a lane could overflow.
    let lanes = 0;
    let intersection = 0;
    for (let w = 0; w < words; w++) {
      let x = bits[baseA + w] & bits[baseB + w];
      x -= (x >>> 1) & 0x55555555;
      x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
      lanes = (lanes + ((x + (x >>> 4)) & 0x0f0f0f0f)) | 0;
      if ((w & 31) === 30) {
        intersection += foldLanes(lanes);
        lanes = 0;
      }
    }
    intersection += foldLanes(lanes);
    const union = this.counts[a] + this.counts[b] - intersection;
    return union === 0 ? 0 : (union - intersection) / union;
  }

  /**
   * A lower bound of distance(a, b) from the set sizes alone (|a∩b| ≤ min, |a∪b| ≥ max), so pairs that
   * cannot improve a neighbour list are skipped without touching their bits.
   */
  lowerBound(a: number, b: number): number {
    const countA = this.counts[a];
    const countB = this.counts[b];
    const larger = countA > countB ? countA : countB;
    if (larger === 0) return 0;
    const smaller = countA > countB ? countB : countA;
    return (larger - smaller) / larger;
  }
}

function foldLanes(lanes: number): number {
  const pairs = (lanes & 0x00ff00ff) + ((lanes >>> 8) & 0x00ff00ff);
  return (pairs & 0xffff) + (pairs >>> 16);
}
