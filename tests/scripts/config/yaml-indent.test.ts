/**
 * The indentation walk that config:validate asks once the YAML parser has failed: it must find nothing in a
 * valid file (else it would blame a good line), and the mis-indented line itself in a broken one.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { BUILT_IN_CONFIG_DIR } from '../../../scripts/config/load.js';
import { findIndentMistake } from '../../../scripts/config/yaml-indent.js';

const configs = [
  ...readdirSync(BUILT_IN_CONFIG_DIR)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => join(BUILT_IN_CONFIG_DIR, f)),
  ...readdirSync(join(BUILT_IN_CONFIG_DIR, 'notebook')).map((f) => join(BUILT_IN_CONFIG_DIR, 'notebook', f)),
];

describe('findIndentMistake', () => {
  it.each(configs)('finds nothing in the valid config %s', (file) => {
    const text = readFileSync(file, 'utf8');
    expect(parseDocument(text).errors).toEqual([]);
    expect(findIndentMistake(text)).toBeNull();
  });

  it("accepts a list at its key's column, flow lists over lines and block scalars", () => {
    const text =
      'a:\n- x\n- y\nb: [1,\n  2]\nc: >-\n    text\n    more\nd:\n  - code: Q1\n    label: l\n  - { code: Q2 }\n';
    expect(parseDocument(text).errors).toEqual([]);
    expect(findIndentMistake(text)).toBeNull();
  });

  it('names the line and the columns that would fit', () => {
    expect(findIndentMistake('a:\n  b: 1\n   c: 2\n')).toEqual({ line: 3, indent: 3, expected: [2, 0] });
    expect(findIndentMistake('a:\n  - code: Q1\n  label: x\n')).toMatchObject({ line: 3, indent: 2 });
  });
});
