/**
 * Test helpers: write a complete set of site inputs (segmentation documents, a registry, editors' MDX)
 * into a temporary directory, build the site from them with `npm run build` (astro build, then the Pagefind index), and read the output.
 */
import { spawn } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join, relative } from 'node:path';
import { quizPath } from '../../scripts/document/paths.js';
import { QUIZ_SCHEMA_VERSION, type Quiz, QuizSchema } from '../../scripts/document/quiz-schema.js';
import type { Registry } from '../../scripts/document/registry-schema.js';
import type { Segmentation } from '../../scripts/document/segmentation-schema.js';
import { SUB_SEGMENTS_SCHEMA_VERSION, type SubSegmentations } from '../../scripts/document/subsegments-schema.js';
import type { Reviewed } from '../../scripts/document/summary-schema.js';
import { reviewedSnapshot } from '../../scripts/identity/drift.js';
import { makeSegmentationFixture } from './segmentation-fixture.js';

export const ROOT = join(import.meta.dirname, '../..');

export interface SiteInputs {
  dataDir: string;
  registryDir: string;
  contentDir: string;
}

/** Topics of the fixture's clustered questions, the same in both years, so that the years can be compared. */
export const FIXTURE_TOPICS: Record<string, string> = { Q7: 'languages', Q17: 'ml-algorithms', Q23: 'work-activities' };

function withTopics(doc: Segmentation): Segmentation {
  return { ...doc, questions: doc.questions.map((q) => ({ ...q, topic: FIXTURE_TOPICS[q.code] ?? q.topic })) };
}

/**
 * Two years: 2020 with a registry (one new, one retired slug) and summaries, 2019 with neither. Both come
 * from the same planted components (other seeds), so most 2019 segments have a 2020 counterpart.
 */
export function fixtureDocs(): Segmentation[] {
  const doc2020 = withTopics(makeSegmentationFixture(1));
  const base2019 = withTopics(makeSegmentationFixture(2));
  const doc2019 = { ...base2019, survey: { ...base2019.survey, year: 2019, title: 'Fixture survey 2019' } };
  return [doc2019, doc2020];
}

/** A `reviewed:` front-matter block, as an editor would paste it. */
export function reviewedYaml(reviewed: Reviewed): string[] {
  const date = reviewed.date instanceof Date ? reviewed.date.toISOString().slice(0, 10) : reviewed.date;
  return [
    'reviewed:',
    `  date: ${date}`,
    '  top:',
    ...reviewed.top.map((t) => `    - { feature: ${t.feature}, lift: ${t.lift} }`),
  ];
}

/**
 * A "Which segment are you?" model for a fixture document: its clustered questions, with each segment's lift
 * as its weights (enough for the page; quiz:train fits real ones from respondents' answers).
 */
export function fixtureQuiz(doc: Segmentation): Quiz {
  const questions = doc.questions.filter((q) => q.group !== 'valid');
  const features = doc.features.filter((f) => questions.some((q) => q.code === f.question));
  const column = (id: string) => doc.features.findIndex((f) => f.id === id);
  return QuizSchema.parse({
    schemaVersion: QUIZ_SCHEMA_VERSION,
    year: doc.survey.year,
    seed: 0,
    questions: questions.map((q) => ({
      code: q.code,
      type: q.type,
      text: q.text,
      information: 0.1,
      answers: features.filter((f) => f.question === q.code).map((f) => ({ feature: f.id, label: f.label })),
    })),
    features: features.map((f) => f.id),
    weights: doc.segments.map((s) => features.map((f) => 5 * s.lift[column(f.id)])),
    bias: doc.segments.map(() => 0),
    heldOut: { respondents: 100, short: { top1: 0.6, top2: 0.8 }, full: { top1: 0.7, top2: 0.9 } },
  });
}

