/**
 * The segment command end to end on a tiny survey: what it writes, and that bad input leaves earlier output
 * untouched with a clear message.
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { main } from '../../../scripts/cli/segment.js';
import { SegmentationSchema } from '../../../scripts/document/segmentation-schema.js';
import { PARAMETER_DEFAULTS } from '../../../scripts/segment/parameters.js';
import { captureStderr } from '../../helpers/capture-stderr.js';
import { tinyPopulation } from '../../helpers/tiny-population.js';
import { tempDir, tinyConfig, tinyCsv, writeTiny } from '../../helpers/tiny-survey.js';

const stderr = captureStderr();

async function goodRun() {
  const dir = tempDir();
  const { csv, yaml } = writeTiny(dir, tinyPopulation());
  const out = join(dir, 'out');
  const code = await main([
    '--config',
    yaml,
    '--input',
    csv,
    '--out',
    out,
    '--content',
    join(dir, 'content'),
    '--clusters',
    '2',
    '--labels-csv',
    join(out, 'labels.csv'),
  ]);
  expect(code).toBe(0);
  const path = join(out, 'segmentation-2099.json');
  return { dir, csv, yaml, out, path, bytes: readFileSync(path) };
}

/** Runs the command expecting failure, then checks the earlier output is byte for byte what it was. */
async function expectFailureKeepsOutput(args: (run: Awaited<ReturnType<typeof goodRun>>) => string[], message: RegExp) {
  const run = await goodRun();
  const before = statSync(run.path).mtimeMs;
  const code = await main(args(run));
  expect(code).toBeGreaterThan(0);
  expect(stderr.text).toMatch(message);
  expect(readFileSync(run.path).equals(run.bytes)).toBe(true);
  expect(statSync(run.path).mtimeMs).toBe(before);
}

