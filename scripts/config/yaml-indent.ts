/**
 * Finds the line of a YAML indentation mistake. The YAML parser reports where its reading broke down, which
 * after a mis-indented line is often the line above (a value it tried to read as a key) or a later one (the
 * next key at the right column), and one mistake cascades into a dozen errors. An editor needs the one line
 * to fix, so this walks the block structure itself and names the first line whose indentation fits no open
 * block. It is only asked once the parser has failed, so it may be simple: block scalars (`>-`, `|`) and
 * flow collections that span lines are skipped, not parsed.
 */

export interface IndentMistake {
  line: number;
  indent: number;
  /** Columns at which this line could start, innermost first. */
  expected: number[];
}

interface Level {
  indent: number;
  kind: 'map' | 'seq';
  /** 0-based line the block starts on. */
  start: number;
}

const BLOCK_SCALAR = /:\s*[|>][-+0-9]*\s*(#.*)?$/;
const OPENS_BLOCK = /:\s*(#.*)?$/;

export function findIndentMistake(text: string): IndentMistake | null {
  const lines = text.split(/\r?\n/);
  const stack: Level[] = [];
  // What the previous content line allows at a deeper indent: a new block (after "key:") or the inner
  // mapping of a sequence item ("- code: Q4" lets "    label:" follow at the column of "code").
  let opens: 'block' | { column: number } | null = null;
  let blockScalarOf: number | null = null;
  let flowDepth = 0;
  const step = usualStep(lines);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    const body = raw.trimStart();
    if (body === '' || body.startsWith('#') || raw.startsWith('---') || raw.startsWith('...')) continue;
    const indent = raw.length - body.length;
    if (blockScalarOf !== null) {
      if (indent > blockScalarOf) continue;
      blockScalarOf = null;
    }
    if (flowDepth > 0) {
      flowDepth = Math.max(0, flowDepth + bracketBalance(body));
      continue;
    }
    const isItem = body === '-' || body.startsWith('- ');
    const kind: Level['kind'] = isItem ? 'seq' : 'map';
    const top = stack.at(-1);
    if (!top || indent > top.indent) {
      const allowed =
        top === undefined ||
        opens === 'block' ||
        (typeof opens === 'object' && opens !== null && opens.column === indent);
      if (!allowed) return misplacedBlockStart(stack, indent, step) ?? mistake(i, indent, stack, opens);
      stack.push({ indent, kind, start: i });
    } else {
      while (stack.length > 0 && stack.at(-1)!.indent > indent) stack.pop();
      const level = stack.at(-1);
      // YAML lets a sequence start at its key's column ("key:" then "- item" below it, not indented).
      const seqUnderKey =
        level !== undefined && level.indent === indent && level.kind === 'map' && kind === 'seq' && opens === 'block';
      if (seqUnderKey) stack.push({ indent, kind, start: i });
      else if (!level || level.indent !== indent)
        return misplacedBlockStart(stack, indent, step) ?? mistake(i, indent, stack, opens);
      else if (level.kind !== kind) {
        // A key among sequence items, or an item among keys, at the same column.
        if (!(level.kind === 'seq' && kind === 'map' && stack.length >= 2 && stack.at(-2)!.indent === indent))
          return mistake(i, indent, stack, null);
        stack.pop();
      }
    }
    const content = isItem ? body.replace(/^-\s*/, '') : body;
    if (BLOCK_SCALAR.test(content)) blockScalarOf = indent;
    flowDepth = bracketBalance(content.replace(/^[^:[{]*:\s*/, ''));
    if (flowDepth < 0) flowDepth = 0;
    if (isItem) {
      const column: number = indent + (body.length - content.length);
      opens =
        content === '' || OPENS_BLOCK.test(content)
          ? 'block'
          : /^[^'"[{#][^#]*?:(\s|$)/.test(content)
            ? { column }
            : null;
    } else opens = OPENS_BLOCK.test(content) ? 'block' : null;
  }
  return null;
}

/**
 * When a block's first line is the odd one ("professional:" then " rule:" at 1 space, then "  questions:" at
 * the file's usual 2), the parser and the walk both stumble on the second line; the first one is the mistake.
 */
function misplacedBlockStart(stack: Level[], indent: number, step: number): IndentMistake | null {
  const top = stack.at(-1);
  const parent = stack.at(-2);
  if (!top || !parent || top.kind !== 'map') return null;
  return indent - parent.indent === step && top.indent - parent.indent !== step
    ? { line: top.start + 1, indent: top.indent, expected: [indent] }
    : null;
}

/** The indentation step most lines use (2 in the project's configs). */
function usualStep(lines: string[]): number {
  const counts = new Map<number, number>();
  let previous = 0;
  for (const raw of lines) {
    const body = raw.trimStart();
    if (body === '' || body.startsWith('#')) continue;
    const indent = raw.length - body.length;
    if (indent > previous) counts.set(indent - previous, (counts.get(indent - previous) ?? 0) + 1);
    previous = indent;
  }
  return [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? 2;
}

function mistake(i: number, indent: number, stack: Level[], opens: 'block' | { column: number } | null): IndentMistake {
  const columns = [
    ...(typeof opens === 'object' && opens !== null ? [opens.column] : []),
    ...stack.map((l) => l.indent).reverse(),
  ];
  return { line: i + 1, indent, expected: [...new Set(columns)].filter((c) => c !== indent) };
}

/** Open minus closed brackets outside quotes: a flow collection still open continues on the next line. */
function bracketBalance(text: string): number {
  let depth = 0;
  let quote: string | null = null;
  for (const ch of text) {
    if (quote) {
      if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '#') break;
    else if (ch === '[' || ch === '{') depth++;
    else if (ch === ']' || ch === '}') depth--;
  }
  return depth;
}

/** "the line is indented 3 spaces; at that point a line starts at 2 or 0 spaces (...)" */
export function describeIndentMistake(m: IndentMistake): string {
  const expected =
    m.expected.length === 0
      ? ''
      : `; at that point a line starts at ${m.expected.length > 1 ? `${m.expected.slice(0, -1).join(', ')} or ${m.expected.at(-1)}` : m.expected[0]} space${m.expected.length === 1 && m.expected[0] === 1 ? '' : 's'}`;
  return `the line is indented ${m.indent} space${m.indent === 1 ? '' : 's'}${expected} (YAML nests by indentation: the keys of one block start in the same column)`;
}
