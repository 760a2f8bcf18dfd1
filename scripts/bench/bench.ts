/**
 * `npm run bench [-- --input FILE --survey YEAR --sample N]`: segments a real survey (2021 by default) and
 * prints per-stage times and peak memory, with and without the stability re-runs; compares the project's
 * Jaccard neighbour search with umap-js's own on the same rows, in the same process, as a ratio; and times
 * the demo year's site build, cold and after one edited summary. Numbers from a noisy 2-core machine: read
 * the ratios, not the absolute times.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PROJECT_ROOT } from '../segment/versions.js';
import { builtInConfigPath, loadConfig } from '../config/load.js';
import { DEFAULT_STABILITY_RUNS, runSegmentation, STAGES, type Reporter } from '../segment/pipeline.js';
import { readSurvey } from '../segment/read.js';
import { encodeSurvey, neededColumn } from '../segment/encode.js';
import { jaccardNeighbours, umapJsOwnNeighbours } from '../segment/knn.js';
import { deriveRandom } from '../segment/random.js';
import type { BinaryMatrix } from '../segment/types.js';

const { values } = parseArgs({
  options: {
    survey: { type: 'string', default: '2021' },
    input: { type: 'string', default: '../shared/data/kaggle/2021/kaggle-survey-2021.zip' },
    sample: { type: 'string', default: '2000' },
  },
});

const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function main() {
  const config = loadConfig(builtInConfigPath(values.survey!));
  const quiet: Reporter = { start() {}, progress: () => () => {}, end() {} };

  // 1. The whole segmentation as published (consensus of DEFAULT_STABILITY_RUNS re-runs), stage by stage,
  // then the single run without re-runs in the same process: the ratio is what stability costs.
  const options = { input: values.input!, config, seed: 0, clusters: 10, selectK: false, synthetic: false };
  const started = performance.now();
  const run = await runSegmentation(options, quiet);
  const total = performance.now() - started;
  const peakRss = process.resourceUsage().maxRSS * 1024;
  console.log(`segmentation of ${values.input} (${run.document.counts.respondents} respondents, ${run.document.counts.professionals} professionals, ${run.document.segments.length} segments)`);
  console.log(`  with ${DEFAULT_STABILITY_RUNS} stability re-runs and the consensus (the default; stages overlap on two cores):`);
  for (const stage of STAGES) if (run.timings[stage] !== undefined) console.log(`  ${stage.padEnd(10)} ${seconds(run.timings[stage]!)}`);
  console.log(`  ${'total'.padEnd(10)} ${seconds(total)}   (goal: under 60 s with the default re-runs)`);
  console.log(`  peak RSS   ${mb(peakRss)}   (goal: under 1 GB)`);
  const singleStarted = performance.now();
  await runSegmentation({ ...options, stability: 0 }, quiet);
  const single = performance.now() - singleStarted;
  console.log(`  single run without re-runs (--stability 0): ${seconds(single)}; the default costs ${(total / single).toFixed(2)}× a single run`);

  // 2. Neighbour search on the same rows: ours against umap-js's own with a JS Jaccard distance.
  const table = await readSurvey(values.input!, { responsesFile: config.config.responsesFile, keepColumn: neededColumn(config.config), blankCells: config.config.blankCells });
  const encoded = encodeSurvey(table, config.config);
  const rows = Math.min(Number(values.sample), encoded.matrix.rows);
  const sample: BinaryMatrix = { rows, cols: encoded.matrix.cols, data: encoded.matrix.data.slice(0, rows * encoded.matrix.cols) };
  const time = (work: () => unknown) => {
    const t = performance.now();
    work();
    return performance.now() - t;
  };
  const ours = time(() => jaccardNeighbours(sample, 15, { random: deriveRandom(0, 'bench') }));
  const theirs = time(() => umapJsOwnNeighbours(sample, 15, deriveRandom(0, 'bench')));
  console.log(`neighbour search, 15 neighbours of the first ${rows} kept respondents × ${sample.cols} features:`);
  console.log(`  umap-js's own ${seconds(theirs)}, ours ${seconds(ours)}: ours is ${(theirs / ours).toFixed(1)}× faster`);
}

/**
 * The site build for the demo year into a temporary folder with its own caches: cold, then again after
 * touching one summary (what an editor waits for). Needs data/segmentation-2020.json (npm run demo).
 */
function siteBuilds(): void {
  const demo = join(PROJECT_ROOT, 'data', 'segmentation-2020.json');
  if (!existsSync(demo)) {
    console.log('site build: skipped, no data/segmentation-2020.json (run npm run demo first)');
    return;
  }
  const work = mkdtempSync(join(tmpdir(), 'bench-site-'));
  try {
    const dataDir = join(work, 'data');
    mkdirSync(dataDir);
    copyFileSync(demo, join(dataDir, 'segmentation-2020.json'));
    const content = join(work, 'segments');
    cpSync(join(PROJECT_ROOT, 'content', 'segments', '2020'), join(content, '2020'), { recursive: true });
    const env = { ...process.env, SEGMENTATION_DIR: dataDir, SITE_CONTENT_DIR: content, SITE_OUT_DIR: join(work, 'dist'), SITE_CACHE_DIR: join(work, 'cache') };
    const build = () => {
      const started = performance.now();
      execFileSync(process.execPath, [join(PROJECT_ROOT, 'scripts/site/astro.mjs'), 'build'], { cwd: PROJECT_ROOT, env, stdio: 'ignore' });
      return performance.now() - started;
    };
    const cold = build();
    const summary = join(content, '2020', readdirSync(join(content, '2020')).find((f) => f.endsWith('.mdx'))!);
    writeFileSync(summary, readFileSync(summary, 'utf8') + '\nEdited for the benchmark.\n');
    const edited = build();
    console.log(`site build, demo year (${readdirSync(join(content, '2020')).length} summaries):`);
    console.log(`  cold ${seconds(cold)}   (goal: under 15 s)`);
    console.log(`  after editing one summary ${seconds(edited)}   (goal: under 10 s)`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().then(siteBuilds).catch((error) => {
  console.error(error);
  process.exit(1);
});
