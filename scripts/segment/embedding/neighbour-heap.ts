/**
 * One bounded max-heap of candidate neighbours per row, in flat typed arrays (as pynndescent keeps them):
 * the root holds the worst kept neighbour, so a candidate is rejected with a single comparison.
 * Order is (distance, index), so ties at equal distance resolve to the smaller row index and the exact and
 * approximate searches agree on which of several equidistant rows to keep.
 */
/** The four arrays of NeighbourHeaps: rows * size slots, and one root distance per row. */
export interface HeapStorage {
  indices: Int32Array;
  distances: Float64Array;
  isNew: Uint8Array;
  worstDistances: Float64Array;
}

export class NeighbourHeaps {
  readonly rows: number;
  /** Slots per row. */
  readonly size: number;
  /** rows * size, -1 for an empty slot. */
  readonly indices: Int32Array;
  /** rows * size, +Infinity for an empty slot. */
  readonly distances: Float64Array;
  /** rows * size, 1 while the entry has not yet taken part in a local join (NN-descent's "new"). */
  readonly isNew: Uint8Array;
  /**
   * Each row's root distance again, densely: most candidates are rejected on it alone, and this array
   * (8 bytes a row) stays in cache where the heaps themselves do not.
   */
  private readonly worstDistances: Float64Array;

  /** `storage` puts the heaps in arrays the caller owns (the WebAssembly search's memory); they are reset here. */
  constructor(rows: number, size: number, storage?: HeapStorage) {
    this.rows = rows;
    this.size = size;
    this.indices = (storage?.indices ?? new Int32Array(rows * size)).fill(-1);
    this.distances = (storage?.distances ?? new Float64Array(rows * size)).fill(Infinity);
    this.isNew = (storage?.isNew ?? new Uint8Array(rows * size)).fill(0);
    this.worstDistances = (storage?.worstDistances ?? new Float64Array(rows)).fill(Infinity);
  }

  /** The distance a candidate must beat (or tie with a smaller index) to enter row's heap. */
  worst(row: number): number {
    return this.worstDistances[row];
  }

  /** Adds (distance, index) to row's heap unless it is no better than the worst or already present. Returns 1 when added. */
  push(row: number, distance: number, index: number, isNew: number): number {
    const { size, indices, distances } = this;
    const flags = this.isNew;
    const base = row * size;
    const rootDistance = this.worstDistances[row];
    if (distance > rootDistance || (distance === rootDistance && index >= indices[base])) return 0;
    for (let s = base; s < base + size; s++) if (indices[s] === index) return 0;

    // Sift the new entry down from the root.
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= size) break;
      const right = left + 1;
      let child = left;
      if (
        right < size &&
        isWorse(distances[base + right], indices[base + right], distances[base + left], indices[base + left])
      ) {
        child = right;
      }
      if (!isWorse(distances[base + child], indices[base + child], distance, index)) break;
      distances[base + i] = distances[base + child];
      indices[base + i] = indices[base + child];
      flags[base + i] = flags[base + child];
      i = child;
    }
    distances[base + i] = distance;
    indices[base + i] = index;
    flags[base + i] = isNew;
    this.worstDistances[row] = distances[base];
    return 1;
  }

  /** True when row's heap holds index. */
  has(row: number, index: number): boolean {
    const base = row * this.size;
    for (let s = base; s < base + this.size; s++) if (this.indices[s] === index) return true;
    return false;
  }

  /**
   * Every row as "self at distance 0, then the heap's `others` best entries ascending by (distance, index)",
   * k = others + 1 per row. Throws if a row is short of neighbours (a search bug, not a data problem).
   */
  sortedWithSelf(others = this.size): { indices: Int32Array; distances: Float64Array } {
    const { rows, size } = this;
    const k = others + 1;
    const sortedRow = new Int32Array(size);
    const sortedDistances = new Float64Array(size);
    const indices = new Int32Array(rows * k);
    const distances = new Float64Array(rows * k);
    for (let r = 0; r < rows; r++) {
      // Insertion sort of the row's entries: ~15 to 25 per row.
      let filled = 0;
      for (let s = r * size; s < (r + 1) * size; s++) {
        const index = this.indices[s];
        const distance = this.distances[s];
        if (index < 0) continue;
        let at = filled;
        while (at > 0 && isWorse(sortedDistances[at - 1], sortedRow[at - 1], distance, index)) {
          sortedDistances[at] = sortedDistances[at - 1];
          sortedRow[at] = sortedRow[at - 1];
          at--;
        }
        sortedDistances[at] = distance;
        sortedRow[at] = index;
        filled++;
      }
      if (filled < others)
        throw new Error(`neighbour search left row ${r} with ${filled} of ${others} neighbours besides itself`);
      indices[r * k] = r;
      indices.set(sortedRow.subarray(0, others), r * k + 1);
      distances.set(sortedDistances.subarray(0, others), r * k + 1);
    }
    return { indices, distances };
  }
}

function isWorse(distanceA: number, indexA: number, distanceB: number, indexB: number): boolean {
  return distanceA > distanceB || (distanceA === distanceB && indexA > indexB);
}
