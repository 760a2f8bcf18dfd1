/**
 * The other real years (../shared/data/kaggle, present in CI) segment with their built-in configs: counts
 * per year, as each year's own professional rule defines them.
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { surveyFileOf } from '../../scripts/cli/segment-years.js';
import { builtInConfigPath, loadConfig } from '../../scripts/config/load.js';
import { resolveParameters } from '../../scripts/segment/parameters.js';
import { runSegmentation } from '../../scripts/segment/pipeline.js';

const DATA = new URL('../../../shared/data/kaggle/', import.meta.url).pathname;

/** Counts measured on Kaggle's files with this project's configs (respondents: PROVENANCE.md). */
/** Professionals after each config's completeness rule; the same counts come from the raw files in Python (issue 16's closing note). */
const EXPECTED = {
  2017: { respondents: 16_716, droppedNearlyEmpty: 3_260, professionals: 7_773, rule: 'answers' },
  2018: { respondents: 23_859, droppedNearlyEmpty: 4_539, professionals: 14_329, rule: 'answers' },
  2019: { respondents: 19_717, droppedNearlyEmpty: 3_032, professionals: 7_263, rule: 'answers' },
  2022: { respondents: 23_997, droppedNearlyEmpty: 1_397, professionals: 5_234, rule: 'answers' },
} as const;

describe.each(Object.entries(EXPECTED))('segmenting the real %s survey', (year, expected) => {
  it('reads, drops, splits and clusters as expected', async () => {
    const input = surveyFileOf(DATA, Number(year));
    expect(input !== null && existsSync(input), `the ${year} survey is missing under ${DATA}`).toBe(true);
    const run = await runSegmentation({
      input: input!,
      config: loadConfig(builtInConfigPath(year)),
      parameters: resolveParameters(),
    });
    const { counts, professionalRule, segments } = run.document;
    expect(counts.respondents).toBe(expected.respondents);
    expect(counts.droppedNearlyEmpty).toBe(expected.droppedNearlyEmpty);
    expect(professionalRule.rule).toBe(expected.rule);
    expect(counts.professionals).toBe(expected.professionals);
    expect(segments).toHaveLength(10);
    expect(segments.reduce((n, s) => n + s.size, 0)).toBe(counts.professionals);
    // No published segment is made of non-answerers (segment records its completeness warning as a notice).
    expect(run.document.metadata.notices.filter((n) => n.includes('non-answerers'))).toEqual([]);
  }, 600_000);
});
