import { describe, expect, it } from 'vitest';
import { TABLEAU20 } from '../../../src/charts/colors.js';
import { breakdownRows, breakdownSpec, breakdownTable, OVERALL_NAME } from '../../../src/charts/index.js';
import { themeConfig } from '../../../src/charts/theme.js';
import { makeSegmentationFixture } from '../../helpers/segmentation-fixture.js';

const doc = makeSegmentationFixture();
const names = ['Advanced ML', 'Tabular ML', 'Getting started'];
const question = (code: string) => doc.questions.find((q) => q.code === code)!;

describe('breakdownRows', () => {
  it('lists bars in published order after "All professionals", answers in the question order', () => {
    const code = doc.profile.mlYears;
    const rows = breakdownRows(doc, code, { names });
    expect([...new Set(rows.map((r) => r.bar))]).toEqual([OVERALL_NAME, ...names]);
    const answers = question(code).answers.map((a) => a.label);
    for (const bar of [OVERALL_NAME, ...names])
      expect(rows.filter((r) => r.bar === bar).map((r) => r.answer)).toEqual(answers);
  });

  it('takes counts from the document and normalizes shares over answered members', () => {
    const code = doc.profile.gender!;
    const rows = breakdownRows(doc, code, { names, includeOverall: false });
    for (const segment of doc.segments) {
      const own = rows.filter((r) => r.segment === segment.index);
      expect(own.map((r) => r.count)).toEqual(segment.breakdowns[code].counts);
      expect(own.reduce((sum, r) => sum + r.share, 0)).toBeCloseTo(1, 12);
    }
  });

  it('shows a segment beside all professionals on a segment page', () => {
    const rows = breakdownRows(doc, doc.profile.role, { names, segments: [1] });
    expect([...new Set(rows.map((r) => r.bar))]).toEqual([OVERALL_NAME, 'Tabular ML']);
  });

  it('names the question when it has no breakdown', () => {
    expect(() => breakdownRows(doc, 'Q7')).toThrow(/Q7/);
    expect(() => breakdownRows(doc, 'Q99')).toThrow(/Q99/);
  });
});

describe('breakdownSpec', () => {
  it('colors and stacks ordered answers in their own order with a sequential scheme', () => {
    const code = doc.profile.mlYears;
    const spec = breakdownSpec(doc, code, { names }) as any;
    expect(spec.encoding.color.scale.domain).toEqual(question(code).answers.map((a) => a.label));
    // The sequential ramp comes from the theme (config.range.ordinal), lighter in the dark theme.
    expect(spec.encoding.color.type).toBe('ordinal');
    expect(spec.encoding.color.scale.scheme).toBeUndefined();
    expect((themeConfig('light').range as any).ordinal.scheme).toBe('inferno');
    expect(spec.encoding.order.field).toBe('answerOrder');
    expect(spec.encoding.y.sort).toEqual([OVERALL_NAME, ...names]);
  });

  it('uses tableau20 for unordered answers such as the job role', () => {
    const spec = breakdownSpec(doc, doc.profile.role, { names }) as any;
    expect(question(doc.profile.role).ordered).toBe(false);
    const domain: string[] = spec.encoding.color.scale.domain;
    const all = question(doc.profile.role).answers.map((a) => a.label);
    expect(spec.encoding.color.scale.range).toEqual(domain.map((a) => TABLEAU20[all.indexOf(a)]));
  });
});

describe('breakdownTable', () => {
  it('has counts per answer and the unanswered count per bar', () => {
    const code = doc.profile.gender!;
    const table = breakdownTable(doc, code, { names });
    expect(table.columns).toEqual(['segment', ...question(code).answers.map((a) => a.label), 'no answer']);
    expect(table.rows[0]).toEqual([
      OVERALL_NAME,
      ...doc.overall.breakdowns[code].counts,
      doc.overall.breakdowns[code].missing,
    ]);
  });
});
