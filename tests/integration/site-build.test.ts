/**
 * Builds the whole site (astro build + Pagefind) from fixture inputs under a subpath, then checks the
 * output: the page set, summaries, lift charts against the JSON, links, downloads, social cards, search
 * index. A second build with a wrong MDX reference must fail and name the file and line.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Segmentation } from '../../scripts/document/segmentation-schema.js';
import { compareAcrossYears, matchAcrossYears, sharedAnswerKeys } from '../../scripts/identity/across-years.js';
import { formatPercent } from '../../src/charts/format.js';
import { mergedView, normalizeGroups } from '../../src/lib/merge.js';
import {
  type BuildResult,
  buildSite,
  fixtureDocs,
  fixtureSubSegments,
  INTRO_2020_TITLE,
  listFiles,
  REVIEWED_DRIFTED,
  read,
  SUMMARIES,
  writeInputs,
} from '../helpers/site-build.js';

const BASE = '/sub/';
const tmp = mkdtempSync(join(tmpdir(), 'site-build-'));
const dist = join(tmp, 'dist');
let build: BuildResult;
let files: string[];
const [doc2019, doc2020] = fixtureDocs();

beforeAll(async () => {
  build = await buildSite(writeInputs(join(tmp, 'in')), dist, join(tmp, 'cache'), BASE);
  files = build.code === 0 ? listFiles(dist) : [];
}, 600_000);

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const html = (path: string) => read(dist, `${path}index.html`);

/** The notebook's label rule: "question label: first five words of the answer". */
function expectedTopLabel(doc: Segmentation, index: number): string {
  const lift = doc.segments[index].lift;
  const f = lift.indexOf(Math.max(...lift));
  const feature = doc.features[f];
  const words = feature.label.split(/\s+/);
  const answer = words.length <= 5 ? words.join(' ') : `${words.slice(0, 5).join(' ')}…`;
  return `${doc.questions.find((q) => q.code === feature.question)!.label}: ${answer}`;
}

/** The y-axis labels (left of the axis: negative x) of a page's lift chart SVG, light variant, top to bottom. */
function liftLabels(page: string, chartId: string): string[] {
  const figure = page.slice(page.indexOf(`charts/${chartId}.vl.json`));
  const svg = figure.slice(figure.indexOf('<svg'), figure.indexOf('</svg>'));
  const group = svg.slice(svg.indexOf('role-axis-label'));
  const labels = [
    ...group.matchAll(/<text[^>]*text-anchor="end"[^>]*translate\((-[\d.]+),([-\d.]+)\)[^>]*>([^<]*)<\/text>/g),
  ];
  return labels.sort((a, b) => Number(a[2]) - Number(b[2])).map((m) => m[3].replace(/&amp;/g, '&'));
}

