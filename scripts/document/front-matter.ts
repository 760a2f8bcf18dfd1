/**
 * YAML front matter of an editor's MDX summary: the block between the first two `---` lines.
 */
import { parseDocument } from 'yaml';

export interface FrontMatter {
  data: Record<string, unknown>;
}

/** Parses the front matter; errors name the file and the line in the MDX file. */
export function parseFrontMatter(text: string, file: string): FrontMatter {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (lines[0]?.trim() !== '---') throw new Error(`${file}:1: expected front matter starting with "---"`);
  const end = lines.findIndex((line, i) => i > 0 && line.trim() === '---');
  if (end < 0) throw new Error(`${file}: front matter opened on line 1 is never closed with "---"`);
  const doc = parseDocument(lines.slice(1, end).join('\n'));
  if (doc.errors.length > 0) {
    const error = doc.errors[0];
    // +1 for the opening "---" line.
    const line = (error.linePos?.[0].line ?? 0) + 1;
    throw new Error(`${file}:${line}: invalid YAML front matter: ${error.message.split('\n')[0]}`);
  }
  const data: unknown = doc.toJS();
  if (data === null || data === undefined) return { data: {} };
  if (typeof data !== 'object' || Array.isArray(data)) throw new Error(`${file}: front matter must be a mapping of keys to values`);
  return { data: data as Record<string, unknown> };
}
