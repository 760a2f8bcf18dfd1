import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SurveyConfigSchema } from '../../../scripts/config/schema.js';
import { InputError } from '../../../scripts/infra/errors.js';
import { encodeSurvey, neededColumn } from '../../../scripts/segment/encode.js';
import { readSurvey } from '../../../scripts/survey/read.js';
import { ML_YEARS, type TinyRespondent, tempDir, tinyConfig, tinyCsv } from '../../helpers/tiny-survey.js';

const people: TinyRespondent[] = [
  { role: 'Data Scientist', languages: ['Python', 'SQL'], cloudA: ['AWS'], mlYears: '1-2 years', other: '3' },
  { role: 'Student', languages: ['R'], cloudB: ['GCP'], mlYears: 'Under 1 year' },
  { role: 'Analyst', languages: ['Python'], cloudA: ['AWS', 'GCP'], mlYears: '3+ years' },
  { role: 'Student' }, // chose nothing that is clustered: dropped
];

async function encode(respondents: TinyRespondent[], overrides = {}) {
  const dir = tempDir();
  const path = join(dir, 'tiny_responses.csv');
  writeFileSync(path, tinyCsv(respondents));
  const config = SurveyConfigSchema.parse(tinyConfig(overrides));
  const table = await readSurvey(path, { keepColumn: neededColumn(config) });
  return { encoded: () => encodeSurvey(table, config), path };
}