describe('site build from fixture data', () => {
  it('succeeds', () => {
    expect(build.code, build.output.slice(-3000)).toBe(0);
  });

  it('has every page of every year, and a redirect for the merged slug', () => {
    const pages = files.filter((f) => f.endsWith('.html'));
    expect(pages).toEqual(
      [
        'index.html',
        '404.html',
        'search/index.html',
        '2019/index.html',
        '2019/methodology/index.html',
        ...[1, 2, 3].map((n) => `2019/segments/segment-${n}/index.html`),
        '2020/index.html',
        '2020/changes/index.html',
        '2020/methodology/index.html',
        // 2020 has the notebook's figures (configs/notebook/2020.yaml) and a quiz model (the fixture's).
        '2020/notebook/index.html',
        '2020/which-segment/index.html',
        '2020/segments/tabular/index.html',
        '2020/segments/vision/index.html',
        '2020/segments/starters/index.html',
        // Across the years: the lineages, and a trend page per topic both fixture years ask.
        'series/index.html',
        'trends/index.html',
        ...['languages', 'ml-algorithms', 'work-activities'].map((t) => `trends/${t}/index.html`),
      ].sort(),
    );
    expect(html('2020/segments/starters/')).toContain(`url=${BASE}2020/segments/vision/`);
  });

  it('shows the summary with current figures, or "No summary yet"', () => {
    const tabular = html('2020/segments/tabular/');
    const f = doc2020.features.findIndex((x) => x.id === 'Q7_Part_3');
    expect(tabular).toContain('Members use SQL: <span class="figure"');
    expect(tabular).toContain(`>${Math.round(doc2020.segments[0].rates[f] * 100)}%</span>`);
    expect(tabular).not.toContain('No summary yet');
    for (const n of [1, 2, 3]) expect(html(`2019/segments/segment-${n}/`)).toContain('No summary yet');
  });

  it('draws each lift chart with the answer of highest lift in the JSON at the top', () => {
    expect(liftLabels(html('2020/segments/tabular/'), 'tabular-lift')[0]).toBe(expectedTopLabel(doc2020, 0));
    for (const n of [1, 2, 3])
      expect(liftLabels(html(`2019/segments/segment-${n}/`), `segment-${n}-lift`)[0]).toBe(
        expectedTopLabel(doc2019, n - 1),
      );
    const merged = mergedView(doc2020, normalizeGroups(3, [[1, 2]]));
    const vision = liftLabels(html('2020/segments/vision/'), 'vision-lift');
    expect(vision[0]).toBe(expectedTopLabel(merged, 1));
    expect(vision).toHaveLength(Math.min(15, doc2020.features.length));
  });

  it('marks the new segment and says on every page that the data is synthetic', () => {
    expect(html('2020/segments/vision/')).toContain('class="new-mark"');
    expect(html('2020/segments/tabular/')).not.toContain('class="new-mark"');
    for (const page of files.filter((f) => f.endsWith('.html') && !f.includes('starters'))) {
      expect(read(dist, page), page).toContain('Synthetic demo data.');
    }
  });

  it('has no broken internal link, image, script or stylesheet, and every link carries the base', () => {
    const broken: string[] = [];
    for (const page of files.filter((f) => f.endsWith('.html'))) {
      const text = read(dist, page);
      const ids = new Set([...text.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]));
      for (const [, attr, url] of text.matchAll(/\s(href|src|data-chart-spec|content)="([^"]*)"/g)) {
        if (attr === 'content' && !url.startsWith('0; url=')) continue;
        const target = attr === 'content' ? url.slice('0; url='.length) : url;
        if (/^(https?:|data:|mailto:)/.test(target)) continue;
        if (target.startsWith('#')) {
          if (target.length > 1 && !ids.has(target.slice(1))) broken.push(`${page}: ${target}`);
          continue;
        }
        if (!target.startsWith(BASE)) {
          broken.push(`${page}: ${target} (not under ${BASE})`);
          continue;
        }
        const path = target.slice(BASE.length).split(/[?#]/)[0];
        const file = path === '' || path.endsWith('/') ? `${path}index.html` : path;
        if (!existsSync(join(dist, file))) broken.push(`${page}: ${target}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('emits chart data downloads, specs, social cards and the search index', () => {
    const csv = read(dist, '2020/data/tabular-lift.csv').split('\r\n');
    expect(csv[0]).toBe('rank,question,answer,group,overall rate,segment rate,lift');
    expect(csv.length).toBe(Math.min(15, doc2020.features.length) + 2);
    expect(JSON.parse(read(dist, '2020/charts/sizes.vl.json')).$schema).toContain('vega-lite');
    expect(JSON.parse(read(dist, '2020/data/segmentation-2020.json')).counts).toEqual(doc2020.counts);
    expect(read(dist, '2020/segments/tabular/og.png').slice(1, 4)).toBe('PNG');
    // Absolute: a build without SITE_URL says the site is at http://localhost:4321 (real builds must set it).
    expect(html('2020/segments/tabular/')).toContain(
      `<meta property="og:image" content="http://localhost:4321${BASE}2020/segments/tabular/og.png"`,
    );
    expect(files).toContain('pagefind/pagefind.js');
    expect(files).toContain('2020/charts/dark/map.png');
  });

  it('has a "what changed" page for 2020 whose statuses and links are those of the year-to-year match', () => {
    const page = html('2020/changes/');
    expect(page).toMatch(/<h1[^>]*>What changed since 2019<\/h1>/);
    // The match, recomputed on the published views: 2020 shows vision+starters as one page.
    const view2020 = mergedView(doc2020, normalizeGroups(3, [[1, 2]]));
    const slug2020 = ['tabular', 'vision'];
    const expected = matchAcrossYears(doc2019, view2020).map((r) => [
      r.status,
      r.prevIndex === null ? null : `${BASE}2019/segments/segment-${r.prevIndex + 1}/`,
      r.nextIndex === null ? null : `${BASE}2020/segments/${slug2020[r.nextIndex]}/`,
    ]);
    const table = page.slice(
      page.indexOf('<table class="changes"'),
      page.indexOf('</table>', page.indexOf('<table class="changes"')),
    );
    const rows = [...table.matchAll(/<tr[^>]*data-status="([a-z]+)"[^>]*>([\s\S]*?)<\/tr>/g)].map(
      ([, status, cells]) => {
        const links = [...cells.matchAll(/href="([^"]+)"/g)].map((m) => m[1]);
        const tds = [...cells.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((m) => m[1]);
        // Cells: prev segment, prev size, next segment, next size, similarity; a missing side is a dash.
        const prev = tds[0].includes('href') ? links.shift()! : null;
        const next = tds[2].includes('href') ? links.shift()! : null;
        return [status, prev, next];
      },
    );
    expect(rows).toEqual(expected);
    // The planted components: tabular is 2019's first segment; the merged page grows; one 2019 segment has no match.
    expect(rows[0]).toEqual(['persists', `${BASE}2019/segments/segment-1/`, `${BASE}2020/segments/tabular/`]);
    expect(rows.find((r) => r[2] === `${BASE}2020/segments/vision/`)?.[0]).toBe('grows');
    expect(rows.filter((r) => r[0] === 'disappears')).toHaveLength(1);
    expect(page).toMatch(
      new RegExp(
        `<strong[^>]*>${sharedAnswerKeys(doc2019, doc2020).length} answers</strong> on\\s+3 topics \\(“languages”, “ml-algorithms”, “work-activities”\\)`,
      ),
    );
    expect(page).toContain(`data-chart-spec="${BASE}2020/charts/changes.vl.json"`);
    // Each pairing's evidence: its shared defining answers with their rates in both years; and the refusals.
    const evidence = compareAcrossYears(doc2019, view2020).rows[0].evidence[0];
    expect(evidence).toBeDefined();
    expect(table).toMatch(
      new RegExp(
        `${evidence.label.replace(/[()]/g, '\\$&')} <span class="question"[^>]*>\\(${evidence.question}\\)</span>:`,
      ),
    );
    expect(page).toMatch(/<h2 id="refused"[^>]*>Pairings refused<\/h2>/);
    expect(read(dist, '2020/data/changes.csv').split('\r\n')[0]).toBe(
      'segment in 2019,segment in 2020,change,size 2019,share 2019,size 2020,share 2020,similarity',
    );
  });

  it('says which year gets no "what changed" page, and why', () => {
    expect(build.output).toContain('2019 gets no "What changed since" page: no earlier year is segmented');
  });

  it('links the "what changed" page from the home page, the 2020 overview and the 2020 navigation, and never for 2019', () => {
    const link = `href="${BASE}2020/changes/"`;
    expect(html('')).toContain(link);
    expect(html('2020/')).toContain(link);
    expect(html('2020/segments/tabular/').match(/<nav aria-label="Site"[\s\S]*?<\/nav>/)![0]).toContain(link);
    expect(files).not.toContain('2019/changes/index.html');
    for (const page of ['', '2019/', '2019/methodology/']) expect(html(page)).not.toContain(`${BASE}2019/changes/`);
  });

  it('lists every year with data in the year switcher and on the home page', () => {
    for (const page of ['', '2019/', '2020/changes/', 'search/']) {
      const switcher = html(page).match(/<nav class="years"[\s\S]*?<\/nav>/)![0];
      expect(
        [...switcher.matchAll(/>(\d{4})<\/a>/g)].map((m) => m[1]),
        page,
      ).toEqual(['2019', '2020']);
    }
    const home = html('');
    for (const year of [2019, 2020]) expect(home).toContain(`href="${BASE}${year}/"`);
  });

  it('marks a summary whose segment drifted "Under review", and not one that is up to date', () => {
    const vision = html('2020/segments/vision/');
    const note = vision.match(/<aside class="under-review"[\s\S]*?<\/aside>/)?.[0] ?? '';
    expect(note).toMatch(/>Under review</);
    expect(note).toContain('(2024-04-01)');
    // The fixture's reviewed lifts are today's, negated: the largest move is that of the largest lift in absolute value.
    const largest = [...REVIEWED_DRIFTED.top].sort((a, b) => Math.abs(b.lift) - Math.abs(a.lift))[0];
    const top = doc2020.features.find((f) => f.id === largest.feature)!;
    expect(note).toContain(top.label.replace(/&/g, '&amp;'));
    const tabular = html('2020/segments/tabular/');
    expect(tabular).not.toContain('<aside class="under-review"');
    expect(tabular).not.toMatch(/>Under review</);
  });

  it('says on each segment page how stable its segment is, and marks a dissolving one', () => {
    const labels = { stable: 'Stable', pattern: 'A pattern', weak: 'Weak', dissolved: 'Dissolves' };
    const classes = doc2019.segments.map((segment) => {
      const page = html(`2019/segments/segment-${segment.index + 1}/`);
      const stability = segment.stability!;
      // One figure, its class in words and what it measures, where it appears.
      const figure = formatPercent(stability.jaccard);
      expect(page).toMatch(new RegExp(`<dt[^>]*>Stability</dt>\\s*<dd[^>]*>${figure}</dd>`));
      expect(page).toMatch(
        new RegExp(
          `Stability ${figure}: ${labels[stability.class].toLowerCase()}\\.</strong>\\s*When the clustering is re-run with\\s*${doc2019.stability!.runs} other seeds`,
        ),
      );
      expect(page.includes('This segment dissolves when the clustering is re-run')).toBe(
        stability.class === 'dissolved',
      );
      return stability.class;
    });
    expect(classes).toContain('dissolved');
    expect(classes).toContain('stable');
    // A merged page shows two segments as one, whose own stability was not measured: it says nothing.
    expect(html('2020/segments/vision/')).not.toContain('When the clustering is re-run with');
    // The overview's table gives the merged row each part's figures, not "not measured".
    const row =
      html('2020/').match(/<tr[^>]*>(?:(?!<\/tr>)[\s\S])*?segments\/vision\/(?:(?!<\/tr>)[\s\S])*<\/tr>/)?.[0] ?? '';
    expect(row).toMatch(/merged: [A-Z][a-z ]+ \(\d+%\) \+ [A-Z][a-z ]+ \(\d+%\)/);
    expect(row).not.toContain('not measured');
  });

  it('charts every segment’s stability beside the sizes on the overview, and explains it on the methodology page', () => {
    const overview = html('2020/');
    expect(overview).toContain('charts/stability.vl.json');
    expect(overview).toContain('Segment sizes and stability');
    const stabilityCsv = read(dist, '2020/data/stability.csv').split('\r\n');
    expect(stabilityCsv[0]).toBe('segment,stability,reading,found in re-runs,share of members who stay together');
    const methodology = html('2020/methodology/');
    expect(methodology).toContain('id="stability"');
    expect(methodology).toContain(`>${doc2020.stability!.pairwiseARI.median.toFixed(2)}</dd>`);
  });

  it('puts the figures of the methodology page from the JSON', () => {
    const page = html('2020/methodology/');
    for (const value of [
      doc2020.counts.respondents,
      doc2020.counts.droppedNearlyEmpty,
      doc2020.counts.professionals,
      doc2020.metadata.seed,
    ]) {
      expect(page).toMatch(new RegExp(`<dd[^>]*>${value.toLocaleString('en-US')}</dd>`));
    }
    expect(page).toContain(doc2020.metadata.input.sha256);
    expect(page).toContain(doc2020.professionalRule.description);
  });
});

describe('year introductions', () => {
  it('open the overview of a year that has one, listed first in its contents', () => {
    const page = html('2020/');
    expect(page).toMatch(
      new RegExp(
        `<h2 id="introduction"[^>]*>${INTRO_2020_TITLE}</h2>\\s*<p[^>]*>Two surveys, and the tabular segment splits in two\\.</p>`,
      ),
    );
    expect(page.indexOf('id="introduction"')).toBeLessThan(page.indexOf('id="about"'));
    expect(page).toContain(`href="#introduction"`);
    expect(html('2019/')).not.toContain('id="introduction"');
  });
});

describe('sub-segments an editor asked for', () => {
  it('show on the segment page, each named, with its size, its stability and a lift chart against the segment', () => {
    const sub = fixtureSubSegments(doc2020).segments[0];
    const page = html('2020/segments/tabular/');
    expect(page).toMatch(/<h2 id="sub-segments"[^>]*>Sub-segments<\/h2>/);
    const titles = sub.parts.map(
      (_, j) => new RegExp(`<h3 id="sub-segment-${j + 1}"[^>]*>(Sub-segment ${'AB'[j]}: [^<]+)</h3>`).exec(page)?.[1],
    );
    // Named from their own answers against the segment, so the two halves read apart.
    expect(titles.every(Boolean)).toBe(true);
    expect(new Set(titles).size).toBe(2);
    sub.parts.forEach((part, j) => {
      const stability = part.stability!;
      expect(page).toMatch(
        new RegExp(
          `${part.size} members \\(${Math.round(part.share * 100)}% of the segment\\); <strong[^>]*>stability ${Math.round(stability.jaccard * 100)}%: ${stability.class === 'stable' ? 'stable' : 'a pattern'}`,
        ),
      );
      const csv = read(dist, `2020/data/tabular-sub-${j + 1}-lift.csv`).split('\r\n');
      expect(csv[0]).toBe('rank,question,answer,group,segment rate,sub-segment rate,lift');
      // The answer of highest lift within the segment heads the chart's table.
      const top = part.lift.indexOf(Math.max(...part.lift));
      expect(csv[1]).toContain(doc2020.features[top].label);
    });
    expect(page).toContain('tabular-sub-1-lift');
    // A segment whose summary does not ask has no such section.
    expect(html('2020/segments/vision/')).not.toContain('id="sub-segments"');
  });

  it('stop the build, naming the summary, when the data has no such split', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'site-sub-'));
    const summaries = {
      ...SUMMARIES,
      '2020/tabular.mdx': SUMMARIES['2020/tabular.mdx'].replace('subSegments: 2', 'subSegments: 3'),
    };
    const result = await buildSite(writeInputs(dir, summaries), join(dir, 'dist'), join(dir, 'cache'));
    expect(result.code).not.toBe(0);
    // The build (publishing) stops rather than ship the dev server's notice, naming the file and the command to run.
    expect(result.output).toMatch(
      /tabular\.mdx: subSegments: 3, but .*subsegments-2020\.json splits "tabular" in 2; run `npm run segment -- --survey 2020 --input \S+ --out \S+ --content \S+[^`]*` to compute them/,
    );
  });
});

describe("a wrong reference in an editor's MDX", () => {
  it('fails the build and names the file and line', async () => {
    const bad = SUMMARIES['2020/tabular.mdx'].replace('<Lift answer="Q7_Part_3"/>', '<Lift answer="Q7_Part_99"/>');
    const dir = join(tmp, 'bad');
    const result = await buildSite(
      writeInputs(join(dir, 'in'), { '2020/tabular.mdx': bad }),
      join(dir, 'dist'),
      join(dir, 'cache'),
      BASE,
    );
    expect(result.code).not.toBe(0);
    const line = bad.split('\n').findIndex((l) => l.includes('Q7_Part_99')) + 1;
    expect(result.output).toMatch(
      new RegExp(`tabular\\.mdx:${line}:\\d+: <Lift answer="Q7_Part_99">: no answer "Q7_Part_99"`),
    );
  }, 600_000);
});

describe('two years whose surveys share no topic', () => {
  it('still build, and the "what changed" page says the years cannot be compared', async () => {
    const untopical = fixtureDocs().map((doc) => ({
      ...doc,
      questions: doc.questions.map((q) => ({ ...q, topic: null })),
    }));
    const dir = join(tmp, 'untopical');
    const out = join(dir, 'dist');
    const result = await buildSite(writeInputs(join(dir, 'in'), {}, untopical), out, join(dir, 'cache'), BASE);
    expect(result.code, result.output.slice(-3000)).toBe(0);
    const page = read(out, '2020/changes/index.html');
    expect(page).toContain('cannot be compared');
    expect(page).not.toContain('<table class="changes"');
    expect(existsSync(join(out, '2020/charts/changes.vl.json'))).toBe(false);
  }, 600_000);
});