const fixture2020 = fixtureDocs()[1];
/** What the editor of "tabular" saw: today's lifts, so its page is up to date. */
export const REVIEWED_CURRENT = reviewedSnapshot(fixture2020, 0, '2024-05-01');
/** What the editor of "vision" saw: lifts the data no longer has (as if a re-run had turned the segment around). */
const visionNow = reviewedSnapshot(fixture2020, 1, '2024-04-01');
export const REVIEWED_DRIFTED: Reviewed = {
  ...visionNow,
  top: visionNow.top.map((t) => ({ ...t, lift: t.lift === 0 ? 0 : -t.lift })),
};

export const REGISTRY_2020: Registry = {
  year: 2020,
  threshold: 0.5,
  measure: 'lift',
  respondents: { inputSha256: 'x', configHash: 'x', kept: 0 },
  segmentationHash: 'fixture',
  segments: [
    { slug: 'tabular', index: 0, status: 'active', similarity: 0.9, size: 10, signature: {}, members: null },
    { slug: 'vision', index: 1, status: 'new', similarity: null, size: 20, signature: {}, members: null },
    { slug: 'starters', index: 2, status: 'active', similarity: 0.8, size: 15, signature: {}, members: null },
    { slug: 'old', index: null, status: 'retired', similarity: null, size: 5, signature: {}, members: null },
  ],
};

export const SUMMARIES: Record<string, string> = {
  '2020/tabular.mdx': [
    '---',
    'title: Tabular machine learning',
    'shortName: Tabular ML',
    'segment: tabular',
    'subSegments: 2',
    ...reviewedYaml(REVIEWED_CURRENT),
    '---',
    '',
    'Members use SQL: <Share answer="Q7_Part_3"/>, which is <Lift answer="Q7_Part_3"/> above all professionals.',
    '',
    '<Breakdown question="Q4"/>',
    '',
  ].join('\n'),
  '2020/vision.mdx': [
    '---',
    'title: Vision and starters',
    'shortName: Vision+',
    'segment: vision',
    'merge: [starters]',
    ...reviewedYaml(REVIEWED_DRIFTED),
    '---',
    '',
    'Two clusters read as one.',
    '',
    '<LiftChart/>',
    '',
  ].join('\n'),
  '2020/old.mdx': [
    '---',
    'title: Gone',
    'shortName: Gone',
    'segment: old',
    '---',
    '',
    'Retired <Share answer="nope"/>.',
    '',
  ].join('\n'),
};

export const INTRO_2020_TITLE = 'A year of tables';

const round4 = (x: number) => Math.round(x * 1e4) / 1e4;

/**
 * What `npm run segment` writes when "tabular" asks for two sub-segments: its members in 60% and 40%, the
 * larger choosing the first half of the answers more often than the segment, the smaller the second half.
 */
export function fixtureSubSegments(doc: Segmentation = fixture2020): SubSegmentations {
  const segment = doc.segments[0];
  const base = segment.rates;
  const shifted = (sign: number) =>
    base.map((r, f) => round4(Math.min(1, Math.max(0, r + (f < base.length / 2 ? sign : -sign) * 0.2))));
  const larger = Math.round(segment.size * 0.6);
  // The larger holds up over the re-runs, the smaller only as a pattern: the page shows each its own figure.
  const parts = [
    { size: larger, rates: shifted(1), stability: { jaccard: 0.82, class: 'stable' as const, found: 15, core: 0.7 } },
    {
      size: segment.size - larger,
      rates: shifted(-1),
      stability: { jaccard: 0.64, class: 'pattern' as const, found: 12, core: 0.4 },
    },
  ].map((p) => ({
    size: p.size,
    share: round4(p.size / segment.size),
    rates: p.rates,
    lift: p.rates.map((r, f) => round4(r - base[f])),
    stability: p.stability,
  }));
  return {
    schemaVersion: SUB_SEGMENTS_SCHEMA_VERSION,
    year: doc.survey.year,
    segmentationSha256: '0'.repeat(64),
    cacheKey: 'fixture',
    seed: 0,
    segments: [
      { slug: 'tabular', indices: [0], count: 2, members: segment.size, baseRates: base, stabilityRuns: 15, parts },
    ],
  };
}

