/**
 * How long an editor waits, with `npm run dev` running, between saving a summary and seeing the edit in the
 * browser. Starts the dev server on the demo, opens a segment page in Chromium, appends a sentence to its
 * summary and times until the page shows it (Astro reloads the page itself), `rounds` times; the summary is
 * restored afterwards.
 *
 *   npm run bench -- --dev
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const PORT = 4399;

export async function devEditLatency(root: string, rounds = 5): Promise<number[]> {
  const dir = join(root, 'content/demo/segments/2020');
  const slug = readdirSync(dir)
    .filter((f) => f.endsWith('.mdx'))
    .sort()[0]
    .replace(/\.mdx$/, '');
  const file = join(dir, `${slug}.mdx`);
  const original = readFileSync(file, 'utf8');
  const server = spawn('npx', ['astro', 'dev', '--port', String(PORT)], {
    cwd: root,
    env: { ...process.env, SITE_MODE: 'demo' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let log = '';
  server.stdout.on('data', (d) => (log += d));
  server.stderr.on('data', (d) => (log += d));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const times: number[] = [];
  try {
    const ready = Date.now();
    while (!/localhost:\d+/.test(log)) {
      if (Date.now() - ready > 120_000 || server.exitCode !== null)
        throw new Error(`dev server did not start:\n${log}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const page = await browser.newPage();
    const url = `http://localhost:${PORT}/2020/segments/${slug}/`;
    // The first request compiles the page and renders its charts; that is start-up, not the edit.
    await page.goto(url, { timeout: 300_000 });
    for (let round = 1; round <= rounds; round++) {
      const marker = `Edit number ${round} for the benchmark.`;
      const started = performance.now();
      writeFileSync(file, `${original}\n${marker}\n`);
      // Until the reader sees it: innerText is the rendered text, where textContent would also find it in hidden markup.
      // biome-ignore lint/performance/useDomNodeTextContent: the layout innerText costs is part of what the benchmark times
      await page.waitForFunction((text) => document.body.innerText.includes(text), marker, {
        timeout: 60_000,
        polling: 20,
      });
      times.push(performance.now() - started);
    }
  } finally {
    writeFileSync(file, original);
    await browser.close();
    process.kill(-server.pid!, 'SIGTERM');
  }
  return times;
}
