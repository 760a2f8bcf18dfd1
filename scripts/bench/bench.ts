/**
 * `npm run bench [-- --input FILE --survey YEAR --sample N]`: segments a real survey (2021 by default) and
 * prints per-stage times and peak memory, with and without the stability re-runs; compares the project's
 * Jaccard neighbour search with umap-js's own on the same rows, in the same process, as a ratio; profiles
 * the map and one clustering space step by step (neighbours, graph, spectral start, layout); and times
 * the demo year's site build, cold and after one edited summary. Numbers from a noisy 2-core machine: read
 * the ratios, not the absolute times.
 */
import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { builtInConfigPath, loadConfig } from '../config/load.js';
import { deriveRandom } from '../infra/random.js';
import { PROJECT_ROOT } from '../infra/versions.js';
import { type EmbedPhases, embed } from '../segment/embedding/embed.js';
import { jaccardNeighbours } from '../segment/embedding/neighbours.js';
import { prepareKernels } from '../segment/embedding/wasm-kernels.js';
import { encodeSurvey, neededColumn } from '../segment/encode.js';
import {
  CLUSTER_EMBED_PARAMS,
  type EmbeddingShape,
  embeddingFor,
  MAP_PARAMS,
  PARAMETER_DEFAULTS,
  resolveParameters,
} from '../segment/parameters.js';
import { runSegmentation } from '../segment/pipeline.js';
import { rowsWhere, selectRows } from '../segment/rows.js';
import { splitProfessionals } from '../segment/split.js';
import type { BinaryMatrix } from '../segment/types.js';
import { type Reporter, STAGES } from '../segment/types.js';
import { readSurvey } from '../survey/read.js';
import { devEditLatency } from './dev-edit.js';
import { compareKernels } from './kernel-ab.js';
import { umapJsOwnNeighbours } from './umap-js-baseline.js';

const { values } = parseArgs({
  options: {
    help: { type: 'boolean', default: false },
    dev: { type: 'boolean', default: false },
    site: { type: 'boolean', default: false },
    survey: { type: 'string', default: '2021' },
    input: { type: 'string', default: '../shared/data/kaggle/2021/kaggle-survey-2021.zip' },
    sample: { type: 'string', default: '2000' },
    scale: { type: 'boolean', default: false },
    sizes: { type: 'string', default: '5000,25000,100000,250000' },
    stability: { type: 'string', default: '0' },
    against: { type: 'string' },
  },
});

