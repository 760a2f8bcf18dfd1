/**
 * The filter between Astro and the terminal: the route list becomes a summary, each warning and error is
 * printed once, and of the dev server's two reports of one MDX error the one naming the file is kept.
 */
import { describe, expect, it } from 'vitest';
import { astroOutputFilter, type OutputFilter } from '../../../scripts/site/astro-output.js';

function run(filter: OutputFilter, lines: string[]): string[] {
  return [...lines.flatMap((l) => filter.line(l)), ...filter.finish()];
}

const BUILD = [
  '16:46:30 [build] Building static entrypoints...',
  ' generating static routes ',
  '16:46:37   ├─ /404.html16:46:37   ├─ /search/index.html (+132ms) ',
  '16:46:37   ├─ /2020/charts/map.vl.json (+332ms) ',
  '16:46:37   ├─ /2021/index.html (+3ms) ',
  '16:46:37   ├─ /2021/segments/a/index.html',
  ' (+13ms) ',
  '16:48:07 ✓ Completed in 1m 32s.',
  '16:48:07 [build] 18 page(s) built in 1m 40s',
];

describe('astroOutputFilter', () => {
  it('replaces the route list with one line that counts routes by year', () => {
    const out = run(astroOutputFilter({ verbose: false }), BUILD);
    expect(out.some((l) => /[├└]─/.test(l) || /\(\+13ms\)/.test(l))).toBe(false);
    const summary = out.filter((l) => /routes? written/.test(l));
    expect(summary).toEqual(['  5 routes written: 2020 1, 2021 2, other 2 (--verbose lists them)']);
    // In place: after the header, before the time it took.
    expect(out.indexOf(summary[0])).toBe(out.indexOf(' generating static routes ') + 1);
    expect(out.at(-1)).toBe('16:48:07 [build] 18 page(s) built in 1m 40s');
  });

  it('prints every line as Astro wrote it when verbose', () => {
    expect(run(astroOutputFilter({ verbose: true }), BUILD)).toEqual(BUILD);
  });

  it('prints a warning once however many pages repeat it, and says how many repeats it left out', () => {
    const warning = (t: string) => `${t} [WARN] [content] Entry subsegmentations → 2018 was not found.`;
    const out = run(astroOutputFilter({ verbose: false }), [
      warning('16:50:01'),
      '16:50:01 [200] /2018/ 40ms',
      warning('16:50:09'),
      warning('16:51:30'),
      '16:51:30 [200] /2018/segments/ 35ms',
    ]);
    expect(out.filter((l) => /was not found/.test(l))).toHaveLength(1);
    expect(out.at(-1)).toBe('(2 repeated warnings or errors not shown again)');
  });

  it('shows a warning again once the files changed (it may be a new mistake of the same kind)', () => {
    const warning = '16:50:01 [WARN] [site] no summary for 2021 segment 3';
    const out = run(astroOutputFilter({ verbose: false }), [warning, '16:50:05 [content] Synced content', warning]);
    expect(out.filter((l) => l === warning)).toHaveLength(2);
  });

  it("keeps the one of the dev server's two reports of an MDX error that names the file", () => {
    const out = run(astroOutputFilter({ verbose: false }), [
      '16:50:17 [ERROR] MDXError: Unexpected end of file in expression, expected a corresponding closing brace for `{`',
      '    at TransformPluginContext.handler (file:///p/node_modules/@astrojs/mdx/dist/vite-plugin-mdx.js:64:17)',
      '    at async loadAndTransform (file:///p/node_modules/vite/dist/node/chunks/node.js:20112:26)',
      '16:50:17 [ERROR] Unexpected end of file in expression, expected a corresponding closing brace for `{`',
      '  Stack trace:',
      '    at /p/content/segments/2020/r-users.mdx:38:1',
      '16:50:18 [200] /2020/ 4696ms',
    ]);
    expect(out.filter((l) => /Unexpected end of file/.test(l))).toEqual([
      '16:50:17 [ERROR] Unexpected end of file in expression, expected a corresponding closing brace for `{`',
    ]);
    expect(out).toContain('    at /p/content/segments/2020/r-users.mdx:38:1');
    expect(out.some((l) => /vite-plugin-mdx/.test(l))).toBe(false);
    expect(out.at(-2)).toBe('16:50:18 [200] /2020/ 4696ms');
  });

  it('prints a held error when the output goes quiet, as the dev server does after one', () => {
    const filter = astroOutputFilter({ verbose: false });
    expect(filter.line('16:50:17 [ERROR] Unexpected end of file')).toEqual([]);
    expect(filter.line('    at /p/content/segments/2020/x.mdx:3:1')).toEqual([]);
    expect(filter.idle()).toEqual([
      '16:50:17 [ERROR] Unexpected end of file',
      '    at /p/content/segments/2020/x.mdx:3:1',
    ]);
    expect(filter.finish()).toEqual([]);
  });
});
