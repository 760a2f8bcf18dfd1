import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { checkSummaries, main } from '../../../scripts/identity/check.js';
import { reviewedSnapshot } from '../../../scripts/identity/drift.js';
import { matchSegments } from '../../../scripts/identity/match.js';
import { registryPath, writeRegistry } from '../../../scripts/document/io.js';
import type { Reviewed } from '../../../scripts/document/summary-schema.js';
import { distinctProfiles, makeSegmentation } from '../../helpers/synthetic-segmentation.js';

const root = await mkdtemp(join(tmpdir(), 'identity-check-'));
afterAll(() => rm(root, { recursive: true, force: true }));

const profiles = distinctProfiles(4, 13);
const doc = makeSegmentation(profiles.slice(0, 3).map((lift, i) => ({ lift, size: 40 - i })));
const { registry: first } = matchSegments(null, doc);
// Second run: segment 2 replaced, so its slug retires; this is what the committed registry holds.
const rerun = makeSegmentation([profiles[0], profiles[1], profiles[3]].map((lift, i) => ({ lift, size: 40 - i })));
const { registry } = matchSegments(first, rerun);
const [slug0, slug1] = [0, 1].map((i) => registry.segments.find((e) => e.index === i)!.slug);
const retiredSlug = registry.segments.find((e) => e.status === 'retired')!.slug;

function mdx(front: Record<string, unknown> | string): string {
  const yaml = typeof front === 'string' ? front : Object.entries(front).map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join('\n');
  return `---\n${yaml}\n---\n\nSummary text.\n`;
}

async function project(name: string, files: Record<string, string>): Promise<{ contentDir: string; dataDir: string }> {
  const contentDir = join(root, name, 'content');
  const dataDir = join(root, name, 'data');
  await mkdir(join(contentDir, 'segments', '2021'), { recursive: true });
  await mkdir(dataDir, { recursive: true });
  await writeRegistry(registryPath(contentDir, 2021), registry);
  await writeFile(join(dataDir, 'segmentation-2021.json'), JSON.stringify(rerun));
  for (const [file, text] of Object.entries(files)) await writeFile(join(contentDir, 'segments', '2021', file), text);
  return { contentDir, dataDir };
}

const fresh: Reviewed = reviewedSnapshot(rerun, 0, '2024-05-01');
const stale: Reviewed = reviewedSnapshot(doc, 2, '2024-01-01'); // what segment 2 looked like before it was replaced

