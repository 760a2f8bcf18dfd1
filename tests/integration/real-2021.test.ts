/**
 * The real 2021 survey as Kaggle ships it (../shared/data/kaggle, present in CI): the counts an independent
 * implementation measured (FACTS-2021.md), byte-identical output from two runs (on the default number of worker threads and on 3),
 * and the golden document: at default options the run is `npm run segment`'s, so its bytes are data/segmentation-2021.json's.
 */
import { existsSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { builtInConfigPath, loadConfig } from '../../scripts/config/load.js';
import { SegmentationSchema } from '../../scripts/document/segmentation-schema.js';
import { resolveParameters } from '../../scripts/segment/parameters.js';
import { runSegmentation } from '../../scripts/segment/pipeline.js';
import type { SegmentRun } from '../../scripts/segment/types.js';
import { expectGoldenDocument } from '../helpers/golden.js';

const ZIP = new URL('../../../shared/data/kaggle/2021/kaggle-survey-2021.zip', import.meta.url).pathname;

describe('segmenting the real 2021 survey', () => {
  const config = loadConfig(builtInConfigPath(2021));
  const options = { input: ZIP, config, parameters: resolveParameters() };
  let first: SegmentRun;
  let second: SegmentRun;

  beforeAll(async () => {
    expect(existsSync(ZIP), `${ZIP} (the real survey) is missing`).toBe(true);
    first = await runSegmentation(options);
    // Three workers on this machine's cores: the re-runs go to other threads in another order.
    second = await runSegmentation({ ...options, parameters: resolveParameters({ threads: 3 }) });
  }, 900_000);

  it('reads every respondent and drops the nearly empty ones', () => {
    const { counts } = first.document;
    expect(counts.respondents).toBe(25_973);
    expect(counts.droppedNearlyEmpty).toBe(81);
    expect(counts.kept).toBe(25_892);
    expect(first.labels).toHaveLength(25_973);
    expect(first.labels.filter((l) => l.kept).length).toBe(25_892);
  });

  it('takes the respondents who answered only the _A variants as professionals', () => {
    const { counts, professionalRule } = first.document;
    expect(professionalRule.rule).toBe('variants');
    // 8,805 answered only _A questions; the config's completeness rule sets aside those who quit early.
    expect(counts.professionals + professionalRule.excludedIncomplete).toBe(8_805);
    expect(professionalRule.excludedIncomplete).toBeLessThan(500);
    expect(counts.nonProfessionals).toBe(counts.kept - counts.professionals);
  });

  it('finds 10 segments that partition the professionals', () => {
    const { segments, counts } = first.document;
    expect(segments).toHaveLength(10);
    expect(segments.reduce((n, s) => n + s.size, 0)).toBe(counts.professionals);
    expect(first.labels.filter((l) => l.segment >= 0).length).toBe(counts.professionals);
    const shares = segments.map((s) => s.newToMLShare);
    expect([...shares].sort((a, b) => a - b)).toEqual(shares);
    expect(() => SegmentationSchema.parse(first.document)).not.toThrow();
  });

  it('gives byte-identical JSON on a second run with the same seed, on another number of worker threads', () => {
    expect(JSON.stringify(second.document)).toBe(JSON.stringify(first.document));
  });

  it('writes the golden document, byte for byte (tests/helpers/golden.ts says how to update it when a change is meant)', () => {
    expectGoldenDocument('real2021', first.document);
  });
});
