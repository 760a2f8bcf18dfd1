import { describe, expect, it } from 'vitest';
import { formatPercent, formatPoints } from '../../../src/charts/format.js';
import { answerFigure, findAnswer, topAnswers } from '../../../src/lib/figures.js';
import { makeSegmentationFixture } from '../../helpers/segmentation-fixture.js';

const doc = makeSegmentationFixture();

describe('findAnswer and answerFigure', () => {
  it('reads a clustered answer from the segment rates and lift', () => {
    const ref = findAnswer(doc, 'Q7_Part_4')!;
    expect(ref.kind).toBe('feature');
    const f = doc.features.findIndex((x) => x.id === 'Q7_Part_4');
    const figure = answerFigure(doc, 1, ref);
    expect(figure).toMatchObject({
      label: 'C++',
      share: doc.segments[1].rates[f],
      overall: doc.overall.rates[f],
      lift: doc.segments[1].lift[f],
    });
  });

  it('reads a profile answer from breakdown counts, as a share of members who answered', () => {
    const ref = findAnswer(doc, 'Q4:2')!;
    expect(ref).toMatchObject({ kind: 'profile', question: 'Q4', answer: 2, label: 'Doctoral degree' });
    const b = doc.segments[0].breakdowns.Q4;
    const share = b.counts[2] / b.counts.reduce((x, y) => x + y, 0);
    expect(answerFigure(doc, 0, ref).share).toBeCloseTo(share, 12);
  });

  it('returns null for an id that is no answer', () => {
    expect(findAnswer(doc, 'Q99_Part_1')).toBeNull();
    expect(findAnswer(doc, 'Q4:9')).toBeNull();
  });
});

describe('topAnswers', () => {
  it('lists clustered answers by descending lift', () => {
    const top = topAnswers(doc, 2, 4);
    const best = Math.max(...doc.segments[2].lift);
    expect(top[0].lift).toBe(best);
    for (let i = 1; i < top.length; i++) expect(top[i].lift).toBeLessThanOrEqual(top[i - 1].lift);
  });
});

describe('formatting', () => {
  it('writes percentages and signed points', () => {
    expect(formatPercent(0.781)).toBe('78%');
    expect(formatPercent(0.004)).toBe('0.4%');
    expect(formatPercent(Number.NaN)).toBe('n/a');
    expect(formatPoints(0.372)).toBe('+37');
    expect(formatPoints(-0.04)).toBe('\u22124');
    expect(formatPoints(0.001)).toBe('0');
  });
});
