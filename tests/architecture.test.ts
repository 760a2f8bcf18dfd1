/**
 * The layout holds: no import cycles (madge, file by file), every folder imports only the layers its
 * ARCHITECTURE.md row allows (dependency-cruiser, rules in .dependency-cruiser.cjs). That the cache key
 * covers every module that can change a document is tests/scripts/infra/cache.test.ts's.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import madge from 'madge';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const madgeOptions = {
  baseDir: ROOT,
  fileExtensions: ['ts', 'mjs'],
  tsConfig: join(ROOT, 'tsconfig.json'),
  detectiveOptions: { ts: { skipTypeImports: false } },
};

describe('architecture', () => {
  it('has no import cycle in scripts/, src/ or tests/', async () => {
    const graph = await madge(
      ['scripts', 'src', 'tests'].map((d) => join(ROOT, d)),
      madgeOptions,
    );
    expect(Object.keys(graph.obj()).length).toBeGreaterThan(150); // the graph really was read
    expect(graph.circular()).toEqual([]);
  });

  it('keeps every folder to the layers it may import', () => {
    const out = execFileSync(
      'npx',
      ['depcruise', 'scripts', 'src', 'tests', '--config', '.dependency-cruiser.cjs', '--output-type', 'json'],
      { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
    );
    const { summary } = JSON.parse(out) as {
      summary: { totalCruised: number; violations: { rule: { name: string }; from: string; to: string }[] };
    };
    expect(summary.totalCruised).toBeGreaterThan(150);
    expect(summary.violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`)).toEqual([]);
  });
});
