import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../../scripts/cli/answers.js';
import { makeSegmentationFixture } from '../../helpers/segmentation-fixture.js';

const dataDir = await mkdtemp(join(tmpdir(), 'answers-'));
afterAll(() => rm(dataDir, { recursive: true, force: true }));
const doc = makeSegmentationFixture();
await writeFile(join(dataDir, 'segmentation-2020.json'), JSON.stringify(doc));

async function run(...argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, (l) => out.push(l), (l) => err.push(l));
  return { code, out, err };
}

const percent = (x: number) => `${Math.round(x * 100)}%`;

describe('npm run answers', () => {
  it("lists one question's ids with their texts and the share of professionals", async () => {
    const { code, out } = await run('--year', '2020', 'Q7', '--data', dataDir);
    expect(code).toBe(0);
    const python = doc.features.findIndex((f) => f.id === 'Q7_Part_1');
    expect(out[0]).toBe(`Q7  ${doc.questions.find((q) => q.code === 'Q7')!.text}`);
    expect(out[1]).toMatch(new RegExp(`^  Q7_Part_1 +${percent(doc.overall.rates[python])}  Python$`));
    expect(out.slice(1, 6).map((l) => l.trim().split(/\s+/)[0])).toEqual(['Q7_Part_1', 'Q7_Part_2', 'Q7_Part_3', 'Q7_Part_4', 'Q7_Part_5']);
    expect(out.at(-1)).toBe(`5 answer ids of 2020; shares are of the ${doc.counts.professionals} professionals (of those who answered, for profile questions)`);
  });

  it('gives positional ids of a profile question the share of those who answered', async () => {
    const { out } = await run('--year', '2020', 'Q4', '--data', dataDir);
    const counts = doc.overall.breakdowns.Q4.counts;
    const total = counts.reduce((a, c) => a + c, 0);
    expect(out.slice(1, 4)).toEqual(doc.questions.find((q) => q.code === 'Q4')!.answers.map((a, i) => expect.stringMatching(new RegExp(`^  ${a.id} +${percent(counts[i] / total)}  ${a.label}$`))));
  });

  it('lists every question without one, and points at a mistyped question or a missing year', async () => {
    const all = await run('--year', '2020', '--data', dataDir);
    expect(all.code).toBe(0);
    expect(all.out.filter((l) => /^Q\d+ /.test(l)).map((l) => l.split(' ')[0])).toEqual(doc.questions.map((q) => q.code));
    const typo = await run('--year', '2020', 'Q77', '--data', dataDir);
    expect(typo.code).toBe(1);
    expect(typo.err[0]).toContain('no question "Q77" in');
    expect(typo.err[0]).toContain('did you mean "Q7"');
    const missing = await run('--year', '2019', '--data', dataDir);
    expect(missing.code).toBe(1);
    expect(missing.err[0]).toContain(join(dataDir, 'segmentation-2019.json'));
    expect((await run('Q7')).code).toBe(2);
  });
});
