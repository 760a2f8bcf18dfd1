/**
 * Output is written to a temporary file beside the target and renamed over it only once complete, so a run
 * that fails half-way leaves the previous output as it was.
 */
import { promises as fs } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Where a file is written before it is renamed over `path`: hidden, beside it, named after the run's pid. */
export function temporaryPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
}

export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  await fs.mkdir(dirname(path), { recursive: true });
  const temporary = temporaryPathFor(path);
  try {
    const handle = await fs.open(temporary, 'w');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temporary, path);
  } catch (error) {
    await fs.rm(temporary, { force: true });
    throw error;
  }
}
