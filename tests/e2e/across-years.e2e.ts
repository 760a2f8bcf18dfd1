/**
 * The pages across survey years in a browser: the lineages page (/series/) with its chart interactive on
 * hover and lineages named by their summaries, the topic trend pages (/trends/TOPIC/), the links from the
 * overview and the segment pages, the "What changed" page's evidence, and axe on all of them.
 * Builds the fixture site (two years) unless E2E_DIST names a build (the real years' dist/).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/e2e/browser.js';
import { type StaticServer, serveStatic } from '../helpers/e2e/static-server.js';
import { buildSite, writeInputs } from '../helpers/site-build.js';

const tmp = mkdtempSync(join(tmpdir(), 'across-years-e2e-'));
const fixture = !process.env.E2E_DIST;
let server: StaticServer;
let browser: Browser;
let base: string;

beforeAll(async () => {
  let dist = process.env.E2E_DIST;
  base = process.env.E2E_BASE ?? '/';
  if (!dist) {
    dist = join(tmp, 'dist');
    base = '/sub/';
    const inputs = writeInputs(join(tmp, 'in'));
    // A lineage summary beside the segments' folder: 2019's first segment continues as 2020's "tabular".
    mkdirSync(join(tmp, 'in', 'lineages'), { recursive: true });
    writeFileSync(
      join(tmp, 'in', 'lineages', 'tables.mdx'),
      '---\ntitle: Tables all along\nsegments: [2019/segment-1, 2020/tabular]\n---\n\nThe segment of tabular machine learning, in both surveys.\n',
    );
    const result = await buildSite(inputs, dist, join(tmp, 'cache'), base);
    if (result.code !== 0) throw new Error(`site build failed:\n${result.output.slice(-3000)}`);
  }
  server = await serveStatic(dist, base);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(tmp, { recursive: true, force: true });
});

async function open(path: string, colorScheme: 'light' | 'dark' = 'light'): Promise<Page & { errors: string[] }> {
  const context = await browser.newContext({ colorScheme, viewport: { width: 1280, height: 900 } });
  const page = (await context.newPage()) as Page & { errors: string[] };
  page.on('close', () => context.close().catch(() => {}));
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(e.message));
  const response = await page.goto(new URL(path, server.url).href);
  expect(response?.status(), `GET ${path}`).toBe(200);
  return page;
}

async function interactive(page: Page, specSuffix: string) {
  const figure = page.locator(`figure[data-chart-spec$="${specSuffix}"]`).first();
  await figure.scrollIntoViewIfNeeded();
  await expect
    .poll(() => figure.evaluate((f) => f.classList.contains('is-interactive')), { timeout: 30_000 })
    .toBe(true);
  return figure;
}

/** Trend pages linked from the trends index. */
async function trendPaths(): Promise<string[]> {
  const page = await open('trends/');
  const links = await page.locator('ul.topics a').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
  await page.close();
  return links.map((l) => l.replace(base, ''));
}