const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function main() {
  const config = loadConfig(builtInConfigPath(values.survey!));
  const quiet: Reporter = { start() {}, progress: () => () => {}, end() {} };

  // 1. The whole segmentation as published (consensus of the default re-runs), stage by stage,
  // then the single run without re-runs in the same process: the ratio is what stability costs.
  const options = { input: values.input!, config, parameters: resolveParameters() };
  const started = performance.now();
  const run = await runSegmentation(options, quiet);
  const total = performance.now() - started;
  const peakRss = process.resourceUsage().maxRSS * 1024;
  console.log(
    `segmentation of ${values.input} (${run.document.counts.respondents} respondents, ${run.document.counts.professionals} professionals, ${run.document.segments.length} segments)`,
  );
  console.log(
    `  with ${PARAMETER_DEFAULTS.reruns} stability re-runs and the consensus (the default; stages overlap on two cores):`,
  );
  for (const stage of STAGES)
    if (run.timings[stage] !== undefined) console.log(`  ${stage.padEnd(10)} ${seconds(run.timings[stage]!)}`);
  console.log(`  ${'total'.padEnd(10)} ${seconds(total)}   (goal: under 20 s with the default re-runs)`);
  console.log(`  peak RSS   ${mb(peakRss)}   (goal: under 1 GB)`);
  const singleStarted = performance.now();
  await runSegmentation({ ...options, parameters: resolveParameters({ reruns: 0 }) }, quiet);
  const single = performance.now() - singleStarted;
  console.log(
    `  single run without re-runs (--stability 0): ${seconds(single)}   (goal: under 3.5 s); the default costs ${(total / single).toFixed(2)}× a single run`,
  );
  pythonReference(single);

  // 2. Neighbour search on the same rows: ours against umap-js's own with a JS Jaccard distance.
  const table = await readSurvey(values.input!, {
    responsesFile: config.config.responsesFile,
    keepColumn: neededColumn(config.config),
    blankCells: config.config.blankCells,
  });
  const encoded = encodeSurvey(table, config.config);
  const rows = Math.min(Number(values.sample), encoded.matrix.rows);
  const sample: BinaryMatrix = {
    rows,
    cols: encoded.matrix.cols,
    data: encoded.matrix.data.slice(0, rows * encoded.matrix.cols),
  };
  const time = (work: () => unknown) => {
    const t = performance.now();
    work();
    return performance.now() - t;
  };
  const ours = time(() => jaccardNeighbours(sample, 15, { random: deriveRandom(0, 'bench') }));
  const theirs = time(() => umapJsOwnNeighbours(sample, 15, deriveRandom(0, 'bench')));
  console.log(`neighbour search, 15 neighbours of the first ${rows} kept respondents × ${sample.cols} features:`);
  console.log(
    `  umap-js's own ${seconds(theirs)}, ours ${seconds(ours)}: ours is ${(theirs / ours).toFixed(1)}× faster`,
  );

  // 3. Inside the two embeddings, one at a time on this thread: where the segmentation's CPU goes. Each is
  // embedded three times and the run with the median layout time is shown: this machine's speed drifts by
  // several percent from one run to the next.
  console.log('inside the embeddings (one core each; the median of 3 runs by layout time):');
  const profile = (name: string, matrix: BinaryMatrix, shape: EmbeddingShape) => {
    const params = embeddingFor(shape, matrix.rows, PARAMETER_DEFAULTS.init);
    const { nEpochs } = params;
    const runs = Array.from({ length: 3 }, () => {
      const phases: EmbedPhases = { neighboursMs: 0, graphMs: 0, initMs: 0, layoutMs: 0, updates: 0 };
      const embedding = embed(matrix, params, { random: deriveRandom(0, name), phases });
      return { phases, embedding };
    }).sort((a, b) => a.phases.layoutMs - b.phases.layoutMs);
    const { phases, embedding } = runs[1];
    const perUpdate = (phases.layoutMs * 1e6) / phases.updates;
    console.log(
      `  ${name} (${matrix.rows} rows, ${shape.nComponents}-D, ${nEpochs} epochs): neighbours ${seconds(phases.neighboursMs)}, graph ${seconds(phases.graphMs)}, spectral start ${seconds(phases.initMs)}, layout ${seconds(phases.layoutMs)} (${(phases.updates / 1e6).toFixed(0)} million SGD updates, ${perUpdate.toFixed(1)} ns each; goal: under 8 ns; the 3 runs ${runs.map((r) => ((r.phases.layoutMs * 1e6) / r.phases.updates).toFixed(1)).join(', ')} ns)`,
    );
    return embedding;
  };
  const map = profile('map', encoded.matrix, MAP_PARAMS);
  const split = splitProfessionals(config.config.professional, {
    variantAnswers: encoded.variantAnswers,
    nonProfessionalMarks: encoded.nonProfessionalMarks,
    meetsConditions: encoded.meetsConditions,
    questionsAnswered: encoded.questionsAnswered,
    map,
  });
  profile('clustering space', selectRows(encoded.matrix, rowsWhere(split.professional)), CLUSTER_EMBED_PARAMS);
}

/**
 * The notebook's method in Python (../shared/reference/seed_pipeline.py: umap-learn and scikit-learn) on the
 * same file, in the same command, against our single run: the ratio is the speed claim. Needs Debian's
 * packages (apt-get install -y python3-pandas python3-sklearn umap-learn); skipped without them. Numba's
 * compilation is timed apart (--warmup), as it is paid once per machine.
 */
