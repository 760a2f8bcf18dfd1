/**
 * The out-of-the-box run: the synthetic demo survey, segmented with the 2020 config, must find the segments
 * planted in it.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { builtInConfigPath, loadConfig } from '../../scripts/config/load.js';
import { generateDemoSurvey, DEMO_DEFAULTS } from '../../scripts/demo/generate.js';
import { runSegmentation, type SegmentRun } from '../../scripts/segment/pipeline.js';
import { adjustedRandIndex } from '../../scripts/segment/metrics.js';
import { tempDir } from '../helpers/tiny-survey.js';

describe('segmenting the synthetic demo survey', () => {
  let run: SegmentRun;
  let truth: Int32Array;

  beforeAll(async () => {
    const demo = generateDemoSurvey({ seed: DEMO_DEFAULTS.seed, respondents: DEMO_DEFAULTS.respondents });
    truth = demo.truth;
    const path = join(tempDir(), 'kaggle_survey_2020_responses.csv');
    writeFileSync(path, demo.csv);
    run = await runSegmentation({ input: path, config: loadConfig(builtInConfigPath(2020)), seed: 0, clusters: 10, selectK: false, synthetic: true });
  });

  it('finds the planted professionals', () => {
    const planted = Array.from(truth).filter((t) => t >= 0).length;
    expect(run.document.counts.professionals).toBe(planted);
    const clustered = run.labels.filter((l) => l.segment >= 0);
    expect(clustered.every((l) => truth[l.row] >= 0)).toBe(true);
  });

  it('recovers the planted segments with an adjusted Rand index of at least 0.8', () => {
    const clustered = run.labels.filter((l) => l.segment >= 0);
    const ari = adjustedRandIndex(clustered.map((l) => l.segment), clustered.map((l) => truth[l.row]));
    console.log(`demo: adjusted Rand index against planted segments = ${ari.toFixed(3)}`);
    expect(ari).toBeGreaterThanOrEqual(0.8);
  });

  it('says the document is synthetic', () => {
    expect(run.document.synthetic).toBe(true);
    expect(run.document.segments).toHaveLength(10);
  });
});