describe('encodeSurvey', () => {
  it('turns multi-select columns into 0/1 features labelled by their answer text, dropping free text', async () => {
    const { encoded } = await encode(people);
    const e = encoded();
    expect(e.features.map((f) => f.id)).toEqual([
      'Q2_Part_1',
      'Q2_Part_2',
      'Q2_Part_3',
      'Q3_A_Part_1',
      'Q3_A_Part_2',
      'Q3_B_Part_2',
    ]);
    expect(e.features.map((f) => f.label)).toEqual(['Python', 'R', 'SQL', 'AWS', 'GCP', 'GCP (non-professional form)']);
    expect(e.counts.columnsDroppedFreeText).toBe(1);
    expect(e.counts.featuresDroppedEmpty).toBe(1); // nobody chose Q3_B_Part_1
  });

  it('drops respondents who chose almost nothing and counts them', async () => {
    const { encoded } = await encode(people);
    const e = encoded();
    expect(e.counts.respondents).toBe(4);
    expect(e.counts.droppedNearlyEmpty).toBe(1);
    expect(Array.from(e.keptRows)).toEqual([0, 1, 2]);
    expect(e.matrix.rows).toBe(3);
    expect(Array.from(e.matrix.data.subarray(0, 6))).toEqual([1, 0, 1, 1, 0, 0]);
    expect(Array.from(e.matrix.data.subarray(6, 12))).toEqual([0, 1, 0, 0, 0, 1]);
  });

  it('keeps ordered answers in their configured order and profile answers per kept respondent', async () => {
    const { encoded } = await encode(people);
    const e = encoded();
    const ml = e.profile.get('Q4')!;
    expect(ml.answers).toEqual(ML_YEARS);
    expect(Array.from(ml.values)).toEqual([2, 1, 3]);
    const role = e.profile.get('Q1')!;
    expect(role.answers).toEqual(['Analyst', 'Data Scientist', 'Student']);
    expect(Array.from(role.values)).toEqual([1, 2, 0]);
    expect(e.questions.find((q) => q.code === 'Q4')!.ordered).toBe(true);
    expect(e.questions.find((q) => q.code === 'Q2')!.text).toBe(
      'What programming languages do you use on a regular basis? (Select all that apply)',
    );
  });

  it('one-hot encodes a clustered single-choice question', async () => {
    const { encoded } = await encode(people, {
      questions: [...tinyConfig().questions, { code: 'Q1', label: 'role', group: 'tools', type: 'single' }].filter(
        (q, i, all) => all.findLastIndex((o) => o.code === q.code) === i,
      ),
      profile: {
        role: 'Q4',
        codingYears: 'Q4',
        mlYears: 'Q4',
        companySize: 'Q4',
        employerML: 'Q4',
        education: 'Q4',
        gender: 'Q4',
      },
    });
    const e = encoded();
    expect(e.features.filter((f) => f.question === 'Q1').map((f) => `${f.id}=${f.label}`)).toEqual([
      'Q1:0=Analyst',
      'Q1:1=Data Scientist',
      'Q1:2=Student',
    ]);
  });

  it('counts the _A and _B variant answers of each kept respondent', async () => {
    const { encoded } = await encode(people);
    const e = encoded();
    expect(Array.from(e.variantAnswers.a)).toEqual([1, 0, 2]);
    expect(Array.from(e.variantAnswers.b)).toEqual([0, 1, 0]);
  });

  it("marks the map-split rule's non-professional answers and reads their columns even when not configured", async () => {
    const { encoded } = await encode(people, {
      professional: {
        rule: 'map-split',
        nonProfessional: [{ question: 'Q1', answers: ['Student'] }],
        description: 'auto',
      },
    });
    expect(Array.from(encoded().nonProfessionalMarks)).toEqual([0, 1, 0]);
  });

  it('checks the answers rule: every condition must hold, a blank answer meets none', async () => {
    const { encoded } = await encode(
      [
        ...people,
        { role: 'Analyst', languages: ['R'], mlYears: 'Under 1 year' },
        { languages: ['SQL'], mlYears: '3+ years' },
      ],
      {
        professional: {
          rule: 'answers',
          conditions: [
            { question: 'Q1', noneOf: ['Student'] },
            { question: 'Q4', anyOf: ['1-2 years', '3+ years'] },
          ],
          description: 'employed',
        },
      },
    );
    // Kept rows: DS 1-2y, Student, Analyst 3+, Analyst Under 1, (no role) 3+.
    expect(Array.from(encoded().meetsConditions)).toEqual([1, 0, 1, 0, 0]);
  });

  it('counts the completeness questions each respondent answered for the answers rule', async () => {
    const { encoded } = await encode(
      [
        ...people,
        { role: 'Analyst', languages: ['R'], mlYears: 'Under 1 year' },
        { languages: ['SQL'], mlYears: '3+ years' },
      ],
      {
        professional: {
          rule: 'answers',
          conditions: [{ question: 'Q1', noneOf: ['Student'] }],
          complete: { questions: ['Q1', 'Q2'], minAnswered: 2 },
          description: 'employed',
        },
      },
    );
    // Q1 (role) and Q2 (languages, multi-select): the last kept row gave no role.
    expect(Array.from(encoded().questionsAnswered)).toEqual([2, 2, 2, 2, 1]);
  });

  it('names the question, answer, line and column of an answer outside the ordered list', async () => {
    const { encoded, path } = await encode([...people, { languages: ['R'], mlYears: '10 years' }]);
    const error = (() => {
      try {
        encoded();
      } catch (e) {
        return e;
      }
    })() as InputError;
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toContain(
      `${path}:7, column Q4: answer "10 years" is not in the configured order of Q4 (years ML)`,
    );
  });

  it('accepts unlisted answers after the listed ones when the config allows it', async () => {
    const base = tinyConfig();
    const { encoded } = await encode([...people, { languages: ['R'], mlYears: '10 years' }], {
      questions: base.questions.map((q) => (q.code === 'Q4' ? { ...q, allowUnlisted: true } : q)),
    });
    expect(encoded().profile.get('Q4')!.answers).toEqual([...ML_YEARS, '10 years']);
  });

  it('lists every configured question missing from a file of another year', async () => {
    const base = tinyConfig();
    const { encoded, path } = await encode(people, {
      questions: [
        ...base.questions,
        { code: 'Q9', label: 'cloud ML', group: 'cloud', type: 'multi' },
        { code: 'Q11', label: 'TPU', group: 'tools', type: 'single' },
      ],
    });
    expect(encoded).toThrow(
      `${path}: does not look like the 2099 survey: 2 configured questions have no column in it: Q9 (cloud ML), Q11 (TPU)`,
    );
  });

  it('rejects a single-choice question that has several answer columns', async () => {
    const base = tinyConfig();
    const { encoded } = await encode(people, {
      workActivities: 'Q3',
      questions: base.questions.map((q) => (q.code === 'Q2' ? { ...q, type: 'single' as const } : q)),
    });
    expect(encoded).toThrow(/question Q2 is configured as single-choice but has 3 answer columns/);
  });

  it('does not mutate the table it reads', async () => {
    const dir = tempDir();
    const path = join(dir, 'tiny_responses.csv');
    writeFileSync(path, tinyCsv(people));
    const config = SurveyConfigSchema.parse(tinyConfig());
    const table = await readSurvey(path);
    const snapshot = () => JSON.stringify([...table.columns].map(([code, c]) => [code, c.texts, Array.from(c.codes)]));
    const before = snapshot();
    encodeSurvey(table, config);
    expect(snapshot()).toBe(before);
  });
});
