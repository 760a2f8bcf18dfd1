import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { hashConfig, loadConfig, validateConfigText } from '../../../scripts/config/load.js';
import { SurveyConfigSchema } from '../../../scripts/config/schema.js';
import { InputError } from '../../../scripts/infra/errors.js';
import { tempDir, tinyConfig } from '../../helpers/tiny-survey.js';

describe('loadConfig', () => {
  it('loads a valid config with defaults applied and a stable hash', () => {
    const dir = tempDir();
    const path = join(dir, 'c.yaml');
    writeFileSync(path, stringify(tinyConfig()));
    const loaded = loadConfig(path);
    expect(loaded.config.questions[0].allowUnlisted).toBe(false);
    expect(loaded.hash).toMatch(/^[0-9a-f]{64}$/);
    const reordered = Object.fromEntries(Object.entries(tinyConfig()).reverse());
    writeFileSync(path, JSON.stringify(reordered));
    expect(loadConfig(path).hash).toBe(loaded.hash);
  });

  it('lists every schema problem at once, with its line', () => {
    const config = tinyConfig({ workActivities: 'Q4', newToML: ['Never'] });
    (config.questions[1] as { group: string }).group = 'magic';
    const text = stringify(config);
    const result = validateConfigText(text);
    expect('problems' in result).toBe(true);
    if (!('problems' in result)) return;
    const paths = result.problems.map((p) => p.path);
    expect(paths).toContain('questions.1.group');
    const groupLine = text.split('\n').findIndex((l) => l.includes('group: magic')) + 1;
    expect(result.problems.find((p) => p.path === 'questions.1.group')!.line).toBe(groupLine);
  });

  it('reports cross-field problems: profile questions, newToML answers, work activities', () => {
    const config = tinyConfig({
      workActivities: 'Q4',
      newToML: ['Never'],
      profile: { ...tinyConfig().profile, role: 'Q2' },
    });
    const result = validateConfigText(stringify(config));
    if (!('problems' in result)) throw new Error('expected problems');
    const messages = result.problems.map((p) => `${p.path}: ${p.message}`);
    expect(messages).toContain('profile.role: profile role (Q2) must be a single-choice question of group "valid"');
    expect(messages).toContain('newToML.0: "Never" is not an answer of Q4 (mlYears)');
    expect(messages).toContain('workActivities: workActivities (Q4) must be a clustered multi-select question');
  });

  it('throws an InputError naming the file', () => {
    const dir = tempDir();
    const path = join(dir, 'bad.yaml');
    writeFileSync(path, 'year: twenty\n');
    expect(() => loadConfig(path)).toThrow(InputError);
    expect(() => loadConfig(path)).toThrow(new RegExp(`^${path}: the survey configuration does not match its schema`));
    expect(() => loadConfig(join(dir, 'missing.yaml'))).toThrow(
      /missing\.yaml: cannot read the survey configuration \(ENOENT\)/,
    );
  });

  it('reports YAML syntax errors with a line', () => {
    const result = validateConfigText('year: 2021\nquestions: [\n');
    expect('problems' in result && result.problems[0].line).toBeGreaterThan(0);
  });

  it('hashes configs by content', () => {
    const a = hashConfig(SurveyConfigSchema.parse(tinyConfig()));
    const b = hashConfig(SurveyConfigSchema.parse(tinyConfig({ title: 'Other' })));
    expect(a).not.toBe(b);
  });
});
