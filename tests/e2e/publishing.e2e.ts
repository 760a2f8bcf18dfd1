/**
 * What publishing needs, on a build made as a host would make it (SITE_URL and a subpath base): absolute
 * canonical, og:url and og:image addresses and the social cards they name, the 404 page served at any
 * missing address, the print stylesheet, and the sitemap.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/e2e/browser.js';
import { type StaticServer, serveStatic } from '../helpers/e2e/static-server.js';
import { buildSite, listFiles, read, writeInputs } from '../helpers/site-build.js';

const SITE = 'https://segments.example.org';
const BASE = '/survey/';
/** Where the published site lives: every absolute address must start with it. */
const ROOT_URL = `${SITE}${BASE}`;

const tmp = mkdtempSync(join(tmpdir(), 'publishing-e2e-'));
const dist = join(tmp, 'dist');
let server: StaticServer;
let browser: Browser;
let files: string[];
let years: string[];
let year: string;
/** Site path (below the base) of the latest year's first segment page that is a page, not a redirect. */
let segmentPath: string;

beforeAll(async () => {
  const result = await buildSite(writeInputs(join(tmp, 'in')), dist, join(tmp, 'cache'), BASE, { SITE_URL: SITE });
  if (result.code !== 0) throw new Error(`site build failed:\n${result.output.slice(-3000)}`);
  files = listFiles(dist);
  years = readdirSync(dist)
    .filter((d) => /^\d{4}$/.test(d))
    .sort();
  year = years.at(-1)!;
  const segmentPage = files.find(
    (f) =>
      f.startsWith(`${year}/segments/`) && f.endsWith('/index.html') && !read(dist, f).includes('http-equiv="refresh"'),
  );
  segmentPath = segmentPage!.replace(/index\.html$/, '');
  server = await serveStatic(dist, BASE, { notFound: '404.html' });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(tmp, { recursive: true, force: true });
});

async function open(
  path: string,
  options: { colorScheme?: 'light' | 'dark'; width?: number; status?: number } = {},
): Promise<Page> {
  const context = await browser.newContext({
    colorScheme: options.colorScheme ?? 'light',
    viewport: { width: options.width ?? 1280, height: 900 },
  });
  const page = await context.newPage();
  page.on('close', () => context.close().catch(() => {}));
  const response = await page.goto(new URL(path, server.url).href);
  expect(response?.status(), `GET ${path}`).toBe(options.status ?? 200);
  return page;
}

/** The head's addresses of a built page, read from the file. */
function headLinks(file: string) {
  const html = read(dist, file);
  const attr = (re: RegExp) => re.exec(html)?.[1];
  return {
    canonical: attr(/<link rel="canonical" href="([^"]*)"/),
    ogUrl: attr(/<meta property="og:url" content="([^"]*)"/),
    ogImage: attr(/<meta property="og:image" content="([^"]*)"/),
  };
}

/** The built file behind an absolute address of the site (directory addresses hold index.html). */
function fileOf(url: string): string {
  expect(url.startsWith(ROOT_URL), url).toBe(true);
  const path = url.slice(ROOT_URL.length);
  return path === '' || path.endsWith('/') ? `${path}index.html` : path;
}

