import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sourceFilesUnder } from '../../../scripts/infra/hash.js';

describe('sourceFilesUnder', () => {
  const dir = mkdtempSync(join(tmpdir(), 'source-files-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lists the sources of subfolders too, sorted, and nothing else', () => {
    mkdirSync(join(dir, 'sub', 'deeper'), { recursive: true });
    for (const name of ['b.ts', 'a.mjs', 'notes.md', 'sub/c.ts', 'sub/deeper/d.ts', 'sub/data.json'])
      writeFileSync(join(dir, name), name);
    expect(sourceFilesUnder(dir)).toEqual(['a.mjs', 'b.ts', join('sub', 'c.ts'), join('sub', 'deeper', 'd.ts')]);
  });
});