export function writeInputs(
  dir: string,
  summaries: Record<string, string> = SUMMARIES,
  docs: Segmentation[] = fixtureDocs(),
): SiteInputs {
  const inputs = { dataDir: join(dir, 'data'), registryDir: join(dir, 'registry'), contentDir: join(dir, 'content') };
  for (const d of Object.values(inputs)) mkdirSync(d, { recursive: true });
  for (const doc of docs)
    writeFileSync(join(inputs.dataDir, `segmentation-${doc.survey.year}.json`), JSON.stringify(doc));
  writeFileSync(join(inputs.registryDir, '2020.json'), JSON.stringify(REGISTRY_2020));
  // A year introduction for 2020 only (content/years/<year>.mdx beside content/segments/).
  mkdirSync(join(dir, 'years'), { recursive: true });
  writeFileSync(
    join(dir, 'years', '2020.mdx'),
    ['---', `title: ${INTRO_2020_TITLE}`, '---', '', 'Two surveys, and the tabular segment splits in two.', ''].join(
      '\n',
    ),
  );
  if (docs.some((d) => d.survey.year === 2020))
    writeFileSync(
      join(inputs.dataDir, 'subsegments-2020.json'),
      JSON.stringify(fixtureSubSegments(docs.find((d) => d.survey.year === 2020))),
    );
  if (docs.some((d) => d.survey.year === 2020))
    writeFileSync(
      quizPath(inputs.dataDir, 2020),
      JSON.stringify(fixtureQuiz(docs.find((d) => d.survey.year === 2020)!)),
    );
  for (const [file, text] of Object.entries(summaries)) {
    mkdirSync(join(inputs.contentDir, file.split('/')[0]), { recursive: true });
    writeFileSync(join(inputs.contentDir, file), text);
  }
  return inputs;
}

export interface BuildResult {
  code: number;
  output: string;
}

/**
 * Runs the site build (astro + pagefind) in a child process; never throws on a failed build. `extraEnv`
 * adds to (or overrides) the build's environment, e.g. SITE_URL.
 */
export function buildSite(
  inputs: SiteInputs,
  outDir: string,
  cacheDir: string,
  base = '/',
  extraEnv: NodeJS.ProcessEnv = {},
): Promise<BuildResult> {
  // Vite's reserved names (set in vitest's own environment) would override the build's import.meta.env.
  const { BASE_URL, MODE, DEV, PROD, SSR, ...inherited } = process.env;
  const env = {
    ...inherited,
    SEGMENTATION_DIR: inputs.dataDir,
    REGISTRY_DIR: inputs.registryDir,
    SITE_CONTENT_DIR: inputs.contentDir,
    SITE_OUT_DIR: outDir,
    SITE_CACHE_DIR: cacheDir,
    SITE_BASE: base,
    // The fixture documents are synthetic, so they build as the demo does (a real build would leave them out).
    SITE_MODE: 'demo',
    ...extraEnv,
  };
  // Astro keeps its prerender bundle in the output directory only when that is inside the project; otherwise
  // it falls back to <project>/.astro/, which two builds at once (test files run in parallel) would share.
  // So every build writes inside the project, and the result is moved where the caller wants it.
  mkdirSync(join(ROOT, 'tests', '.tmp'), { recursive: true });
  const inside = mkdtempSync(join(ROOT, 'tests', '.tmp', 'build-'));
  env.SITE_OUT_DIR = join(inside, 'dist');
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', 'build'], { cwd: ROOT, env });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('close', (code) => {
      if (existsSync(env.SITE_OUT_DIR)) {
        rmSync(outDir, { recursive: true, force: true });
        cpSync(env.SITE_OUT_DIR, outDir, { recursive: true });
      }
      rmSync(inside, { recursive: true, force: true });
      resolve({ code: code ?? 1, output });
    });
  });
}

/** Every file under `dir`, as paths relative to it with forward slashes. */
export function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => statSync(join(dir, f)).isFile())
    .map((f) => relative(dir, join(dir, f)).split('\\').join('/'))
    .sort();
}

export function read(dir: string, file: string): string {
  return readFileSync(join(dir, file), 'utf8');
}
