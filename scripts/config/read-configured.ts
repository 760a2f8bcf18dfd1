/**
 * Reads a survey as its config describes the file: responses entry, blank cells, encoding, where the
 * question texts are, and multi-select answers joined in one cell (laid out one column per choice).
 */
import { readSurvey, type ReadOptions, type SurveyTable } from '../survey/read.js';
import { expandJoinedColumns } from '../survey/joined.js';
import type { SurveyConfig } from './schema.js';

/** The parts of a config that say how its file is laid out (a config still being drafted may lack the rest). */
export type FileLayout = Partial<Pick<SurveyConfig, 'responsesFile' | 'blankCells' | 'encoding' | 'questionTexts'>> & {
  questions?: readonly { code: string; joined?: { delimiter: string; choices: string[] } }[];
};

export async function readConfiguredSurvey(path: string, layout: FileLayout, options: Pick<ReadOptions, 'sha256' | 'keepColumn'> = {}): Promise<SurveyTable> {
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

/** The file layout of raw config data that may not pass its schema yet (config:validate checks it anyway). */
export function looseLayout(data: unknown): FileLayout {
  const record = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
  const strings = (v: unknown): string[] | undefined => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : undefined);
  const config = record(data);
  const texts = record(config.questionTexts);
  const encoding = ['utf-8', 'latin1', 'windows-1252'].includes(config.encoding as string) ? (config.encoding as FileLayout['encoding']) : undefined;
  const questions = (Array.isArray(config.questions) ? config.questions : []).flatMap((q) => {
    const entry = record(q);
    const joined = record(entry.joined);
    const choices = strings(joined.choices);
    if (typeof entry.code !== 'string') return [];
    return [{ code: entry.code, joined: typeof joined.delimiter === 'string' && joined.delimiter !== '' && choices ? { delimiter: joined.delimiter, choices } : undefined }];
  });
  return {
    responsesFile: typeof config.responsesFile === 'string' ? config.responsesFile : undefined,
    blankCells: strings(config.blankCells),
    encoding,
    questionTexts: typeof texts.schemaFile === 'string' && typeof texts.codeColumn === 'string' && typeof texts.textColumn === 'string' ? { schemaFile: texts.schemaFile, codeColumn: texts.codeColumn, textColumn: texts.textColumn } : undefined,
    questions,
  };
}
