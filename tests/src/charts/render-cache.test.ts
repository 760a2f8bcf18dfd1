import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cachedRender } from '../../../src/charts/render-cache.js';

describe('the chart render cache', () => {
  const dir = mkdtempSync(join(tmpdir(), 'render-cache-'));
  const previous = process.env.SITE_CACHE_DIR;
  beforeAll(() => {
    process.env.SITE_CACHE_DIR = dir;
  });
  afterAll(() => {
    if (previous === undefined) delete process.env.SITE_CACHE_DIR;
    else process.env.SITE_CACHE_DIR = previous;
    rmSync(dir, { recursive: true, force: true });
  });

  it('renders once per content and reuses the result from disk', async () => {
    let renders = 0;
    const produce = async () => `<svg>${++renders}</svg>`;
    const first = await cachedRender('svg', [{ mark: 'bar' }, 'light'], produce);
    const again = await cachedRender('svg', [{ mark: 'bar' }, 'light'], produce);
    expect(again).toBe(first);
    expect(renders).toBe(1);
    const dark = await cachedRender('svg', [{ mark: 'bar' }, 'dark'], produce);
    expect(dark).not.toBe(first);
    expect(renders).toBe(2);
    expect(readdirSync(join(dir, 'charts')).filter((f) => f.endsWith('.svg'))).toHaveLength(2);
  });

  it('keeps PNG bytes as bytes', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    await cachedRender('png', ['card'], async () => png);
    const back = await cachedRender('png', ['card'], async () => Buffer.from('not used'));
    expect(Buffer.isBuffer(back)).toBe(true);
    expect(back.equals(png)).toBe(true);
  });

  it('renders content asked for twice at once only once, and both get the result', async () => {
    let renders = 0;
    const produce = async () => {
      renders += 1;
      await new Promise((resolve) => setTimeout(resolve, 20));
      return '<svg>same</svg>';
    };
    const both = await Promise.all([
      cachedRender('svg', ['twice at once'], produce),
      cachedRender('svg', ['twice at once'], produce),
    ]);
    expect(both).toEqual(['<svg>same</svg>', '<svg>same</svg>']);
    expect(renders).toBe(1);
    expect(readdirSync(join(dir, 'charts')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