function pythonReference(oursMs: number): void {
  const python = '/usr/bin/python3';
  const script = join(PROJECT_ROOT, '..', 'shared', 'reference', 'seed_pipeline.py');
  try {
    execFileSync(python, ['-c', 'import umap, sklearn, pandas'], { stdio: 'ignore' });
  } catch {
    console.log(
      '  Python reference: skipped (apt-get install -y python3-pandas python3-sklearn umap-learn to compare)',
    );
    return;
  }
  if (values.survey !== '2021' || !existsSync(script) || !existsSync('/usr/bin/unzip')) {
    console.log(
      '  Python reference: skipped (it is written for the 2021 file, in ../shared/reference, and reads it through unzip)',
    );
    return;
  }
  const work = mkdtempSync(join(tmpdir(), 'bench-python-'));
  try {
    const csv = join(work, 'responses.csv');
    writeFileSync(
      csv,
      execFileSync('unzip', ['-p', values.input!, 'kaggle_survey_2021_responses.csv'], { maxBuffer: 1 << 30 }),
    );
    const out = join(work, 'out');
    execFileSync(
      python,
      [
        script,
        '--year',
        '2021',
        '--csv',
        csv,
        '--out',
        out,
        '--prof-rule',
        'structural',
        '--fast-preprocess',
        '--warmup',
        '--seed',
        '0',
      ],
      { stdio: 'ignore' },
    );
    const timings = JSON.parse(readFileSync(join(out, 'timings.json'), 'utf8')) as { total: number; warmup: number };
    console.log(
      `  Python reference (umap-learn + scikit-learn, same file): ${timings.total.toFixed(2)} s (+${timings.warmup.toFixed(1)} s numba warm-up); ours / Python = ${(oursMs / 1000 / timings.total).toFixed(2)}   (goal: 0.16 or less)`,
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * The site build for the demo year into a temporary folder with its own caches: cold, then again after
 * touching one summary (what an editor waits for). Needs data/demo/segmentation-2020.json (npm run demo).
 */
function siteBuilds(): void {
  const demo = join(PROJECT_ROOT, 'data', 'demo', 'segmentation-2020.json');
  if (!existsSync(demo)) {
    console.log('site build: skipped, no data/demo/segmentation-2020.json (run npm run demo first)');
    return;
  }
  const work = mkdtempSync(join(tmpdir(), 'bench-site-'));
  try {
    const dataDir = join(work, 'data');
    mkdirSync(dataDir);
    // The demo's documents (segmentation and sub-segments) and its editors' content, as `npm run demo:build` reads them.
    for (const name of readdirSync(dirname(demo)).filter((n) => /^(segmentation|subsegments)-\d{4}\.json$/.test(n)))
      copyFileSync(join(dirname(demo), name), join(dataDir, name));
    const content = join(work, 'segments');
    cpSync(join(PROJECT_ROOT, 'content', 'demo', 'segments', '2020'), join(content, '2020'), { recursive: true });
    cpSync(join(PROJECT_ROOT, 'content', 'demo', 'years'), join(work, 'years'), { recursive: true });
    const env = {
      ...process.env,
      SITE_MODE: 'demo',
      SEGMENTATION_DIR: dataDir,
      REGISTRY_DIR: join(PROJECT_ROOT, 'content', 'demo', 'registry'),
      SITE_CONTENT_DIR: content,
      SITE_OUT_DIR: join(work, 'dist'),
      SITE_CACHE_DIR: join(work, 'cache'),
    };
    const build = () => {
      const started = performance.now();
      execFileSync('npm', ['run', '--silent', 'build'], {
        cwd: PROJECT_ROOT,
        env,
        stdio: ['ignore', 'ignore', 'inherit'],
      });
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

/**
 * `--scale`: synthetic surveys of several sizes (the demo generator), each segmented in a child process,
 * with time and peak memory per stage and each stage's growth exponent (the slope of log time against log
 * respondents, least squares). `--stability N` includes N re-runs (default 0: the single run).
 */
function scaleBench(): void {
  const sizes = values.sizes!.split(',').map(Number);
  const results = sizes.map((size) => {
    const out = execFileSync(
      process.execPath,
      ['--import', 'tsx', join(PROJECT_ROOT, 'scripts/bench/scale-one.ts'), String(size), values.stability!],
      { cwd: PROJECT_ROOT, encoding: 'utf8', maxBuffer: 1 << 24 },
    );
    const result = JSON.parse(out.trim().split('\n').at(-1)!) as {
      respondents: number;
      professionals: number;
      timings: Record<string, number>;
      peakMb: Record<string, number>;
      totalMs: number;
      peakRssMb: number;
    };
    console.log(
      `${size} respondents (${result.professionals} professionals): total ${seconds(result.totalMs)}, peak RSS ${result.peakRssMb} MB`,
    );
    for (const stage of STAGES) {
      if (result.timings[stage] !== undefined)
        console.log(
          `  ${stage.padEnd(10)} ${seconds(result.timings[stage]).padStart(9)}   peak so far ${result.peakMb[stage]} MB`,
        );
    }
    return result;
  });
  console.log(
    `growth exponents (time ~ respondents^k, over ${sizes.join(', ')}; ${values.stability} stability re-runs):`,
  );
  for (const stage of [...STAGES, 'total'] as const) {
    const points = results.flatMap((r) => {
      const ms = stage === 'total' ? r.totalMs : r.timings[stage];
      return ms === undefined || ms <= 0 ? [] : [[Math.log(r.respondents), Math.log(ms)]];
    });
    if (points.length < 2) continue;
    const mx = points.reduce((a, p) => a + p[0], 0) / points.length;
    const my = points.reduce((a, p) => a + p[1], 0) / points.length;
    const slope =
      points.reduce((a, p) => a + (p[0] - mx) * (p[1] - my), 0) / points.reduce((a, p) => a + (p[0] - mx) ** 2, 0);
    console.log(`  ${stage.padEnd(10)} ${slope.toFixed(2)}`);
  }
}

const USAGE = `Usage: npm run bench -- [options]

A benchmark, not a test: prints times and peak memory on this machine. Read ratios, not absolute times.

  (no option)        real 2021 stage by stage, with and without the stability re-runs; the notebook's method
                     in Python on the same file when Debian's python3-sklearn and umap-learn are installed
                     (apt-get install python3-sklearn; pip install umap-learn); the map and one clustering
                     space step by step (neighbours, graph, spectral start, layout and its SGD updates); the demo
                     site build, cold and after editing one summary
  --input FILE       the survey to segment (default: ../shared/data/kaggle/2021/kaggle-survey-2021.zip)
  --survey YEAR      its built-in configuration (default: 2021)
  --sample N         rows for the neighbour-search comparison with umap-js (default: 2000)
  --scale            synthetic surveys of --sizes respondents instead: time and memory per stage, growth exponents
  --sizes A,B,...    sizes for --scale (default: 5000,25000,100000,250000)
  --site             only the demo site build, cold and after editing one summary
  --dev              the time from saving a summary to the dev server's page showing it (needs npm run demo first)
  --against REV      only the WebAssembly kernels of git revision REV against this tree's, alternated in this
                     process on --survey's map and one clustering space: the ratio, and whether the bits agree
  --help             show this text
`;

/** --against: the map of everyone and one clustering space of --survey, for compareKernels. */
async function kernelComparison(revision: string) {
  await prepareKernels();
  const config = loadConfig(builtInConfigPath(values.survey!));
  const table = await readSurvey(values.input!, {
    responsesFile: config.config.responsesFile,
    keepColumn: neededColumn(config.config),
    blankCells: config.config.blankCells,
  });
  const encoded = encodeSurvey(table, config.config);
  const mapParams = embeddingFor(MAP_PARAMS, encoded.matrix.rows, PARAMETER_DEFAULTS.init);
  const map = embed(encoded.matrix, mapParams, { random: deriveRandom(0, 'map') });
  const split = splitProfessionals(config.config.professional, {
    variantAnswers: encoded.variantAnswers,
    nonProfessionalMarks: encoded.nonProfessionalMarks,
    meetsConditions: encoded.meetsConditions,
    questionsAnswered: encoded.questionsAnswered,
    map,
  });
  const professionals = selectRows(encoded.matrix, rowsWhere(split.professional));
  console.log(`kernels of ${revision} against this tree's, on ${values.input}:`);
  await compareKernels(revision, [
    { name: 'map', matrix: encoded.matrix, params: mapParams },
    {
      name: 'clustering space',
      matrix: professionals,
      params: embeddingFor(CLUSTER_EMBED_PARAMS, professionals.rows, PARAMETER_DEFAULTS.init),
    },
  ]);
}

async function devEdit() {
  const times = await devEditLatency(PROJECT_ROOT);
  console.log(
    `dev server, edit of a summary until the open page shows it (${times.length} edits): ${times.map((t) => seconds(t)).join(', ')}   (goal: under 2 s)`,
  );
}

if (values.help) console.log(USAGE);
else
  (values.against
    ? kernelComparison(values.against)
    : values.scale
      ? Promise.resolve().then(scaleBench)
      : values.dev
        ? devEdit()
        : values.site
          ? Promise.resolve().then(siteBuilds)
          : main().then(siteBuilds)
  ).catch((error) => {
    console.error(error);
    process.exit(1);
  });
