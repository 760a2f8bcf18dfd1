/**
 * The data checks read raw config data field by field through the schema's own pieces (lenient.ts): on a
 * config that passes its schema they must read what the schema reads, and a field the schema rejects must
 * leave the other fields' checks in place.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { looseConfig } from '../../../scripts/config/data-checks.js';
import { looseLayout } from '../../../scripts/config/read-configured.js';
import { SurveyConfigSchema } from '../../../scripts/config/schema.js';

const CONFIG_DIR = join(import.meta.dirname, '../../../configs');
const configs = readdirSync(CONFIG_DIR).filter((f) => /^\d{4}\.yaml$/.test(f));

describe('looseConfig and looseLayout', () => {
  it.each(configs)('read %s as its schema does', (name) => {
    const data: unknown = parseYaml(readFileSync(join(CONFIG_DIR, name), 'utf8'));
    const config = SurveyConfigSchema.parse(data);
    const loose = looseConfig(data);
    const rule = config.professional;
    expect(loose).toEqual({
      questions: config.questions.map((q, index) => ({
        index,
        code: q.code,
        label: q.label,
        type: q.type,
        order: q.order ?? null,
        allowUnlisted: q.allowUnlisted,
      })),
      unmatched: config.unmatchedQuestions.map((u) => u.code),
      mlYears: config.profile.mlYears,
      newToML: config.newToML,
      variants: rule.rule === 'variants' ? rule.questions : null,
      markers: rule.rule === 'map-split' ? rule.nonProfessional : [],
      conditions:
        rule.rule === 'answers'
          ? rule.conditions.map((c) =>
              c.anyOf
                ? { question: c.question, list: 'anyOf', answers: c.anyOf }
                : { question: c.question, list: 'noneOf', answers: c.noneOf },
            )
          : [],
      completeQuestions: rule.rule === 'map-split' ? [] : (rule.complete?.questions ?? []),
      responsesFile: config.responsesFile,
      blankCells: config.blankCells,
    });
    expect(looseLayout(data)).toEqual({
      responsesFile: config.responsesFile,
      blankCells: config.blankCells,
      encoding: config.encoding,
      questionTexts: config.questionTexts,
      questions: config.questions.map((q) => ({ code: q.code, joined: q.joined })),
    });
  });

  it('leaves out only the fields the schema rejects', () => {
    const data = parseYaml(readFileSync(join(CONFIG_DIR, '2021.yaml'), 'utf8')) as Record<string, unknown>;
    const questions = data.questions as Record<string, unknown>[];
    const broken = {
      ...data,
      newToML: 'Under 1 year',
      questions: [
        { ...questions[0], type: 'several', order: ['only one'] },
        { label: 'no code' },
        ...questions.slice(1),
      ],
    };
    const loose = looseConfig(broken);
    expect(loose.newToML).toEqual([]);
    expect(loose.questions[0]).toMatchObject({ index: 0, code: questions[0].code, type: null, order: null });
    // The entry without a code is skipped; the others keep their own index in the list, which their messages name.
    expect(loose.questions[1]).toMatchObject({ index: 2, code: questions[1].code });
    expect(loose.questions).toHaveLength(questions.length);
    expect(loose.mlYears).toBe(looseConfig(data).mlYears);
  });
});
