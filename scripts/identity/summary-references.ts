/**
 * The check of an editor's MDX against the data: front matter `segment` and `merge` slugs against the year's
 * registry, `<Share answer>`, `<Lift answer>` and `<Breakdown question>` against the segmentation, each wrong
 * reference as `<file>:<line>:<column>` with what was expected and the nearest ids. The site runs it at
 * compile time (src/lib/mdx-references.ts, a remark plugin); `summaries:check` runs it on every summary.
 */

import { answerIds } from '../document/answer-ids.js';
import { splitFrontMatter } from '../document/front-matter.js';
import type { Segmentation } from '../document/segmentation-schema.js';
import { findAnswer } from './answer-ref.js';
import { SUMMARY_COMPONENTS, type SummaryComponent } from './summary-components.js';

interface Point {
  line: number;
  column: number;
}
interface JsxAttribute {
  type: string;
  name?: string;
  value?: unknown;
}
export interface MdxNode {
  type: string;
  name?: string | null;
  attributes?: JsxAttribute[];
  children?: MdxNode[];
  position?: { start: Point };
}

export class MdxReferenceError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    reason: string,
  ) {
    super(`${file}:${line}:${column}: ${reason}`);
    this.name = 'MdxReferenceError';
  }
}

function walk(node: MdxNode, visit: (n: MdxNode) => void): void {
  visit(node);
  for (const child of node.children ?? []) walk(child, visit);
}

function stringAttribute(node: MdxNode, name: string): string | undefined | null {
  const attr = node.attributes?.find((a) => a.type === 'mdxJsxAttribute' && a.name === name);
  if (!attr) return undefined;
  return typeof attr.value === 'string' ? attr.value : null;
}

/** Line and column of a front-matter key (or of a list item under it) in the original source. */
export function frontmatterPosition(source: string, key: string, value?: string): Point {
  const { lines, end } = splitFrontMatter(source);
  const keyLine = lines.findIndex((l, i) => i < end && new RegExp(`^${key}\\s*:`).test(l));
  if (keyLine === -1) return { line: 1, column: 1 };
  if (value !== undefined) {
    for (let i = keyLine; i < end && (i === keyLine || /^\s|^-/.test(lines[i])); i++) {
      const column = lines[i].indexOf(value);
      if (column !== -1) return { line: i + 1, column: column + 1 };
    }
  }
  return { line: keyLine + 1, column: 1 };
}

/** Edits (insert, delete, replace a character) from one string to another. */
function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++)
      next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length];
}

/** `; did you mean "x"?` for the candidate closest to a misspelt id, when it is close (a third of its length). */
export function didYouMean(value: string, candidates: string[]): string {
  const best = candidates
    .map((c) => ({ c, d: editDistance(value.toLowerCase(), c.toLowerCase()) }))
    .sort((x, y) => x.d - y.d)[0];
  return best && best.d <= Math.max(2, Math.floor(value.length / 3)) ? `; did you mean "${best.c}"?` : '';
}

/** What a wrong answer id could have meant: the closest id, and the ids of its question with their texts. */
export function answerHint(doc: Segmentation, value: string): string {
  const ids = answerIds(doc);
  const question = value.replace(/(_Part_\d+|_OTHER|:\d+)$/, '');
  const ofQuestion = ids.filter((a) => a.question === question);
  const list =
    ofQuestion.length > 0
      ? `; ${question}'s ids: ${ofQuestion.map((a) => `${a.id} (${a.label})`).join(', ')}`
      : '; answer ids look like Q7_Part_1 or Q4:2 (`npm run answers -- --year YEAR QUESTION` lists them)';
  return `${didYouMean(
    value,
    ids.map((a) => a.id),
  )}${list}`;
}

export interface CheckContext {
  file: string;
  source: string;
  year: number;
  slug: string;
  frontmatter: Record<string, unknown>;
  doc: Segmentation;
  knownSlugs: Set<string>;
  /** Slugs of segments that no longer exist: their summaries are kept but not checked or shown. */
  retiredSlugs: Set<string>;
}

/** Checks the summary and adds context attributes; throws MdxReferenceError on the first wrong reference. */
export function checkSummary(tree: MdxNode, ctx: CheckContext): void {
  const fail = (at: Point, reason: string): never => {
    throw new MdxReferenceError(ctx.file, at.line, at.column, reason);
  };
  const segment = ctx.frontmatter.segment;
  if (typeof segment === 'string' && ctx.retiredSlugs.has(segment)) return;
  if (typeof segment !== 'string' || !ctx.knownSlugs.has(segment)) {
    fail(
      frontmatterPosition(ctx.source, 'segment', String(segment)),
      `front matter segment "${String(segment)}" is not a segment of ${ctx.year}${didYouMean(String(segment), [...ctx.knownSlugs])}; expected one of: ${[...ctx.knownSlugs].join(', ')}`,
    );
  }
  if (segment !== ctx.slug) {
    fail(
      frontmatterPosition(ctx.source, 'segment', String(segment)),
      `front matter segment "${String(segment)}" does not match the file name "${ctx.slug}.mdx"`,
    );
  }
  const merge = Array.isArray(ctx.frontmatter.merge) ? ctx.frontmatter.merge : [];
  for (const slug of merge) {
    if (typeof slug !== 'string' || (!ctx.knownSlugs.has(slug) && !ctx.retiredSlugs.has(slug))) {
      fail(
        frontmatterPosition(ctx.source, 'merge', String(slug)),
        `merge names "${String(slug)}", which is not a segment of ${ctx.year}; expected one of: ${[...ctx.knownSlugs].join(', ')}`,
      );
    }
  }
  walk(tree, (node) => {
    if ((node.type !== 'mdxJsxFlowElement' && node.type !== 'mdxJsxTextElement') || !node.name) return;
    const rule = SUMMARY_COMPONENTS[node.name as SummaryComponent];
    if (!rule) return;
    const at = node.position?.start ?? { line: 1, column: 1 };
    if (rule.kind) {
      const value = stringAttribute(node, rule.attribute);
      if (value === undefined) fail(at, `<${node.name}> needs a ${rule.attribute}="..." attribute`);
      if (value === null) fail(at, `<${node.name} ${rule.attribute}> must be a plain string, not an expression`);
      if (rule.kind === 'answer' && !findAnswer(ctx.doc, value as string)) {
        fail(
          at,
          `<${node.name} answer="${value}">: no answer "${value}" in the ${ctx.year} segmentation${answerHint(ctx.doc, value as string)}`,
        );
      }
      // Segment pages chart the profile questions only (job role, experience, company, education, gender).
      // A year may use one question for two roles (2017's Tenure is both coding and ML years): list it once.
      const profileCodes = [
        ...new Set(
          Object.values(ctx.doc.profile).filter(
            (c): c is string => typeof c === 'string' && ctx.doc.overall.breakdowns[c] !== undefined,
          ),
        ),
      ];
      if (rule.kind === 'question' && !profileCodes.includes(value as string)) {
        const clustered = ctx.doc.features.some((f) => f.question === value);
        fail(
          at,
          `<${node.name} question="${value}">: ${value} is not a profile question of ${ctx.year}${clustered ? ' (it is a clustered question: quote its answers with <Share answer>)' : ''}; expected one of: ${profileCodes.join(', ')}`,
        );
      }
    }
    node.attributes = (node.attributes ?? []).filter((a) => a.name !== 'year' && a.name !== 'segment');
    node.attributes.push({ type: 'mdxJsxAttribute', name: 'year', value: String(ctx.year) });
    node.attributes.push({ type: 'mdxJsxAttribute', name: 'segment', value: ctx.slug });
  });
}
