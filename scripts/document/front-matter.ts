/**
 * YAML front matter of an editor's MDX summary: the block between the first two `---` lines.
 */
import { parseDocument } from 'yaml';

export interface FrontMatter {
  data: Record<string, unknown>;
}

/**
 * Where the front matter is: the text's lines (a byte-order mark dropped, line ends kept as written, so a
 * rewrite keeps them), whether line 1 opens it with `---`, and the index of the closing `---` line (-1 when
 * it never closes). The one rule every reader and writer of summaries delimits front matter by.
 */
export function splitFrontMatter(text: string): { lines: string[]; opened: boolean; end: number } {
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  const opened = lines[0]?.trim() === '---';
  return { lines, opened, end: opened ? lines.findIndex((line, i) => i > 0 && line.trim() === '---') : -1 };
}

/** Parses the front matter; errors name the file and the line in the MDX file. */
export function parseFrontMatter(text: string, file: string): FrontMatter {
  const { lines, opened, end } = splitFrontMatter(text);
  if (!opened) throw new Error(`${file}:1: expected front matter starting with "---"`);
  if (end < 0) throw new Error(`${file}: front matter opened on line 1 is never closed with "---"`);
  const doc = parseDocument(
    lines
      .slice(1, end)
      .map((line) => line.replace(/\r$/, ''))
      .join('\n'),
  );
  if (doc.errors.length > 0) {
    const error = doc.errors[0];
    // +1 for the opening "---" line.
    const line = (error.linePos?.[0].line ?? 0) + 1;
    throw new Error(`${file}:${line}: invalid YAML front matter: ${error.message.split('\n')[0]}`);
  }
  const data: unknown = doc.toJS();
  if (data === null || data === undefined) return { data: {} };
  if (typeof data !== 'object' || Array.isArray(data))
    throw new Error(`${file}: front matter must be a mapping of keys to values`);
  return { data: data as Record<string, unknown> };
}