describe('absolute addresses in the head', () => {
  it('a segment page has canonical, og:url and og:image under SITE_URL and the base, and its card exists', async () => {
    const { canonical, ogUrl, ogImage } = headLinks(`${segmentPath}index.html`);
    expect(canonical).toBe(`${ROOT_URL}${segmentPath}`);
    expect(ogUrl).toBe(canonical);
    expect(ogImage).toBe(`${ROOT_URL}${segmentPath}og.png`);
    const card = await sharp(join(dist, fileOf(ogImage!))).metadata();
    expect([card.format, card.width, card.height]).toEqual(['png', 1200, 630]);
  });

  it('a year overview has its own social card: the year, not a segment', async () => {
    const { canonical, ogUrl, ogImage } = headLinks(`${year}/index.html`);
    expect(canonical).toBe(`${ROOT_URL}${year}/`);
    expect(ogUrl).toBe(canonical);
    expect(ogImage).toBe(`${ROOT_URL}${year}/og.png`);
    for (const y of years) expect(files, `${y}/og.png`).toContain(`${y}/og.png`);
    const card = await sharp(join(dist, fileOf(ogImage!))).metadata();
    expect([card.format, card.width, card.height]).toEqual(['png', 1200, 630]);
    const [overviewCard, segmentCard] = await Promise.all([
      sharp(join(dist, `${year}/og.png`))
        .raw()
        .toBuffer(),
      sharp(join(dist, `${segmentPath}og.png`))
        .raw()
        .toBuffer(),
    ]);
    expect(overviewCard.equals(segmentCard)).toBe(false);
  });

  it('every page names itself as canonical, with og:url the same', () => {
    const pages = files.filter((f) => f.endsWith('index.html') && !read(dist, f).includes('http-equiv="refresh"'));
    expect(pages.length).toBeGreaterThan(5);
    for (const page of pages) {
      const { canonical, ogUrl } = headLinks(page);
      expect(canonical, page).toBe(`${ROOT_URL}${page.replace(/index\.html$/, '')}`);
      expect(ogUrl, page).toBe(canonical);
    }
  });
});

describe('404 page', () => {
  it('is built as 404.html and is no address of its own', () => {
    expect(files).toContain('404.html');
    const { canonical, ogUrl } = headLinks('404.html');
    expect(canonical).toBeUndefined();
    expect(ogUrl).toBeUndefined();
    expect(read(dist, '404.html')).toContain('<meta name="robots" content="noindex"');
  });

  it('is served at a missing address deep under the base, styled, with links that all lead to built pages', async () => {
    const page = await open(`${year}/segments/no-such-segment/`, { status: 404 });
    await expect.poll(() => page.locator('h1').textContent()).toBe('Page not found');
    expect(await page.locator('main').textContent()).toMatch(/no page at this address/);
    // The stylesheets load from a nested address too (absolute asset URLs under the base).
    expect(await page.evaluate(() => getComputedStyle(document.body).fontFamily)).toMatch(/Source Sans 3/);
    const hrefs = await page.locator('main a').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
    expect(hrefs).toContain(BASE);
    for (const y of years) expect(hrefs).toContain(`${BASE}${y}/`);
    const action = await page.locator('form[role="search"]').getAttribute('action');
    expect(action).toBe(`${BASE}search/`);
    for (const href of [...hrefs, action!]) {
      expect(href.startsWith(BASE), href).toBe(true);
      expect(existsSync(join(dist, fileOf(`${SITE}${href}`))), href).toBe(true);
      const response = await page.request.get(new URL(href, server.url).href);
      expect(response.status(), href).toBe(200);
    }
    await page.close();
  });

  it('searches from its form', async () => {
    const page = await open('no/such/page', { status: 404 });
    await page.locator('form[role="search"] input').fill('segment');
    await page.locator('form[role="search"] button').click();
    await page.waitForURL(/\/survey\/search\/\?q=segment$/);
    expect(await page.locator('h1').textContent()).toBe('Search');
    await page.close();
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`axe finds no serious or critical violations (${theme} theme)`, async () => {
      const page = await open('missing/', { colorScheme: theme, status: 404 });
      const results = await new AxeBuilder({ page }).analyze();
      const serious = results.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => v.id);
      expect(serious).toEqual([]);
      await page.close();
    });
  }
});

