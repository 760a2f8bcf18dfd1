import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../scripts/infra/errors.js';
import { OutputUnit } from '../../../scripts/infra/output-unit.js';
import { tempDir } from '../../helpers/tiny-survey.js';

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();
}

describe('OutputUnit', () => {
  it('renames every staged file into place together, and leaves no lock or temporary file', async () => {
    const dir = tempDir();
    const [a, b] = [join(dir, 'a.json'), join(dir, 'sub', 'b.json')];
    writeFileSync(a, 'old a');
    const unit = await OutputUnit.acquire([a, b]);
    // The locks are kernel sockets, no files (Linux, where the project runs).
    expect(files(dir)).toEqual(['a.json']);
    unit.stage(a, 'new a');
    unit.stage(b, 'new b');
    expect(readFileSync(a, 'utf8')).toBe('old a');
    unit.commit();
    unit.release();
    expect(files(dir)).toEqual(['a.json', 'sub/b.json']);
    expect(readFileSync(a, 'utf8') + readFileSync(b, 'utf8')).toBe('new anew b');
  });

  it('changes nothing when one file cannot be written, and removes the temporary files already written', async () => {
    const dir = tempDir();
    const [a, b] = [join(dir, 'a.json'), join(dir, 'sub', 'b.json')];
    writeFileSync(a, 'old a');
    const unit = await OutputUnit.acquire([a, b]);
    // The second target's directory turns into a file between the lock and the commit.
    writeFileSync(join(dir, 'sub'), 'in the way');
    unit.stage(a, 'new a');
    unit.stage(b, 'new b');
    expect(() => unit.commit()).toThrow();
    unit.release();
    expect(readFileSync(a, 'utf8')).toBe('old a');
    expect(files(dir)).toEqual(['a.json', 'sub']);
  });

  it('refuses targets that a live run holds, and holds none of the others then', async () => {
    const dir = tempDir();
    const target = join(dir, 'doc.json');
    const other = join(dir, 'other.json');
    const first = await OutputUnit.acquire([target]);
    const refused = await OutputUnit.acquire([other, target]).then(
      () => null,
      (error) => error,
    );
    expect(refused).toBeInstanceOf(InputError);
    expect((refused as Error).message).toBe(
      `${target}: is being written by another run, which holds its lock; wait for it to finish, or give this run other outputs`,
    );
    // The refused run let go of the lock it had taken.
    (await OutputUnit.acquire([other])).release();
    first.release();
    (await OutputUnit.acquire([target])).release();
  });

  it('removes the temporary files of a run that was killed during its commit', async () => {
    const dir = tempDir();
    const target = join(dir, 'doc.json');
    // A pid no process has, and a live one's (this process's), which is kept.
    writeFileSync(join(dir, '.doc.json.2147483646.1.tmp'), 'half');
    writeFileSync(join(dir, `.doc.json.${process.pid}.1.tmp`), 'being written');
    const unit = await OutputUnit.acquire([target]);
    expect(files(dir)).toEqual([`.doc.json.${process.pid}.1.tmp`]);
    unit.release();
  });

  it('only writes the targets it locked', async () => {
    const dir = tempDir();
    const unit = await OutputUnit.acquire([join(dir, 'a')]);
    expect(() => unit.stage(join(dir, 'b'), 'x')).toThrow(/not one of this unit's locked targets/);
    unit.release();
  });
});
