/** sha256, hex, of files and texts: how the project identifies inputs, documents and cache keys. */
import { createHash } from 'node:crypto';
import { createReadStream, readdirSync, readFileSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';

/** Streams the file, so that a survey of any size is hashed in constant memory. */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash);
  return hash.digest('hex');
}

/** For small files (documents beside their run logs), where a synchronous read is simpler. */
export function sha256FileSync(path: string): string {
  return sha256Text(readFileSync(path));
}

export function sha256Text(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * The source files (`.ts`, `.mjs`) under `dir` as paths from it, recursively, so that a module moved into a
 * subfolder still counts, and sorted, so that a hash over them does not depend on the file system's order.
 */
export function sourceFilesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts') || name.endsWith('.mjs'))
    .sort();
}
