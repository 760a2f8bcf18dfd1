import { existsSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRandom } from '../../../../scripts/infra/random.js';
import { PackedRows } from '../../../../scripts/segment/embedding/bitset.js';
import { wasmPairLoops } from '../../../../scripts/segment/embedding/neighbour-wasm.js';
import { jaccardNeighbours } from '../../../../scripts/segment/embedding/neighbours.js';
import { buildTreeLeaves, javascriptSides } from '../../../../scripts/segment/embedding/rp-tree.js';
import { kernelPath, prepareKernels } from '../../../../scripts/segment/embedding/wasm-kernels.js';
import { plantedRows, randomRowsWithTies } from '../../../helpers/planted-rows.js';

describe('the WebAssembly neighbour kernel', () => {
  beforeAll(async () => {
    await prepareKernels();
  }, 120_000);

  it('is compiled from its AssemblyScript source into the cache', () => {
    expect(kernelPath('neighbour-kernel')).toMatch(/\.cache\/wasm\/neighbour-kernel-[0-9a-f]{16}\.wasm$/);
    expect(existsSync(kernelPath('neighbour-kernel'))).toBe(true);
  });

  it('keeps the JavaScript loops’ neighbours to the bit, by NN-descent and by the exact search', () => {
    // 70 columns: rows span 3 words of 32 bits, so the 64-bit kernel pads the last one.
    // Ties (duplicated and all-zero rows) exercise the heaps' (distance, index) order.
    for (const [method, matrix] of [
      ['nn-descent', plantedRows(900, 70, 5, 3, 0.45, 0.08)],
      ['nn-descent', randomRowsWithTies(700, 70, 4)],
      ['exact', randomRowsWithTies(300, 70, 6)],
    ] as const) {
      const search = (webAssembly: boolean) =>
        jaccardNeighbours(matrix, 15, { random: createRandom(5), method, webAssembly });
      const wasm = search(true);
      const js = search(false);
      expect(Array.from(wasm.indices)).toEqual(Array.from(js.indices));
      expect(Array.from(wasm.distances)).toEqual(Array.from(js.distances));
      // A real search, not empty heaps: every row has 14 others, nearest first.
      expect(wasm.indices.every((index) => index >= 0)).toBe(true);
      expect(wasm.distances[1]).toBeLessThanOrEqual(wasm.distances[14]);
    }
  });

  it('splits the rp-trees as the JavaScript sides do, ties and coin flips included', () => {
    // 70 columns (a padded last word) and many rows on the hyperplane (all-zero and duplicated rows).
    const packed = new PackedRows(randomRowsWithTies(1000, 70, 6));
    const trees = (webAssembly: boolean) =>
      buildTreeLeaves(
        packed,
        30,
        createRandom(2),
        webAssembly ? wasmPairLoops(packed, 14)!.hyperplanes : javascriptSides(packed),
      );
    const [wasm, js] = [trees(true), trees(false)];
    expect(Array.from(wasm.order)).toEqual(Array.from(js.order));
    expect(Array.from(wasm.bounds)).toEqual(Array.from(js.bounds));
    expect(wasm.bounds.length).toBeGreaterThan(1000 / 30);
  });

  it('computes each distance as PackedRows does', () => {
    const matrix = plantedRows(60, 100, 3, 2, 0.4, 0.1);
    const packed = new PackedRows(matrix);
    const loops = wasmPairLoops(packed, 59)!;
    for (let a = 0; a < matrix.rows; a++) loops.exactRow(a);
    const { graph } = loops;
    for (let row = 0; row < matrix.rows; row++) {
      for (let s = row * graph.size; s < (row + 1) * graph.size; s++) {
        expect(graph.distances[s]).toBe(packed.distance(row, graph.indices[s]));
      }
    }
  });
});
