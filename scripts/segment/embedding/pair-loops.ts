/**
 * The pair loops of the neighbour searches (NN-descent's leaf and local joins, the exact search's rows):
 * compare two rows' Jaccard distance against both rows' worst kept neighbours and push it into their heaps.
 * They are where the searches spend their time, so they also exist in WebAssembly (neighbour-wasm.ts);
 * these JavaScript loops run when its kernel is not compiled, and tests check that both keep the same heaps.
 */
import type { PackedRows } from './bitset.js';
import { NeighbourHeaps } from './neighbour-heap.js';
import { type PairLoops, wasmPairLoops } from './neighbour-wasm.js';
import { javascriptSides } from './rp-tree.js';

/**
 * The search's pair loops: the WebAssembly kernel's when it is compiled and `webAssembly` is not false,
 * else these JavaScript ones, which keep the same heaps.
 */
export function pairLoops(packed: PackedRows, size: number, webAssembly = true): PairLoops {
  return (webAssembly ? wasmPairLoops(packed, size) : null) ?? javascriptPairLoops(packed, size);
}

function javascriptPairLoops(packed: PackedRows, size: number): PairLoops {
  const graph = new NeighbourHeaps(packed.rows, size);
  const compareAndPush = (p: number, q: number): number => {
    const worst = Math.max(graph.worst(p), graph.worst(q));
    if (packed.lowerBound(p, q) > worst) return 0;
    const distance = packed.distance(p, q);
    if (distance > worst) return 0;
    return graph.push(p, distance, q, 1) + graph.push(q, distance, p, 1);
  };
  return {
    graph,
    hyperplanes: javascriptSides(packed),
    joinLeaves(order, bounds) {
      for (let leaf = 0; leaf + 1 < bounds.length; leaf++) {
        for (let a = bounds[leaf]; a < bounds[leaf + 1]; a++) {
          for (let b = a + 1; b < bounds[leaf + 1]; b++) compareAndPush(order[a], order[b]);
        }
      }
    },
    localJoin(fresh, old) {
      let updates = 0;
      for (let row = 0; row < packed.rows; row++) {
        const freshEnd = fresh.start[row] + fresh.count[row];
        const oldStart = old.start[row];
        const oldEnd = oldStart + old.count[row];
        for (let a = fresh.start[row]; a < freshEnd; a++) {
          const p = fresh.list[a];
          for (let b = a + 1; b < freshEnd; b++) updates += compareAndPush(p, fresh.list[b]);
          for (let b = oldStart; b < oldEnd; b++) {
            const q = old.list[b];
            if (q !== p) updates += compareAndPush(p, q);
          }
        }
      }
      return updates;
    },
    exactRow(a) {
      for (let b = a + 1; b < packed.rows; b++) {
        const distance = packed.distance(a, b);
        graph.push(a, distance, b, 0);
        graph.push(b, distance, a, 0);
      }
    },
  };
}
