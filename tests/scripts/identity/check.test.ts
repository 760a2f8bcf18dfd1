import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { registryPath, writeRegistry } from '../../../scripts/document/io.js';
import { subSegmentsPath } from '../../../scripts/document/paths.js';
import { SUB_SEGMENTS_SCHEMA_VERSION, type SubSegmentations } from '../../../scripts/document/subsegments-schema.js';
import type { Reviewed } from '../../../scripts/document/summary-schema.js';
import { checkSummaries, main } from '../../../scripts/identity/check.js';
import { reviewedSnapshot } from '../../../scripts/identity/drift.js';
import { matchSegments } from '../../../scripts/identity/match.js';
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
  // A title and a short name, as the site requires, unless the test is about them.
  const yaml =
    typeof front === 'string'
      ? front
      : Object.entries({ title: 'A segment', shortName: 'Segment', ...front })
          .map(([k, v]) => `${k}: ${JSON.stringify(v)}`)
          .join('\n');
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

/** Sub-segments of segment 0 as `npm run segment` writes them: two halves answering opposite halves of the features. */
function subSegmentsFile(sizes: [number, number]): SubSegmentations {
  const n = rerun.features.length;
  const lift = (sign: number) => Array.from({ length: n }, (_, f) => (f < n / 2 ? sign : -sign) * 0.2);
  const members = sizes[0] + sizes[1];
  return {
    schemaVersion: SUB_SEGMENTS_SCHEMA_VERSION,
    year: 2021,
    segmentationSha256: '0'.repeat(64),
    cacheKey: 'test',
    seed: 0,
    segments: [
      {
        slug: slug0,
        indices: [0],
        count: 2,
        members,
        baseRates: Array(n).fill(0.3),
        stabilityRuns: 0,
        parts: sizes.map((size, j) => ({
          size,
          share: size / members,
          rates: lift(j ? -1 : 1).map((l) => 0.3 + l),
          lift: lift(j ? -1 : 1),
          stability: null,
        })),
      },
    ],
  };
}

