/**
 * `npm run segment -- --survey 2021 --input kaggle-survey-2021.zip [--out data] [--seed 0] [--clusters 10]
 *  [--labels-csv FILE] [--select-k] [--config FILE] [--synthetic]`
 *
 * Only wires the pipeline to files: options in, the segmentation document, the run log and the labels out,
 * then the registry (identity) and the sub-segments that summaries ask for.
 * Everything is computed before anything is written, and each file is written atomically.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { builtInConfigPath, type LoadedConfig, loadConfig } from '../config/load.js';
import { hashSegmentation, readRegistry, readSegmentation, serializeRegistry } from '../document/io.js';
import { registryPath, runLogPath, segmentationPath } from '../document/paths.js';
import { type Registry, RegistrySchema } from '../document/registry-schema.js';
import { SEGMENT_DEFAULTS, type SegmentInvocation } from '../document/segment-command.js';
import type { Segmentation } from '../document/segmentation-schema.js';
import { formatMatchTable } from '../identity/match-table.js';
import { updateRegistry } from '../identity/register.js';
import { cacheKey, isFresh } from '../infra/cache.js';
import { choiceOption, integerOption, printedHelp, reportError, runIfEntryPoint } from '../infra/command.js';
import { UsageError } from '../infra/errors.js';
import { sha256File, sha256Text } from '../infra/hash.js';
import { checkOutputDirectory, checkOutputFile } from '../infra/output-paths.js';
import { OutputUnit } from '../infra/output-unit.js';
import { labelsCsv } from '../segment/assemble.js';
import { cachedParameters, PARAMETER_DEFAULTS, type RunParameters, resolveParameters } from '../segment/parameters.js';
import { runSegmentation } from '../segment/pipeline.js';
import { readDeclarations, updateSubSegments } from '../segment/subsegments-update.js';
import { type EncodedSurvey, type SegmentRun, STAGES } from '../segment/types.js';
import { checkSurveyFile } from '../survey/read.js';
import { stderrReporter } from './reporter.js';

const USAGE = `Usage: npm run segment -- (--survey YEAR | --config FILE) --input FILE [options]

  --survey YEAR       use the built-in configuration configs/YEAR.yaml
  --config FILE       use this survey configuration (YAML or JSON) instead
  --input FILE        the survey: Kaggle's responses CSV or the zip Kaggle ships
  --out DIR           where to write segmentation-YEAR.json (default: ${SEGMENT_DEFAULTS.out})
  --seed N            random seed (default: ${PARAMETER_DEFAULTS.seed})
  --clusters K        number of mixture components (default: ${PARAMETER_DEFAULTS.clusters})
  --labels-csv FILE   also write row,kept,professional,segment for every respondent
  --select-k          also fit k = 2..15 and report BIC per k
  --stability N       re-run the clustering space and the mixture N times with derived seeds, to publish
                      their consensus and each segment's stability (default: ${PARAMETER_DEFAULTS.reruns}; 0: no re-runs,
                      publish the single run)
  --single-run        publish the main run's segments as the notebook did, not the consensus (their
                      stability is still measured over the re-runs)
  --init spectral|random
                      how every UMAP layout starts: umap-learn's spectral layout (default: ${PARAMETER_DEFAULTS.init}, as the
                      notebook) or umap-js's uniform random start
  --mixture-init kmeans|k-means++
                      how the mixture's EM starts: from a full k-means (default: ${PARAMETER_DEFAULTS.mixtureInit}, scikit-learn's
                      and the notebook's) or from the k-means++ seeds alone
  --content DIR       editors' content, whose registry/YEAR.json keeps segment slugs and whose
                      segments/YEAR/*.mdx may ask for sub-segments (default: ${SEGMENT_DEFAULTS.content})
  --threads N         worker threads for the embeddings, the map, the clustering space and its re-runs
                      (default: one per core, ${PARAMETER_DEFAULTS.threads()} here); the output does not depend on it
  --force             recompute even when the cached segmentation is up to date
  --update-registry   update content/registry/YEAR.json even when the input is not the year's full file
                      (the config's "respondents"); without it a run on a sample leaves the registry alone
  --synthetic         mark the output as built from synthetic data (implied by a SYNTHETIC.md beside the input)
`;

export interface SegmentCliOptions {
  configFile: string;
  /** `--survey YEAR` as given (null with `--config`): the run log repeats the command as the analyst typed it. */
  survey: number | null;
  input: string;
  out: string;
  contentDir: string;
  labelsCsv: string | null;
  force: boolean;
  /** Update the registry even from a run on a file other than the year's full one. */
  updateRegistry: boolean;
  /** Every parameter of the run, defaults applied (scripts/segment/parameters.ts). */
  parameters: RunParameters;
}

