/**
 * `npm run segment:years [-- --data-dir ../shared/data/kaggle] [--years 2018,2021] [--force] [--out data]`
 *
 * Segments every configured year whose survey is found under the data directory (`<dir>/<year>/*.zip` or
 * `*.csv`), one `segment` run each. Cached runs are reused, so re-running after a change recomputes only
 * the years it touches.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { BUILT_IN_CONFIG_DIR } from '../config/load.js';
import { DEFAULT_SURVEYS_DIR, segmentationPath } from '../document/paths.js';
import { SEGMENT_DEFAULTS } from '../document/segment-command.js';
import { runIfEntryPoint } from '../infra/command.js';
import { main as trainQuiz } from './quiz.js';
import { main as segment } from './segment.js';

export function configuredYears(): number[] {
  return readdirSync(BUILT_IN_CONFIG_DIR)
    .flatMap((name) => (/^\d{4}\.yaml$/.test(name) ? [Number(name.slice(0, 4))] : []))
    .sort((a, b) => a - b);
}

/** The survey file of a year under the data directory: its zip, else its single CSV. */
export function surveyFileOf(dataDir: string, year: number): string | null {
  const dir = join(dataDir, String(year));
  if (!existsSync(dir)) return null;
  const files = readdirSync(dir).sort();
  const zip = files.find((f) => f.endsWith('.zip'));
  const csvs = files.filter((f) => /responses.*\.csv$/i.test(f));
  return zip ? join(dir, zip) : csvs.length === 1 ? join(dir, csvs[0]) : null;
}

const USAGE = `Usage: npm run segment:years -- [options]

Segments every configured year (configs/YEAR.yaml) whose survey is under DIR/YEAR/ (the zip as Kaggle ships it,
or its single responses CSV), as \`npm run segment\` does with its defaults; a year whose survey is missing is
skipped with a note. Each year is cached as \`segment\` caches it. After each year, the "Which segment are
you?" model is trained on its segments (\`npm run quiz:train\`), into quiz-YEAR.json beside the document.

  --data-dir DIR      where the surveys are, one folder per year (default: ${DEFAULT_SURVEYS_DIR})
  --years Y1,Y2       only these years (default: every configured year)
  --out DIR           where the segmentation documents go (default: ${SEGMENT_DEFAULTS.out})
  --content DIR       editors' content: registries and summaries (default: ${SEGMENT_DEFAULTS.content})
  --force             recompute even when a year's cached segmentation is up to date
  --help              show this text
`;

export async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      help: { type: 'boolean', default: false },
      'data-dir': { type: 'string', default: DEFAULT_SURVEYS_DIR },
      years: { type: 'string' },
      out: { type: 'string', default: SEGMENT_DEFAULTS.out },
      content: { type: 'string', default: SEGMENT_DEFAULTS.content },
      force: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const years = values.years ? values.years.split(',').map(Number) : configuredYears();
  let failed = 0;
  for (const year of years) {
    const input = surveyFileOf(values['data-dir']!, year);
    if (!input) {
      process.stderr.write(`${year}: no survey under ${join(values['data-dir']!, String(year))}; skipped\n`);
      continue;
    }
    process.stderr.write(`\n== ${year}: ${input}\n`);
    const code = await segment([
      '--survey',
      String(year),
      '--input',
      input,
      '--out',
      values.out!,
      '--content',
      values.content!,
      ...(values.force ? ['--force'] : []),
    ]);
    // The "Which segment are you?" page needs its model trained on the segments just published.
    const quiz =
      code === 0
        ? await trainQuiz([
            '--survey',
            String(year),
            '--input',
            input,
            '--document',
            segmentationPath(values.out!, year),
          ])
        : 1;
    if (code !== 0 || quiz !== 0) failed++;
  }
  return failed === 0 ? 0 : 1;
}

runIfEntryPoint(import.meta.url, main);
