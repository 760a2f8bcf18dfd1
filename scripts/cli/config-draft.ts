/**
 * `npm run config:draft -- --input FILE --year YYYY [--out configs/YYYY.yaml] [--force]
 *  [--reference-data [YEAR=]FILE ...] [--references 2020,2021] [--responses-file NAME] [--compare CONFIG]`
 *
 * Drafts a survey configuration from a new year's file: its two header rows and the answers found, matched
 * against the other years' configs. The draft is a starting point: every guess carries a `# TODO check`
 * comment, and values that cannot be guessed are "TODO: ..." so that config:validate fails until reviewed.
 */
import { existsSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { blankMarkers, withBlankCells } from '../config/blank-markers.js';
import { formatAgreement, topicAgreement } from '../config/draft-accuracy.js';
import { buildDraft, type Draft } from '../config/draft-build.js';
import { proposeCompleteness } from '../config/draft-completeness.js';
import { renderDraft, TODO } from '../config/draft-yaml.js';
import { BUILT_IN_CONFIG_DIR, loadConfig } from '../config/load.js';
import { DEFAULT_THRESHOLD } from '../config/match-questions.js';
import { loadReferences } from '../config/references.js';
import { writeFileAtomic } from '../infra/atomic-write.js';
import { printedHelp, reportError, runIfEntryPoint } from '../infra/command.js';
import { InputError, UsageError } from '../infra/errors.js';
import { isFreeTextColumn } from '../survey/columns.js';
import { surveyQuestions } from '../survey/questions.js';
import { readSurvey } from '../survey/read.js';
import { validateConfigSource } from './config-validate.js';

const USAGE = `Usage: npm run config:draft -- --input FILE --year YYYY [options]

  --input FILE                the new year's survey: Kaggle's responses CSV or its zip
  --year YYYY                 the survey year
  --out FILE                  where to write the draft (default: configs/YYYY.yaml)
  --force                     replace FILE if it exists
  --reference-data [YEAR=]FILE  an earlier year's survey file, for its question texts (repeatable; the year
                              is read from the file name when not given). 2020's texts are built in, and a
                              config drafted by this command carries its own.
  --references YEARS          compare with these years' configs only, e.g. 2020,2021 (default: all others)
  --config-dir DIR            where the years' configs are (default: configs)
  --responses-file NAME       the CSV to read inside a zip holding several (2018: multipleChoiceResponses.csv)
  --threshold X               similarity below which a question is left unmatched (default: ${DEFAULT_THRESHOLD})
  --compare CONFIG            also report how many of CONFIG's topics the draft guessed (for a year that has one)
`;

export interface DraftOptions {
  input: string;
  year: number;
  out: string;
  force: boolean;
  configDir: string;
  references?: number[];
  referenceData: Map<number, string>;
  responsesFile?: string;
  threshold: number;
  compare?: string;
}

export function parseDraftArgs(argv: string[]): DraftOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      input: { type: 'string' },
      year: { type: 'string' },
      out: { type: 'string' },
      force: { type: 'boolean', default: false },
      'reference-data': { type: 'string', multiple: true, default: [] },
      references: { type: 'string' },
      'config-dir': { type: 'string', default: BUILT_IN_CONFIG_DIR },
      'responses-file': { type: 'string' },
      threshold: { type: 'string', default: String(DEFAULT_THRESHOLD) },
      compare: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) throw new UsageError(USAGE);
  if (!values.input) throw new UsageError(`--input is required: the new year's survey CSV or zip\n\n${USAGE}`);
  if (!values.year || !/^\d{4}$/.test(values.year))
    throw new UsageError(`--year ${values.year ?? '(missing)'}: expected a four-digit year\n\n${USAGE}`);
  const year = Number(values.year);
  const threshold = Number(values.threshold);
  if (!(threshold >= 0 && threshold <= 1))
    throw new UsageError(`--threshold ${values.threshold}: expected a number from 0 to 1`);
  const references = values.references?.split(',').map((y) => {
    if (!/^\d{4}$/.test(y.trim()))
      throw new UsageError(`--references ${values.references}: expected years separated by commas, e.g. 2020,2021`);
    return Number(y.trim());
  });
  return {
    input: values.input,
    year,
    out: values.out ?? join(values['config-dir']!, `${year}.yaml`),
    force: values.force!,
    configDir: values['config-dir']!,
    references,
    referenceData: new Map(values['reference-data']!.map(parseReferenceData)),
    responsesFile: values['responses-file'],
    threshold,
    compare: values.compare,
  };
}

