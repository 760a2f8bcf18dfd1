/**
 * The segmentation's cache key: it covers every module that shapes a document (the segmentation, its
 * sub-segments, the quiz model), and every parameter but the threads, which only decide which worker
 * computes what.
 */
import { join, relative } from 'node:path';
import madge from 'madge';
import { describe, expect, it } from 'vitest';
import { cacheKey, codeVersion, hashedSourceFiles } from '../../../scripts/infra/cache.js';
import { PROJECT_ROOT } from '../../../scripts/infra/versions.js';
import { cachedParameters, resolveParameters } from '../../../scripts/segment/parameters.js';

const madgeOptions = {
  baseDir: PROJECT_ROOT,
  fileExtensions: ['ts', 'mjs'],
  tsConfig: join(PROJECT_ROOT, 'tsconfig.json'),
  detectiveOptions: { ts: { skipTypeImports: false } },
};
/** The code that writes a document: the pipeline, the sub-segment step (and its stage), the quiz model. */
const DOCUMENT_ENTRIES = [
  'scripts/segment/pipeline.ts',
  'scripts/segment/subsegments-update.ts',
  'scripts/segment/subsegment.ts',
  'scripts/segment/quiz.ts',
];

/** Every project module `entries` import, directly or not, entries included, as paths from the root. */
async function reachedFrom(entries: string[]): Promise<string[]> {
  const graph = (
    await madge(
      entries.map((e) => join(PROJECT_ROOT, e)),
      madgeOptions,
    )
  ).obj();
  return Object.keys(graph).map((f) => relative(PROJECT_ROOT, join(PROJECT_ROOT, f)));
}

describe('the cache key', () => {
  it('hashes every module that shapes a document, the sub-segment step included', async () => {
    const hashed = new Set(hashedSourceFiles());
    const reached = (await reachedFrom(DOCUMENT_ENTRIES)).filter((f) => f.startsWith('scripts/'));
    // The graph really was read: the stages, the engines, the config and the survey reader are in it.
    expect(reached.length).toBeGreaterThan(60);
    for (const module of [
      'scripts/segment/subsegment.ts',
      'scripts/segment/subsegments-update.ts',
      'scripts/segment/clustering-space.ts',
      'scripts/config/schema.ts',
      'scripts/config/load.ts',
      'scripts/survey/read.ts',
      'scripts/infra/streams.ts',
      'scripts/document/segmentation-schema.ts',
    ]) {
      expect(reached).toContain(module);
    }
    expect(reached.filter((f) => !hashed.has(f))).toEqual([]);
    // The worker thread's entry is loaded by URL, not imported: it is hashed with its folder all the same.
    expect(hashed).toContain('scripts/segment/embed-worker-main.ts');
    expect(hashed).toContain('scripts/segment/embed-worker.mjs');
  });

  it('is the same whatever the threads, and another for any parameter that shapes the document', () => {
    const key = (choices: Parameters<typeof resolveParameters>[0]) =>
      cacheKey({
        inputSha256: 'a'.repeat(64),
        configHash: 'b'.repeat(64),
        parameters: cachedParameters(resolveParameters(choices)),
      });
    expect(key({ threads: 1 })).toBe(key({ threads: 7 }));
    expect(key({})).toBe(key({ threads: 3 }));
    const others = [
      key({ seed: 1 }),
      key({ clusters: 9 }),
      key({ reruns: 3 }),
      key({ singleRun: true }),
      key({ init: 'random' }),
      key({ mixtureInit: 'k-means++' }),
      key({ selectK: true }),
      key({ synthetic: true }),
    ];
    expect(new Set([key({}), ...others]).size).toBe(others.length + 1);
    expect(codeVersion()).toMatch(/^[0-9a-f]{64}$/);
  });
});
