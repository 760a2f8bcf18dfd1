/**
 * The neighbour search's pair loops in WebAssembly (wasm/neighbour-kernel.as.ts; compiled and cached by
 * wasm-kernels.ts). The heaps live in the kernel's memory and NeighbourHeaps reads and writes them there,
 * so the JavaScript steps between the loops (candidate sampling, random fill-ups, sorting the result) work
 * on the same arrays. The kernel's distances and heap pushes are the JavaScript ones, operation for
 * operation: the same heaps come out, in about a third of the time (i64.popcnt against shifts and masks).
 */
import type { PackedRows } from './bitset.js';
import { NeighbourHeaps } from './neighbour-heap.js';
import type { CandidateLists } from './nn-candidates.js';
import type { HyperplaneSides } from './rp-tree.js';
import { kernelInstance } from './wasm-kernels.js';

interface KernelExports {
  memory: WebAssembly.Memory;
  allocate(bytes: number): number;
  setRows(bits: number, words: number, counts: number): void;
  setHeaps(indices: number, distances: number, flags: number, worsts: number, size: number): void;
  joinLeaves(order: number, bounds: number, leaves: number): void;
  localJoin(
    rows: number,
    freshStart: number,
    freshCount: number,
    freshList: number,
    oldStart: number,
    oldCount: number,
    oldList: number,
  ): number;
  exactRow(a: number, rows: number): void;
  classifySides(order: number, start: number, end: number, p: number, q: number, sides: number): void;
}

/** The loops of a search over one set of rows; nn-descent.ts and neighbours.ts run them in JavaScript when the kernel is absent. */
export interface PairLoops {
  /** Heaps of `size` slots per row that the loops push into. */
  graph: NeighbourHeaps;
  /** Where to sample each round's candidate lists (sampleCandidates' `into`): the kernel's arrays; absent, they are allocated per round. */
  candidateSpace?: { fresh: CandidateLists; old: CandidateLists };
  /** Compares every pair within each leaf (leaf l is order[bounds[l] .. bounds[l + 1])). */
  joinLeaves(order: Int32Array, bounds: Int32Array): void;
  /** One local join over sampled candidates; returns the heap updates made. */
  localJoin(fresh: CandidateLists, old: CandidateLists): number;
  /** Row a against every later row, both ways, flagged old (the exact search). */
  exactRow(a: number): void;
  /** The rp-trees' hyperplane sides (rp-tree.ts), over the same rows. */
  hyperplanes: HyperplaneSides;
}

/** The kernel loaded with `packed` and empty heaps of `size` slots, or null when the kernel is not compiled. */
export function wasmPairLoops(packed: PackedRows, size: number): PairLoops | null {
  const exports = kernelInstance('neighbour-kernel');
  if (!exports) return null;
  const kernel = exports as unknown as KernelExports;
  const { rows } = packed;
  // The 32-bit words of each row, padded to whole 64-bit words for i64.popcnt.
  const words = Math.ceil(packed.words / 2);
  const slots = rows * size;
  // Candidate lists hold each heap entry at most twice (forward and reverse).
  const listLength = 2 * slots;
  // Allocate everything first: memory may grow (and its buffer change) with each allocation.
  const at = {
    bits: kernel.allocate(rows * words * 8),
    counts: kernel.allocate(rows * 4),
    indices: kernel.allocate(slots * 4),
    distances: kernel.allocate(slots * 8),
    worsts: kernel.allocate(rows * 8),
    flags: kernel.allocate(slots),
    order: kernel.allocate(rows * 4),
    bounds: kernel.allocate((rows + 1) * 4),
    freshStart: kernel.allocate((rows + 1) * 4),
    freshCount: kernel.allocate(rows * 4),
    freshList: kernel.allocate(listLength * 4),
    oldStart: kernel.allocate((rows + 1) * 4),
    oldCount: kernel.allocate(rows * 4),
    oldList: kernel.allocate(listLength * 4),
    treeOrder: kernel.allocate(rows * 4),
    sides: kernel.allocate(rows),
  };
  const buffer = kernel.memory.buffer;
  const int32 = (offset: number, length: number) => new Int32Array(buffer, offset, length);
  const bits = int32(at.bits, rows * words * 2);
  for (let r = 0; r < rows; r++)
    bits.set(packed.bits.subarray(r * packed.words, (r + 1) * packed.words), r * words * 2);
  int32(at.counts, rows).set(packed.counts);
  kernel.setRows(at.bits, words, at.counts);
  const graph = new NeighbourHeaps(rows, size, {
    indices: int32(at.indices, slots),
    distances: new Float64Array(buffer, at.distances, slots),
    isNew: new Uint8Array(buffer, at.flags, slots),
    worstDistances: new Float64Array(buffer, at.worsts, rows),
  });
  kernel.setHeaps(at.indices, at.distances, at.flags, at.worsts, size);
  const order = int32(at.order, rows);
  const bounds = int32(at.bounds, rows + 1);
  const fresh = {
    start: int32(at.freshStart, rows + 1),
    count: int32(at.freshCount, rows),
    list: int32(at.freshList, listLength),
  };
  const old = {
    start: int32(at.oldStart, rows + 1),
    count: int32(at.oldCount, rows),
    list: int32(at.oldList, listLength),
  };
  const place = (into: CandidateLists, from: CandidateLists) => {
    if (from === into) return;
    into.start.set(from.start);
    into.count.set(from.count);
    into.list.set(from.list);
  };
  const hyperplanes: HyperplaneSides = {
    order: int32(at.treeOrder, rows),
    sides: new Int8Array(buffer, at.sides, rows),
    classify: (start, end, p, q) => kernel.classifySides(at.treeOrder, start, end, p, q, at.sides),
  };
  return {
    graph,
    hyperplanes,
    candidateSpace: { fresh, old },
    joinLeaves(leafOrder, leafBounds) {
      order.set(leafOrder);
      bounds.set(leafBounds);
      kernel.joinLeaves(at.order, at.bounds, leafBounds.length - 1);
    },
    localJoin(freshLists, oldLists) {
      place(fresh, freshLists);
      place(old, oldLists);
      return kernel.localJoin(rows, at.freshStart, at.freshCount, at.freshList, at.oldStart, at.oldCount, at.oldList);
    },
    exactRow(a) {
      kernel.exactRow(a, rows);
    },
  };
}
