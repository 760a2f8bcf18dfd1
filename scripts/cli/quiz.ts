/**
 * `npm run quiz:train -- --survey 2021 --input ../shared/data/kaggle/2021/kaggle-survey-2021.zip`
 *
 * Trains the "Which segment are you?" model on a year's published segments and writes it beside the
 * document as `quiz-YEAR.json`. The document holds each kept respondent's published segment (its map
 * points) but not their answers, so the survey is read and encoded again with the year's configuration.
 */
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { builtInConfigPath, loadConfig } from '../config/load.js';
import { readConfiguredSurvey } from '../config/read-configured.js';
import { readSegmentation } from '../document/io.js';
import { quizPath, segmentationPath } from '../document/paths.js';
import { QUIZ_SCHEMA_VERSION, QuizSchema } from '../document/quiz-schema.js';
import { writeFileAtomic } from '../infra/atomic-write.js';
import { printedHelp, reportError, runIfEntryPoint } from '../infra/command.js';
import { InputError, UsageError } from '../infra/errors.js';
import { encodeSurvey, neededColumn } from '../segment/encode.js';
import { trainQuiz } from '../segment/quiz.js';
import { rowsWhere, selectRows } from '../segment/rows.js';

const USAGE = `Usage: npm run quiz:train -- --survey YEAR --input SURVEY [options]

Trains the "Which segment are you?" questionnaire and model on the year's published segments and writes
quiz-YEAR.json beside the segmentation document; prints its held-out accuracy and size.

  --survey YEAR     the year (configs/YEAR.yaml)
  --input SURVEY    the survey file the document was made from (Kaggle's zip or CSV)
  --document FILE   the segmentation document (default: data/segmentation-YEAR.json)
  --config FILE     the survey configuration (default: configs/YEAR.yaml)
  --help            show this text
`;

export async function main(argv: string[]): Promise<number> {
  if (printedHelp(argv, USAGE)) return 0;
  try {
    const { values } = parseArgs({
      args: argv,
      options: {
        survey: { type: 'string' },
        input: { type: 'string' },
        document: { type: 'string' },
        config: { type: 'string' },
        help: { type: 'boolean' },
      },
    });
    if (!values.survey || !values.input) throw new UsageError('give --survey YEAR and --input SURVEY');
    const year = Number(values.survey);
    const documentFile = values.document ?? segmentationPath('data', year);
    const doc = await readSegmentation(documentFile);
    const { config } = loadConfig(values.config ?? builtInConfigPath(year));
    const table = await readConfiguredSurvey(values.input, config, { keepColumn: neededColumn(config) });
    const encoded = encodeSurvey(table, config);
    if (encoded.matrix.rows !== doc.map.segment.length || encoded.features.length !== doc.features.length) {
      throw new InputError(
        { file: documentFile },
        `this document has ${doc.map.segment.length} kept respondents and ${doc.features.length} features, the survey encodes to ${encoded.matrix.rows} and ${encoded.features.length}: it was made from another file or configuration`,
      );
    }
    const clustered = Uint8Array.from(doc.map.segment, (s) => (s >= 0 ? 1 : 0));
    const rows = rowsWhere(clustered);
    const model = trainQuiz({
      matrix: selectRows(encoded.matrix, rows),
      labels: Int32Array.from(rows, (r) => doc.map.segment[r]),
      k: doc.segments.length,
      features: encoded.features,
      singleChoice: new Set(doc.questions.filter((q) => q.type === 'single').map((q) => q.code)),
      seed: doc.metadata.seed,
    });
    const featureById = new Map(doc.features.map((f) => [f.id, f]));
    const questionByCode = new Map(doc.questions.map((q) => [q.code, q]));
    const quiz = QuizSchema.parse({
      schemaVersion: QUIZ_SCHEMA_VERSION,
      year,
      seed: doc.metadata.seed,
      questions: model.questions.map(({ code, information }) => {
        const q = questionByCode.get(code)!;
        return {
          code,
          type: q.type,
          text: q.text,
          information,
          answers: model.features
            .filter((id) => featureById.get(id)!.question === code)
            .map((id) => ({ feature: id, label: featureById.get(id)!.label })),
        };
      }),
      features: model.features,
      weights: model.weights,
      bias: model.bias,
      heldOut: model.heldOut,
    });
    const json = `${JSON.stringify(quiz)}\n`;
    const out = quizPath(dirname(documentFile), year);
    await writeFileAtomic(out, json);
    const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
    process.stdout.write(
      `${out}: ${quiz.questions.length} questions, ${model.features.length} answers, ${(Buffer.byteLength(json) / 1024).toFixed(1)} kB\n`,
    );
    process.stdout.write(
      `held out ${model.heldOut.respondents}: short top-1 ${pct(model.heldOut.short.top1)}, top-2 ${pct(model.heldOut.short.top2)}; every question top-1 ${pct(model.heldOut.full.top1)}, top-2 ${pct(model.heldOut.full.top2)}\n`,
    );
    return 0;
  } catch (error) {
    return reportError(error, USAGE);
  }
}

runIfEntryPoint(import.meta.url, main);
