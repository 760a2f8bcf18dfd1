/**
 * A config's YAML document kept with its line numbers, so that every problem the validate command finds
 * (schema, data or leftover TODO) can point at the line to edit.
 */
import { type Document, isMap, isNode, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';

export type ConfigPath = readonly (string | number)[];

export interface ConfigLines {
  document: Document;
  /** The document as plain data (whatever it holds, valid or not). */
  data: unknown;
  /** Line of the value at path, or of its nearest parent that exists. */
  lineOf(path: ConfigPath): number | undefined;
  /** Values and comments still marked TODO by the draft command. */
  todoValues(): { path: string; line: number | undefined; value: string }[];
  todoCommentLines(): number[];
}

export function configLines(text: string): ConfigLines {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false });
  const lineOfNode = (node: unknown) =>
    isNode(node) && node.range ? lineCounter.linePos(node.range[0]).line : undefined;
  return {
    document,
    data: document.errors.length > 0 ? undefined : document.toJS(),
    lineOf(path) {
      for (let depth = path.length; depth >= 0; depth--) {
        const parent =
          depth <= 1 ? document.contents : document.getIn(path.slice(0, depth - 1) as (string | number)[], true);
        const key = path[depth - 1];
        // A mapping's value is pointed at by its key's line ("order:"), not by its first item's.
        const pair =
          depth > 0 && isMap(parent) ? parent.items.find((p) => isScalar(p.key) && p.key.value === key) : undefined;
        const node =
          depth === 0 ? document.contents : document.getIn(path.slice(0, depth) as (string | number)[], true);
        const line = lineOfNode(pair?.key) ?? lineOfNode(node);
        if (line !== undefined) return line;
      }
      return undefined;
    },
    todoValues() {
      const found: { path: string; line: number | undefined; value: string }[] = [];
      walk(document.contents, [], (node, path) => {
        if (isScalar(node) && typeof node.value === 'string' && node.value.includes('TODO'))
          found.push({ path: path.join('.'), line: lineOfNode(node), value: node.value });
      });
      return found;
    },
    todoCommentLines() {
      // Comments that start with TODO (the draft's marks), not ones that merely mention the word.
      return text.split(/\r?\n/).flatMap((line, i) => (/(^|\s)#\s*TODO/.test(line) ? [i + 1] : []));
    },
  };
}

function walk(node: unknown, path: (string | number)[], visit: (node: Node, path: (string | number)[]) => void): void {
  if (!isNode(node)) return;
  visit(node, path);
  if (isMap(node))
    for (const pair of node.items)
      walk(pair.value, [...path, isScalar(pair.key) ? String(pair.key.value) : '?'], visit);
  if (isSeq(node)) for (const [i, item] of node.items.entries()) walk(item, [...path, i], visit);
}
