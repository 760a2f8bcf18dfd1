/**
 * The 2017-2022 survey configs against the schema, the 2020 table they are mapped onto, and the
 * real survey files in ../shared/data/kaggle (read-only; streamed from Kaggle's zips, never copied).
 */
import { existsSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { readConfiguredSurvey } from '../../scripts/config/read-configured.js';
import { type SurveyConfig, SurveyConfigSchema } from '../../scripts/config/schema.js';
import { neededColumn } from '../../scripts/segment/encode.js';

import { isFreeTextColumn, questionOfColumn } from '../../scripts/survey/columns.js';

const DATA_DIR = new URL('../../../shared/data/kaggle/', import.meta.url);

/** The common topic list of the brief; topics outside it must be declared as new, year by year. */
const COMMON_TOPICS = new Set([
  'gender',
  'age',
  'country',
  'education',
  'job-role',
  'coding-years',
  'languages',
  'language-recommend',
  'ides',
  'hosted-notebooks',
  'computing-platform',
  'hardware',
  'tpu-usage',
  'visualization',
  'ml-years',
  'ml-frameworks',
  'ml-algorithms',
  'computer-vision',
  'nlp',
  'industry',
  'company-size',
  'data-science-team-size',
  'employer-ml',
  'work-activities',
  'compensation',
  'cloud-spend',
  'cloud-platforms',
  'cloud-compute',
  'cloud-storage',
  'managed-ml',
  'big-data',
  'big-data-most',
  'bi-tools',
  'bi-tools-most',
  'automl-tasks',
  'automl-tools',
  'ml-experiments',
  'sharing',
  'courses',
  'primary-tool',
  'media-sources',
]);
const NEW_TOPICS: Record<number, string[]> = {
  2017: [
    'work-tools',
    'data-types',
    'data-storage',
    'work-methods',
    'code-sharing',
    'data-sharing',
    'ml-skills',
    'ml-techniques',
    'learning-platforms',
  ],
  2018: ['big-data-analytics'],
  2019: ['big-data-analytics'],
  2020: [],
  2021: [],
  2022: [],
};

function loadYaml(year: number): unknown {
  return parseYaml(readFileSync(new URL(`../../configs/${year}.yaml`, import.meta.url), 'utf8'));
}
const load = (year: number): SurveyConfig => SurveyConfigSchema.parse(loadYaml(year));

interface CsvSummary {
  codes: string[];
  /** Distinct non-blank values of each kept answer column (the config's questions and rule markers). */
  distinct: Map<string, Set<string>>;
}

/** Reads the survey as the pipeline does, keeping only the distinct values of the columns the config needs. */
async function summarise(year: number, config: SurveyConfig): Promise<CsvSummary> {
  const zip = new URL(`${year}/kaggle-survey-${year}.zip`, DATA_DIR).pathname;
  const table = await readConfiguredSurvey(zip, config, { keepColumn: neededColumn(config) });
  const distinct = new Map([...table.columns].map(([code, column]) => [code, new Set(column.texts.slice(1))]));
  return { codes: table.codes, distinct };
}

const config2020 = load(2020);
const topicOf2020 = new Map(config2020.questions.map((q) => [q.topic!, q]));

describe.each([2017, 2018, 2019, 2020, 2021, 2022])('configs/%i.yaml', (year) => {
  const config = load(year);
  const zipPath = new URL(`${year}/kaggle-survey-${year}.zip`, DATA_DIR).pathname;
  let csv: CsvSummary;
  const answerColumns = (code: string) => csv.codes.filter((c) => questionOfColumn(c) === code && !isFreeTextColumn(c));
  const answersIn = (code: string) => new Set(answerColumns(code).flatMap((c) => [...csv.distinct.get(c)!]));

  beforeAll(async () => {
    expect(existsSync(zipPath), `${zipPath} (the real survey data) is missing`).toBe(true);
    csv = await summarise(year, config);
  });

  it('passes the schema and is the year it names', () => {
    expect(SurveyConfigSchema.safeParse(loadYaml(year)).success).toBe(true);
    expect(config.year).toBe(year);
  });

  it('uses the common topic ids (or declared new ones), each once, with the 2020 label and group', () => {
    const topics = config.questions.map((q) => q.topic);
    expect(new Set(topics).size).toBe(topics.length);
    for (const q of config.questions) {
      expect(q.topic, q.code).toBeDefined();
      expect(COMMON_TOPICS.has(q.topic!) || NEW_TOPICS[year].includes(q.topic!), `${q.code} topic ${q.topic}`).toBe(
        true,
      );
      const counterpart = topicOf2020.get(q.topic!);
      if (counterpart)
        expect([q.label, q.group], `${q.code} (${q.topic})`).toEqual([counterpart.label, counterpart.group]);
    }
  });

  it('accounts for every 2020 topic: matched, or listed as missing', () => {
    const matched = new Set(config.questions.map((q) => q.topic));
    const missing = config.missingTopics.map((m) => m.topic);
    for (const topic of missing) expect(matched.has(topic), `${topic} is both matched and missing`).toBe(false);
    for (const topic of topicOf2020.keys()) {
      expect(matched.has(topic) || missing.includes(topic), `2020 topic ${topic}`).toBe(true);
    }
  });

  it('accounts for every question of the file: configured or listed as unmatched', () => {
    // Question columns: `Q7`, `Q7_Part_1` (2018-2022) or a 2017 name such as `WorkToolsSelect`; not durations.
    const inFile = new Set(csv.codes.map(questionOfColumn).filter((code) => /^[A-Za-z][A-Za-z0-9]*$/.test(code)));
    const configured = new Set(config.questions.map((q) => q.code));
    const unmatched = config.unmatchedQuestions.map((u) => u.code);
    for (const code of unmatched) {
      expect(inFile.has(code), `unmatched ${code} is not in the file`).toBe(true);
      expect(configured.has(code), `${code} is both configured and unmatched`).toBe(false);
    }
    const skipped = [...inFile].filter((code) => !configured.has(code) && !unmatched.includes(code));
    expect(skipped, 'questions of the file that the config neither uses nor lists as unmatched').toEqual([]);
  });

  it('finds every configured question in the file, single-choice questions as one column', () => {
    for (const q of config.questions) {
      const columns = answerColumns(q.code);
      expect(columns.length, `${q.code} has no answer column in ${config.responsesFile}`).toBeGreaterThan(0);
      if (q.type === 'single') expect(columns, `${q.code} is single-choice`).toHaveLength(1);
      else expect(columns.length, `${q.code} is multi-select`).toBeGreaterThan(1);
    }
  });

  it('has multi-select columns that each hold one answer text (ticked) or a blank', () => {
    for (const q of config.questions.filter((question) => question.type === 'multi')) {
      for (const column of answerColumns(q.code)) {
        const answers = [...csv.distinct.get(column)!];
        expect(answers.length, `${column}: ${answers.slice(0, 3).join(' | ')}`).toBeLessThanOrEqual(1);
      }
    }
  });

  it('orders every answer found in the data of each ordered question', () => {
    const ordered = config.questions.filter((q) => q.order);
    expect(ordered.length).toBeGreaterThanOrEqual(4);
    for (const q of ordered) {
      const unlisted = [...answersIn(q.code)].filter((answer) => !q.order!.includes(answer));
      expect(unlisted, `${q.code} (${q.label}) answers missing from its order`).toEqual([]);
      const unused = q.order!.filter((answer) => !answersIn(q.code).has(answer));
      expect(unused, `${q.code} (${q.label}) order entries nobody chose (a typo?)`).toEqual([]);
    }
  });

  it('names profile answers that occur in the data', () => {
    for (const answer of config.newToML) expect(answersIn(config.profile.mlYears).has(answer), answer).toBe(true);
    if (config.professional.rule === 'map-split') {
      for (const marker of config.professional.nonProfessional) {
        for (const answer of marker.answers)
          expect(answersIn(marker.question).has(answer), `${marker.question}: ${answer}`).toBe(true);
      }
    } else if (config.professional.rule === 'answers') {
      for (const condition of config.professional.conditions) {
        for (const answer of condition.anyOf ?? condition.noneOf!)
          expect(answersIn(condition.question).has(answer), `${condition.question}: ${answer}`).toBe(true);
      }
    } else {
      for (const code of config.professional.questions) {
        const columns = answerColumns(code);
        expect(
          columns.some((c) => /^Q\d+_A_/.test(c)),
          `${code} has _A columns`,
        ).toBe(true);
        expect(
          columns.some((c) => /^Q\d+_B_/.test(c)),
          `${code} has _B columns`,
        ).toBe(true);
      }
    }
  });
});
