/**
 * Reads a survey as its config describes the file: responses entry, blank cells, encoding, where the
 * question texts are, and multi-select answers joined in one cell (laid out one column per choice).
 */

import type { z } from 'zod';
import { expandJoinedColumns } from '../survey/joined.js';
import { type ReadOptions, readSurvey, type SurveyTable } from '../survey/read.js';
import { accepted, rawFields, rawItems } from './lenient.js';
import { QuestionSchema, type SurveyConfig, type SurveyConfigInput, SurveyConfigSchema } from './schema.js';

/** The parts of a config that say how its file is laid out (a config still being drafted may lack the rest). */
export type FileLayout = Partial<Pick<SurveyConfig, 'responsesFile' | 'blankCells' | 'encoding' | 'questionTexts'>> & {
  questions?: readonly { code: string; joined?: { delimiter: string; choices: string[] } }[];
};

export async function readConfiguredSurvey(
  path: string,
  layout: FileLayout,
  options: Pick<ReadOptions, 'sha256' | 'keepColumn' | 'parallelFrom'> = {},
): Promise<SurveyTable> {
  const table = await readSurvey(path, {
    ...options,
    responsesFile: layout.responsesFile,
    blankCells: layout.blankCells,
    encoding: layout.encoding,
    questionTexts: layout.questionTexts,
  });
  const joined = (layout.questions ?? []).flatMap((q) => (q.joined ? [{ code: q.code, ...q.joined }] : []));
  return expandJoinedColumns(table, joined);
}

/**
 * The file layout of raw config data that may not pass its schema yet (config:validate checks it anyway):
 * each field as its schema piece reads it, left out when the schema rejects it.
 */
export function looseLayout(data: unknown): FileLayout {
  const config = rawFields<SurveyConfigInput>(data);
  const questions = rawItems(config.questions).flatMap((item) => {
    const entry = rawFields<z.input<typeof QuestionSchema>>(item);
    const code = accepted(QuestionSchema.shape.code, entry.code);
    return code === undefined ? [] : [{ code, joined: accepted(QuestionSchema.shape.joined, entry.joined) }];
  });
  return {
    responsesFile: accepted(SurveyConfigSchema.shape.responsesFile, config.responsesFile),
    blankCells: accepted(SurveyConfigSchema.shape.blankCells, config.blankCells),
    encoding: accepted(SurveyConfigSchema.shape.encoding, config.encoding),
    questionTexts: accepted(SurveyConfigSchema.shape.questionTexts, config.questionTexts),
    questions,
  };
}
