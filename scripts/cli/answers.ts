/**
 * `npm run answers -- --year YEAR [QUESTION]`: the answer ids an editor can write in `<Share answer>` and
 * `<Lift answer>`, with their texts and the share of all professionals choosing each, so nobody has to read
 * the segmentation JSON (single-choice ids are positions: `Q13:0` is the question's first answer).
 */
import { parseArgs } from 'node:util';
import { answerIds } from '../document/answer-ids.js';
import { readSegmentation } from '../document/io.js';
import { segmentationPath } from '../document/paths.js';
import { printedHelp, reportError, runIfEntryPoint } from '../infra/command.js';
import { InputError, UsageError } from '../infra/errors.js';

const USAGE = `Usage: npm run answers -- --year YEAR [QUESTION] [--data DIR]

Lists the answer ids of YEAR's segmentation (data/segmentation-YEAR.json) that summaries may use, with each
answer's text and its share of all professionals; QUESTION (e.g. Q13) lists that question's alone.

  --year YEAR   the survey year
  --data DIR    where the segmentation documents are (default: data; the demo's: data/demo)
`;

/** One line per id: "Q13:0  2-5 times  (41%)", ids padded to one width. */
export function formatAnswerIds(ids: { id: string; label: string; share: number }[]): string {
  const width = Math.max(...ids.map((a) => a.id.length));
  return ids.map((a) => `${a.id.padEnd(width)}  ${a.label}  (${Math.round(a.share * 100)}%)`).join('\n');
}

export async function main(argv: string[]): Promise<number> {
  if (printedHelp(argv, USAGE)) return 0;
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { year: { type: 'string' }, data: { type: 'string', default: 'data' } },
    });
    if (!values.year || !/^\d{4}$/.test(values.year))
      throw new UsageError(`--year YEAR is required (e.g. --year 2021)\n\n${USAGE}`);
    if (positionals.length > 1) throw new UsageError(`one question at most, got ${positionals.join(' ')}`);
    const path = segmentationPath(values.data!, Number(values.year));
    const doc = await readSegmentation(path).catch((error: Error) => {
      throw new InputError(
        { file: path },
        `${error.message} (segment ${values.year} first: npm run segment -- --survey ${values.year} --input ...)`,
      );
    });
    const all = answerIds(doc);
    const question = positionals[0];
    const ids = question ? all.filter((a) => a.question.toLowerCase() === question.toLowerCase()) : all;
    if (ids.length === 0) {
      const questions = [...new Set(all.map((a) => a.question))];
      throw new InputError(
        { file: path },
        `no question "${question}" with answer ids; questions: ${questions.join(', ')}`,
      );
    }
    let current = '';
    const lines: string[] = [];
    for (const q of [...new Set(ids.map((a) => a.question))]) {
      const text = doc.questions.find((x) => x.code === q)?.label ?? q;
      if (q !== current) lines.push(`${lines.length ? '\n' : ''}${q}: ${text}`);
      current = q;
      lines.push(formatAnswerIds(ids.filter((a) => a.question === q)));
    }
    process.stdout.write(lines.join('\n') + '\n');
    return 0;
  } catch (error) {
    return reportError(error, USAGE);
  }
}

runIfEntryPoint(import.meta.url, main);
