import { describe, expect, it } from 'vitest';
import { SLUG_PATTERN } from '../../../scripts/document/registry-schema.js';
import { matchSegments } from '../../../scripts/identity/match.js';
import { answerShortForm, baseSlug, MAX_SLUG_LENGTH, uniqueSlug } from '../../../scripts/identity/slug.js';
import { distinctProfiles, featureCount, makeSegmentation } from '../../helpers/synthetic-segmentation.js';

/** A lift vector with the given feature positions on top, in that order. */
function liftWithTop(positions: number[]): number[] {
  const lift = new Array(featureCount()).fill(-0.01);
  for (const [rank, p] of positions.entries()) lift[p] = 0.4 - rank * 0.05;
  return lift;
}

describe('answerShortForm', () => {
  it.each([
    ['Amazon Web Services (AWS)', 'cloud platforms', 'aws'],
    ['Convolutional Neural Networks', 'ML algorithms', 'cnn'],
    // Made-up initials do not read as words: a product name is known by its last words.
    ['Microsoft Power BI', 'BI tools', 'power-bi'],
    ['Google Cloud Compute Engine', 'cloud compute', 'compute-engine'],
    ['Microsoft Azure Virtual Machines', 'cloud compute', 'virtual-machines'],
    ['I have not used any cloud providers', 'cloud platforms', 'no-cloud'],
    ['Transformer Networks (BERT, gpt-3, etc)', 'ML algorithms', 'transformer-networks'],
    ['Visual Studio Code (VSCode)', 'IDEs', 'vscode'],
    ['Vim / Emacs', 'IDEs', 'vim'],
    ['C++', 'languages', 'cpp'],
    ['Fast.ai', 'ML frameworks', 'fastai'],
    ['Scikit-learn', 'ML frameworks', 'scikit-learn'],
    ['Linear or Logistic Regression', 'ML algorithms', 'linear-logistic'],
    ['None', 'cloud platforms', 'no-cloud'],
    ['No / None', 'cloud platforms', 'no-cloud'],
    ['Other', 'languages regular', 'other-languages'],
  ])('%s -> %s', (label, question, expected) => {
    expect(answerShortForm(label, question)).toBe(expected);
  });
});

describe('segment slugs', () => {
  it('joins the short forms of the top answers in kebab case', () => {
    // Features: 7 = TensorFlow, 8 = Keras, 13 = Convolutional Neural Networks.
    const doc = makeSegmentation([{ lift: liftWithTop([7, 8, 13]), size: 10 }]);
    expect(baseSlug(doc, 0)).toBe('tensorflow-keras-cnn');
  });

  it('stays within the length limit and skips repeated short forms', () => {
    // 5 and 19 are both "None" of their question, 14 is the long transformer answer.
    const doc = makeSegmentation([{ lift: liftWithTop([14, 12, 13, 19]), size: 10 }]);
    const slug = baseSlug(doc, 0);
    expect(slug.length).toBeLessThanOrEqual(MAX_SLUG_LENGTH);
    expect(slug).toMatch(SLUG_PATTERN);
    expect(slug.startsWith('transformer-networks-linear-logistic')).toBe(true);
  });

  it('never reuses a slug, retired ones included', () => {
    const doc = makeSegmentation([
      { lift: liftWithTop([0, 2]), size: 10 },
      { lift: liftWithTop([0, 2]), size: 9 },
    ]);
    const base = baseSlug(doc, 0);
    expect(uniqueSlug(doc, 0, new Set([base]))).toBe(`${base}-2`);
    expect(uniqueSlug(doc, 0, new Set([base, `${base}-2`]))).toBe(`${base}-3`);
    const first = matchSegments(null, doc);
    expect(first.registry.segments.map((e) => e.slug)).toEqual([base, `${base}-2`]);
    // Retire both, then a run with a look-alike but unmatched segment must not get either name back.
    const opposite = makeSegmentation([
      { lift: liftWithTop([0, 2]).map((l, i) => (i === 0 || i === 2 ? l : -l * 30)), size: 5 },
    ]);
    expect(baseSlug(opposite, 0)).toBe(base); // same name wanted, so deduplication has work to do
    const retiring = matchSegments(first.registry, opposite, { threshold: 0.99 });
    const fresh = retiring.registry.segments.find((e) => e.status === 'new')!;
    expect(retiring.registry.segments.filter((e) => e.status === 'retired')).toHaveLength(2);
    expect(fresh.slug).toBe(`${base}-3`);
    expect(fresh.slug).toMatch(SLUG_PATTERN);
  });

  it('gives every segment of a run a distinct kebab-case slug', () => {
    const doc = makeSegmentation(distinctProfiles(6, 3).map((lift, i) => ({ lift, size: 10 + i })));
    const slugs = matchSegments(null, doc).registry.segments.map((e) => e.slug);
    expect(new Set(slugs).size).toBe(6);
    for (const slug of slugs) {
      expect(slug).toMatch(SLUG_PATTERN);
      expect(slug.length).toBeLessThanOrEqual(MAX_SLUG_LENGTH + 3);
    }
  });
});
