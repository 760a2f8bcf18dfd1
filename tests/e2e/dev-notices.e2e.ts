/**
 * What an editor sees in `npm run dev` when a summary asks for sub-segments that are not computed yet: a
 * notice on that segment's page alone, naming the MDX file and the exact `npm run segment` command (with the
 * paths of the run log beside the document), while every other page of the year still answers 200.
 */
import { mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLogPath, segmentationPath, subSegmentsPath } from '../../scripts/document/paths.js';
import { launchBrowser } from '../helpers/e2e/browser.js';
import { type DevServer, startDevServer } from '../helpers/e2e/dev-server.js';
import { fixtureDocs, type SiteInputs, writeInputs } from '../helpers/site-build.js';

const tmp = mkdtempSync(join(tmpdir(), 'dev-notices-e2e-'));
let inputs: SiteInputs;
let server: DevServer;
let browser: Browser;
const doc2020 = fixtureDocs()[1];
/** As the analyst ran it: a path with a space (so the command must quote it) and a content folder of their own. */
const INPUT = 'surveys/kaggle 2020.csv';
const CONTENT = 'fixture-content';

beforeAll(async () => {
  inputs = writeInputs(join(tmp, 'in'));
  // "tabular" asks for `subSegments: 2` (tests/helpers/site-build.ts), and now nothing has computed them.
  unlinkSync(subSegmentsPath(inputs.dataDir, 2020));
  const invocation = {
    survey: 2020,
    config: null,
    input: INPUT,
    out: inputs.dataDir,
    content: CONTENT,
    updateRegistry: true,
  };
  writeFileSync(
    runLogPath(segmentationPath(inputs.dataDir, 2020)),
    JSON.stringify({ cacheKey: null, invocation }, null, 2),
  );
  server = await startDevServer(inputs, join(tmp, 'cache'));
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(tmp, { recursive: true, force: true });
});

async function get(path: string): Promise<{ status: number; html: string }> {
  const response = await fetch(new URL(path, server.url), { signal: AbortSignal.timeout(120_000) });
  return { status: response.status, html: await response.text() };
}

/** Site-internal page addresses linked from `html` (directories, not files or anchors). */
function pageLinks(html: string): string[] {
  return [...html.matchAll(/href="(\/[^"#?]*\/)"/g)].map((m) => m[1]);
}

describe('a summary whose sub-segments are not computed yet, in npm run dev', () => {
  it('gets a notice on its own page naming the MDX file and the command to run', async () => {
    const { status } = await get('2020/segments/tabular/');
    expect(status, server.output().slice(-2000)).toBe(200);
    const page = await browser.newPage();
    await page.goto(new URL('2020/segments/tabular/', server.url).href);
    const notice = page.locator('aside[aria-labelledby="sub-segments-missing"]');
    // Vite may reload the page once while it bundles the client's dependencies on the first visit.
    await notice.waitFor({ state: 'visible', timeout: 60_000 });
    const text = (await notice.textContent())!;
    expect(text).toContain('Sub-segments not computed yet');
    expect(text).toMatch(/2020\/tabular\.mdx\s+asks for\s+subSegments: 2/);
    expect(text).toContain('subsegments-2020.json');
    const { seed } = doc2020.metadata;
    const { clusters, stabilityRuns } = doc2020.metadata.parameters;
    expect(await notice.locator('pre code').textContent()).toBe(
      `npm run segment -- --survey 2020 --input '${INPUT}' --out ${inputs.dataDir} --content ${CONTENT} --seed ${seed} --clusters ${clusters} --stability ${stabilityRuns} --synthetic --update-registry`,
    );
    // The rest of the page is there, without the sub-segments it cannot show.
    expect(await page.locator('h1').textContent()).toContain('Tabular machine learning');
    expect(await page.locator('#sub-segments').count()).toBe(0);
    await page.close();
  });

  it('leaves every other page of the site answering 200, without the notice', async () => {
    const seen = new Set<string>(['/2020/segments/tabular/']);
    const queue = ['/', '/2020/', '/2019/'];
    const failed: string[] = [];
    while (queue.length > 0) {
      const path = queue.shift()!;
      if (seen.has(path)) continue;
      seen.add(path);
      const { status, html } = await get(path.slice(1));
      if (status !== 200) failed.push(`${path}: ${status}`);
      // (The notice's style is in every segment page's stylesheet on the dev server; the element is not.)
      expect(html, path).not.toContain('aria-labelledby="sub-segments-missing"');
      // The home page and the years' pages link every page of a year; one more hop reaches the rest.
      if (path.split('/').length <= 4) queue.push(...pageLinks(html).filter((p) => !seen.has(p)));
    }
    expect(failed).toEqual([]);
    console.log(`dev server: ${seen.size - 1} other pages answered 200`);
    // The crawl did reach the year's other segment page, the other year's, and the year's other pages.
    expect(seen).toContain('/2020/segments/vision/');
    expect([...seen].filter((p) => p.startsWith('/2019/segments/')).length).toBeGreaterThanOrEqual(2);
    expect(
      [...seen].filter((p) => p.startsWith('/2020/') && !p.startsWith('/2020/segments/')).length,
    ).toBeGreaterThanOrEqual(3);
  });
});