describe('npm run segment', () => {
  it('writes a schema-valid document, a run log and labels for every respondent', async () => {
    const run = await goodRun();
    const doc = SegmentationSchema.parse(JSON.parse(run.bytes.toString()));
    expect(doc.counts.respondents).toBe(90);
    expect(doc.counts.professionals).toBe(60);
    expect(doc.segments).toHaveLength(2);
    expect(doc.segments.map((s) => s.size).sort()).toEqual([30, 30]);
    const labels = readFileSync(join(run.out, 'labels.csv'), 'utf8').trim().split('\n');
    expect(labels[0]).toBe('row,kept,professional,segment');
    expect(labels).toHaveLength(91);
    expect(labels[3]).toBe('2,1,0,-1'); // a student
    const runLog = JSON.parse(readFileSync(join(run.out, 'segmentation-2099.run.json'), 'utf8'));
    expect(Object.keys(runLog.timingsMs)).toEqual([
      'read',
      'encode',
      'map',
      'split',
      'embed',
      'professional-map',
      'stability',
      'cluster',
      'consensus',
      'profile',
    ]);
    // Published by default: the consensus of the main run and its re-runs, with every segment's stability.
    expect(doc.metadata.parameters).toMatchObject({ stabilityRuns: PARAMETER_DEFAULTS.reruns, published: 'consensus' });
    expect(doc.stability!.runs).toBe(PARAMETER_DEFAULTS.reruns);
    expect(doc.segments.every((s) => s.stability !== null && s.stability.found <= PARAMETER_DEFAULTS.reruns)).toBe(
      true,
    );
    expect(doc.map.agreement.filter((a) => a >= 0)).toHaveLength(60);
    // The segment map: the professionals' own 2-D map, one point per professional, spread out (not all at one spot).
    expect(doc.professionalMap!.x).toHaveLength(60);
    expect(doc.professionalMap!.y).toHaveLength(60);
    expect(new Set(doc.professionalMap!.x).size).toBeGreaterThan(30);
    expect(doc.metadata.parameters.professionalMap).toMatchObject({ nComponents: 2, metric: 'jaccard' });
    expect(stderr.text).toContain('✓ read survey');
    const registry = JSON.parse(readFileSync(join(run.dir, 'content', 'registry', '2099.json'), 'utf8'));
    expect(registry.segments.map((s: { status: string }) => s.status)).toEqual(['new', 'new']);
    expect(stderr.text).toContain('segment identity');
  });

  it('publishes the single run with --single-run, and measures nothing with --stability 0', async () => {
    const run = await goodRun();
    const base = ['--config', run.yaml, '--input', run.csv, '--content', join(run.dir, 'content'), '--clusters', '2'];
    expect(await main([...base, '--out', join(run.dir, 'single'), '--single-run', '--stability', '3'])).toBe(0);
    const single = SegmentationSchema.parse(
      JSON.parse(readFileSync(join(run.dir, 'single', 'segmentation-2099.json'), 'utf8')),
    );
    expect(single.metadata.parameters).toMatchObject({ stabilityRuns: 3, published: 'single-run' });
    expect(single.stability!.runs).toBe(3);
    expect(await main([...base, '--out', join(run.dir, 'none'), '--stability', '0'])).toBe(0);
    const none = SegmentationSchema.parse(
      JSON.parse(readFileSync(join(run.dir, 'none', 'segmentation-2099.json'), 'utf8')),
    );
    expect(none.metadata.parameters).toMatchObject({ stabilityRuns: 0, published: 'single-run' });
    expect(none.stability).toBeNull();
    expect(none.segments.every((s) => s.stability === null)).toBe(true);
    expect(await main([...base, '--stability', 'many'])).toBe(2);
    expect(stderr.text).toContain('--stability many: expected a whole number of at least 0');
    expect(await main([...base, '--init', 'pca'])).toBe(2);
    expect(stderr.text).toContain('--init pca: expected one of spectral, random');
  });

  it('gives byte-identical JSON for the same input, config and seed, whatever the threads, and different for another seed', async () => {
    const run = await goodRun();
    const again = join(run.dir, 'again');
    await main([
      '--config',
      run.yaml,
      '--input',
      run.csv,
      '--out',
      again,
      '--content',
      join(run.dir, 'content'),
      '--clusters',
      '2',
    ]);
    expect(readFileSync(join(again, 'segmentation-2099.json')).equals(run.bytes)).toBe(true);
    // The re-runs land on other workers, in another order, with another number of threads: same bytes. The
    // default is the machine's cores, so 2 is named too (stage 5's graph then goes from one worker to the other).
    for (const threads of ['1', '2', '3']) {
      const elsewhere = join(run.dir, `threads-${threads}`);
      await main([
        '--config',
        run.yaml,
        '--input',
        run.csv,
        '--out',
        elsewhere,
        '--content',
        join(run.dir, 'content'),
        '--clusters',
        '2',
        '--threads',
        threads,
      ]);
      expect(readFileSync(join(elsewhere, 'segmentation-2099.json')).equals(run.bytes)).toBe(true);
    }
    const other = join(run.dir, 'other');
    await main([
      '--config',
      run.yaml,
      '--input',
      run.csv,
      '--out',
      other,
      '--content',
      join(run.dir, 'content-other'),
      '--clusters',
      '2',
      '--seed',
      '7',
    ]);
    expect(readFileSync(join(other, 'segmentation-2099.json')).equals(run.bytes)).toBe(false);
  });

  it('reuses a fresh segmentation, and recomputes with --force or when the config changes', async () => {
    const run = await goodRun();
    const args = [
      '--config',
      run.yaml,
      '--input',
      run.csv,
      '--out',
      run.out,
      '--content',
      join(run.dir, 'content'),
      '--clusters',
      '2',
    ];
    const before = statSync(run.path).mtimeMs;
    stderr.clear();
    expect(await main(args)).toBe(0);
    expect(stderr.text).toContain('is up to date');
    expect(statSync(run.path).mtimeMs).toBe(before);
    stderr.clear();
    expect(await main([...args, '--force'])).toBe(0);
    expect(stderr.text).not.toContain('is up to date');
    writeFileSync(run.yaml, stringify(tinyConfig({ title: 'Renamed' })));
    stderr.clear();
    expect(await main(args)).toBe(0);
    expect(stderr.text).not.toContain('is up to date');
    expect(JSON.parse(readFileSync(run.path, 'utf8')).survey.title).toBe('Renamed');
  });

  it('keeps earlier output when the input file is missing', async () => {
    await expectFailureKeepsOutput(
      (r) => [
        '--config',
        r.yaml,
        '--input',
        join(r.dir, 'nope.csv'),
        '--out',
        r.out,
        '--content',
        join(r.dir, 'content'),
      ],
      /nope\.csv: cannot read the survey \(no such file\)/,
    );
  });

  it('keeps earlier output when the input is empty', async () => {
    await expectFailureKeepsOutput((r) => {
      writeFileSync(join(r.dir, 'empty.csv'), '');
      return [
        '--config',
        r.yaml,
        '--input',
        join(r.dir, 'empty.csv'),
        '--out',
        r.out,
        '--content',
        join(r.dir, 'content'),
      ];
    }, /empty\.csv: is empty/);
  });

  it('keeps earlier output when a row has the wrong number of fields', async () => {
    await expectFailureKeepsOutput((r) => {
      const lines = tinyCsv(tinyPopulation()).split('\n');
      lines[10] = lines[10].split(',').slice(0, 4).join(',');
      writeFileSync(join(r.dir, 'ragged.csv'), lines.join('\n'));
      return [
        '--config',
        r.yaml,
        '--input',
        join(r.dir, 'ragged.csv'),
        '--out',
        r.out,
        '--content',
        join(r.dir, 'content'),
      ];
    }, /ragged\.csv:11: row has 4 fields; expected 11/);
  });

  it('keeps earlier output when an answer is outside its ordered list', async () => {
    await expectFailureKeepsOutput((r) => {
      writeFileSync(
        join(r.dir, 'odd.csv'),
        tinyCsv([...tinyPopulation(), { role: 'Analyst', languages: ['R'], cloudA: ['GCP'], mlYears: 'forever' }]),
      );
      return [
        '--config',
        r.yaml,
        '--input',
        join(r.dir, 'odd.csv'),
        '--out',
        r.out,
        '--content',
        join(r.dir, 'content'),
      ];
    }, /odd\.csv:93, column Q4: answer "forever" is not in the configured order of Q4/);
  });

  it('keeps earlier output when the file is of another survey year, listing the missing columns', async () => {
    await expectFailureKeepsOutput((r) => {
      const config = tinyConfig();
      config.questions.push({ code: 'Q17', label: 'ML algos', group: 'ML', type: 'multi' });
      writeFileSync(join(r.dir, 'other-year.yaml'), stringify(config));
      return [
        '--config',
        join(r.dir, 'other-year.yaml'),
        '--input',
        r.csv,
        '--out',
        r.out,
        '--content',
        join(r.dir, 'content'),
      ];
    }, /does not look like the 2099 survey: 1 configured question has no column in it: Q17 \(ML algos\)/);
  });

  it('keeps earlier output when the config fails its schema', async () => {
    await expectFailureKeepsOutput((r) => {
      writeFileSync(join(r.dir, 'bad.yaml'), stringify({ ...tinyConfig(), dropRowMeanAtMost: 3 }));
      return [
        '--config',
        join(r.dir, 'bad.yaml'),
        '--input',
        r.csv,
        '--out',
        r.out,
        '--content',
        join(r.dir, 'content'),
      ];
    }, /bad\.yaml: the survey configuration does not match its schema \(1 problem\):\n {2}- line \d+: dropRowMeanAtMost: /);
  });

  it('keeps earlier output when --clusters exceeds the number of professionals', async () => {
    await expectFailureKeepsOutput(
      (r) => [
        '--config',
        r.yaml,
        '--input',
        r.csv,
        '--out',
        r.out,
        '--content',
        join(r.dir, 'content'),
        '--clusters',
        '61',
      ],
      /--clusters 61 is larger than the number of professionals found \(60\)/,
    );
  });

  it('reports the BIC for k = 2..15 with --select-k', async () => {
    const dir = tempDir();
    const { csv, yaml } = writeTiny(dir, tinyPopulation());
    expect(
      await main([
        '--config',
        yaml,
        '--input',
        csv,
        '--out',
        dir,
        '--content',
        join(dir, 'content'),
        '--clusters',
        '2',
        '--select-k',
      ]),
    ).toBe(0);
    const doc = SegmentationSchema.parse(JSON.parse(readFileSync(join(dir, 'segmentation-2099.json'), 'utf8')));
    expect(doc.modelSelection!.map((m) => m.k)).toEqual(Array.from({ length: 14 }, (_, i) => i + 2));
    expect(doc.modelSelection!.every((m) => Number.isFinite(m.bic))).toBe(true);
    expect(stderr.text).toMatch(/k {3}BIC\n2 {3}-?\d/);
  });

  it('rejects bad options with usage help', async () => {
    expect(await main(['--survey', '2021'])).toBe(2);
    expect(stderr.text).toContain('--input is required');
    expect(await main(['--survey', '1999', '--input', 'x.csv'])).toBe(2);
    expect(stderr.text).toContain('no built-in configuration');
    expect(await main(['--config', 'a.yaml', '--input', 'x.csv', '--seed', 'abc'])).toBe(2);
    expect(stderr.text).toContain('--seed abc: expected a whole number');
    expect(await main(['--config', 'a.yaml', '--input', 'x.csv', '--threads', '0'])).toBe(2);
    expect(stderr.text).toMatch(/--threads 0: expected a whole number of at least 1/);
  });
});
