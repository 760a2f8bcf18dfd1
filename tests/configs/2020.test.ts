import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SurveyConfigSchema } from '../../scripts/config/schema.js';

const configPath = new URL('../../configs/2020.yaml', import.meta.url);
const notebookPath = new URL('../../../shared/seed/segmentation-notebook.txt', import.meta.url).pathname;

/** The notebook's `short_qs` table: code -> [label, group], read from the notebook text itself. */
function notebookTable(): Map<string, [string, string]> {
  const text = readFileSync(notebookPath, 'utf8');
  const start = text.indexOf('short_qs = {');
  const end = text.indexOf('}', start);
  const table = new Map<string, [string, string]>();
  for (const m of text.slice(start, end).matchAll(/'(Q\d+)':\s*\('([^']+)',\s*'([^']+)'\)/g)) {
    table.set(m[1], [m[2], m[3]]);
  }
  return table;
}

/** The notebook's `ordered_cats`: code -> ordered answers. */
function notebookOrders(): Map<string, string[]> {
  const text = readFileSync(notebookPath, 'utf8');
  const start = text.indexOf('ordered_cats = {');
  const body = text.slice(start, text.indexOf('\n}', start));
  const orders = new Map<string, string[]>();
  for (const m of body.matchAll(/'(Q\d+)':\s*\[([\s\S]*?)\]/g)) {
    orders.set(
      m[1],
      [...m[2].matchAll(/'([^']*)'/g)].map((a) => a[1]),
    );
  }
  return orders;
}

const config = SurveyConfigSchema.parse(parse(readFileSync(configPath, 'utf8')));

describe('configs/2020.yaml', () => {
  it('has exactly the notebook question codes, labels and groups, in the notebook order', () => {
    const table = notebookTable();
    expect(table.size).toBe(36);
    expect(config.questions.map((q) => q.code)).toEqual([...table.keys()]);
    for (const q of config.questions) {
      expect([q.label, q.group], q.code).toEqual(table.get(q.code));
    }
  });

  it('orders exactly the notebook ordered_cats questions, with the notebook answer lists', () => {
    const orders = notebookOrders();
    expect([...orders.keys()].sort()).toEqual(['Q15', 'Q20', 'Q21', 'Q22', 'Q4', 'Q6']);
    const ordered = config.questions.filter((q) => q.order);
    expect(ordered.map((q) => q.code).sort()).toEqual([...orders.keys()].sort());
    for (const q of ordered) expect(q.order, q.code).toEqual(orders.get(q.code));
  });

  it('gives every question a topic id, each used once', () => {
    const topics = config.questions.map((q) => q.topic);
    expect(topics.every((t) => typeof t === 'string')).toBe(true);
    expect(new Set(topics).size).toBe(topics.length);
  });

  it('marks the _A/_B questions of the 2020 survey as the professional rule', () => {
    expect(config.professional.rule).toBe('variants');
    if (config.professional.rule !== 'variants') return;
    expect(config.professional.questions).toEqual(['Q26', 'Q27', 'Q28', 'Q29', 'Q31', 'Q33', 'Q34', 'Q35']);
    for (const code of config.professional.questions) {
      expect(config.questions.find((q) => q.code === code)?.type, code).toBe('multi');
    }
  });

  it('reads the 2020 responses file and the profile roles of the brief', () => {
    expect(config.responsesFile).toBe('kaggle_survey_2020_responses.csv');
    expect(config.profile).toEqual({
      role: 'Q5',
      codingYears: 'Q6',
      mlYears: 'Q15',
      companySize: 'Q20',
      employerML: 'Q22',
      education: 'Q4',
      gender: 'Q2',
    });
    expect(config.workActivities).toBe('Q23');
    expect(config.newToML).toEqual(['I do not use machine learning methods', 'Under 1 year']);
  });

  it('rejects a config whose order holds a multi-select question (the schema guards the file)', () => {
    const raw = parse(readFileSync(configPath, 'utf8'));
    raw.questions.find((q: { code: string }) => q.code === 'Q7').order = ['a', 'b'];
    expect(SurveyConfigSchema.safeParse(raw).success).toBe(false);
  });
});
