/**
 * Schema problems in an editor's words. Zod's own texts ("Invalid input: expected array, received undefined")
 * describe the validator, not the file; and one key in the wrong place is two zod issues (missing where it
 * belongs, unknown where it is), which are one mistake to whoever edits the file. So each issue becomes a
 * sentence about the config, at the line of the key to edit, and a misplaced key is one problem at its line.
 */
import { type Document, isMap, isNode, isScalar, type LineCounter } from 'yaml';
import type { z } from 'zod';

export interface SchemaProblem {
  /** Dotted path of the value ("questions.3.group"), "" for the whole file. */
  path: string;
  line: number | undefined;
  message: string;
}

type Path = (string | number)[];

export function schemaProblems(
  issues: readonly z.core.$ZodIssue[],
  document: Document,
  lineCounter: LineCounter,
): SchemaProblem[] {
  const data = document.toJS() as unknown;
  const lineOfNode = (node: unknown) =>
    isNode(node) && node.range ? lineCounter.linePos(node.range[0]).line : undefined;
  /** The line of a key (or of the nearest parent that exists): the line an editor changes. */
  const lineOf = (path: Path): number | undefined => {
    for (let depth = path.length; depth >= 0; depth--) {
      const parent = depth <= 1 ? document.contents : document.getIn(path.slice(0, depth - 1), true);
      const pair =
        depth > 0 && isMap(parent)
          ? parent.items.find((p) => isScalar(p.key) && p.key.value === path[depth - 1])
          : undefined;
      const line =
        lineOfNode(pair?.key) ??
        lineOfNode(depth === 0 ? document.contents : document.getIn(path.slice(0, depth), true));
      if (line !== undefined) return line;
    }
    return undefined;
  };

  const missing = issues.filter((i) => i.code === 'invalid_type' && valueAt(data, i.path as Path) === undefined);
  const unknown = issues.flatMap((i) =>
    i.code === 'unrecognized_keys' ? i.keys.map((key) => ({ issue: i, key, path: [...(i.path as Path), key] })) : [],
  );
  const problems: SchemaProblem[] = [];
  const paired = new Set<unknown>();
  // A key that is missing in one place and unknown in another was put in the wrong block: one problem, at it.
  for (const m of missing) {
    const key = m.path.at(-1);
    const stray = unknown.find((u) => u.key === key && !paired.has(u));
    if (stray === undefined) continue;
    paired.add(stray);
    paired.add(m);
    const belongs = m.path.length === 1 ? 'at the top level' : `under ${m.path.slice(0, -1).join('.')}`;
    const is = stray.issue.path.length === 0 ? 'at the top level' : `under ${stray.issue.path.join('.')}`;
    problems.push({
      path: '',
      line: lineOf(stray.path),
      message: `"${String(key)}" is ${is}, but belongs ${belongs} (check its indentation)`,
    });
  }
  for (const u of unknown) {
    if (paired.has(u)) continue;
    const where = u.issue.path.length === 0 ? 'top-level key' : `key under ${u.issue.path.join('.')}`;
    problems.push({ path: u.path.join('.'), line: lineOf(u.path), message: `unknown ${where} "${u.key}"` });
  }
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys' || paired.has(issue)) continue;
    const path = issue.path as Path;
    problems.push({
      path: path.map(String).join('.'),
      line: lineOf(path),
      message: describe(issue, valueAt(data, path)),
    });
  }
  return problems;
}

function describe(issue: z.core.$ZodIssue, value: unknown): string {
  switch (issue.code) {
    case 'invalid_type':
      return value === undefined
        ? `is missing (expected ${noun(issue.expected)})`
        : `should be ${noun(issue.expected)}, not ${kindOf(value)}`;
    case 'invalid_value':
      return `should be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, not ${JSON.stringify(value)}`;
    case 'invalid_union':
      if ('discriminator' in issue && issue.discriminator) {
        const options = (issue as { options?: unknown[] }).options ?? [];
        return `should be one of ${options.map((v) => JSON.stringify(v)).join(', ')}, not ${JSON.stringify(value)}`;
      }
      return `does not match any of the forms this value can take`;
    case 'too_small':
      return issue.origin === 'array'
        ? `needs at least ${issue.minimum} entr${Number(issue.minimum) === 1 ? 'y' : 'ies'}`
        : issue.origin === 'string'
          ? 'should not be empty'
          : `should be at least ${issue.minimum}`;
    case 'too_big':
      return issue.origin === 'array' ? `has more than ${issue.maximum} entries` : `should be at most ${issue.maximum}`;
    case 'invalid_format':
      // The schema's own message says what the format is ("a question code is ..."); zod's default does not.
      return issue.message.startsWith('Invalid')
        ? `${JSON.stringify(value)} does not match ${'pattern' in issue ? String(issue.pattern) : `the ${issue.format} format`}`
        : `${JSON.stringify(value)}: ${issue.message}`;
    default:
      return issue.message;
  }
}

function noun(expected: string): string {
  return (
    (
      {
        array: 'a list',
        object: 'a block of keys',
        string: 'a text',
        number: 'a number',
        boolean: 'true or false',
      } as Record<string, string>
    )[expected] ?? expected
  );
}

function kindOf(value: unknown): string {
  if (value === null) return 'an empty value';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a block of keys';
  if (typeof value === 'string')
    return `the text ${JSON.stringify(value.length > 60 ? value.slice(0, 57) + '...' : value)}`;
  return `${typeof value === 'number' ? 'the number' : ''} ${String(value)}`.trim();
}

function valueAt(data: unknown, path: Path): unknown {
  let node = data;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}
