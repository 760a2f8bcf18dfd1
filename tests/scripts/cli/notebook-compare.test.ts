import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { main } from '../../../scripts/cli/notebook-compare.js';
import { captureStderr } from '../../helpers/capture-stderr.js';
import { makeSegmentationFixture } from '../../helpers/segmentation-fixture.js';

const stderr = captureStderr();

function inputs() {
  const dir = mkdtempSync(join(tmpdir(), 'notebook-compare-'));
  const doc = makeSegmentationFixture(1);
  const document = join(dir, 'segmentation-2020.json');
  writeFileSync(document, JSON.stringify(doc));
  const python = doc.features.findIndex((f) => f.label === 'Python');
  const figures = join(dir, 'figures.yaml');
  writeFileSync(
    figures,
    [
      'year: 2020',
      'tolerance: 0.05',
      'overall:',
      `  - { says: use Python, feature: ${doc.features[python].id}, quoted: ${doc.overall.rates[python]}, compare: about }`,
      '  - { says: use Python rarely, feature: ' + doc.features[python].id + ', quoted: 0.01, compare: less-than }',
      'clusters:',
      `  - { id: a, notebookClusters: [0], name: A, figures: [{ says: is the largest, size: true, rank: highest }] }`,
    ].join('\n'),
  );
  return { document, figures };
}

describe('notebook:compare', () => {
  it('prints each figure with its verdict and the count that holds', async () => {
    const { document, figures } = inputs();
    let out = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      out += String(chunk);
      return true;
    });
    expect(await main(['--document', document, '--figures', figures])).toBe(0);
    expect(out).toMatch(/holds {2}use Python: notebook about \d+%/);
    expect(out).toMatch(/misses {2}use Python rarely: notebook less than 1%/);
    expect(out).toMatch(/A \(notebook cluster 0\) → segment \d+: 1 of 1 hold/);
    expect(out).toMatch(/\n2 of 3 figures hold\n/);
  });

  it('scores several documents at once, one line each', async () => {
    const { document, figures } = inputs();
    let out = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      out += String(chunk);
      return true;
    });
    expect(await main(['--document', document, '--document', document, '--figures', figures])).toBe(0);
    expect(out).toBe(`${document}: 2 of 3 figures hold\n`.repeat(2));
  });

  it('needs a document or a labels file with its survey', async () => {
    expect(await main([])).toBe(2);
    expect(stderr.text).toMatch(/give either --document FILE or --labels FILE/);
    expect(await main(['--labels', 'x.csv'])).toBe(2);
    expect(stderr.text).toMatch(/--labels needs --input SURVEY/);
  });
});
