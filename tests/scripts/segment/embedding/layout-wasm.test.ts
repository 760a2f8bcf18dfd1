import { existsSync } from 'node:fs';
import { findABParams } from 'umap-js/dist/umap.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRandom } from '../../../../scripts/infra/random.js';
import { UmapJsCurve } from '../../../../scripts/segment/embedding/curve.js';
import { layoutEdges } from '../../../../scripts/segment/embedding/graph.js';
import { LaneCurve } from '../../../../scripts/segment/embedding/lane-curve.js';
import { optimizeLayout, randomEmbedding } from '../../../../scripts/segment/embedding/layout.js';
import { jaccardNeighboursExact } from '../../../../scripts/segment/embedding/neighbours.js';
import { kernelPath, prepareKernels } from '../../../../scripts/segment/embedding/wasm-kernels.js';
import { plantedRows } from '../../../helpers/planted-rows.js';

describe('the WebAssembly layout kernel', () => {
  beforeAll(async () => {
    await prepareKernels();
  }, 120_000);

  it('is compiled from its AssemblyScript source into the cache', () => {
    expect(existsSync(kernelPath('layout-kernel'))).toBe(true);
    expect(kernelPath('layout-kernel')).toMatch(/\.cache\/wasm\/layout-kernel-[0-9a-f]{16}\.wasm$/);
  });

  // 24 rows: the kernel computes two consecutive edge samples at once unless the second reads or moves a
  // point the first moves; among few points that happens often, so both ways are compared.
  it.each([
    [400, 15],
    [24, 8],
  ])(
    'gives the JavaScript lanes’ layout to the bit, in 2 and 4 dimensions, coincident points included (%i rows)',
    (rows, k) => {
      const matrix = plantedRows(rows, 40, 4, 3, 0.5, 0.1);
      const neighbours = jaccardNeighboursExact(matrix, k);
      for (const [dims, minDist, nEpochs] of [
        [2, 0.1, 120],
        [4, 0, 80],
      ] as const) {
        const edges = layoutEdges(neighbours, k, nEpochs);
        const { a, b } = findABParams(1.0, minDist);
        const updates: number[] = [];
        const layout = (webAssembly: boolean) => {
          const random = createRandom(11);
          const embedding = randomEmbedding(matrix.rows, dims, random);
          // Every tenth point starts on top of the one before: pulls and pushes at distance 0 take their own branches.
          for (let row = 10; row < matrix.rows; row += 10)
            for (let d = 0; d < dims; d++) embedding[row * dims + d] = embedding[(row - 1) * dims + d];
          updates.push(
            optimizeLayout(
              embedding,
              edges,
              {
                dims,
                nEpochs,
                curve: new LaneCurve(a, b, 1),
                learningRate: 1,
                negativeSampleRate: 5,
                pushes: 'lanes',
                webAssembly,
              },
              random,
            ),
          );
          return embedding;
        };
        const wasm = layout(true);
        const js = layout(false);
        // Both count the same SGD updates: every edge sample and its negative samples.
        expect(updates[0]).toBe(updates[1]);
        expect(updates[0]).toBeGreaterThan(edges.weights.length);
        expect(wasm.every(Number.isFinite)).toBe(true);
        expect(Array.from(wasm)).toEqual(Array.from(js));
        // Float32 coordinates, widened exactly.
        expect(wasm.every((value) => Math.fround(value) === value)).toBe(true);
        // It moved the points: the result is not the random start.
        expect(Array.from(wasm)).not.toEqual(Array.from(randomEmbedding(matrix.rows, dims, createRandom(11))));
      }
    },
  );

  it('runs only the lanes; the chained order (umap-js’s) stays in the JavaScript loops and gives another layout', () => {
    const matrix = plantedRows(300, 40, 3, 3, 0.5, 0.1);
    const neighbours = jaccardNeighboursExact(matrix, 15);
    const edges = layoutEdges(neighbours, 15, 60);
    const { a, b } = findABParams(1.0, 0.1);
    const common = { dims: 2, nEpochs: 60, learningRate: 1, negativeSampleRate: 5 } as const;
    const layout = (pushes: 'chained' | 'lanes', webAssembly: boolean) => {
      const random = createRandom(5);
      const embedding = randomEmbedding(matrix.rows, 2, random);
      optimizeLayout(
        embedding,
        edges,
        pushes === 'chained'
          ? { ...common, curve: new UmapJsCurve(a, b, 1), negativeSamples: 'xorshift', pushes, webAssembly }
          : { ...common, curve: new LaneCurve(a, b, 1), pushes, webAssembly },
        random,
      );
      return Array.from(embedding);
    };
    const chained = layout('chained', false);
    expect(layout('chained', true)).toEqual(chained);
    const lanes = layout('lanes', true);
    expect(lanes.every(Number.isFinite)).toBe(true);
    expect(lanes).not.toEqual(chained);
  });
});