describe('identity check', () => {
  it('passes summaries of live segments whose lifts did not move', async () => {
    const dirs = await project('clean', { [`${slug0}.mdx`]: mdx({ segment: slug0, reviewed: fresh }), [`${slug1}.mdx`]: mdx({ segment: slug1 }) });
    const report = await checkSummaries(dirs);
    expect(report.problems).toEqual([]);
    expect(report.summaries).toBe(2);
    expect(report.unreviewed).toEqual([join(dirs.contentDir, 'segments', '2021', `${slug1}.mdx`)]);
    const out: string[] = [];
    expect(await main(['--content', dirs.contentDir, '--data', dirs.dataDir], (l) => out.push(l), (l) => out.push(l))).toBe(0);
  });

  it('reports every problem at once, each naming its file', async () => {
    const dirs = await project('broken', {
      'missing.mdx': mdx({ segment: 'no-such-segment' }),
      'retired.mdx': mdx({ segment: retiredSlug }),
      // Segment 1 now reviewed with the lifts of the old segment 2: drifted.
      [`${slug1}.mdx`]: mdx({ segment: slug1, reviewed: stale }),
      'no-slug.mdx': mdx({ title: 'forgot the segment' }),
      'bad-yaml.mdx': mdx('segment: [unclosed'),
    });
    const report = await checkSummaries(dirs);
    const file = (name: string) => join(dirs.contentDir, 'segments', '2021', name);
    const byFile = new Map(report.problems.map((p) => [p.file, p]));
    expect(byFile.get(file('missing.mdx'))).toMatchObject({ kind: 'unknown-slug', slug: 'no-such-segment' });
    expect(byFile.get(file('missing.mdx'))!.message).toContain(`${file('missing.mdx')}: segment "no-such-segment" is not in ${registryPath(dirs.contentDir, 2021)}`);
    expect(byFile.get(file('retired.mdx'))).toMatchObject({ kind: 'retired-slug', slug: retiredSlug });
    expect(byFile.get(file(`${slug1}.mdx`))).toMatchObject({ kind: 'drift', slug: slug1 });
    expect(byFile.get(file(`${slug1}.mdx`))!.similarity!).toBeLessThan(0.8);
    expect(byFile.get(file('no-slug.mdx'))!.kind).toBe('front-matter');
    expect(byFile.get(file('bad-yaml.mdx'))!.message).toMatch(/bad-yaml\.mdx:2: invalid YAML front matter/);
    expect(report.problems).toHaveLength(5);

    const errors: string[] = [];
    expect(await main(['--content', dirs.contentDir, '--data', dirs.dataDir], () => {}, (l) => errors.push(l))).toBe(1);
    expect(errors.join('\n')).toContain('missing.mdx');
  });

  it('flags a registry built from another segmentation than the data file', async () => {
    const dirs = await project('stale-registry', { [`${slug0}.mdx`]: mdx({ segment: slug0, reviewed: fresh }) });
    await writeFile(join(dirs.dataDir, 'segmentation-2021.json'), JSON.stringify({ ...rerun, synthetic: false }));
    const report = await checkSummaries(dirs);
    expect(report.problems.map((p) => p.kind)).toEqual(['registry']);
    expect(report.problems[0].message).toMatch(/was built from a different segmentation than .*segmentation-2021\.json/);
  });

  it('warns, without failing, when a summary describes a segment that dissolves on re-runs', async () => {
    const dissolving = {
      ...rerun,
      segments: rerun.segments.map((s) => ({ ...s, stability: s.index === 0 ? { jaccard: 0.41, class: 'dissolved' as const, found: 3, core: 0.2 } : { jaccard: 0.9, class: 'stable' as const, found: 10, core: 0.9 } })),
    };
    const dirs = await project('dissolved', { [`${slug0}.mdx`]: mdx({ segment: slug0 }), [`${slug1}.mdx`]: mdx({ segment: slug1 }) });
    await writeFile(join(dirs.dataDir, 'segmentation-2021.json'), JSON.stringify(dissolving));
    await writeRegistry(registryPath(dirs.contentDir, 2021), matchSegments(first, dissolving).registry);
    const report = await checkSummaries(dirs);
    expect(report.problems).toEqual([]);
    expect(report.warnings).toHaveLength(1);
    expect(report.warnings[0]).toContain(`${slug0}.mdx`);
    expect(report.warnings[0]).toContain('dissolves when the clustering is re-run (stability 0.41');
    const errors: string[] = [];
    expect(await main(['--content', dirs.contentDir, '--data', dirs.dataDir], () => {}, (l) => errors.push(l))).toBe(0);
    expect(errors).toEqual([expect.stringContaining(`warning: ${join(dirs.contentDir, 'segments', '2021', slug0)}.mdx`)]);
  });

  it('runs as a CLI: exits non-zero and names the file', async () => {
    const dirs = await project('cli', { 'lost.mdx': mdx({ segment: 'lost-segment' }) });
    const run = promisify(execFile)('npx', ['tsx', 'scripts/identity/check.ts', '--content', dirs.contentDir, '--data', dirs.dataDir], { cwd: process.cwd() });
    const failure = await run.then(() => null, (error: { code: number; stderr: string }) => error);
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toContain(join(dirs.contentDir, 'segments', '2021', 'lost.mdx'));
    expect(failure?.stderr).toContain('"lost-segment" is not in');
  });
});

