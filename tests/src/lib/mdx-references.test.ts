import { describe, expect, it } from 'vitest';
import { type CheckContext, checkSummary, frontmatterPosition, type MdxNode } from '../../../src/lib/mdx-references.js';
import { makeSegmentationFixture } from '../../helpers/segmentation-fixture.js';

const doc = makeSegmentationFixture();
const source = [
  '---',
  'title: Vision',
  'shortName: Vision',
  'segment: vision',
  'merge:',
  '  - starters',
  '---',
  '',
  'Text <Share answer="Q7_Part_1"/>.',
].join('\n');

function element(name: string, attributes: Record<string, unknown>, line: number, column = 6): MdxNode {
  return {
    type: 'mdxJsxTextElement',
    name,
    attributes: Object.entries(attributes).map(([n, value]) => ({ type: 'mdxJsxAttribute', name: n, value })),
    children: [],
    position: { start: { line, column } },
  };
}

function context(frontmatter: Record<string, unknown> = { segment: 'vision', merge: ['starters'] }): CheckContext {
  return {
    file: 'content/segments/2020/vision.mdx',
    source,
    year: 2020,
    slug: 'vision',
    frontmatter,
    doc,
    knownSlugs: new Set(['vision', 'starters', 'tabular']),
    retiredSlugs: new Set(['old']),
  };
}

const root = (...children: MdxNode[]): MdxNode => ({ type: 'root', children: [{ type: 'paragraph', children }] });

describe('checkSummary', () => {
  it('accepts known answers and questions and gives each element its year and segment', () => {
    const share = element('Share', { answer: 'Q7_Part_1' }, 9);
    const breakdown = element('Breakdown', { question: 'Q4' }, 10);
    checkSummary(root(share, breakdown), context());
    expect(share.attributes).toContainEqual({ type: 'mdxJsxAttribute', name: 'year', value: '2020' });
    expect(breakdown.attributes).toContainEqual({ type: 'mdxJsxAttribute', name: 'segment', value: 'vision' });
  });

  it('names file, line and column of an unknown answer', () => {
    expect(() => checkSummary(root(element('Lift', { answer: 'Q7_Part_99' }, 12, 3)), context())).toThrow(
      'content/segments/2020/vision.mdx:12:3: <Lift answer="Q7_Part_99">: no answer "Q7_Part_99" in the 2020 segmentation',
    );
  });

  it("suggests the closest answer id and lists the question's ids with their texts", () => {
    const error = (() => {
      try {
        checkSummary(root(element('Share', { answer: 'Q7_Part_99' }, 12, 3)), context());
      } catch (e) {
        return (e as Error).message;
      }
      return '';
    })();
    const q7 = doc.features.filter((f) => f.question === 'Q7');
    expect(q7.length).toBeGreaterThan(0);
    expect(error).toMatch(/did you mean "Q7_Part_\d+"\?/);
    expect(error).toContain(`Q7's ids: ${q7[0].id} (${q7[0].label})`);
    expect(() => checkSummary(root(), context({ segment: 'visoin' }))).toThrow(/did you mean "vision"\?/);
  });

  it('rejects a question without breakdown, a missing attribute and an expression value', () => {
    expect(() => checkSummary(root(element('Breakdown', { question: 'Q7' }, 4)), context())).toThrow(
      ':4:6: <Breakdown question="Q7">: Q7 is not a profile question',
    );
    expect(() => checkSummary(root(element('Share', {}, 5)), context())).toThrow(
      ':5:6: <Share> needs a answer="..." attribute',
    );
    expect(() =>
      checkSummary(root(element('Share', { answer: { type: 'mdxJsxAttributeValueExpression' } }, 6)), context()),
    ).toThrow('must be a plain string');
  });

  it('points at the front matter line of an unknown segment or merge slug', () => {
    expect(() => checkSummary(root(), context({ segment: 'visoin' }))).toThrow(
      'vision.mdx:4:1: front matter segment "visoin" is not a segment of 2020',
    );
    expect(() => checkSummary(root(), context({ segment: 'vision', merge: ['startrs'] }))).toThrow(
      'vision.mdx:5:1: merge names "startrs"',
    );
    expect(() => checkSummary(root(), context({ segment: 'tabular' }))).toThrow(
      'does not match the file name "vision.mdx"',
    );
  });

  it('skips summaries of retired segments', () => {
    expect(() =>
      checkSummary(root(element('Share', { answer: 'nope' }, 3)), context({ segment: 'old' })),
    ).not.toThrow();
  });
});

describe('frontmatterPosition', () => {
  it('finds a key, or a list item under it', () => {
    expect(frontmatterPosition(source, 'segment', 'vision')).toEqual({ line: 4, column: 10 });
    expect(frontmatterPosition(source, 'merge', 'starters')).toEqual({ line: 6, column: 5 });
    expect(frontmatterPosition(source, 'missing')).toEqual({ line: 1, column: 1 });
  });
});