describe('the lineages page', () => {
  it('draws every lineage as one chart that answers hover with a tooltip, and lists its data', async () => {
    const page = await open('series/');
    const figure = await interactive(page, '/series.vl.json');
    // The chart's own points (role-mark), not the legend's symbols; points may overlap, so hover without waiting for a free one.
    await figure.locator('.chart-interactive svg .mark-symbol.role-mark path').first().hover({ force: true });
    const tooltip = page.locator('#vg-tooltip-element');
    await expect.poll(() => tooltip.evaluate((t) => t.classList.contains('visible')), { timeout: 10_000 }).toBe(true);
    expect(await tooltip.textContent()).toMatch(/Lineage.*Year.*Share of professionals/s);
    // The static chart is there too, and the table holds a row per segment of every lineage.
    // (One static SVG per layout: the desktop one, and the phone one where the chart has a narrow render.)
    const staticSvg = 'figure[data-chart-spec$="/series.vl.json"] .chart-light';
    expect(await page.locator(`${staticSvg} > svg, ${staticSvg} > .chart-wide > svg`).count()).toBe(1);
    const segments = await page.locator('section.lineage ol.members > li').count();
    expect(await figure.locator('details table tbody tr').count()).toBe(segments);
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it('names a lineage by its summary and shows each pairing with its evidence', async () => {
    if (!fixture) return;
    const page = await open('series/');
    const lineage = page.locator('section.lineage', { hasText: 'Tables all along' });
    expect(await lineage.locator('h3').textContent()).toMatch(/Tables all along\s*2019–2020/);
    expect(await lineage.textContent()).toContain('The segment of tabular machine learning, in both surveys.');
    expect(await lineage.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual([
      `${base}2019/segments/segment-1/`,
      `${base}2020/segments/tabular/`,
    ]);
    expect(await lineage.locator('.evidence li').count()).toBeGreaterThan(0);
    expect(await lineage.locator('.evidence li').first().textContent()).toMatch(/\d+% → \d+%/);
    await page.close();
  });
});

describe('links between the years', () => {
  it('links a segment page to its predecessor, and the predecessor to its successor', async () => {
    const series = await open('series/');
    const chain = series
      .locator('section.lineage')
      .filter({ has: series.locator('ol.members > li:nth-child(2)') })
      .first();
    const [first, second] = await chain
      .locator('ol.members > li > a')
      .evaluateAll((as) => as.slice(0, 2).map((a) => a.getAttribute('href')!));
    await series.close();
    const later = await open(second.replace(base, ''));
    expect(await later.locator('.lineage-links a[rel="prev"]').getAttribute('href')).toBe(first);
    await later.close();
    const earlier = await open(first.replace(base, ''));
    expect(await earlier.locator('.lineage-links a[rel="next"]').getAttribute('href')).toBe(second);
    await earlier.close();
  });

  it('links every year overview to the trend pages of its topics', async () => {
    const trends = await trendPaths();
    expect(trends.length).toBeGreaterThan(0);
    const home = await open('');
    const years = await home
      .locator('a')
      .evaluateAll((as) => [...new Set(as.map((a) => a.getAttribute('href')!).filter((h) => /\/\d{4}\/$/.test(h)))]);
    await home.close();
    for (const y of years) {
      const page = await open(y.replace(base, ''));
      const hrefs = await page.locator('.trend-links a').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
      expect(hrefs, y).toContain(`${base}series/`);
      const links = hrefs.filter((h) => h.includes('/trends/')).map((h) => h.replace(base, ''));
      expect(links.length, y).toBeGreaterThan(0);
      for (const l of links) expect(trends).toContain(l);
      await page.close();
    }
  });
});

describe('the trend pages', () => {
  it('show small multiples over only the years that asked, interactive, with the wording of each year', async () => {
    const [first] = await trendPaths();
    const page = await open(first);
    const lede = (await page.locator('.lede').textContent())!;
    const asked = lede
      .match(/Asked in ([\d, ]+)/)![1]
      .split(', ')
      .map((y) => y.trim());
    const figure = await interactive(page, `/${first.replace('trends/', 'trend-').replace(/\/$/, '')}.vl.json`);
    // The table's year columns are exactly the years that asked.
    const columns = await figure
      .locator('details table thead th')
      .evaluateAll((ths) => ths.map((t) => t.textContent!.trim()));
    expect(columns.filter((c) => c.startsWith('share ')).map((c) => c.slice(6))).toEqual(asked);
    expect(await page.locator('#wording').count()).toBe(1);
    expect(page.errors).toEqual([]);
    await page.close();
  });
});

describe('accessibility of the pages across years', () => {
  for (const theme of ['light', 'dark'] as const) {
    it(`axe finds no serious or critical violations (${theme} theme)`, async () => {
      const trends = await trendPaths();
      const paths = ['series/', 'trends/', ...trends.slice(0, fixture ? trends.length : 4)];
      const found: string[] = [];
      for (const path of paths) {
        const page = await open(path, theme);
        if (path === 'series/') await interactive(page, '/series.vl.json');
        const results = await new AxeBuilder({ page }).analyze();
        found.push(
          ...results.violations
            .filter((v) => v.impact === 'serious' || v.impact === 'critical')
            .map(
              (v) =>
                `${path}: ${v.id} (${v.impact}): ${v.nodes
                  .slice(0, 3)
                  .map((n) => n.target.join(' '))
                  .join(' | ')}`,
            ),
        );
        await page.close();
      }
      expect(found).toEqual([]);
    });
  }
});
