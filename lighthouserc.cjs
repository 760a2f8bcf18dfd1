// Lighthouse CI (`npm run lighthouse`, after `npm run build`): the built site in Debian's chromium, on
// Lighthouse's default mobile settings (a mid-range phone on a throttled 4G connection). It fails when any
// of the four categories scores below 95 on a page reader enters by: the home page, a year's overview, a
// segment page and (when the year has one) the quiz. LIGHTHOUSE_YEAR picks the year (default: the latest
// built), LIGHTHOUSE_SEGMENT its segment page (default: its first).
const { existsSync, readdirSync } = require('node:fs');
const { join } = require('node:path');

const dist = process.env.SITE_OUT_DIR || 'dist';
const years = existsSync(dist)
  ? readdirSync(dist)
      .filter((d) => /^\d{4}$/.test(d))
      .sort()
  : [];
const year = process.env.LIGHTHOUSE_YEAR || years[years.length - 1];
if (!year) throw new Error(`lighthouserc.cjs: no year built under ${dist}/; run npm run build first`);
const segmentsDir = join(dist, year, 'segments');
const segment =
  process.env.LIGHTHOUSE_SEGMENT || (existsSync(segmentsDir) ? readdirSync(segmentsDir).sort()[0] : undefined);
const pages = [
  '/',
  `/${year}/`,
  ...(segment ? [`/${year}/segments/${segment}/`] : []),
  ...(existsSync(join(dist, year, 'which-segment')) ? [`/${year}/which-segment/`] : []),
];
const atLeast95 = ['error', { minScore: 0.95 }];

module.exports = {
  ci: {
    collect: {
      staticDistDir: dist,
      url: pages.map((p) => `http://localhost${p}`),
      numberOfRuns: 1,
      chromePath: process.env.CHROME_PATH || '/usr/bin/chromium',
      settings: { chromeFlags: '--headless=new --no-sandbox --disable-gpu' },
    },
    assert: {
      assertions: {
        'categories:performance': atLeast95,
        'categories:accessibility': atLeast95,
        'categories:best-practices': atLeast95,
        'categories:seo': atLeast95,
      },
    },
    upload: {
      target: 'filesystem',
      outputDir: '.lighthouseci/reports',
      reportFilenamePattern: '%%PATHNAME%%.%%EXTENSION%%',
    },
  },
};