describe('identity check: what the build checks, per year', () => {
  const body = (text: string) => `---\nsegment: ${JSON.stringify(slug0)}\n---\n\n${text}\n`;

  it('reports every wrong component id with its line, column and the nearest ids', async () => {
    const dirs = await project('ids', {
      [`${slug0}.mdx`]: body('Python is used by <Share answer="Q7_Part_1"/> of them,\nR by <Share answer="Q7_Part_22"/> and <Lift answer="Keras"/> use Keras.'),
      [`${slug1}.mdx`]: mdx({ segment: slug1, merge: ['no-such-merge'] }),
    });
    await mkdir(join(dirs.contentDir, 'years'), { recursive: true });
    await writeFile(join(dirs.contentDir, 'years', '2021.mdx'), '---\ntitle: 2021\n---\n\nAll of them: <Share answer="Q16_Part_9"/>.\n');
    const report = await checkSummaries(dirs);
    const summary = join(dirs.contentDir, 'segments', '2021', `${slug0}.mdx`);
    const intro = join(dirs.contentDir, 'years', '2021.mdx');
    const references = report.problems.filter((p) => p.kind === 'reference');
    expect(references.map((p) => [p.file, p.line, p.column])).toEqual([
      [intro, 5, 14],
      [summary, 6, 6],
      [summary, 6, 39],
    ]);
    expect(references[0].message).toContain(`${intro}:5:14: <Share answer="Q16_Part_9">: no answer "Q16_Part_9" in the 2021 segmentation`);
    // Near by edit distance, and the question's own ids listed.
    expect(references[0].message).toContain('did you mean "Q16_Part_1" (Scikit-learn)');
    expect(references[0].message).toContain("Q16's answers: Q16_Part_1 Scikit-learn, Q16_Part_2 TensorFlow, Q16_Part_3 Keras");
    expect(references[1].message).toContain('did you mean "Q7_Part_2" (R)');
    // An answer's text instead of its id suggests the id.
    expect(references[2].message).toContain('<Lift answer="Keras">: no answer "Keras"; did you mean "Q16_Part_3" (Keras)'.replace('"Keras"; ', '"Keras" in the 2021 segmentation (answer ids look like Q7_Part_1 or Q4:2); '));
    const merge = report.problems.find((p) => p.file.endsWith(`${slug1}.mdx`));
    expect(merge).toMatchObject({ kind: 'unknown-slug', line: 3 });
    expect(merge!.message).toContain('merge names "no-such-merge"');
    expect(report.problems).toHaveLength(4);
    expect(report.summaries).toBe(3);
  });

  it('suggests the nearest live slug for an unknown segment and names a file that does not match its slug', async () => {
    const typo = slug0.slice(0, -1) + (slug0.endsWith('x') ? 'y' : 'x');
    const dirs = await project('slugs', { 'typo.mdx': mdx({ segment: typo }), 'renamed.mdx': mdx({ segment: slug1 }) });
    const report = await checkSummaries(dirs);
    const byFile = new Map(report.problems.map((p) => [p.file.split('/').at(-1), p]));
    expect(byFile.get('typo.mdx')!.message).toContain(`segment "${typo}" is not in ${registryPath(dirs.contentDir, 2021)}; did you mean "${slug0}"?`);
    expect(byFile.get('renamed.mdx')!.message).toContain(`renamed.mdx:2:11: front matter segment "${slug1}" does not match the file name "renamed.mdx"`);
  });

  it('lists a year without a document as not checked; --all-years and --year make it a failure', async () => {
    const dirs = await project('one-year', { [`${slug0}.mdx`]: mdx({ segment: slug0 }) });
    // 2022 has a summary (with a wrong id) and an introduction, but no segmentation document.
    await mkdir(join(dirs.contentDir, 'segments', '2022'), { recursive: true });
    await writeFile(join(dirs.contentDir, 'segments', '2022', 'later.mdx'), '---\nsegment: later\n---\n\n<Share answer="nope"/>\n');
    await mkdir(join(dirs.contentDir, 'years'), { recursive: true });
    await writeFile(join(dirs.contentDir, 'years', '2022.mdx'), '---\ntitle: 2022\n---\n\nText.\n');

    const report = await checkSummaries(dirs);
    expect(report.problems).toEqual([]);
    expect(report.summaries).toBe(1);
    expect(report.notChecked).toEqual([{ year: 2022, reason: expect.stringContaining(`no ${join(dirs.dataDir, 'segmentation-2022.json')}`) }]);
    const out: string[] = [];
    expect(await main(['--content', dirs.contentDir, '--data', dirs.dataDir], (l) => out.push(l), (l) => out.push(l))).toBe(0);
    expect(out).toContain(`not checked: 2022 (no ${join(dirs.dataDir, 'segmentation-2022.json')}: run \`npm run segment -- --survey 2022 ...\` (or copy the document) to check its 1 summary and the introduction)`);

    const strict = await checkSummaries({ ...dirs, allYears: true });
    expect(strict.problems.map((p) => [p.kind, p.file])).toEqual([['not-segmented', join(dirs.dataDir, 'segmentation-2022.json')]]);
    const errors: string[] = [];
    expect(await main(['--content', dirs.contentDir, '--data', dirs.dataDir, '--all-years'], () => {}, (l) => errors.push(l))).toBe(1);
    expect(errors.join('\n')).toContain('2022 not checked');

    // --year checks that year alone: 2021 passes, 2022 (asked for by name) fails.
    const only2021 = await checkSummaries({ ...dirs, year: 2021 });
    expect([only2021.problems, only2021.notChecked, only2021.summaries]).toEqual([[], [], 1]);
    expect(await main(['--content', dirs.contentDir, '--data', dirs.dataDir, '--year', '2021'], () => {}, () => {})).toBe(0);
    expect((await checkSummaries({ ...dirs, year: 2022 })).problems.map((p) => p.kind)).toEqual(['not-segmented']);
    expect(await main(['--content', dirs.contentDir, '--data', dirs.dataDir, '--year', '20x1'], () => {}, () => {})).toBe(2);
  });

  it('reports MDX that does not parse at its line', async () => {
    const dirs = await project('syntax', { [`${slug0}.mdx`]: body('Broken <Share answer="Q7_Part_1"') });
    const [problem] = (await checkSummaries(dirs)).problems;
    expect(problem).toMatchObject({ kind: 'reference', line: 5 });
    expect(problem.message).toMatch(/:5:\d+: MDX does not parse/);
  });
});
