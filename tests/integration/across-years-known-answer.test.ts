/**
 * The year-to-year matcher on a case whose answer is known (issue 19). The real 2021 survey is drawn as two
 * overlapping random subsets of its respondents (each 70%, so 40% are in both); each is segmented as a
 * year is published (the consensus of 16 runs; the single run's segments move between seeds, ARI about 0.5,
 * so members would not say what "the same segment" is); the second is dressed as another year: question codes renumbered, and "None" and other
 * answers worded as 2018 worded them, so that only configs/answers.yaml can carry them across. Matched as
 * two years, the right pairing is the one the shared respondents say.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { builtInConfigPath, loadConfig } from '../../scripts/config/load.js';
import type { Segmentation } from '../../scripts/document/segmentation-schema.js';
import {
  type AcrossYearsComparison,
  compareAcrossYears,
  sharedAnswerKeys,
} from '../../scripts/identity/across-years.js';
import { loadAnswerAliases } from '../../scripts/identity/answer-map.js';
import { resolveParameters } from '../../scripts/segment/parameters.js';
import { runSegmentation } from '../../scripts/segment/pipeline.js';
import type { SegmentRun } from '../../scripts/segment/types.js';
import {
  dressAsAnotherYear,
  membersPair,
  type Subsets,
  sharedMembers,
  writeOverlappingSubsets,
  zipEntryText,
} from '../helpers/known-answer.js';
import { tempDir } from '../helpers/tiny-survey.js';

const ZIP = new URL('../../../shared/data/kaggle/2021/kaggle-survey-2021.zip', import.meta.url).pathname;
// 2021's texts -> 2018's, which configs/answers.yaml maps back.
const AS_2018 = {
  'cloud-platforms': { None: 'I have not used any cloud providers' },
  'cloud-compute': { 'No / None': 'None' },
  'managed-ml': { 'No / None': 'None' },
  'media-sources': { None: 'None/I do not know' },
  visualization: { 'Ggplot / ggplot2': 'ggplot2', 'Plotly / Plotly Express': 'Plotly' },
  'hosted-notebooks': { 'Kaggle Notebooks': 'Kaggle Kernels', 'Colab Notebooks': 'Google Colab' },
};

describe('the year-to-year matcher on a known answer: two overlapping subsets of 2021', () => {
  const config = loadConfig(builtInConfigPath(2021));
  const aliases = loadAnswerAliases();
  let subsets: Subsets;
  let a: SegmentRun;
  let b: SegmentRun;
  let dressed: Segmentation;
  let comparison: AcrossYearsComparison;
  let members: number[][];

  beforeAll(async () => {
    expect(existsSync(ZIP), `${ZIP} (the real survey) is missing`).toBe(true);
    const dir = tempDir('known-answer-');
    mkdirSync(join(dir, 'a'));
    mkdirSync(join(dir, 'b'));
    const csv = await zipEntryText(ZIP, config.config.responsesFile);
    const written = writeOverlappingSubsets(csv, dir, config.config.responsesFile, 0.7, 19);
    subsets = written;
    const options = { config, parameters: resolveParameters() };
    a = await runSegmentation({ ...options, input: written.fileA });
    b = await runSegmentation({ ...options, input: written.fileB });
    dressed = dressAsAnotherYear(b.document, 2022, AS_2018);
    comparison = compareAcrossYears(a.document, dressed, { aliases });
    members = sharedMembers(a.labels, b.labels, subsets, a.document.segments.length, b.document.segments.length);
  }, 900_000);

  it('draws two overlapping subsets and compares them on the mapped answers only', () => {
    const overlap = subsets.rowsA.filter((r) => new Set(subsets.rowsB).has(r)).length;
    expect(overlap / 25_973).toBeGreaterThan(0.38);
    expect(overlap / 25_973).toBeLessThan(0.42);
    // Without the answer map the reworded answers are lost; with it every answer of A has its counterpart.
    const mapped = sharedAnswerKeys(a.document, dressed, aliases);
    expect(sharedAnswerKeys(a.document, dressed).length).toBeLessThan(mapped.length);
    expect(mapped).toContain('cloud-platforms|none');
    expect(mapped).toContain('visualization|ggplot / ggplot2');
  });

  it('pairs segments as their shared members say', () => {
    const paired = comparison.rows.filter((r) => r.prevIndex !== null && r.nextIndex !== null);
    const right = paired.filter((r) => membersPair(members, r.prevIndex!, r.nextIndex!));
    const counts = Object.fromEntries(
      ['persists', 'grows', 'shrinks', 'splits', 'merges', 'appears', 'disappears'].map((s) => [
        s,
        comparison.rows.filter((r) => r.status === s).length,
      ]),
    );
    console.log(
      `known answer: ${right.length} of ${paired.length} pairings as members say (${Math.round((100 * right.length) / paired.length)}%), ` +
        `${comparison.refused.length} refused; transitions ${JSON.stringify(counts)}`,
    );
    // And the other way round: of the first subset's segments, those paired with the segment that holds most
    // of their shared members.
    const found = members.filter((row, i) =>
      paired.some((r) => r.prevIndex === i && row[r.nextIndex!] === Math.max(...row)),
    ).length;
    console.log(
      `known answer: ${found} of ${members.length} segments paired with the segment holding most of their members`,
    );
    expect(found / members.length).toBeGreaterThanOrEqual(0.8);
    expect(paired.length).toBeGreaterThanOrEqual(8);
    expect(right.length / paired.length).toBeGreaterThanOrEqual(0.9);
    // Every pairing shows its evidence: defining answers both sides share.
    for (const r of paired) expect(r.evidence.length).toBeGreaterThan(0);
  });

  it('refuses only pairings that members do not make', () => {
    const wrong = comparison.refused.filter((r) => membersPair(members, r.prevIndex, r.nextIndex));
    console.log(
      `known answer: ${comparison.refused.length - wrong.length} of ${comparison.refused.length} refusals confirmed by members`,
    );
    expect(wrong).toEqual([]);
    // A refused pair never appears among the pairings.
    for (const r of comparison.refused)
      expect(comparison.rows.some((row) => row.prevIndex === r.prevIndex && row.nextIndex === r.nextIndex)).toBe(false);
  });
});
