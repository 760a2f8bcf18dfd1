import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFrontMatter } from '../../../scripts/document/front-matter.js';
import { registryPath, writeRegistry } from '../../../scripts/document/io.js';
import { subSegmentsPath, summaryPath } from '../../../scripts/document/paths.js';
import { SUB_SEGMENTS_SCHEMA_VERSION } from '../../../scripts/document/subsegments-schema.js';
import { checkSummaries } from '../../../scripts/identity/check.js';
import { matchSegments } from '../../../scripts/identity/match.js';
import { main } from '../../../scripts/identity/review.js';
import { captureStderr } from '../../helpers/capture-stderr.js';
import { distinctProfiles, makeSegmentation } from '../../helpers/synthetic-segmentation.js';
import { tempDir } from '../../helpers/tiny-survey.js';

const stderr = captureStderr();

async function setUp() {
  const dir = tempDir();
  const content = join(dir, 'content');
  const data = join(dir, 'data');
  const doc = makeSegmentation(distinctProfiles(3, 5).map((lift) => ({ lift, size: 50 })));
  mkdirSync(data, { recursive: true });
  writeFileSync(join(data, 'segmentation-2021.json'), JSON.stringify(doc));
  const { registry } = matchSegments(null, doc);
  await writeRegistry(registryPath(content, 2021), registry);
  return { content, data, doc, slugs: registry.segments.map((s) => s.slug) };
}

describe('npm run summaries:review', () => {
  it('writes a first summary for a segment without one, which the check accepts', async () => {
    const { content, data, slugs } = await setUp();
    expect(
      await main(['--year', '2021', '--slug', slugs[1], '--content', content, '--data', data, '--date', '2026-01-02']),
    ).toBe(0);
    const path = summaryPath(content, 2021, slugs[1]);
    const { data: front } = parseFrontMatter(readFileSync(path, 'utf8'), path);
    expect(front.segment).toBe(slugs[1]);
    expect((front.reviewed as { date: string; top: unknown[] }).date).toBe('2026-01-02');
    expect((front.reviewed as { top: unknown[] }).top.length).toBeGreaterThan(0);
    const report = await checkSummaries({ contentDir: content, dataDir: data });
    expect(report.problems).toEqual([]);
  });

  it('replaces only the reviewed block of an existing summary, so a drifted one passes the check again', async () => {
    const { content, data, slugs } = await setUp();
    const path = summaryPath(content, 2021, slugs[0]);
    mkdirSync(join(content, 'segments', '2021'), { recursive: true });
    const body = '\nThese people use **Python**.\n';
    writeFileSync(
      path,
      `---\ntitle: Pythonistas\nshortName: Python\nsegment: ${slugs[0]}\nreviewed:\n  date: 2020-01-01\n  top:\n    - { feature: Q7_Part_6, lift: 0.9 }\n---\n${body}`,
    );
    expect((await checkSummaries({ contentDir: content, dataDir: data })).problems.map((p) => p.kind)).toEqual([
      'drift',
    ]);
    expect(
      await main(['--year', '2021', '--slug', slugs[0], '--content', content, '--data', data, '--date', '2026-01-02']),
    ).toBe(0);
    const text = readFileSync(path, 'utf8');
    expect(text.endsWith(`---\n${body}`)).toBe(true);
    expect(text).toContain('title: Pythonistas');
    expect((await checkSummaries({ contentDir: content, dataDir: data })).problems).toEqual([]);
  });

  it("records a summary's sub-segments (sizes, top answers), so that a later re-split is flagged", async () => {
    const { content, data, doc, slugs } = await setUp();
    const n = doc.features.length;
    const split = (sizes: number[]) => ({
      schemaVersion: SUB_SEGMENTS_SCHEMA_VERSION,
      year: 2021,
      segmentationSha256: '0'.repeat(64),
      cacheKey: 'test',
      seed: 0,
      segments: [
        {
          slug: slugs[0],
          indices: [0],
          count: 2,
          members: 50,
          baseRates: Array(n).fill(0.3),
          stabilityRuns: 0,
          parts: sizes.map((size, j) => {
            const lift = Array.from({ length: n }, (_, f) => (f < n / 2 === (j === 0) ? 0.2 : -0.2));
            return { size, share: size / 50, rates: lift.map((l) => 0.3 + l), lift, stability: null };
          }),
        },
      ],
    });
    writeFileSync(subSegmentsPath(data, 2021), JSON.stringify(split([27, 23])));
    const path = summaryPath(content, 2021, slugs[0]);
    mkdirSync(join(content, 'segments', '2021'), { recursive: true });
    writeFileSync(
      path,
      `---\ntitle: Halves\nshortName: Halves\nsegment: ${slugs[0]}\nsubSegments: 2\n---\n\nTwo halves.\n`,
    );
    expect(
      await main(['--year', '2021', '--slug', slugs[0], '--content', content, '--data', data, '--date', '2026-01-02']),
    ).toBe(0);
    expect(stderr.text).toContain('sub-segments 27 + 23');
    const { data: front } = parseFrontMatter(readFileSync(path, 'utf8'), path);
    const recorded = (front.reviewed as { subSegments: { size: number; top: { feature: string }[] }[] }).subSegments;
    expect(recorded.map((p) => p.size)).toEqual([27, 23]);
    expect(recorded[0].top[0].feature).toBe(doc.features[0].id);
    expect((await checkSummaries({ contentDir: content, dataDir: data })).problems).toEqual([]);
    writeFileSync(subSegmentsPath(data, 2021), JSON.stringify(split([40, 10])));
    expect((await checkSummaries({ contentDir: content, dataDir: data })).problems.map((p) => p.message)).toEqual([
      expect.stringContaining('sub-segments changed since the review of 2026-01-02: 27 + 23 -> 40 + 10'),
    ]);
  });

  it('names the current slugs when asked for one that does not exist', async () => {
    const { content, data, slugs } = await setUp();
    expect(await main(['--year', '2021', '--slug', 'nope', '--content', content, '--data', data])).toBe(2);
    expect(stderr.text).toContain(
      `--slug nope: no current segment of 2021 has this slug (current: ${slugs.join(', ')})`,
    );
  });
});