function parseReferenceData(value: string): [number, string] {
  const explicit = /^(\d{4})=(.+)$/.exec(value);
  if (explicit) return [Number(explicit[1]), explicit[2]];
  const years = [...new Set(basename(value).match(/(?<!\d)20\d\d(?!\d)/g) ?? [])];
  if (years.length !== 1)
    throw new UsageError(
      `--reference-data ${value}: cannot tell the year from the file name; write it as YEAR=${value}`,
    );
  return [Number(years[0]), value];
}

export interface DraftResult {
  draft: Draft;
  yaml: string;
  /** Problems of the draft as written, counted as config:validate counts them (mostly the "TODO: ..." values). */
  problems: number;
}

/** Everything but the writing, so that tests can inspect a draft. */
export async function draftConfig(options: Omit<DraftOptions, 'force'>): Promise<DraftResult> {
  const references = await loadReferences({
    configDir: options.configDir,
    targetYear: options.year,
    years: options.references,
    data: options.referenceData,
  });
  const read = await readSurvey(options.input, {
    responsesFile: options.responsesFile,
    keepColumn: (c) => !isFreeTextColumn(c),
  });
  const blankCells = blankMarkers(read);
  const table = withBlankCells(read, blankCells);
  const draft = buildDraft({
    year: options.year,
    responsesFile: basename(table.source.entry ?? table.source.path),
    respondents: table.rows,
    blankCells,
    questions: surveyQuestions(table),
    references,
    threshold: options.threshold,
  });
  draft.completeness = proposeCompleteness(
    table,
    draft.questions.filter((q) => q.group !== 'valid').map((q) => q.survey.code),
    draft.professional,
  );
  const yaml = renderDraft(draft, {
    inputName: options.input,
    outName: displayPath(options.out),
    companions: table.source.companions,
  });
  const report = await validateConfigSource(yaml, options.out, options.input);
  return { draft, yaml, problems: report.findings.filter((f) => f.severity === 'error').length };
}

function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith('..') ? path : rel;
}

function refuseOverwrite(options: DraftOptions): void {
  if (!options.force && existsSync(options.out)) {
    throw new InputError(
      { file: options.out },
      'exists already; the draft would replace it. Pass --force to replace it, or --out to write elsewhere',
    );
  }
}

export function summarize(result: DraftResult, out: string): string {
  const { draft, yaml } = result;
  const todos = yaml.split('\n').filter((line) => line.includes('TODO')).length;
  const lines = [
    `wrote ${out}: ${draft.questions.length} questions configured, ${draft.unmatched.length} unmatched, ${draft.missingTopics.length} missing topics; ${todos} lines marked TODO to review`,
    `references: ${draft.references.map((r) => `${r.year} (${r.questions.length > 0 ? `${r.questions.length} question texts` : 'no texts: pass --reference-data'})`).join(', ')}`,
    'matches (code -> topic, similarity, reference):',
    ...draft.questions.map(
      (q) =>
        `  ${q.survey.code.padEnd(4)} ${(q.topic ?? q.label).padEnd(24)} ${q.match!.score.toFixed(2)}  ${q.match!.reference.year} ${q.match!.reference.code}`,
    ),
    `next: review the "${TODO}" comments, then npm run config:validate -- ${out} --input FILE`,
  ];
  if (result.problems > 0)
    lines.push(
      `(config:validate will find ${result.problems} problem${result.problems === 1 ? '' : 's'} in the draft until it is reviewed, mostly the "TODO: ..." values)`,
    );
  return lines.join('\n');
}

export async function main(argv: string[]): Promise<number> {
  if (printedHelp(argv, USAGE)) return 0;
  try {
    const options = parseDraftArgs(argv);
    refuseOverwrite(options);
    const result = await draftConfig(options);
    // Checked again: the survey took a while to read, and a file may have appeared meanwhile.
    refuseOverwrite(options);
    await writeFileAtomic(options.out, result.yaml);
    process.stderr.write(summarize(result, displayPath(options.out)) + '\n');
    if (options.compare)
      process.stderr.write(
        formatAgreement(topicAgreement(result.draft, loadConfig(options.compare).config), options.year) + '\n',
      );
    return 0;
  } catch (error) {
    return reportError(error, USAGE);
  }
}

runIfEntryPoint(import.meta.url, main);
