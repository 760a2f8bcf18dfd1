/**
 * The out-of-the-box run: the synthetic demo survey, segmented with the 2020 config, must find the segments
 * planted in it, and write the golden demo document: the default run here is `npm run demo:segment`'s (the same
 * file name and bytes of the survey, synthetic), so its bytes are data/demo/segmentation-2020.json's.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { builtInConfigPath, loadConfig } from '../../scripts/config/load.js';
import { DEMO_DEFAULTS, generateDemoSurvey } from '../../scripts/demo/generate.js';
import { parseFrontMatter } from '../../scripts/document/front-matter.js';
import { RegistrySchema } from '../../scripts/document/registry-schema.js';
import { ReviewedSchema } from '../../scripts/document/summary-schema.js';
import { checkDrift } from '../../scripts/identity/drift.js';
import { matchSegments } from '../../scripts/identity/match.js';
import { formatMatchTable } from '../../scripts/identity/match-table.js';
import { PARAMETER_DEFAULTS, resolveParameters } from '../../scripts/segment/parameters.js';
import { adjustedRandIndex } from '../../scripts/segment/partition-agreement.js';
import { runSegmentation } from '../../scripts/segment/pipeline.js';
import type { SegmentRun } from '../../scripts/segment/types.js';
import { expectGoldenDocument } from '../helpers/golden.js';
import { tempDir } from '../helpers/tiny-survey.js';

describe('segmenting the synthetic demo survey', () => {
  let run: SegmentRun;
  let truth: Int32Array;
  let path: string;
  const config = loadConfig(builtInConfigPath(2020));
  const segment = (seed: number, clusters: number) =>
    runSegmentation({ input: path, config, parameters: resolveParameters({ seed, clusters, synthetic: true }) });

  beforeAll(async () => {
    const demo = generateDemoSurvey({ seed: DEMO_DEFAULTS.seed, respondents: DEMO_DEFAULTS.respondents });
    truth = demo.truth;
    path = join(tempDir(), 'kaggle_survey_2020_responses.csv');
    writeFileSync(path, demo.csv);
    run = await segment(0, 10);
  });

  it('finds the planted professionals', () => {
    const planted = Array.from(truth).filter((t) => t >= 0).length;
    expect(run.document.counts.professionals).toBe(planted);
    const clustered = run.labels.filter((l) => l.segment >= 0);
    expect(clustered.every((l) => truth[l.row] >= 0)).toBe(true);
  });

  it('recovers the planted segments with an adjusted Rand index of at least 0.8', () => {
    const clustered = run.labels.filter((l) => l.segment >= 0);
    const ari = adjustedRandIndex(
      clustered.map((l) => l.segment),
      clustered.map((l) => truth[l.row]),
    );
    console.log(`demo: adjusted Rand index against planted segments = ${ari.toFixed(4)}`);
    expect(ari).toBeGreaterThanOrEqual(0.8);
  });

  it('finds the planted segments stable over the re-runs, which agree with each other', () => {
    const { stability, segments } = run.document;
    console.log(
      `demo: median ARI between re-runs ${stability!.pairwiseARI.median}, stability ${segments.map((s) => s.stability!.jaccard).join(', ')}`,
    );
    expect(stability!.runs).toBe(PARAMETER_DEFAULTS.reruns);
    expect(stability!.pairwiseARI.median).toBeGreaterThan(0.9);
    expect(segments.filter((s) => s.stability!.class === 'stable').length).toBeGreaterThanOrEqual(9);
    expect(segments.every((s) => s.stability!.found >= 0.8 * PARAMETER_DEFAULTS.reruns)).toBe(true);
  });

  it('writes the golden document, byte for byte (tests/helpers/golden.ts says how to update it when a change is meant)', () => {
    expectGoldenDocument('demo', run.document);
  });

  it('says the document is synthetic', () => {
    expect(run.document.synthetic).toBe(true);
    expect(run.document.segments).toHaveLength(10);
  });

  it("passes the summary check with the README's example summary, as written", () => {
    // The example in the README's "Writing a segment summary" is a demo summary; the committed demo
    // registry names the segment the document (this run) has at that slug.
    const readme = readFileSync(join(import.meta.dirname, '../../README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Writing a segment summary'));
    const example = /```mdx\n([\s\S]*?)```/.exec(section)![1];
    const { data } = parseFrontMatter(example, 'README example');
    const registry = RegistrySchema.parse(
      JSON.parse(readFileSync(join(import.meta.dirname, '../../content/demo/registry/2020.json'), 'utf8')),
    );
    const entry = registry.segments.find((s) => s.slug === data.segment)!;
    expect(entry.index).not.toBeNull();
    const drift = checkDrift(ReviewedSchema.parse(data.reviewed), run.document, entry.index!);
    expect(drift.drifted, `similarity ${drift.similarity}`).toBe(false);
    const ids = new Set(run.document.features.map((f) => f.id));
    for (const [, id] of example.matchAll(/answer="([^"]+)"/g)) expect(ids.has(id), id).toBe(true);
  });

  it('keeps the slugs of matched segments when re-run with another seed', async () => {
    const { registry } = matchSegments(null, run.document);
    const rerun = await segment(1, 10);
    const { table } = matchSegments(registry, rerun.document);
    console.log(`demo, seed 0 -> seed 1:\n${formatMatchTable(table)}`);
    const kept = table.filter((row) => row.status === 'active');
    expect(kept.length).toBeGreaterThanOrEqual(8);
    for (const row of kept) {
      expect(registry.segments.some((entry) => entry.slug === row.slug)).toBe(true);
      expect(row.similarity!).toBeGreaterThanOrEqual(registry.threshold);
    }
    expect(new Set(table.map((row) => row.slug)).size).toBe(table.length);
  });

  it('gives new slugs and retires old ones when k changes', async () => {
    const { registry } = matchSegments(null, run.document);
    const fewer = matchSegments(registry, (await segment(0, 8)).document);
    console.log(`demo, k 10 -> 8:\n${formatMatchTable(fewer.table)}`);
    expect(fewer.table.filter((row) => row.status === 'retired').length).toBeGreaterThanOrEqual(2);
    expect(fewer.registry.segments.filter((entry) => entry.index !== null)).toHaveLength(8);
    const more = matchSegments(registry, (await segment(0, 12)).document);
    console.log(`demo, k 10 -> 12:\n${formatMatchTable(more.table)}`);
    expect(more.table.filter((row) => row.status === 'new').length).toBeGreaterThanOrEqual(2);
    expect(more.registry.segments.filter((entry) => entry.status === 'active').length).toBeGreaterThanOrEqual(8);
  });
});
