import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { answerIds } from '../../../scripts/document/answer-ids.js';
import { makeSegmentationFixture } from '../../helpers/segmentation-fixture.js';

const dir = await mkdtemp(join(tmpdir(), 'answers-'));
afterAll(() => rm(dir, { recursive: true, force: true }));
const doc = makeSegmentationFixture();
await writeFile(join(dir, `segmentation-${doc.survey.year}.json`), JSON.stringify(doc));
const run = (...args: string[]) =>
  promisify(execFile)(
    'npx',
    ['tsx', 'scripts/cli/answers.ts', '--year', String(doc.survey.year), '--data', dir, ...args],
    { cwd: process.cwd() },
  );

describe('npm run answers', () => {
  it("lists one question's ids with their texts and shares", async () => {
    const profile = doc.questions.find((q) => doc.overall.breakdowns[q.code])!;
    const { stdout } = await run(profile.code);
    const ids = answerIds(doc).filter((a) => a.question === profile.code);
    expect(stdout.split('\n')[0]).toBe(`${profile.code}: ${profile.label}`);
    for (const a of ids)
      expect(stdout).toMatch(
        new RegExp(
          `^${a.id}\\s+${a.label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}  \\(${Math.round(a.share * 100)}%\\)$`,
          'm',
        ),
      );
    // Shares of a single-choice question's answers add up to about 100%.
    expect(ids.reduce((n, a) => n + a.share, 0)).toBeCloseTo(1, 5);
  });

  it('names the questions when asked for one without ids', async () => {
    const failure = await run('Q999').then(
      () => null,
      (e: { code: number; stderr: string }) => e,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toMatch(/no question "Q999" with answer ids; questions: Q/);
  });
});