describe('identity check', () => {
  it("checks front matter as the site does: a summary's fields and a year introduction's headline", async () => {
    const dirs = await project('front-matter', {
      [`${slug0}.mdx`]: mdx({ segment: slug0, shortName: 'x'.repeat(41), colour: 'red' }),
    });
    await mkdir(join(dirs.contentDir, 'years'), { recursive: true });
    await writeFile(join(dirs.contentDir, 'years', '2021.mdx'), mdx(`title: The year\nheadline: "${'y'.repeat(241)}"`));
    const messages = (await checkSummaries(dirs)).problems.map((p) => p.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        `${join(dirs.contentDir, 'segments', '2021', `${slug0}.mdx`)}: front matter "shortName" is 41 characters long; at most 40`,
        `${join(dirs.contentDir, 'segments', '2021', `${slug0}.mdx`)}: front matter has unknown field "colour"`,
        `${join(dirs.contentDir, 'years', '2021.mdx')}: front matter "headline" is 241 characters long; at most 240`,
      ]),
    );
    expect(messages).toHaveLength(3);
  });

  it('flags a summary whose sub-segments split otherwise than when it was reviewed (673 + 569 -> 840 + 393)', async () => {
    const reviewedSplit = subSegmentsFile([673, 569]);
    const reviewed = reviewedSnapshot(rerun, 0, '2024-05-01', undefined, reviewedSplit.segments[0]);
    const dirs = await project('sub-drift', { [`${slug0}.mdx`]: mdx({ segment: slug0, subSegments: 2, reviewed }) });
    await writeFile(subSegmentsPath(dirs.dataDir, 2021), JSON.stringify(reviewedSplit));
    expect((await checkSummaries(dirs)).problems).toEqual([]);

    await writeFile(subSegmentsPath(dirs.dataDir, 2021), JSON.stringify(subSegmentsFile([840, 393])));
    const report = await checkSummaries(dirs);
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0]).toMatchObject({ kind: 'drift', slug: slug0 });
    expect(report.problems[0].message).toContain(
      `${slug0}.mdx (${slug0}): sub-segments changed since the review of 2024-05-01: 673 + 569 -> 840 + 393`,
    );
    expect(report.problems[0].message).toContain(
      `npm run summaries:review -- --year 2021 --slug ${slug0} --content ${dirs.contentDir} --data ${dirs.dataDir}`,
    );
  });

  it('passes summaries of live segments whose lifts did not move', async () => {
    // Files are named after their slugs, as the build requires.
    const dirs = await project('clean', {
      [`${slug0}.mdx`]: mdx({ segment: slug0, reviewed: fresh }),
      [`${slug1}.mdx`]: mdx({ segment: slug1 }),
    });
    const report = await checkSummaries(dirs);
    expect(report.problems).toEqual([]);
    expect(report.summaries).toBe(2);
    expect(report.unreviewed).toEqual([join(dirs.contentDir, 'segments', '2021', `${slug1}.mdx`)]);
    const out: string[] = [];
    expect(
      await main(
        ['--content', dirs.contentDir, '--data', dirs.dataDir],
        (l) => out.push(l),
        (l) => out.push(l),
      ),
    ).toBe(0);
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
    expect(byFile.get(file('missing.mdx'))!.message).toContain(
      `${file('missing.mdx')}: segment "no-such-segment" is not in ${registryPath(dirs.contentDir, 2021)}`,
    );
    expect(byFile.get(file('retired.mdx'))).toMatchObject({ kind: 'retired-slug', slug: retiredSlug });
    expect(byFile.get(file(`${slug1}.mdx`))).toMatchObject({ kind: 'drift', slug: slug1 });
    expect(byFile.get(file(`${slug1}.mdx`))!.similarity!).toBeLessThan(0.8);
    expect(byFile.get(file('no-slug.mdx'))!.kind).toBe('front-matter');
    expect(byFile.get(file('bad-yaml.mdx'))!.message).toMatch(/bad-yaml\.mdx:2: invalid YAML front matter/);
    expect(report.problems).toHaveLength(5);

    const errors: string[] = [];
    expect(
      await main(
        ['--content', dirs.contentDir, '--data', dirs.dataDir],
        () => {},
        (l) => errors.push(l),
      ),
    ).toBe(1);
    expect(errors.join('\n')).toContain('missing.mdx');
  });

  it('warns when a summary merges a segment the registry has retired: the site would show it alone', async () => {
    const dirs = await project('merge-retired', {
      [`${slug0}.mdx`]: mdx({ segment: slug0, merge: [retiredSlug] }),
      [`${slug1}.mdx`]: mdx({ segment: slug1, merge: [] }),
    });
    const report = await checkSummaries(dirs);
    expect(report.problems).toEqual([]);
    const merges = report.warnings.filter((w) => w.includes('merge names'));
    expect(merges).toHaveLength(1);
    expect(merges[0]).toContain(`${slug0}.mdx (${slug0}): merge names "${retiredSlug}", which is retired in`);
  });

  it('flags a registry built from another segmentation than the data file', async () => {
    const dirs = await project('stale-registry', { 'a.mdx': mdx({ segment: slug0, reviewed: fresh }) });
    await writeFile(join(dirs.dataDir, 'segmentation-2021.json'), JSON.stringify({ ...rerun, synthetic: false }));
    const report = await checkSummaries(dirs);
    expect(report.problems.map((p) => p.kind)).toEqual(['registry']);
    expect(report.problems[0].message).toMatch(
      /was built from a different segmentation than .*segmentation-2021\.json/,
    );
  });

  it('warns, without failing, when a summary describes a segment that dissolves on re-runs', async () => {
    const dissolving = {
      ...rerun,
      segments: rerun.segments.map((s) => ({
        ...s,
        stability:
          s.index === 0
            ? { jaccard: 0.41, class: 'dissolved' as const, found: 3, core: 0.2 }
            : { jaccard: 0.9, class: 'stable' as const, found: 10, core: 0.9 },
      })),
    };
    const dirs = await project('dissolved', {
      [`${slug0}.mdx`]: mdx({ segment: slug0 }),
      [`${slug1}.mdx`]: mdx({ segment: slug1 }),
    });
    await writeFile(join(dirs.dataDir, 'segmentation-2021.json'), JSON.stringify(dissolving));
    await writeRegistry(registryPath(dirs.contentDir, 2021), matchSegments(first, dissolving).registry);
    const report = await checkSummaries(dirs);
    expect(report.problems).toEqual([]);
    expect(report.warnings).toHaveLength(1);
    expect(report.warnings[0]).toContain(`${slug0}.mdx`);
    expect(report.warnings[0]).toContain(
      'dissolves when the clustering is re-run (stability 0.41 < 0.50, found in 3 re-runs)',
    );
    const errors: string[] = [];
    expect(
      await main(
        ['--content', dirs.contentDir, '--data', dirs.dataDir],
        () => {},
        (l) => errors.push(l),
      ),
    ).toBe(0);
    expect(errors).toEqual([expect.stringMatching(/^warning: .*a\.mdx/)]);
  });

  it('runs as a CLI: exits non-zero and names the file', async () => {
    const dirs = await project('cli', { 'lost.mdx': mdx({ segment: 'lost-segment' }) });
    const run = promisify(execFile)(
      'npx',
      ['tsx', 'scripts/identity/check.ts', '--content', dirs.contentDir, '--data', dirs.dataDir],
      { cwd: process.cwd() },
    );
    const failure = await run.then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toContain(join(dirs.contentDir, 'segments', '2021', 'lost.mdx'));
    expect(failure?.stderr).toContain('"lost-segment" is not in');
  });

  it('lists a year without its segmentation document as not checked, failing only with --all-years; --year checks one year', async () => {
    const dirs = await project('years', { 'lost.mdx': mdx({ segment: 'lost-segment' }) });
    await mkdir(join(dirs.contentDir, 'segments', '2022'), { recursive: true });
    await writeFile(join(dirs.contentDir, 'segments', '2022', 'other.mdx'), mdx({ segment: 'other' }));
    const all = await checkSummaries(dirs);
    expect(all.notChecked).toEqual([2022]);
    expect(all.problems.map((p) => p.kind)).toEqual(['unknown-slug']);
    const strict = await checkSummaries({ ...dirs, allYears: true });
    expect(strict.notChecked).toEqual([]);
    expect(strict.problems.map((p) => p.kind)).toContain('registry');
    const only2022 = await checkSummaries({ ...dirs, year: 2022 });
    expect(only2022.summaries).toBe(1);
    expect(only2022.problems.every((p) => !p.file.includes('2021'))).toBe(true);
    expect(only2022.problems.length).toBeGreaterThan(0);
    const only2021 = await checkSummaries({ ...dirs, year: 2021 });
    expect(only2021.summaries).toBe(1);
    expect(only2021.notChecked).toEqual([]);
    const lines: string[] = [];
    expect(
      await main(
        ['--content', dirs.contentDir, '--data', dirs.dataDir, '--year', '2030'],
        (l) => lines.push(l),
        (l) => lines.push(l),
      ),
    ).toBe(1);
    expect(lines.join('\n')).toMatch(/--year 2030: no summaries .*years with summaries: 2021, 2022/);
  });

  it('fails on a stability word the reseeded data no longer supports, and passes once <Stability/> replaces it', async () => {
    // The summary was written when segment 0 was stable; the reseed (same segments, other classes) made it a pattern.
    const reseeded = structuredClone(rerun);
    for (const s of reseeded.segments) s.stability = { jaccard: 0.7, class: 'pattern', found: 15, core: 0.6 };
    const stale = `---\ntitle: Engineers\nshortName: Engineers\nsegment: ${slug0}\n---\n\nThese are engineers.\nIt is stable across re-runs of the clustering.\n`;
    const dirs = await project('stale-words', { [`${slug0}.mdx`]: stale });
    await writeFile(join(dirs.dataDir, 'segmentation-2021.json'), JSON.stringify(reseeded));
    await writeRegistry(registryPath(dirs.contentDir, 2021), matchSegments(first, reseeded).registry);
    const before = await checkSummaries(dirs);
    expect(before.problems.map((p) => p.kind)).toEqual(['stale-stability']);
    expect(before.problems[0].message).toContain(
      `${slug0}.mdx:8: says "stable" (stable), but the segment is pattern now`,
    );
    await writeFile(
      join(dirs.contentDir, 'segments', '2021', `${slug0}.mdx`),
      stale.replace('stable across re-runs of the clustering', '<Stability/>'),
    );
    expect((await checkSummaries(dirs)).problems).toEqual([]);
    // An introduction that names the segment by its slug is held to the same data.
    await mkdir(join(dirs.contentDir, 'years'), { recursive: true });
    await writeFile(
      join(dirs.contentDir, 'years', '2021.mdx'),
      `---\ntitle: Intro\n---\n\nThe ${slug0} segment is weak.\n`,
    );
    const intro = await checkSummaries(dirs);
    expect(intro.problems.map((p) => p.message)).toEqual([
      expect.stringContaining(`2021.mdx:5: says "weak" (weak), but "${slug0}" is pattern now`),
    ]);
  });

  it('checks every component id as the build does, with a suggestion', async () => {
    const good = rerun.features[0].id;
    const body = (id: string) =>
      `---\ntitle: Engineers\nshortName: Engineers\nsegment: ${slug0}\n---\n\nThey use <Share answer="${id}"/> a lot.\n`;
    const dirs = await project('references', { [`${slug0}.mdx`]: body(`${good}9`) });
    const report = await checkSummaries(dirs);
    expect(report.problems.map((p) => p.kind)).toEqual(['reference']);
    expect(report.problems[0].message).toMatch(
      new RegExp(`${slug0}\\.mdx:7:\\d+: <Share answer="${good}9">: no answer .*did you mean "${good}"\\?`),
    );
    await writeFile(join(dirs.contentDir, 'segments', '2021', `${slug0}.mdx`), body(good));
    expect((await checkSummaries(dirs)).problems).toEqual([]);
  });
});
