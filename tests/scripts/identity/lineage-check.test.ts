import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { registryPath, writeRegistry } from '../../../scripts/document/io.js';
import { checkSummaries } from '../../../scripts/identity/check.js';
import { checkLineageSummaries } from '../../../scripts/identity/lineage-check.js';
import { matchSegments } from '../../../scripts/identity/match.js';
import { distinctProfiles, makeSegmentation } from '../../helpers/synthetic-segmentation.js';

const root = await mkdtemp(join(tmpdir(), 'lineage-check-'));
afterAll(() => rm(root, { recursive: true, force: true }));

// 2020: P0, P1, P2; 2021: P1, P0, P3 (P0 and P1 continue, P2 disappears, P3 appears); 2022: P0 only... and P4.
const profiles = distinctProfiles(5, 29);
const docs = {
  2020: makeSegmentation(
    [0, 1, 2].map((p) => ({ lift: profiles[p], size: 50 })),
    { year: 2020 },
  ),
  2021: makeSegmentation(
    [1, 0, 3].map((p) => ({ lift: profiles[p], size: 50 })),
    { year: 2021 },
  ),
  2022: makeSegmentation(
    [0, 4].map((p) => ({ lift: profiles[p], size: 50 })),
    { year: 2022 },
  ),
};
const slugs = Object.fromEntries(Object.entries(docs).map(([year, doc]) => [year, matchSegments(null, doc).registry]));
const slugOf = (year: 2020 | 2021 | 2022, index: number) =>
  `${year}/${slugs[year].segments.find((e) => e.index === index)!.slug}`;

async function project(name: string, lineages: Record<string, string>) {
  const contentDir = join(root, name, 'content');
  const dataDir = join(root, name, 'data');
  await mkdir(join(contentDir, 'lineages'), { recursive: true });
  await mkdir(dataDir, { recursive: true });
  for (const [year, doc] of Object.entries(docs)) {
    await writeRegistry(registryPath(contentDir, Number(year)), slugs[year]);
    await writeFile(join(dataDir, `segmentation-${year}.json`), JSON.stringify(doc));
  }
  for (const [file, text] of Object.entries(lineages)) await writeFile(join(contentDir, 'lineages', file), text);
  return { contentDir, dataDir };
}
const mdx = (title: string, segments: string[]) =>
  `---\ntitle: ${title}\nsegments: [${segments.join(', ')}]\n---\n\nText.\n`;

describe('lineage summaries in summaries:check', () => {
  it('passes a lineage the year-to-year matcher continues, over consecutive segmented years', async () => {
    const dirs = await project('clean', {
      'p0.mdx': mdx('P zero', [slugOf(2020, 0), slugOf(2021, 1), slugOf(2022, 0)]),
    });
    expect(await checkLineageSummaries(dirs.contentDir, dirs.dataDir, new Map())).toEqual({
      problems: [],
      summaries: 1,
    });
    const report = await checkSummaries(dirs);
    expect(report.problems).toEqual([]);
    expect(report.summaries).toBe(1);
  });

  it('fails a lineage the data does not bear out, an unknown segment, a skipped year and bad front matter, each naming its file', async () => {
    const dirs = await project('broken', {
      'wrong.mdx': mdx('Wrong', [slugOf(2020, 0), slugOf(2021, 0)]),
      'unknown.mdx': mdx('Unknown', ['2021/no-such-segment']),
      'skips.mdx': mdx('Skips', [slugOf(2020, 0), slugOf(2022, 0)]),
      'bad.mdx': '---\ntitle: Bad\nsegments: [twenty-one/x]\n---\n',
    });
    const { problems } = await checkLineageSummaries(dirs.contentDir, dirs.dataDir, new Map());
    const file = (n: string) => join(dirs.contentDir, 'lineages', n);
    expect(problems.map((p) => p.file)).toEqual([
      file('bad.mdx'),
      file('skips.mdx'),
      file('unknown.mdx'),
      file('wrong.mdx'),
    ]);
    expect(problems[0].message).toMatch(/segments\.0: a lineage segment is YEAR\/slug/);
    expect(problems[1].message).toMatch(/is followed by 2022\/.*but the next segmented year after 2020 is 2021/);
    expect(problems[2].message).toMatch(/2021\/no-such-segment is not a live segment/);
    expect(problems[3].message).toMatch(
      new RegExp(
        `${slugOf(2021, 0)} does not continue ${slugOf(2020, 0)}: the year-to-year matcher continues it as segment 2 of 2021`,
      ),
    );
    const report = await checkSummaries(dirs);
    expect(report.problems.filter((p) => p.kind === 'lineage')).toHaveLength(4);
  });
});
