/**
 * Every command the project's npm scripts run answers --help with its usage and exits 0, without doing
 * its work (the astro ones are Astro's own CLI, whose --help is Astro's).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const scripts: Record<string, string> = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts;
/** The project's own commands: scripts that run a tsx entry point, but for the Astro wrapper, which is Astro's CLI. */
const commands = Object.entries(scripts)
  .filter(([, command]) => /^tsx scripts\//.test(command) && !/^tsx scripts\/site\/astro\.ts\b/.test(command))
  .map(([name]) => name);

describe('--help', () => {
  it('is offered by the expected commands', () => {
    expect(commands).toEqual(
      expect.arrayContaining([
        'segment',
        'segment:years',
        'summaries:check',
        'summaries:review',
        'registry:update',
        'config:draft',
        'config:validate',
        'demo:data',
        'demo:segment',
        'demo:check',
        'bench',
      ]),
    );
  });

  it.each(commands)('npm run %s -- --help prints its usage and exits 0', (name) => {
    const output = execFileSync('npm', ['run', '-s', name, '--', '--help'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(output).toMatch(/^usage: /im);
    expect(output.length).toBeGreaterThan(80);
  });

  it('npm run astro -- dev --help passes --help on to Astro through the output filter, and exits 0', () => {
    const output = execFileSync('npm', ['run', '-s', 'astro', '--', 'dev', '--help'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(output).toMatch(/astro dev \[command\]/);
    expect(output).toMatch(/--port/);
  });
});
