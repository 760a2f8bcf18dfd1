/**
 * `npm run answers -- --year 2021 [Q13]`: the answer ids an editor can put in `<Share answer>` and
 * `<Lift answer>`, with their texts and the share of all professionals choosing each, read from the year's
 * segmentation document. Single-choice ids are positions (`Q13:0`), so without this an editor reads the JSON.
 *
 * Usage: tsx scripts/cli/answers.ts --year YEAR [QUESTION] [--data DIR]
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { readSegmentation } from '../document/io.js';
import { segmentationPath } from '../document/paths.js';
import { listAnswers } from '../../src/lib/figures.js';
import { didYouMean } from '../../src/lib/closest.js';
import { formatPercent } from '../../src/charts/format.js';

const USAGE = `Usage: npm run answers -- --year YEAR [QUESTION] [--data DIR]

Lists the answer ids that <Share answer="..."/> and <Lift answer="..."/> accept, by question, with each
answer's text and the share of all professionals choosing it (from DIR/segmentation-YEAR.json).

  --year YEAR   the survey year (required)
  QUESTION      one question's answers only, e.g. Q13
  --data DIR    where the segmentation documents are (default: data; the demo's: data/demo)
  --help        show this text

Exit status: 0 listed, 1 no document or no such question, 2 bad usage.`;

/** Prints the listing; returns the exit code. */
export async function main(argv: string[], out: (line: string) => void = console.log, err: (line: string) => void = console.error): Promise<number> {
  let values: { year?: string; data?: string; help?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { year: { type: 'string' }, data: { type: 'string' }, help: { type: 'boolean' } } }));
  } catch (error) {
    err(`answers: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    out(USAGE);
    return 0;
  }
  if (!values.year || !/^\d{4}$/.test(values.year) || positionals.length > 1) {
    err(`answers: expected --year YEAR and at most one question code, got ${argv.join(' ') || 'nothing'}\n${USAGE}`);
    return 2;
  }
  const year = Number(values.year);
  const path = segmentationPath(values.data ?? 'data', year);
  let doc;
  try {
    doc = await readSegmentation(path);
  } catch (error) {
    err(`answers: ${(error as Error).message} (run \`npm run segment -- --survey ${year} ...\` first)`);
    return 1;
  }
  const question = positionals[0];
  const answers = listAnswers(doc, question);
  if (answers.length === 0) {
    const codes = doc.questions.filter((q) => listAnswers(doc, q.code).length > 0).map((q) => ({ id: q.code, label: q.label }));
    const known = question !== undefined && doc.questions.some((q) => q.code === question);
    err(
      known
        ? `answers: ${question} has no answers a summary can quote in ${path} (its answers are not clustered and it is not a profile question)`
        : `answers: no question "${question}" in ${path}${didYouMean(question ?? '', codes)}; questions: ${codes.map((c) => c.id).join(', ')}`,
    );
    return 1;
  }
  const idWidth = Math.max(...answers.map((a) => a.id.length));
  for (const q of doc.questions) {
    const mine = answers.filter((a) => a.question === q.code);
    if (mine.length === 0) continue;
    out(`${q.code}  ${q.text ?? q.label}`);
    for (const a of mine) out(`  ${a.id.padEnd(idWidth)}  ${formatPercent(a.share).padStart(5)}  ${a.label}`);
  }
  out(`${answers.length} answer ids of ${year}; shares are of the ${doc.counts.professionals.toLocaleString('en-US')} professionals (of those who answered, for profile questions)`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = await main(process.argv.slice(2));
}
