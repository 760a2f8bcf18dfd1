/**
 * Earlier years' configs as references for drafting a new one: each configured (or deliberately unmatched)
 * question of a reference year, with its question text and answers so that a new year's questions can be
 * compared with it. Configs hold codes, not texts, so the texts come from, in this order: that year's survey
 * file (`--reference-data`), the question comments a drafted config carries (question-comments.ts), or the
 * 2020 questionnaire (scripts/survey/questionnaire-2020.ts, which the demo generator also writes from).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isFreeTextColumn, questionOfColumn } from '../survey/columns.js';
import { QUESTIONNAIRE_2020 } from '../survey/questionnaire-2020.js';
import { cleanText, surveyQuestions } from '../survey/questions.js';
import { readSurvey } from '../survey/read.js';
import { loadConfig } from './load.js';
import { type CommentedQuestion, parseQuestionComments } from './question-comments.js';
import type { QuestionConfig, SurveyConfig } from './schema.js';

export interface ReferenceQuestion {
  year: number;
  code: string;
  text: string;
  type: 'single' | 'multi';
  answers: string[];
  /** The reference config's entry when it configures the question. */
  entry: QuestionConfig | null;
  /** Its `unmatchedQuestions` note when the reference lists it there. */
  unmatchedNote: string | null;
}

export interface Reference {
  year: number;
  configFile: string;
  config: SurveyConfig;
  /** Questions with a known text; empty when no text source was found for the year. */
  questions: ReferenceQuestion[];
  /** Where the texts came from, for the draft's report; null when none. */
  textSource: string | null;
}

export interface ReferenceOptions {
  configDir: string;
  /** The year being drafted: its own config is never a reference. */
  targetYear: number;
  /** Reference years; all other configs in configDir when omitted. */
  years?: number[];
  /** Survey files of reference years, by year. */
  data?: ReadonlyMap<number, string>;
}

export function referenceYears(configDir: string, targetYear: number): number[] {
  return readdirSync(configDir)
    .map((name) => /^(\d{4})\.ya?ml$/.exec(name))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => Number(m[1]))
    .filter((year) => year !== targetYear)
    .sort((a, b) => a - b);
}

export async function loadReferences(options: ReferenceOptions): Promise<Reference[]> {
  const years = (options.years ?? referenceYears(options.configDir, options.targetYear)).filter(
    (y) => y !== options.targetYear,
  );
  const references: Reference[] = [];
  for (const year of years) {
    const configFile = join(options.configDir, `${year}.yaml`);
    const { config } = loadConfig(configFile);
    const dataFile = options.data?.get(year);
    let texts: CommentedQuestion[];
    let textSource: string | null;
    if (dataFile) {
      texts = await textsFromData(dataFile, config);
      textSource = dataFile;
    } else {
      const commented = [...parseQuestionComments(readFileSync(configFile, 'utf8')).values()];
      texts = commented.length > 0 ? commented : year === 2020 ? textsOf2020Questionnaire() : [];
      textSource =
        commented.length > 0
          ? `question comments in ${configFile}`
          : texts.length > 0
            ? 'scripts/survey/questionnaire-2020.ts'
            : null;
    }
    references.push({ year, configFile, config, questions: withConfig(year, config, texts), textSource });
  }
  return references;
}

async function textsFromData(file: string, config: SurveyConfig): Promise<CommentedQuestion[]> {
  const table = await readSurvey(file, {
    responsesFile: config.responsesFile,
    blankCells: config.blankCells,
    keepColumn: (c) => !isFreeTextColumn(c),
  });
  return surveyQuestions(table).map((q) => ({
    code: q.code,
    text: q.text,
    type: q.type,
    answers: q.answers.map((a) => a.answer),
  }));
}

/** The 2020 file is not at hand; its questionnaire (from Kaggle's answer-choices PDF) is. */
function textsOf2020Questionnaire(): CommentedQuestion[] {
  const seen = new Map<string, CommentedQuestion>();
  for (const question of QUESTIONNAIRE_2020) {
    const code = questionOfColumn(question.code);
    if (seen.has(code)) continue;
    const choices =
      question.kind === 'multi'
        ? question.choices.filter((c, i) => !(c === 'Other' && i === question.choices.length - 1))
        : question.choices;
    seen.set(code, {
      code,
      text: cleanText(question.text.split(' - Selected Choice')[0]),
      type: question.kind,
      answers: [...choices],
    });
  }
  return [...seen.values()];
}

function withConfig(year: number, config: SurveyConfig, texts: CommentedQuestion[]): ReferenceQuestion[] {
  const entries = new Map(config.questions.map((q) => [q.code, q]));
  const notes = new Map(config.unmatchedQuestions.map((u) => [u.code, u.note]));
  return texts.map((t) => ({
    year,
    code: t.code,
    text: t.text,
    type: entries.get(t.code)?.type ?? t.type,
    answers: t.answers,
    entry: entries.get(t.code) ?? null,
    unmatchedNote: notes.get(t.code) ?? null,
  }));
}