export function parseSegmentArgs(argv: string[]): SegmentCliOptions {
  // The run's parameters have no defaults here: resolveParameters gives a choice left out its default.
  const { values } = parseArgs({
    args: argv,
    options: {
      survey: { type: 'string' },
      config: { type: 'string' },
      input: { type: 'string' },
      out: { type: 'string', default: SEGMENT_DEFAULTS.out },
      content: { type: 'string', default: SEGMENT_DEFAULTS.content },
      seed: { type: 'string' },
      clusters: { type: 'string' },
      'labels-csv': { type: 'string' },
      'select-k': { type: 'boolean' },
      synthetic: { type: 'boolean' },
      force: { type: 'boolean', default: false },
      init: { type: 'string' },
      stability: { type: 'string' },
      'single-run': { type: 'boolean' },
      'mixture-init': { type: 'string' },
      threads: { type: 'string' },
      'update-registry': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) throw new UsageError(USAGE);
  if (!values.input) throw new UsageError(`--input is required: the survey CSV or zip\n\n${USAGE}`);
  if (!values.survey === !values.config)
    throw new UsageError(`give exactly one of --survey YEAR or --config FILE\n\n${USAGE}`);
  if (values.survey && !/^\d{4}$/.test(values.survey))
    throw new UsageError(`--survey ${values.survey}: expected a four-digit year`);
  const configFile = values.config ?? builtInConfigPath(values.survey!);
  if (values.survey && !existsSync(configFile))
    throw new UsageError(
      `--survey ${values.survey}: there is no built-in configuration ${configFile}; write one and pass it with --config`,
    );
  const given = <T>(value: string | undefined, parse: (value: string) => T): T | undefined =>
    value === undefined ? undefined : parse(value);
  return {
    configFile,
    survey: values.survey ? Number(values.survey) : null,
    input: values.input,
    out: values.out!,
    contentDir: values.content!,
    labelsCsv: values['labels-csv'] ?? null,
    force: values.force!,
    updateRegistry: values['update-registry']!,
    parameters: resolveParameters({
      seed: given(values.seed, (v) => integerOption('--seed', v, 0)),
      // One segment is no segmentation (and the mixture's BIC and lift need two to compare).
      clusters: given(values.clusters, (v) => integerOption('--clusters', v, 2)),
      selectK: values['select-k'],
      synthetic: values.synthetic || existsSync(join(dirname(values.input), 'SYNTHETIC.md')),
      init: given(values.init, (v) => choiceOption('--init', v, ['spectral', 'random'] as const)),
      mixtureInit: given(values['mixture-init'], (v) =>
        choiceOption('--mixture-init', v, ['kmeans', 'k-means++'] as const),
      ),
      reruns: given(values.stability, (v) => integerOption('--stability', v, 0)),
      singleRun: values['single-run'],
      threads: given(values.threads, (v) => integerOption('--threads', v, 1)),
    }),
  };
}

/**
 * The cache key: the input, the config, every parameter that can change the document (the resolved object
 * but its threads) and the code. Null when the input cannot be read; the reader then reports why.
 */
function cacheKeyOf(options: SegmentCliOptions, configHash: string, inputSha256: string | null): string | null {
  return inputSha256 === null
    ? null
    : cacheKey({ inputSha256, configHash, parameters: cachedParameters(options.parameters) });
}

/** The input's sha256, once per run; null when it cannot be read (the reader then says why). */
async function inputHash(input: string): Promise<string | null> {
  try {
    return await sha256File(input);
  } catch {
    return null;
  }
}

/** Stages the document, its run log and the labels asked for in the run's output unit; returns the document's path and text. */
function stageOutputs(
  unit: OutputUnit,
  run: SegmentRun,
  options: SegmentCliOptions,
  key: string | null,
): { path: string; json: string } {
  const path = segmentationPath(options.out, run.document.survey.year);
  const json = JSON.stringify(run.document) + '\n';
  const runLog = {
    cacheKey: key,
    documentSha256: sha256Text(json),
    note: 'Per-run facts kept out of the segmentation document so that it stays byte-identical across runs.',
    finishedAt: new Date().toISOString(),
    // Stages in pipeline order; map and embed may overlap, so the total is the wall-clock time, not their sum.
    timingsMs: Object.fromEntries(
      STAGES.flatMap((stage) => (run.timings[stage] === undefined ? [] : [[stage, run.timings[stage]]])),
    ),
    totalMs: run.wallMs,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    node: process.version,
    // Messages that say "run segment again" (the site's sub-segment notice) repeat these paths.
    invocation: {
      survey: options.survey,
      config: options.survey === null ? options.configFile : null,
      input: options.input,
      out: options.out,
      content: options.contentDir,
      updateRegistry: options.updateRegistry,
    } satisfies SegmentInvocation,
  };
  if (options.labelsCsv) unit.stage(options.labelsCsv, labelsCsv(run.labels));
  // The document first: a run log that names a document which failed to land would make a stale one look fresh.
  unit.stage(path, json);
  unit.stage(runLogPath(path), JSON.stringify(runLog, null, 2) + '\n');
  return { path, json };
}

/**
 * Slugs follow the segments they name: match the document's segments to the registered ones. A reused
 * document that the registry already describes is left alone, so its segments stay "new" until a real re-run.
 */
async function registerSegments(
  document: Segmentation,
  contentDir: string,
  reused: boolean,
  unit: OutputUnit,
): Promise<Registry> {
  const path = registryPath(contentDir, document.survey.year);
  if (reused && existsSync(path)) {
    const current = await readRegistry(path);
    if (current.segmentationHash === hashSegmentation(document)) return current;
  }
  const { registry, table } = await updateRegistry(document, { contentDir, dryRun: true });
  const text = serializeRegistry(RegistrySchema.parse(registry));
  if (!existsSync(path) || readFileSync(path, 'utf8') !== text) unit.stage(path, text);
  process.stderr.write(`segment identity (${path}):\n${formatMatchTable(table, registry)}\n`);
  return registry;
}

/**
 * The registry keeps editors' slugs attached to segments, so only a run on the year's full file changes it
 * (or one that asks to): a run on a sample would rename and retire segments that the site publishes.
 */
function registryDecision(
  config: LoadedConfig,
  respondents: number,
  path: string,
  asked: boolean,
): { update: boolean; message: string } {
  const full = config.config.respondents;
  const count = (n: number) => n.toLocaleString('en');
  if (asked) return { update: true, message: `registry: updating ${path} as asked (--update-registry)` };
  if (full === undefined)
    return {
      update: true,
      message: `registry: updating ${path} (${config.file} names no full-file size, "respondents", so every input counts as the full file)`,
    };
  if (respondents === full)
    return {
      update: true,
      message: `registry: updating ${path} (the input is the full ${config.config.year} file: ${count(full)} respondents)`,
    };
  return {
    update: false,
    message: `registry: ${path} left unchanged: the input holds ${count(respondents)} respondents, not the full ${config.config.year} file's ${count(full)} (the config's "respondents"); --update-registry writes it anyway. Sub-segments, which follow the registry, are not updated either.`,
  };
}

/** Every output path is checked, and locked, before the survey is read: a bad one fails at once, not after the computing. */
function checkAndLockOutputs(options: SegmentCliOptions, year: number): Promise<OutputUnit> {
  checkOutputDirectory(options.out, '--out');
  checkOutputDirectory(options.contentDir, '--content');
  if (options.labelsCsv) checkOutputFile(options.labelsCsv, '--labels-csv');
  const document = segmentationPath(options.out, year);
  checkOutputFile(document, '--out');
  checkOutputFile(registryPath(options.contentDir, year), '--content');
  return OutputUnit.acquire([
    document,
    runLogPath(document),
    registryPath(options.contentDir, year),
    ...(options.labelsCsv ? [options.labelsCsv] : []),
  ]);
}

/**
 * Sub-segments of the segments whose summaries ask for them (`subSegments: N`), beside the document; from the
 * run's encoded survey when it has just run (`encoded`), else from the input read again.
 */
async function subSegmentsOf(
  document: Segmentation,
  documentJson: string,
  registry: Registry,
  options: SegmentCliOptions,
  config: LoadedConfig,
  inputSha256: string | null,
  encoded?: EncodedSurvey,
): Promise<void> {
  const declarations = readDeclarations(options.contentDir, document.survey.year);
  await updateSubSegments(document, documentJson, registry, declarations, config, {
    input: options.input,
    inputSha256: inputSha256 ?? undefined,
    out: options.out,
    parameters: options.parameters,
    encoded,
    log: (line) => process.stderr.write(line + '\n'),
  });
}

export async function main(argv: string[]): Promise<number> {
  if (printedHelp(argv, USAGE)) return 0;
  try {
    const options = parseSegmentArgs(argv);
    const config = loadConfig(options.configFile);
    // Before hashing: opening a FIFO would block, and /proc files never end.
    await checkSurveyFile(options.input);
    const unit = await checkAndLockOutputs(options, config.config.year);
    try {
      return await segment(options, config, unit);
    } finally {
      unit.release();
    }
  } catch (error) {
    return reportError(error, USAGE);
  }
}

async function segment(options: SegmentCliOptions, config: LoadedConfig, unit: OutputUnit): Promise<number> {
  const inputSha256 = await inputHash(options.input);
  const key = cacheKeyOf(options, config.hash, inputSha256);
  const cached = segmentationPath(options.out, config.config.year);
  // Labels are not cached, so asking for them means running.
  if (key && !options.force && !options.labelsCsv && isFresh(cached, runLogPath(cached), key)) {
    process.stderr.write(
      `${cached} is up to date (same input, config, parameters and code); reusing it (--force recomputes)\n`,
    );
    const document = await readSegmentation(cached);
    const decision = registryDecision(
      config,
      document.counts.respondents,
      registryPath(options.contentDir, document.survey.year),
      options.updateRegistry,
    );
    process.stderr.write(decision.message + '\n');
    if (decision.update) {
      const registry = await registerSegments(document, options.contentDir, true, unit);
      unit.commit();
      await subSegmentsOf(document, readFileSync(cached, 'utf8'), registry, options, config, inputSha256);
    }
    return 0;
  }
  const run = await runSegmentation(
    { input: options.input, inputSha256: inputSha256 ?? undefined, config, parameters: options.parameters },
    stderrReporter(),
  );
  const { path, json } = stageOutputs(unit, run, options, key);
  const { counts, segments } = run.document;
  const decision = registryDecision(
    config,
    counts.respondents,
    registryPath(options.contentDir, run.document.survey.year),
    options.updateRegistry,
  );
  const registry = decision.update ? await registerSegments(run.document, options.contentDir, false, unit) : null;
  // The document, its run log, the labels and the registry land together or not at all.
  unit.commit();
  process.stderr.write(
    `wrote ${path}: ${counts.respondents} respondents, ${counts.droppedNearlyEmpty} dropped, ${counts.professionals} professionals, ${segments.length} segments (${segments.map((s) => s.size).join(', ')})\n`,
  );
  process.stderr.write(decision.message + '\n');
  if (registry) await subSegmentsOf(run.document, json, registry, options, config, inputSha256, run.encoded);
  if (run.document.modelSelection) {
    process.stderr.write(
      'k   BIC\n' +
        run.document.modelSelection.map((m) => `${String(m.k).padEnd(3)} ${m.bic.toFixed(1)}`).join('\n') +
        '\n',
    );
  }
  return 0;
}

runIfEntryPoint(import.meta.url, main);
