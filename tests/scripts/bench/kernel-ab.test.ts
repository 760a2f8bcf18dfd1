/**
 * `npm run bench -- --against REV` (scripts/bench/kernel-ab.ts): a revision's kernels alternated with this
 * tree's. Against HEAD, whose kernels are this tree's (a kernel edited but not committed fails here, as it
 * fails the golden documents when it changes a bit), both give the same bits, and the comparison leaves this
 * tree's kernels in place for the rest of the process.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { compareKernels } from '../../../scripts/bench/kernel-ab.js';
import { kernelModule, prepareKernels } from '../../../scripts/segment/embedding/wasm-kernels.js';
import { embeddingFor, MAP_PARAMS, PARAMETER_DEFAULTS } from '../../../scripts/segment/parameters.js';
import { plantedRows } from '../../helpers/planted-rows.js';

describe('the kernels comparison', () => {
  beforeAll(async () => {
    await prepareKernels();
  }, 120_000);
  afterEach(() => vi.restoreAllMocks());

  it('finds the same bits against the kernels committed at HEAD, and restores this tree’s', async () => {
    const matrix = plantedRows(300, 40, 3, 5, 0.35, 0.1);
    const lines: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((line: string) => lines.push(line));
    const before = kernelModule('layout-kernel');
    await compareKernels('HEAD', [
      { name: 'planted', matrix, params: embeddingFor(MAP_PARAMS, 300, PARAMETER_DEFAULTS.init) },
    ]);
    expect(kernelModule('layout-kernel')).toBe(before);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^ {2}layout-kernel, planted \(300 rows\): HEAD [\d.]+, this tree [\d.]+ ns an update/);
    expect(lines[1]).toMatch(/^ {2}neighbour-kernel, planted \(300 rows\): .* ms/);
    for (const line of lines) expect(line).toMatch(/the same bits$/);
  }, 120_000);
});
