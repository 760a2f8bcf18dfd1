import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runLogPath, segmentationPath } from '../../../scripts/document/paths.js';
import { readInvocation, segmentCommand } from '../../../scripts/document/segment-command.js';
import type { Segmentation } from '../../../scripts/document/segmentation-schema.js';
import { makeSegmentationFixture } from '../../helpers/segmentation-fixture.js';
import { tempDir } from '../../helpers/tiny-survey.js';

/** A real year's document as `npm run segment` writes it with its defaults, read from the year's zip. */
function realYear(): Segmentation {
  const doc = makeSegmentationFixture();
  const p = doc.metadata.parameters;
  return {
    ...doc,
    synthetic: false,
    survey: { ...doc.survey, year: 2021 },
    modelSelection: null,
    metadata: {
      ...doc.metadata,
      seed: 0,
      input: { ...doc.metadata.input, file: 'kaggle-survey-2021.zip:kaggle_survey_2021_responses.csv' },
      parameters: {
        ...p,
        clusters: 10,
        stabilityRuns: 15,
        published: 'consensus',
        clusterEmbedding: { ...p.clusterEmbedding, init: 'spectral' },
        mixture: { ...p.mixture, init: 'kmeans' },
      },
    },
  };
}

describe('segmentCommand', () => {
  it("without a run log, names the year's survey under ../shared/data/kaggle and only the options that differ", () => {
    const doc = realYear();
    expect(segmentCommand(doc, null)).toBe(
      'npm run segment -- --survey 2021 --input ../shared/data/kaggle/2021/kaggle-survey-2021.zip',
    );
    const cwd = '/work/project';
    expect(segmentCommand(doc, null, { dataDir: '/work/project/data', contentDir: '/work/project/content' }, cwd)).toBe(
      'npm run segment -- --survey 2021 --input ../shared/data/kaggle/2021/kaggle-survey-2021.zip',
    );
    const other = {
      ...doc,
      metadata: {
        ...doc.metadata,
        seed: 7,
        parameters: { ...doc.metadata.parameters, clusters: 12, published: 'single-run' as const },
      },
    };
    expect(
      segmentCommand(other, null, { dataDir: '/work/project/data/preview', contentDir: '/elsewhere/content' }, cwd),
    ).toBe(
      'npm run segment -- --survey 2021 --input ../shared/data/kaggle/2021/kaggle-survey-2021.zip --out data/preview --content /elsewhere/content --seed 7 --clusters 12 --single-run',
    );
  });

  it("without a run log, names the synthetic demo's survey beside its documents, with --update-registry", () => {
    const demo = {
      ...realYear(),
      synthetic: true,
      metadata: {
        ...realYear().metadata,
        input: { ...realYear().metadata.input, file: 'kaggle_survey_2020_responses.csv' },
      },
    };
    expect(segmentCommand(demo, null, { dataDir: '/p/data/demo', contentDir: '/p/content/demo' }, '/p')).toBe(
      'npm run segment -- --survey 2021 --input data/demo/kaggle_survey_2020_responses.csv --out data/demo --content content/demo --synthetic --update-registry',
    );
  });

  it('repeats the paths the analyst typed, recorded in the run log, quoted for the shell', () => {
    const dir = tempDir();
    const data = join(dir, 'data');
    mkdirSync(data, { recursive: true });
    expect(readInvocation(data, 2021)).toBeNull();
    writeFileSync(runLogPath(segmentationPath(data, 2021)), '{ not json');
    expect(readInvocation(data, 2021)).toBeNull();
    writeFileSync(
      runLogPath(segmentationPath(data, 2021)),
      JSON.stringify({
        invocation: {
          survey: null,
          config: 'my configs/2021.yaml',
          input: "Kaggle's 2021.zip",
          out: 'data',
          content: 'content',
          updateRegistry: true,
        },
      }),
    );
    const invocation = readInvocation(data, 2021);
    expect(segmentCommand(realYear(), invocation)).toBe(
      `npm run segment -- --config 'my configs/2021.yaml' --input 'Kaggle'\\''s 2021.zip' --update-registry`,
    );
  });
});
