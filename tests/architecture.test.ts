/**
 * The layout holds: no import cycles (madge, file by file), every folder imports only the layers its
 * ARCHITECTURE.md row allows (dependency-cruiser, rules in .dependency-cruiser.cjs), and the segmentation's
 * cache key covers every module that can change a document.
 */
import { execFileSync } from 'node:child_process';
import { join, relative } from 'node:path';
import madge from 'madge';
import { describe, expect, it } from 'vitest';
import { CODE_DIRS } from '../scripts/infra/cache.js';

const ROOT = join(import.meta.dirname, '..');
const madgeOptions = { baseDir: ROOT, fileExtensions: ['ts', 'mjs'], tsConfig: join(ROOT, 'tsconfig.json'), detectiveOptions: { ts: { skipTypeImports: false } } };

describe('architecture', () => {
  it('has no import cycle in scripts/, src/ or tests/', async () => {
    const graph = await madge(['scripts', 'src', 'tests'].map((d) => join(ROOT, d)), madgeOptions);
    expect(Object.keys(graph.obj()).length).toBeGreaterThan(150); // the graph really was read
    expect(graph.circular()).toEqual([]);
  });

  it('keeps every folder to the layers it may import', () => {
    const out = execFileSync('npx', ['depcruise', 'scripts', 'src', 'tests', '--config', '.dependency-cruiser.cjs', '--output-type', 'json'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const { summary } = JSON.parse(out) as { summary: { totalCruised: number; violations: { rule: { name: string }; from: string; to: string }[] } };
    expect(summary.totalCruised).toBeGreaterThan(150);
    expect(summary.violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`)).toEqual([]);
  });

  it("puts every module a segmentation depends on under the cache key's folders", async () => {
    const entries = ['scripts/segment/pipeline.ts', 'scripts/segment/subsegment.ts'];
    const graph = (await madge(entries.map((e) => join(ROOT, e)), madgeOptions)).obj();
    const reached = new Set<string>();
    const visit = (file: string) => {
      if (reached.has(file)) return;
      reached.add(file);
      (graph[file] ?? []).forEach(visit);
    };
    Object.keys(graph).forEach(visit);
    const ours = [...reached].map((f) => relative(ROOT, join(ROOT, f))).filter((f) => f.startsWith('scripts/'));
    expect(ours.length).toBeGreaterThan(30);
    const dirs = CODE_DIRS.map((d) => relative(ROOT, d) + '/');
    expect(ours.filter((f) => !dirs.some((d) => f.startsWith(d)))).toEqual([]);
  });
});