describe('print stylesheet', () => {
  it('prints a segment page without navigation, with its static charts and tables, in light colours', async () => {
    // A dark screen (system and explicit choice), so that light paper is the stylesheet's doing.
    // Much narrower than a sheet of A4 (about 700 CSS pixels inside the margins), so that fitting means something.
    const page = await open(segmentPath, { colorScheme: 'dark', width: 400 });
    await page.evaluate(() => (document.documentElement.dataset.theme = 'dark'));
    const figure = page.locator('figure.chart').first();
    await figure.scrollIntoViewIfNeeded();
    // On screen the chart becomes interactive, which hides the static picture.
    await expect
      .poll(() => figure.evaluate((f) => f.classList.contains('is-interactive')), { timeout: 30_000 })
      .toBe(true);
    const nav = page.locator('.site-header nav[aria-label="Site"]');
    expect(await nav.isVisible()).toBe(true);
    expect(await figure.locator('.chart-static').isVisible()).toBe(false);
    expect(await figure.locator('table').isVisible()).toBe(false);
    const background = () => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    expect(await background()).not.toBe('rgb(255, 255, 255)');

    await page.emulateMedia({ media: 'print' });
    for (const hidden of [
      '.site-header',
      '.site-header nav',
      'nav[aria-label="Survey year"]',
      '[data-theme-toggle]',
      '.skip',
      '.site-footer',
      '.segment-nav',
      '.downloads',
      '.chart-interactive',
      'details > summary',
    ]) {
      const all = await page.locator(hidden).all();
      expect(all.length, hidden).toBeGreaterThan(0);
      for (const el of all) expect(await el.isVisible(), hidden).toBe(false);
    }
    expect(await nav.evaluate((n) => getComputedStyle(n.closest('header')!).display)).toBe('none');
    // The light static picture, not the dark one nor the interactive view.
    // (Of the light variant's desktop and phone layouts, the one the column shows.)
    const svg = figure.locator('.chart-light svg:visible');
    expect(await svg.isVisible()).toBe(true);
    expect(await figure.locator('.chart-dark').isVisible()).toBe(false);
    expect(await figure.locator('table').isVisible()).toBe(true);
    expect(await figure.locator('.chart-static').evaluate((el) => getComputedStyle(el).breakInside)).toBe('avoid');
    // Every chart and table fits the width of the page: nothing is cut off by a scrolling box or the edge.
    const width = await page.evaluate(() => document.documentElement.clientWidth);
    const printed = await page
      .locator('figure.chart .chart-light svg:visible, figure.chart .chart-light img, figure.chart table')
      .all();
    expect(printed.length).toBeGreaterThan(3);
    for (const el of printed) {
      expect(await el.isVisible()).toBe(true);
      const box = (await el.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(width + 1);
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    expect(await background()).toBe('rgb(255, 255, 255)');
    expect(await page.evaluate(() => getComputedStyle(document.body).color)).toBe('rgb(0, 0, 0)');
    // The synthetic-data banner stays on paper: it says what the figures are.
    expect(await page.locator('[role="note"]').first().isVisible()).toBe(true);
    await page.close();
  });

  it('prints the raster map as its light picture', async () => {
    const page = await open(`${year}/`, { colorScheme: 'dark' });
    await page.emulateMedia({ media: 'print' });
    const map = page.locator('figure[data-chart-spec$="/map.vl.json"]');
    expect(await map.locator('img.chart-light').isVisible()).toBe(true);
    expect(await map.locator('img.chart-dark').isVisible()).toBe(false);
    expect(await page.locator('nav.toc').isVisible()).toBe(false);
    await page.close();
  });
});

describe('sitemap', () => {
  it('lists every page by its absolute address under the base, and not the 404 or search pages', () => {
    expect(files).toContain('sitemap-index.xml');
    const index = read(dist, 'sitemap-index.xml');
    const sitemaps = [...index.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);
    expect(sitemaps.length).toBeGreaterThan(0);
    const locs = sitemaps.flatMap((url) =>
      [...read(dist, fileOf(url)).matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]),
    );
    for (const loc of locs) {
      expect(loc.startsWith(ROOT_URL), loc).toBe(true);
      expect(existsSync(join(dist, fileOf(loc))), loc).toBe(true);
    }
    expect(locs).toContain(ROOT_URL);
    expect(locs).toContain(`${ROOT_URL}${year}/`);
    expect(locs).toContain(`${ROOT_URL}${segmentPath}`);
    expect(locs.filter((l) => /404|\/search\/$/.test(l))).toEqual([]);
    // "starters" is merged into "vision" by the fixture's summary: its address only redirects.
    expect(locs).toContain(`${ROOT_URL}2020/segments/vision/`);
    expect(locs.filter((l) => l.includes('/segments/starters/'))).toEqual([]);
    expect(read(dist, '2020/segments/starters/index.html')).toContain(
      `<link rel="canonical" href="${ROOT_URL}2020/segments/vision/"`,
    );
  });
});
