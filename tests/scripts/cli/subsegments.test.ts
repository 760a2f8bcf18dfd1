/**
 * Sub-segments end to end on the tiny survey: a summary asks (`subSegments: 2`), `segment` splits that
 * segment's members into data/subsegments-YEAR.json (from the input read again after a reused segmentation,
 * from the run's own encoded survey after a fresh one: the same bytes), reuses it while nothing changed and
 * removes it when no summary asks any more; a bad request names the summary.
 */
import { existsSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../scripts/cli/segment.js';
import { readInvocation, segmentCommand } from '../../../scripts/document/segment-command.js';
import { SegmentationSchema } from '../../../scripts/document/segmentation-schema.js';
import { SubSegmentationsSchema } from '../../../scripts/document/subsegments-schema.js';
import { captureStderr } from '../../helpers/capture-stderr.js';
import { tinyPopulation } from '../../helpers/tiny-population.js';
import { tempDir, writeTiny } from '../../helpers/tiny-survey.js';

const stderr = captureStderr();

describe('sub-segments asked for in a summary', () => {
  it('are computed beside the segmentation, reused, and removed when no longer asked for', async () => {
    const dir = tempDir();
    const { csv, yaml } = writeTiny(dir, tinyPopulation());
    const out = join(dir, 'out');
    const content = join(dir, 'content');
    const args = [
      '--config',
      yaml,
      '--input',
      csv,
      '--out',
      out,
      '--content',
      content,
      '--clusters',
      '2',
      '--stability',
      '3',
    ];
    expect(await main(args)).toBe(0);
    const subPath = join(out, 'subsegments-2099.json');
    expect(existsSync(subPath)).toBe(false);

    const registry = JSON.parse(readFileSync(join(content, 'registry', '2099.json'), 'utf8'));
    const target = registry.segments.find((s: { index: number | null }) => s.index === 0);
    const summaryDir = join(content, 'segments', '2099');
    mkdirSync(summaryDir, { recursive: true });
    const summary = join(summaryDir, `${target.slug}.mdx`);
    const write = (extra: string) =>
      writeFileSync(summary, `---\ntitle: First\nshortName: First\nsegment: ${target.slug}\n${extra}---\n\nText.\n`);
    write('subSegments: 2\n');

    expect(await main(args)).toBe(0);
    expect(stderr.text).toMatch(/is up to date/); // the segmentation itself is reused
    const doc = SegmentationSchema.parse(JSON.parse(readFileSync(join(out, 'segmentation-2099.json'), 'utf8')));
    const bytes = readFileSync(subPath);
    const sub = SubSegmentationsSchema.parse(JSON.parse(bytes.toString()));
    expect(sub.segments).toHaveLength(1);
    const [split] = sub.segments;
    expect(split).toMatchObject({ slug: target.slug, indices: [0], count: 2, members: doc.segments[0].size });
    expect(split.parts.reduce((n, p) => n + p.size, 0)).toBe(doc.segments[0].size);
    expect(split.parts[0].size).toBeGreaterThanOrEqual(split.parts.at(-1)!.size);
    // The segment's own rates are the base: they are the segment's rates in the document.
    expect(split.baseRates).toEqual(doc.segments[0].rates);
    for (const p of split.parts)
      p.lift.forEach((l, f) => {
        expect(l).toBeCloseTo(p.rates[f] - split.baseRates[f], 3);
      });
    // As many re-runs as the segmentation made (--stability 3), each part scored against them.
    expect(split.stabilityRuns).toBe(3);
    for (const part of split.parts) {
      expect(part.stability!.found).toBeLessThanOrEqual(3);
      expect(part.stability!.class).toBe(
        part.stability!.jaccard >= 0.75
          ? 'stable'
          : part.stability!.jaccard >= 0.6
            ? 'pattern'
            : part.stability!.jaccard >= 0.5
              ? 'weak'
              : 'dissolved',
      );
    }
    // The run log keeps the paths as typed, so that "run segment again" messages can repeat the command.
    expect(readInvocation(out, 2099)).toEqual({
      survey: null,
      config: yaml,
      input: csv,
      out,
      content,
      updateRegistry: false,
    });
    expect(segmentCommand(doc, readInvocation(out, 2099))).toBe(
      `npm run segment -- --config ${yaml} --input ${csv} --out ${out} --content ${content} --clusters 2 --stability 3`,
    );

    expect(await main(args)).toBe(0);
    expect(stderr.text).toMatch(/subsegments-2099\.json is up to date; reusing it/);
    expect(readFileSync(subPath).equals(bytes)).toBe(true);

    // Right after a fresh run the step splits the run's own encoded survey, not the file read again: the same bytes.
    unlinkSync(subPath);
    stderr.clear();
    expect(await main([...args, '--force'])).toBe(0);
    expect(stderr.text).not.toMatch(/is up to date/);
    expect(readFileSync(subPath).equals(bytes)).toBe(true);

    write('subSegments: 9\n');
    expect(await main(args)).toBeGreaterThan(0);
    expect(stderr.text).toContain(`${summary}: subSegments: 9: expected a whole number from 2 to 6`);
    expect(readFileSync(subPath).equals(bytes)).toBe(true);

    write('');
    expect(await main(args)).toBe(0);
    expect(existsSync(subPath)).toBe(false);
    expect(stderr.text).toMatch(/removed .*subsegments-2099\.json/);
  });
});
