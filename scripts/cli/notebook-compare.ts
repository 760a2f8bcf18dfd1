/**
 * `npm run notebook:compare -- --document data/segmentation-2020.json`
 * `npm run notebook:compare -- --labels ref0/labels.csv --input ../shared/data/kaggle/2020/kaggle-survey-2020.zip`
 *
 * The seed notebook's published figures (configs/notebook/YEAR.yaml) beside a segmentation: each notebook
 * cluster matched to one segment by optimal assignment, each quoted figure computed from the data, and how
 * many hold. A labels file (the Python reference's or `segment --labels-csv`) is profiled as the segment
 * step profiles its own segments, so both are scored alike.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { builtInConfigPath, loadConfig } from '../config/load.js';
import { readSegmentation } from '../document/io.js';
import {
  compareWithNotebook,
  describeClaim,
  type FigureSource,
  loadNotebookFigures,
  type NotebookComparison,
  notebookFiguresPath,
} from '../identity/notebook-figures.js';
import { printedHelp, reportError, runIfEntryPoint } from '../infra/command.js';
import { UsageError } from '../infra/errors.js';
import { encodeSurvey, neededColumn } from '../segment/encode.js';
import { profileLabels, readLabels } from '../segment/labelled-profile.js';
import { readSurvey } from '../survey/read.js';

const USAGE = `Usage: npm run notebook:compare -- (--document FILE | --labels FILE --input SURVEY) [options]

Checks the seed notebook's published figures against a segmentation and prints which hold.

  --document FILE   a segmentation document (data/segmentation-2020.json); repeat it to score several
  --labels FILE     a labels file instead: the Python reference's labels.csv (row,professional,cluster)
                    or segment --labels-csv (row,kept,professional,segment); repeat it to score several
  --input SURVEY    with --labels: the survey file the labels are of (Kaggle's zip or CSV)
  --year YEAR       the survey year (default: 2020, the notebook's)
  --config FILE     with --labels: the survey configuration (default: configs/YEAR.yaml)
  --figures FILE    the notebook's figures (default: configs/notebook/YEAR.yaml)
  --json            print the comparison as JSON instead of a table
  --help            show this text
`;

export async function main(argv: string[]): Promise<number> {
  if (printedHelp(argv, USAGE)) return 0;
  try {
    const { values } = parseArgs({
      args: argv,
      options: {
        document: { type: 'string', multiple: true },
        labels: { type: 'string', multiple: true },
        input: { type: 'string' },
        year: { type: 'string', default: '2020' },
        config: { type: 'string' },
        figures: { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    });
    const year = Number(values.year);
    if (!Number.isInteger(year)) throw new UsageError(`--year ${values.year}: expected a year such as 2020`);
    if ((values.document ?? []).length + (values.labels ?? []).length === 0)
      throw new UsageError('give either --document FILE or --labels FILE (with --input SURVEY)');
    if (values.labels !== undefined && values.input === undefined)
      throw new UsageError('--labels needs --input SURVEY, the survey file the labels are of');
    const figuresFile = values.figures ?? notebookFiguresPath(year);
    const figures = loadNotebookFigures(figuresFile);
    const sources: Array<[string, () => Promise<FigureSource>]> = [
      ...(values.document ?? []).map((file): [string, () => Promise<FigureSource>] => [
        file,
        () => readSegmentation(file),
      ]),
      ...(values.labels ?? []).map((file): [string, () => Promise<FigureSource>] => [
        file,
        () => labelledSource(file, values.input!, values.config ?? builtInConfigPath(year)),
      ]),
    ];
    // One source: its whole table. Several (seeds of a run, the reference's): one line each, for the closing note.
    const results: Array<{ file: string; comparison: NotebookComparison }> = [];
    for (const [file, load] of sources)
      results.push({ file, comparison: compareWithNotebook(figures, await load(), { file: figuresFile }) });
    if (values.json)
      process.stdout.write(
        `${JSON.stringify(results.length === 1 ? summarise(results[0].comparison) : results.map((r) => ({ file: r.file, ...summarise(r.comparison) })), null, 2)}\n`,
      );
    else if (results.length === 1) process.stdout.write(formatComparison(results[0].comparison));
    else
      process.stdout.write(
        results.map((r) => `${r.file}: ${r.comparison.held} of ${r.comparison.total} figures hold\n`).join(''),
      );
    return 0;
  } catch (error) {
    return reportError(error, USAGE);
  }
}

async function labelledSource(labelsFile: string, input: string, configFile: string): Promise<FigureSource> {
  const { config } = loadConfig(configFile);
  const labels = readLabels(readFileSync(labelsFile, 'utf8'), labelsFile);
  const table = await readSurvey(input, {
    responsesFile: config.responsesFile,
    keepColumn: neededColumn(config),
    blankCells: config.blankCells,
  });
  const encoded = encodeSurvey(table, config);
  const profiles = profileLabels(encoded, labels, config);
  if (profiles.notKept > 0)
    process.stderr.write(
      `note: ${profiles.notKept} labelled respondents were dropped by this encoding (nearly empty) and are left out\n`,
    );
  return {
    features: encoded.features,
    questions: encoded.questions,
    overall: profiles.overall,
    segments: profiles.segments,
  };
}

/** The figures as numbers, for scripts and the closing note. */
export function summarise(comparison: NotebookComparison) {
  const row = (r: NotebookComparison['overall'][number]) => ({
    says: r.figure.says,
    claim: describeClaim(r.figure),
    value: r.value === null ? null : Math.round(r.value * 1000) / 1000,
    holds: r.holds,
  });
  return {
    held: comparison.held,
    total: comparison.total,
    overall: comparison.overall.map(row),
    clusters: comparison.clusters.map((c) => ({
      id: c.cluster.id,
      segment: c.segment,
      held: c.held,
      figures: c.cluster.figures.length,
      results: c.results.map(row),
    })),
  };
}

export function formatComparison(comparison: NotebookComparison): string {
  const percent = (v: number | null) => (v === null ? 'not measured' : `${(v * 100).toFixed(1)}%`);
  const lines: string[] = [];
  const line = (r: NotebookComparison['overall'][number]) =>
    `  ${r.holds ? 'holds' : 'misses'}  ${r.figure.says}: notebook ${describeClaim(r.figure)}, here ${percent(r.value)}`;
  lines.push(
    `All professionals: ${comparison.overall.filter((r) => r.holds).length} of ${comparison.overall.length} hold`,
  );
  lines.push(...comparison.overall.map(line));
  for (const c of comparison.clusters) {
    lines.push(
      '',
      `${c.cluster.name} (notebook cluster ${c.cluster.notebookClusters.join(' and ')}) → ${c.segment === null ? 'no segment left' : `segment ${c.segment + 1}`}: ${c.held} of ${c.cluster.figures.length} hold`,
    );
    lines.push(...c.results.map(line));
  }
  lines.push('', `${comparison.held} of ${comparison.total} figures hold`, '');
  return lines.join('\n');
}

runIfEntryPoint(import.meta.url, main);
