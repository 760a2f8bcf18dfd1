/**
 * The built site in a browser: charts become interactive and show tooltips, the theme switches (charts
 * follow), search finds pages, and axe finds no serious or critical accessibility violations.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/e2e/browser.js';
import { type StaticServer, serveStatic } from '../helpers/e2e/static-server.js';
import { buildSite, writeInputs } from '../helpers/site-build.js';

const tmp = mkdtempSync(join(tmpdir(), 'site-e2e-'));
let server: StaticServer;
let browser: Browser;
let year: string;
let segmentPath: string;

beforeAll(async () => {
  let dist = process.env.E2E_DIST;
  let base = process.env.E2E_BASE ?? '/';
  if (!dist) {
    dist = join(tmp, 'dist');
    base = '/sub/';
    const result = await buildSite(writeInputs(join(tmp, 'in')), dist, join(tmp, 'cache'), base);
    if (result.code !== 0) throw new Error(`site build failed:\n${result.output.slice(-3000)}`);
  }
  server = await serveStatic(dist, base);
  browser = await launchBrowser();
  // The latest year and its first segment, as the home page links them.
  const page = await browser.newPage();
  await page.goto(server.url);
  const latest = await page.locator('.latest .go a').getAttribute('href');
  year = latest!.replace(base, '').replace(/\/$/, '');
  await page.goto(new URL(latest!, server.url).href);
  segmentPath = (await page.locator('table.segments tbody a').first().getAttribute('href'))!;
  await page.close();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(tmp, { recursive: true, force: true });
});

async function open(path: string, options: { colorScheme?: 'light' | 'dark'; width?: number } = {}): Promise<Page> {
  // A context per page: axe needs one, and it keeps stored theme choices from leaking between tests.
  const context = await browser.newContext({
    colorScheme: options.colorScheme ?? 'light',
    viewport: { width: options.width ?? 1280, height: 900 },
  });
  const page = await context.newPage();
  // The context goes with its page; when the browser is already closing (the last test), that close may
  // lose the race and reject, which must not surface as an unhandled rejection.
  page.on('close', () => context.close().catch(() => {}));
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const response = await page.goto(new URL(path, server.url).href);
  // A missing page would pass every check below vacuously.
  expect(response?.status(), `GET ${path}`).toBe(200);
  (page as Page & { errors: string[] }).errors = errors;
  return page;
}

/** Scrolls a chart into view, waits until vega-embed replaced the static SVG, and returns the figure. */
async function interactive(page: Page, specSuffix: string) {
  const figure = page.locator(`figure[data-chart-spec$="${specSuffix}"]`).first();
  await figure.scrollIntoViewIfNeeded();
  await expect
    .poll(() => figure.evaluate((f) => f.classList.contains('is-interactive')), { timeout: 30_000 })
    .toBe(true);
  return figure;
}

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(' | ')}`,
    );
}

describe('overview page', () => {
  it('turns a chart interactive and shows a tooltip on hover', async () => {
    const page = await open(`${year}/`);
    const figure = await interactive(page, '/sizes.vl.json');
    await figure.locator('.chart-interactive svg .mark-rect path').first().hover();
    const tooltip = page.locator('#vg-tooltip-element');
    await expect.poll(() => tooltip.evaluate((t) => t.classList.contains('visible')), { timeout: 10_000 }).toBe(true);
    expect(await tooltip.textContent()).toMatch(/Size/);
    expect((page as Page & { errors: string[] }).errors).toEqual([]);
    await page.close();
  });

  it('switches theme with the toggle; the static charts follow', async () => {
    const page = await open(`${year}/`);
    const light = page.locator('figure[data-chart-spec$="/sizes.vl.json"] .chart-light');
    const dark = page.locator('figure[data-chart-spec$="/sizes.vl.json"] .chart-dark');
    expect(await light.isVisible()).toBe(true);
    expect(await dark.isVisible()).toBe(false);
    const before = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    await page.locator('[data-theme-toggle]').click();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor)).not.toBe(before);
    expect(await light.isVisible()).toBe(false);
    expect(await dark.isVisible()).toBe(true);
    // The choice survives a reload.
    await page.reload();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await page.close();
  });

  it('follows the system dark preference without a stored choice', async () => {
    const page = await open(`${year}/`, { colorScheme: 'dark' });
    expect(await page.locator('figure[data-chart-spec$="/sizes.vl.json"] .chart-dark').isVisible()).toBe(true);
    await page.close();
  });
});

describe('segment page', () => {
  it('has a lift chart whose bars show tooltips', async () => {
    const page = await open(segmentPath);
    const figure = await interactive(page, '-lift.vl.json');
    await figure.locator('.chart-interactive svg .mark-rect path').first().hover();
    const tooltip = page.locator('#vg-tooltip-element');
    await expect.poll(() => tooltip.evaluate((t) => t.classList.contains('visible')), { timeout: 10_000 }).toBe(true);
    expect(await tooltip.textContent()).toMatch(/Lift/);
    await page.close();
  });

  it('shows the sub-segments its editor asked for, each with a lift chart against the segment', async () => {
    // The fixture's "tabular" summary asks for two (tests/helpers/site-build.ts).
    const page = await open(`${year}/segments/tabular/`);
    const section = page.locator('section[aria-labelledby="sub-segments"]');
    expect(await section.isVisible()).toBe(true);
    expect(await section.locator('h3').allTextContents()).toEqual([
      expect.stringMatching(/^Sub-segment A: \S/),
      expect.stringMatching(/^Sub-segment B: \S/),
    ]);
    expect(await section.locator('.sub-figures').allTextContents()).toEqual([
      expect.stringMatching(/^\d+ members \(\d+% of the segment\); stability \d+%: stable/),
      expect.stringMatching(/stability \d+%: a pattern \(found in 12 of 15 re-runs\)/),
    ]);
    const figure = await interactive(page, '-sub-2-lift.vl.json');
    expect(await seriousViolations(page)).toEqual([]);
    await figure.locator('.chart-interactive svg .mark-rect path').first().hover();
    const tooltip = page.locator('#vg-tooltip-element');
    await expect.poll(() => tooltip.evaluate((t) => t.classList.contains('visible')), { timeout: 10_000 }).toBe(true);
    expect(await tooltip.textContent()).toMatch(/Sub-segment rate/);
    await page.close();
  });

  it("gives the overview's contents links a target 24 px tall at least, on a phone", async () => {
    const page = await open(`${year}/`, { width: 390 });
    const heights = await page
      .locator('nav.toc a')
      .evaluateAll((links) => links.map((a) => a.getBoundingClientRect().height));
    expect(heights.length).toBeGreaterThan(2);
    expect(Math.min(...heights)).toBeGreaterThanOrEqual(24);
    await page.close();
  });

  it('fits a phone screen without horizontal scrolling of the page', async () => {
    const page = await open(segmentPath, { width: 375 });
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await page.close();
  });
});

/**
 * Rendered size of every visible chart text of the page, by chart: the SVG text of static and interactive
 * charts (font size × the SVG's scale), the home page's chart, and the segment map's labels, which are HTML.
 */
async function chartTextSizes(page: Page): Promise<{ chart: string; min: number; texts: number }[]> {
  return page.evaluate(() => {
    const shown = (e: Element) => e.getBoundingClientRect().width > 0 && (e.textContent ?? '').trim() !== '';
    const svgSizes = (figure: Element) =>
      [...figure.querySelectorAll<SVGTextElement>('.chart-static svg text, .chart-interactive svg text')]
        .filter(shown)
        .map((t) => {
          // The scale of the text's transform, rotated labels included (their a is cos 90° = 0).
          const m = t.getScreenCTM()!;
          return parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b);
        });
    const figures: [string, number[]][] = [
      ...[...document.querySelectorAll<HTMLElement>('figure[data-chart-spec]')].map((f): [string, number[]] => [
        f.dataset.chartSpec!.split('/').pop()!.replace('.vl.json', ''),
        svgSizes(f),
      ]),
      ...[...document.querySelectorAll('.latest figure.chart')].map((f): [string, number[]] => [
        'home-sizes',
        svgSizes(f),
      ]),
      ...[...document.querySelectorAll('figure.segment-map')].map((f): [string, number[]] => [
        'segment-map-labels',
        [...f.querySelectorAll('.labels a, .dots li, .key a')]
          .filter(shown)
          .map((e) => parseFloat(getComputedStyle(e).fontSize)),
      ]),
    ];
    return figures.flatMap(([chart, sizes]) =>
      sizes.length === 0 ? [] : [{ chart, min: Math.min(...sizes), texts: sizes.length }],
    );
  });
}

/** Pairs of the segment map's visible labels (names or numbers) whose boxes overlap, as "i/j". */
async function overlappingMapLabels(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const boxes = [...document.querySelectorAll('figure.segment-map .labels a, figure.segment-map .dots li')]
      .map((e) => e.getBoundingClientRect())
      .filter((r) => r.width > 0);
    return boxes.flatMap((a, i) =>
      boxes
        .slice(i + 1)
        .flatMap((b, k) =>
          a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom ? [`${i}/${i + 1 + k}`] : [],
        ),
    );
  });
}

describe('phone width (390 px)', () => {
  it('draws every chart kind with text of at least 11 px, and the page does not scroll sideways', async () => {
    const measured: { chart: string; min: number; texts: number }[] = [];
    for (const path of ['', `${year}/`, segmentPath, `${year}/changes/`]) {
      const page = await open(path, { width: 390 });
      // Let the charts in view turn interactive (the phone spec), so that both kinds of drawing are measured.
      await page.waitForTimeout(3000);
      measured.push(...(await chartTextSizes(page)));
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow, path).toBeLessThanOrEqual(0);
      await page.close();
    }
    // Every kind of SVG chart the site draws was measured, the home page's and the map's labels (the maps
    // themselves are pictures, PNG, with no text of their own).
    const kinds = [
      'home-sizes',
      'sizes',
      'stability',
      'breakdown-',
      'work-activities',
      '-lift',
      'changes',
      'segment-map-labels',
    ];
    for (const kind of kinds)
      expect(
        measured.some((m) => m.chart.includes(kind)),
        kind,
      ).toBe(true);
    const small = measured.filter((m) => m.min < 11).map((m) => `${m.chart}: ${m.min.toFixed(1)} px`);
    expect(small).toEqual([]);
    console.log(
      `smallest chart text at 390 px: ${Math.min(...measured.map((m) => m.min)).toFixed(1)} px over ${measured.length} charts`,
    );
  });

  it('numbers the segments on the map, names them in a key of links below it, and no label covers another', async () => {
    for (const width of [390, 1400]) {
      const page = await open(`${year}/`, { width });
      const map = page.locator('figure.segment-map').first();
      const links = map.locator(width === 390 ? '.key a' : '.labels a');
      expect(await links.count(), `${width} px`).toBeGreaterThan(1);
      expect(await links.first().isVisible(), `${width} px`).toBe(true);
      // Each link goes to a segment page of the year.
      for (const href of await links.evaluateAll((as) => as.map((a) => a.getAttribute('href'))))
        expect(href).toMatch(new RegExp(`${year}/segments/[a-z0-9-]+/$`));
      expect(await map.locator('.dots li').first().isVisible()).toBe(width === 390);
      expect(await overlappingMapLabels(page), `${width} px`).toEqual([]);
      await page.close();
    }
  });

  it('makes a chart interactive in a narrow column with its phone layout', async () => {
    const page = await open(segmentPath, { width: 390 });
    const figure = await interactive(page, '-lift.vl.json');
    const drawn = await figure
      .locator('.chart-interactive svg.marks')
      .evaluate((svg) => svg.getBoundingClientRect().width);
    expect(drawn).toBeLessThanOrEqual(358);
    expect(
      await figure.evaluate(
        (f) => (f.querySelector('.chart-interactive svg.marks') as SVGSVGElement).width.baseVal.value,
      ),
    ).toBeLessThanOrEqual(358);
    await page.close();
  });

  it('shows the desktop layout of a chart in a wide column and the phone layout in a narrow one', async () => {
    const wide = await open(segmentPath, { width: 1400 });
    const narrow = await open(segmentPath, { width: 390 });
    const visible = (page: Page, which: string) =>
      page.locator(`figure[data-chart-spec$="-lift.vl.json"] .chart-light ${which}`).first().isVisible();
    expect([await visible(wide, '.chart-wide'), await visible(wide, '.chart-narrow')]).toEqual([true, false]);
    expect([await visible(narrow, '.chart-wide'), await visible(narrow, '.chart-narrow')]).toEqual([false, true]);
    await wide.close();
    await narrow.close();
  });
});

describe('theme button', () => {
  it('names the theme it switches to', async () => {
    const page = await open(`${year}/`);
    const button = page.locator('[data-theme-toggle]');
    expect((await button.textContent())!.trim()).toBe('Dark theme');
    await button.click();
    expect((await button.textContent())!.trim()).toBe('Light theme');
    await page.close();
  });
});

describe('search', () => {
  it('finds the segment pages', async () => {
    const page = await open('search/');
    await page.locator('#search input').fill('segment');
    await expect.poll(() => page.locator('.pagefind-ui__result').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    const first = await page.locator('.pagefind-ui__result-link').first().getAttribute('href');
    expect(first).toContain(new URL(server.url).pathname);
    await page.close();
  });

  it('keeps words apart in excerpts of the key figures ("Professionals 1,059", not "Professionals1,059")', async () => {
    const page = await open('search/');
    await page.locator('#search input').fill('Professionals');
    await expect
      .poll(() => page.locator('.pagefind-ui__result-excerpt').count(), { timeout: 20_000 })
      .toBeGreaterThan(0);
    const excerpts = await page.locator('.pagefind-ui__result-excerpt').allTextContents();
    expect(excerpts.filter((e) => /professionals\d/i.test(e))).toEqual([]);
    await page.close();
  });
});

describe("the notebook's year, side by side", () => {
  it('is linked from its overview and sets each notebook cluster beside a matched segment', async () => {
    const overview = await open(`${year}/`);
    const link = overview.getByRole('link', { name: /The notebook's \d{4}, side by side/ });
    await expect.poll(() => link.count()).toBe(1);
    const page = await open((await link.getAttribute('href'))!);
    await overview.close();
    // One table for all professionals and one per notebook cluster (configs/notebook/2020.yaml has nine).
    expect(await page.locator('table.figures').count()).toBe(10);
    const matched = page.locator('p.match a');
    expect(await matched.count()).toBeGreaterThan(0);
    const response = await page.request.get(new URL((await matched.first().getAttribute('href'))!, server.url).href);
    expect(response.status()).toBe(200);
    await expect.poll(() => page.locator('.lede strong').textContent()).toMatch(/^\d+ of \d+ figures hold\.$/);
    await page.close();
  });
});

describe('which segment are you?', () => {
  it('places a reader who answers with the keyboard alone, in the browser, and shows the top two with probabilities', async () => {
    const page = await open(`${year}/which-segment/`);
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await expect.poll(() => page.locator('#quiz').isVisible()).toBe(true);
    await expect.poll(() => page.getByText('nothing is sent or stored').count()).toBe(1);
    // Tab to the first answer and tick it with the space bar, as a keyboard-only reader would.
    const first = page.locator('#quiz input[data-answer]').first();
    await first.focus();
    await page.keyboard.press('Space');
    expect(await first.isChecked()).toBe(true);
    const result = page.locator('#quiz-result .placed');
    await expect.poll(() => result.textContent()).toMatch(/Most likely: .+ \(\d+%\)\. Next: .+ \(\d+%\)\./);
    expect(await page.locator('#quiz-result a').count()).toBe(2);
    // Every answer has a label, and placing the reader asked the server for nothing.
    const inputs = await page.locator('#quiz input').count();
    expect(await page.locator('#quiz label > input').count()).toBe(inputs);
    expect(requests).toEqual([]);
    await page.close();
  });

  it('says what to do without JavaScript', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(new URL(`${year}/which-segment/`, server.url).href);
    expect(await page.locator('noscript').count()).toBe(1);
    expect(await page.locator('#quiz').isVisible()).toBe(false);
    expect(await page.locator('noscript').textContent()).toContain('JavaScript, which is off');
    await context.close();
  });
});

describe('accessibility', () => {
  for (const theme of ['light', 'dark'] as const) {
    it(`axe finds no serious or critical violations (${theme} theme)`, async () => {
      // 2019's first fixture segment dissolves: its page shows the badge and the dissolving note.
      const paths = [
        '',
        `${year}/`,
        segmentPath,
        '2019/segments/segment-1/',
        `${year}/methodology/`,
        `${year}/changes/`,
        `${year}/notebook/`,
        `${year}/which-segment/`,
        'search/',
      ];
      const found: string[] = [];
      for (const path of paths) {
        const page = await open(path, { colorScheme: theme });
        if (path === `${year}/`) await interactive(page, '/sizes.vl.json');
        found.push(...(await seriousViolations(page)).map((v) => `${path || 'home'}: ${v}`));
        await page.close();
      }
      expect(found).toEqual([]);
    });
  }
});
